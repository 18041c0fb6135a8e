"""The strategy brochure (issue 10 §2): content from the frozen snapshot only, the public
variant without drafts, the PDF's text, language and title, the command and the job."""

from __future__ import annotations

import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from digitalagentur.core import testing as t
from digitalagentur.reports import brochure, tasks
from digitalagentur.reports.choices import GenerationState
from digitalagentur.reports.models import Brochure
from digitalagentur.strategy.models import Strategy
from digitalagentur.strategy.versions import freeze_version

VISION = "Gemeinsam gestalten wir die digitale Zukunft des Kreises."


@pytest.fixture
def version(region, strategy, town, other_town):
    Strategy.objects.filter(pk=strategy.pk).update(
        vision=VISION, subtitle="Digitalisierungsstrategie", introduction="Wie alles begann."
    )
    admin = t.make_field(strategy, "Verwaltung", priority=1)
    school = t.make_field(strategy, "Bildung", priority=2, guiding_principle="Lernen mit Freude.")
    hidden = t.make_field(strategy, "Geheimfeld", priority=3, published=False)
    t.make_goal(admin, "Alle Leistungen online")
    t.make_goal(admin, "Entwurfsziel", published=False)
    t.make_project(
        region,
        "Online ins Rathaus",
        towns=[town, other_town],
        field=admin,
        code="P1",
        is_strategy_project=True,
        summary="Anträge digital stellen.",
    )
    t.make_project(
        region, "Lernen 12.0", towns=[town], field=school, code="P2", is_strategy_project=True
    )
    t.make_project(
        region, "Entwurfsprojekt", field=admin, code="P3", is_strategy_project=True, published=False
    )
    t.make_project(region, "Projekt ohne sichtbares Feld", field=hidden, is_strategy_project=True)
    t.make_project(region, "Kein Strategieprojekt", field=admin)
    return freeze_version(Strategy.objects.get(pk=strategy.pk), "Fassung 2021")


def names(items):
    return [item["name"] for item in items]


def test_public_context_holds_the_snapshot_without_drafts(version):
    ctx = brochure.context(version, public=True)
    assert ctx["vision"] == VISION
    assert names(ctx["fields"]) == ["Verwaltung", "Bildung"]
    admin = ctx["fields"][0]
    assert admin["goals"] == ["Alle Leistungen online"] and admin["draft_goals"] == []
    assert [p["name"] for p in admin["projects"]] == ["P1: Online ins Rathaus"]
    assert names(ctx["projects"]) == [
        "P1: Online ins Rathaus",
        "P2: Lernen 12.0",
        "Projekt ohne sichtbares Feld",  # published, but its draft field is not named
    ]
    assert ctx["projects"][2]["field"] == ""
    assert ctx["projects"][0]["towns"] == ["Havixbeck", "Senden"]
    figures = {f["label"]: f["number"] for f in ctx["figures"]}
    assert figures["Handlungsfelder"] == 2
    assert figures["Projekte"] == 3
    assert figures["Städte und Gemeinden"] == 2
    assert figures["Prioritätengruppen"] == 2
    assert [g["label"] for g in ctx["groups"]] == ["Priorität I", "Priorität II"]


def test_internal_context_shows_drafts_marked(version):
    ctx = brochure.context(version, public=False)
    assert names(ctx["fields"]) == ["Verwaltung", "Bildung", "Geheimfeld"]
    assert ctx["fields"][2]["draft"] is True
    assert ctx["fields"][0]["draft_goals"] == ["Entwurfsziel"]
    drafts = [p["name"] for p in ctx["projects"] if p["draft"]]
    assert drafts == ["P3: Entwurfsprojekt"]
    assert "Kein Strategieprojekt" not in names(ctx["projects"])


def test_context_comes_from_the_frozen_snapshot_not_the_live_data(version, strategy):
    Strategy.objects.filter(pk=strategy.pk).update(vision="Ganz neue Vision.")
    strategy.fields.filter(name="Verwaltung").update(name="Umbenannt")
    ctx = brochure.context(version, public=True)
    assert ctx["vision"] == VISION
    assert "Verwaltung" in names(ctx["fields"]) and "Umbenannt" not in names(ctx["fields"])


def pdf_text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_holds_vision_fields_projects_and_priorities(version):
    reader, text = pdf_text(brochure.render_pdf(version, True))
    text = flat(text)
    assert VISION in text
    for name in ("Verwaltung", "Bildung", "P1: Online ins Rathaus", "P2: Lernen 12.0"):
        assert name in text
    assert "Lernen mit Freude." in text and "Alle Leistungen online" in text
    assert "Prioritätenübersicht" in text and "Priorität II" in text
    assert "Projektsteckbriefe" in text and "Anträge digital stellen." in text
    for draft in ("Geheimfeld", "Entwurfsziel", "Entwurfsprojekt", "Kein Strategieprojekt"):
        assert draft not in text
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert reader.metadata.title == "Strategie A – Fassung 2021"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    assert len(reader.pages) >= 5  # cover, contents, chapters on their own pages


