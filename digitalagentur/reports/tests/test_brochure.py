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


# -- review H: header text, demo Leitbilder, adoptions on the cover, totals, stuck jobs ------


def test_running_header_holds_a_name_with_css_special_characters_verbatim(version):
    name = 'Fassung 2021-B; Entwurf & Beschluss "neu"'
    type(version).objects.filter(pk=version.pk).update(name=name)
    version.refresh_from_db()
    _reader, text = pdf_text(brochure.render_pdf(version, True))
    pages = text.split("\n")
    assert f"Strategie A · {name}" in flat(text)
    assert "u002D" not in text and "u0022" not in text and pages


def test_demo_leitbilder_are_marked_and_not_counted(version, strategy):
    snap_fields = version.snapshot["fields"]
    assert snap_fields["bildung"]["guiding_principle_is_demo_text"] is False
    strategy.fields.filter(slug="bildung").update(guiding_principle_is_demo_text=True)
    demo = freeze_version(Strategy.objects.get(pk=strategy.pk), "Fassung Demo")
    assert demo.snapshot["fields"]["bildung"]["guiding_principle_is_demo_text"] is True
    ctx = brochure.context(demo, public=True)
    school = next(f for f in ctx["fields"] if f["slug"] == "bildung")
    assert school["principle_is_demo"] is True
    figures = {f["label"]: f["number"] for f in ctx["figures"]}
    assert figures.get("Leitbild") == 1  # Verwaltung's only; Bildung's is demo text
    _reader, text = pdf_text(brochure.render_pdf(demo, True))
    assert "Beispieltext (Demo) Lernen mit Freude." in flat(text)
    assert "1 Leitbild" in flat(text)


def test_an_old_snapshot_without_the_flag_falls_back_to_the_live_field(version, strategy):
    snap = version.snapshot
    for item in snap["fields"].values():
        item.pop("guiding_principle_is_demo_text")
    type(version).objects.filter(pk=version.pk).update(snapshot=snap)
    version.refresh_from_db()
    strategy.fields.filter(slug="verwaltung").update(guiding_principle_is_demo_text=True)
    flags = {
        f["slug"]: f["principle_is_demo"] for f in brochure.context(version, public=True)["fields"]
    }
    assert flags == {"verwaltung": True, "bildung": False}


def test_the_missing_flag_of_an_old_snapshot_is_no_change_in_a_comparison(version):
    from digitalagentur.strategy.versions import diff_snapshots

    old = {"fields": {"a": {"name": "A"}}}
    new = {"fields": {"a": {"name": "A", "guiding_principle_is_demo_text": False}}}
    assert diff_snapshots(old, new)["fields"]["changed"] == []
    new["fields"]["a"]["guiding_principle_is_demo_text"] = True
    assert diff_snapshots(old, new)["fields"]["changed"][0]["changes"][0]["attribute"] == (
        "guiding_principle_is_demo_text"
    )


@pytest.fixture
def adoptions(version, region, town, other_town):
    import datetime

    from digitalagentur.directory.choices import BodyKind
    from digitalagentur.directory.models import Body
    from digitalagentur.strategy.models import Adoption

    def body(slug, name, municipality=None):
        return Body.objects.create(
            region=region, slug=slug, name=name, kind=BodyKind.COUNCIL, municipality=municipality
        )

    kreistag = body("kreistag", "Kreistag A")
    rows = [
        (kreistag, None, datetime.date(2021, 10, 1), "month", "adopted"),
        (
            body("rat-h", "Rat der Gemeinde Havixbeck", town),
            town,
            datetime.date(2021, 7, 1),
            "day",
            "adopted",
        ),
        (
            body("rat-s", "Rat der Stadt Senden", other_town),
            other_town,
            datetime.date(2021, 10, 1),
            "month",
            "adopted",
        ),
        (kreistag, None, datetime.date(2021, 6, 24), "day", "recommended"),
    ]
    for b, municipality, date, precision, decision in rows:
        Adoption.objects.create(
            region=region,
            version=version,
            body=b,
            municipality=municipality,
            date=date,
            date_precision=precision,
            decision=decision,
        )
    return rows


def test_cover_names_the_adoptions_with_their_precision(version, adoptions, monkeypatch):
    ctx = brochure.context(version, public=True)
    assert ctx["adoptions"] == [
        "Kreistag A: beschlossen im Oktober 2021",
        "Rat der Gemeinde Havixbeck: beschlossen am 01.07.2021",
        "Rat der Stadt Senden: beschlossen im Oktober 2021",
    ]
    monkeypatch.setattr(brochure, "TOWNS_LISTED", 1)
    towns = len(brochure.town_names_of(version))
    lines = brochure.context(version, public=True)["adoptions"]
    summary = "zwischen Juli 2021 und Oktober 2021"
    if towns == 2:
        assert lines[1] == f"Alle 2 Städte und Gemeinden: beschlossen {summary}"
    else:
        assert lines[1] == f"2 von {towns} Städten und Gemeinden: beschlossen {summary}"
    monkeypatch.undo()
    _reader, text = pdf_text(brochure.render_pdf(version, True))
    text = flat(text)
    assert "Kreistag A: beschlossen im Oktober 2021" in text
    assert "eingefroren" not in text and "Stand:" not in text


