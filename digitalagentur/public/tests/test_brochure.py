"""The public strategy brochure of a frozen version: the page (no drafts), 404 for versions
the public may not see, and the PDF that is queued once, then served from storage."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from digitalagentur.core import testing as t
from digitalagentur.reports import tasks
from digitalagentur.strategy.models import Strategy
from digitalagentur.strategy.versions import freeze_version

from .conftest import SECRETS, build_public_site


@pytest.fixture
def version(region, strategy, town, other_town):
    build_public_site(region, strategy, town, other_town)
    return freeze_version(strategy, "Fassung 2024")


def test_brochure_page_shows_the_version_without_drafts(client, version):
    response = client.get(reverse("public:brochure", args=[version.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1") == 1 and '<html lang="de">' in body
    for text in ("Vision", "Verwaltung", "P1: Online ins Rathaus", "Prioritätenübersicht"):
        assert text in body
    for secret in SECRETS:
        assert secret not in body
    assert reverse("public:brochure_pdf", args=[version.pk]) in body


def test_strategy_page_links_the_brochures(client, version):
    body = client.get(reverse("public:strategy")).content.decode()
    assert reverse("public:brochure", args=[version.pk]) in body
    assert reverse("public:brochure_pdf", args=[version.pk]) in body


def test_unknown_foreign_or_unpublished_versions_are_404(client, version, other_region):
    foreign = freeze_version(t.make_strategy(other_region), "Fremd")
    for pk in (foreign.pk, 999999):
        assert client.get(reverse("public:brochure", args=[pk])).status_code == 404
        assert client.get(reverse("public:brochure_pdf", args=[pk])).status_code == 404
    Strategy.objects.filter(pk=version.strategy_id).update(published=False)
    assert client.get(reverse("public:brochure", args=[version.pk])).status_code == 404
    assert client.get(reverse("public:brochure_pdf", args=[version.pk])).status_code == 404


def test_pdf_is_queued_once_then_served(client, version, django_capture_on_commit_callbacks):
    url = reverse("public:brochure_pdf", args=[version.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get(url)
        second = client.get(url)
    for response in (first, second):
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
        assert "<progress" in response.content.decode()
        assert response["Cache-Control"] == "no-store"
    jobs = DBTaskResult.objects.filter(task_path=tasks.make_brochure.module_path)
    assert jobs.count() == 1
    tasks.make_brochure.call(*jobs.get().args_kwargs["args"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="strategie-fassung-2024.pdf"'
    assert response.content.startswith(b"%PDF")
    assert jobs.count() == 1
