"""The internal brochure of a frozen version: drafts shown, region isolated, PDF queued."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from digitalagentur.portfolio.models import Project
from digitalagentur.reports import brochure, tasks
from digitalagentur.reports.models import Brochure
from digitalagentur.strategy.versions import freeze_version


def test_version_page_links_the_internal_brochure(client, world, login):
    login("reader")
    body = client.get(reverse("staff:version_detail", args=[world.version.pk])).content.decode()
    assert reverse("staff:version_brochure", args=[world.version.pk]) in body
    assert reverse("staff:version_brochure_pdf", args=[world.version.pk]) in body


def test_internal_brochure_shows_drafts(client, world, login):
    Project.objects.filter(pk__in=[world.draft_project.pk, world.own_project.pk]).update(
        is_strategy_project=True
    )
    version = freeze_version(world.strategy, "Mit Entwürfen")
    login("reader")
    response = client.get(reverse("staff:version_brochure", args=[version.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert world.draft_project.title in body and "Interne Fassung" in body
    assert world.own_project.title in body and world.field.name in body


def test_brochure_of_another_region_is_404_and_anonymous_must_log_in(client, world, login):
    url = reverse("staff:version_brochure", args=[world.version.pk])
    assert client.get(url).status_code == 302
    login("reader")
    for name in ("staff:version_brochure", "staff:version_brochure_pdf"):
        assert client.get(reverse(name, args=[world.foreign_version.pk])).status_code == 404


def test_internal_pdf_is_queued_then_served(
    client, world, login, django_capture_on_commit_callbacks
):
    login("coordinator")
    url = reverse("staff:version_brochure_pdf", args=[world.version.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert "<progress" in response.content.decode()
    job = DBTaskResult.objects.get(task_path=tasks.make_brochure.module_path)
    tasks.make_brochure.call(*job.args_kwargs["args"])
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "-intern.pdf" in response["Content-Disposition"]


def test_coordination_remakes_a_stored_pdf(
    client, world, login, django_capture_on_commit_callbacks
):
    url = reverse("staff:version_brochure", args=[world.version.pk])
    stored = brochure.request_pdf(world.version, public=True)
    tasks.make_brochure.call(stored.pk)
    login("reader")
    body = client.get(url).content.decode()
    assert "PDF neu erstellen" not in body and "erstellt am" in body
    assert client.post(url, {"variant": "public"}).status_code == 403
    assert Brochure.objects.get(pk=stored.pk).ready
    client.logout()
    login("coordinator")
    assert "PDF neu erstellen" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"variant": "public"})
    assert response.status_code == 302
    remade = Brochure.objects.get(pk=stored.pk)
    assert not remade.ready and remade.generation_state == "queued"
    assert DBTaskResult.objects.filter(task_path=tasks.make_brochure.module_path).count() == 1
    assert client.post(url, {"variant": "egal"}).status_code == 302


def test_remaking_needs_the_csrf_token(world, login, client):
    from django.test import Client

    login("coordinator")
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies
    url = reverse("staff:version_brochure", args=[world.version.pk])
    assert strict.post(url, {"variant": "public"}).status_code == 403


def test_staff_see_the_error_of_a_failed_pdf(
    client, world, login, django_capture_on_commit_callbacks
):
    stored = brochure.request_pdf(world.version, public=False)
    with mock.patch.object(brochure, "render_pdf", side_effect=RuntimeError("Schrift fehlt")):
        brochure.make_stored(stored.pk)
    login("reader")
    url = reverse("staff:version_brochure_pdf", args=[world.version.pk])
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 503
    assert "Schrift fehlt" in body and "?erneut=1" in body  # staff retry at once
    page = client.get(reverse("staff:version_brochure", args=[world.version.pk]))
    assert "Schrift fehlt" in page.content.decode()
