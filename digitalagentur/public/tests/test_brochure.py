"""The public strategy brochure of a frozen version: the page (no drafts), 404 for versions
the public may not see, and the PDF that is queued once, then served from storage."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from digitalagentur.core import testing as t
from digitalagentur.reports import brochure, tasks
from digitalagentur.reports.models import Brochure
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
        # Being made: not a PDF, so not 200 (wget and "save as" would store HTML as .pdf).
        assert response.status_code == 202 and response["Content-Type"].startswith("text/html")
        assert response["Retry-After"] == "5"
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


def test_a_failed_pdf_shows_a_generic_message_and_may_be_retried_after_a_cool_down(
    client, version, django_capture_on_commit_callbacks
):
    url = reverse("public:brochure_pdf", args=[version.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    job = DBTaskResult.objects.get(task_path=tasks.make_brochure.module_path)
    with mock.patch.object(brochure, "render_pdf", side_effect=RuntimeError("/srv/geheim kaputt")):
        tasks.make_brochure.call(*job.args_kwargs["args"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url + "?erneut=1")
    body = response.content.decode()
    assert response.status_code == 503 and int(response["Retry-After"]) > 500
    assert "Die Broschüre konnte nicht erstellt werden." in body
    assert "geheim" not in body and "RuntimeError" not in body
    assert "?erneut=1" not in body and "Ein neuer Versuch ist in 10 Minuten möglich." in body
    jobs = DBTaskResult.objects.filter(task_path=tasks.make_brochure.module_path)
    assert jobs.count() == 1  # no retry within the cool-down
    past = timezone.now() - brochure.RETRY_COOLDOWN - datetime.timedelta(seconds=1)
    Brochure.objects.update(generation_changed=past)
    response = client.get(url)
    assert response.status_code == 503 and "?erneut=1" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url + "?erneut=1")
    assert response.status_code == 202 and jobs.count() == 2


def test_a_stuck_pdf_offers_the_retry_link(client, version, django_capture_on_commit_callbacks):
    url = reverse("public:brochure_pdf", args=[version.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    past = timezone.now() - brochure.STALE_AFTER - datetime.timedelta(seconds=1)
    Brochure.objects.update(generation_state="running", generation_changed=past)
    response = client.get(url)
    body = response.content.decode()
    assert (
        response.status_code == 503 and "?erneut=1" in body and "data-report-progress" not in body
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url + "?erneut=1").status_code == 202
    assert DBTaskResult.objects.filter(task_path=tasks.make_brochure.module_path).count() == 2