def test_cover_without_adoptions_gives_the_date_of_the_version(version):
    ctx = brochure.context(version, public=True)
    assert ctx["adoptions"] == []
    html = brochure.render_html(version, True)
    assert f"Stand: {version.created:%d.%m.%Y}" in html and "eingefroren" not in html


def test_priority_overview_adds_up_with_the_cover(version):
    ctx = brochure.context(version, public=True)
    assert [p["name"] for p in ctx["unassigned"]] == ["Projekt ohne sichtbares Feld"]
    html = brochure.render_html(version, True)
    assert "Projekte ohne veröffentlichtes Handlungsfeld" in html
    assert "zuerst bearbeitet" not in html
    figures = {f["label"]: f["number"] for f in ctx["figures"]}
    in_table = sum(len(f["projects"]) for f in ctx["fields"]) + len(ctx["unassigned"])
    assert in_table == figures["Projekte"] == 3
    internal = brochure.render_html(version, False)
    assert "Projekte ohne veröffentlichtes Handlungsfeld" not in internal


def jobs():
    return DBTaskResult.objects.filter(task_path=tasks.make_brochure.module_path)


@pytest.mark.parametrize("state", [GenerationState.QUEUED, GenerationState.RUNNING])
def test_a_stuck_job_may_be_started_again_after_a_while(
    version, state, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        stored = brochure.request_pdf(version, public=True)
    Brochure.objects.filter(pk=stored.pk).update(generation_state=state)
    with django_capture_on_commit_callbacks(execute=True):
        again = brochure.request_pdf(version, public=True, retry=True)
    assert again.generation_state == state and not brochure.can_retry(again, cooldown=True)
    assert jobs().count() == 1
    old = timezone.now() - brochure.STALE_AFTER - datetime.timedelta(seconds=1)
    Brochure.objects.filter(pk=stored.pk).update(generation_changed=old)
    stuck = brochure.stored(version, public=True)
    assert brochure.is_stale(stuck) and brochure.can_retry(stuck, cooldown=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert brochure.request_pdf(version, public=True).generation_state == state  # no retry
        restarted = brochure.request_pdf(version, public=True, retry=True)
        brochure.request_pdf(version, public=True, retry=True)  # queued once only
    assert restarted.generation_state == GenerationState.QUEUED
    assert not brochure.is_stale(restarted)
    assert jobs().count() == 2
    # Both the stuck job (if it ever wakes up) and the new one run: the PDF is stored once.
    results = [tasks.make_brochure.call(stored.pk)["state"] for _ in range(2)]
    assert results == ["made", "exists"]


def test_a_job_that_cannot_be_queued_is_recorded_as_failed(
    version, django_capture_on_commit_callbacks
):
    broken = mock.Mock(enqueue=mock.Mock(side_effect=RuntimeError("weg")))
    with mock.patch.object(tasks, "make_brochure", broken):
        with django_capture_on_commit_callbacks(execute=True):
            brochure.request_pdf(version, public=True)
    assert brochure.stored(version, public=True).generation_state == GenerationState.FAILED


def test_a_pdf_of_an_older_render_version_counts_as_not_made(
    version, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        stored = brochure.request_pdf(version, public=True)
    assert tasks.make_brochure.call(stored.pk) == {"state": "made"}
    assert brochure.stored(version, public=True).render_version == brochure.RENDER_VERSION
    Brochure.objects.filter(pk=stored.pk).update(render_version=brochure.RENDER_VERSION - 1)
    with django_capture_on_commit_callbacks(execute=True):
        outdated = brochure.request_pdf(version, public=True)
    assert not outdated.ready and outdated.generation_state == GenerationState.QUEUED
    assert jobs().count() == 2
    assert tasks.make_brochure.call(stored.pk) == {"state": "made"}
    assert brochure.stored(version, public=True).ready


def test_remaking_drops_the_pdf_and_queues_one_job(version, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stored = brochure.request_pdf(version, public=False)
    tasks.make_brochure.call(stored.pk)
    with django_capture_on_commit_callbacks(execute=True):
        remade = brochure.remake_pdf(version, public=False)
        brochure.remake_pdf(version, public=False)  # a second click while queued: no new job
    assert not remade.ready and remade.generation_state == GenerationState.QUEUED
    assert jobs().count() == 2
    assert tasks.make_brochure.call(stored.pk) == {"state": "made"}