def test_internal_pdf_shows_drafts(version):
    _reader, text = pdf_text(brochure.render_pdf(version, False))
    assert "Geheimfeld" in text and "Entwurfsziel" in text and "Interne Fassung" in text


def test_pdf_reports_progress_and_fetches_nothing_from_outside(version):
    steps = []
    brochure.render_pdf(version, True, progress=lambda done, total: steps.append((done, total)))
    assert steps[0] == (0, 4) and steps[-1] == (4, 4)
    fetcher = brochure.url_fetcher()
    with pytest.raises(ValueError):
        fetcher("https://example.org/tracker.png")
    with pytest.raises(ValueError):
        fetcher("file:///etc/passwd")
    assert fetcher("data:text/plain,ok").read() == b"ok"
    assert fetcher(f"file://{brochure.FONT_DIR}/DejaVuSans.ttf").read(4)


def test_command_writes_a_pdf_for_a_version_by_name_and_by_id(version, tmp_path):
    by_name, by_id = tmp_path / "name.pdf", tmp_path / "id.pdf"
    err = io.StringIO()
    call_command(
        "brochure",
        "--version",
        "fassung 2021",
        "--output",
        str(by_name),
        stdout=io.StringIO(),
        stderr=err,
    )
    call_command(
        "brochure",
        f"--version={version.pk}",
        "--output",
        str(by_id),
        "--region",
        "kreis-a",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    for path in (by_name, by_id):
        _reader, text = pdf_text(path.read_bytes())
        assert VISION in flat(text)
    assert "PDF wird geschrieben" in err.getvalue()
    html = tmp_path / "b.html"
    call_command(
        "brochure",
        "--version",
        "Fassung 2021",
        "--internal",
        "--format",
        "html",
        "--output",
        str(html),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert "Geheimfeld" in html.read_text() and '<html lang="de">' in html.read_text()


def test_command_errors_in_german(version, tmp_path):
    out = str(tmp_path / "x.pdf")
    with pytest.raises(CommandError, match="Die Fassung „Fassung 1999“ gibt es"):
        call_command("brochure", "--version", "Fassung 1999", "--output", out)
    with pytest.raises(CommandError, match="Die Fassung „999999“ gibt es"):
        call_command("brochure", "--version", "999999", "--output", out)
    with pytest.raises(CommandError, match="Die Region „nirgendwo“ gibt es nicht"):
        call_command("brochure", "--version", "1", "--region", "nirgendwo", "--output", out)


def test_requesting_queues_one_job_and_the_job_stores_the_pdf_once(
    version, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = brochure.request_pdf(version, public=True)
        again = brochure.request_pdf(version, public=True)
    assert first.pk == again.pk and again.generation_state == GenerationState.QUEUED
    jobs = DBTaskResult.objects.filter(task_path=tasks.make_brochure.module_path)
    assert [job.args_kwargs["args"] for job in jobs] == [[first.pk]]

    real = brochure.render_pdf
    with mock.patch.object(brochure, "render_pdf", side_effect=real) as render:
        assert tasks.make_brochure.call(first.pk) == {"state": "made"}
        assert tasks.make_brochure.call(first.pk) == {"state": "exists"}
    assert render.call_count == 1
    stored = Brochure.objects.get()
    assert stored.ready and stored.generation_progress == 100
    assert bytes(stored.pdf).startswith(b"%PDF")
    # Made: asking again queues nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert brochure.request_pdf(version, public=True).ready
    assert jobs.count() == 1


def test_a_failed_job_is_recorded_and_queued_again_only_on_retry(
    version, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        stored = brochure.request_pdf(version, public=False)
    with mock.patch.object(brochure, "render_pdf", side_effect=RuntimeError("kaputt")):
        assert tasks.make_brochure.call(stored.pk) == {"state": "failed"}
    stored.refresh_from_db()
    assert stored.generation_state == GenerationState.FAILED and "kaputt" in stored.generation_error
    jobs = DBTaskResult.objects.filter(task_path=tasks.make_brochure.module_path)
    with django_capture_on_commit_callbacks(execute=True):
        assert brochure.request_pdf(version, public=False).generation_state == "failed"
    assert jobs.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert brochure.request_pdf(version, public=False, retry=True).generation_state == "queued"
    assert jobs.count() == 2


def test_making_a_brochure_does_not_raise_the_content_version(version, region):
    before = type(region).objects.get(pk=region.pk).content_version
    stored = brochure.request_pdf(version, public=True)
    brochure.make_stored(stored.pk)
    assert type(region).objects.get(pk=region.pk).content_version == before
