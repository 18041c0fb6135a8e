"""Status reports in the staff area (issue 10, §1): rights, list, create, edit with optimistic
locking, regenerate without losing edits, exports and deleting drafts."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from digitalagentur.directory.choices import BodyKind
from digitalagentur.directory.models import Body
from digitalagentur.reports import rules
from digitalagentur.reports.choices import GenerationState, ReportStatus
from digitalagentur.reports.models import StatusReport
from digitalagentur.staff.views.reports import text_blocks
from digitalagentur.strategy.choices import Topic

pytestmark = pytest.mark.django_db

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def page(response) -> str:
    return response.content.decode()


def make_body(region, name="Ausschuss für Finanzen, Wirtschaftsförderung und Digitalisierung"):
    return Body.objects.create(
        region=region,
        slug=f"ausschuss-{Body.objects.count() + 1}",
        name=name,
        kind=BodyKind.COMMITTEE,
    )


def sections(*keys, edited=()):
    return [
        {
            "key": key,
            "title": f"Abschnitt {key}",
            "generated": f"Erzeugter Text {key}.",
            "text": f"Bearbeiteter Text {key}." if key in edited else f"Erzeugter Text {key}.",
        }
        for key in keys
    ]


def make_report(region, body, n=1, **fields):
    values = {
        "region": region,
        "body": body,
        "title": f"Sachstandsbericht Digitalisierung {n}",
        "reference": f"SV-10-{n:04d}",
        "date": datetime.date(2022, 8, 18) + datetime.timedelta(days=n),
        "period_start": datetime.date(2022, 3, 17),
        "period_end": datetime.date(2022, 9, 13),
        "topics": ["strategy", "projects"],
        "resolution": "Der Sachstandsbericht wird zur Kenntnis genommen.",
        "sections": sections("intro", "strategy", "projects"),
    }
    values.update(fields)
    return StatusReport.objects.create(**values)


@pytest.fixture
def body(region):
    return make_body(region)


@pytest.fixture
def report(region, body):
    return make_report(region, body)


@pytest.fixture
def foreign_report(other_region):
    return make_report(other_region, make_body(other_region), n=99)


def edit_data(report, **overrides) -> dict:
    report.refresh_from_db()
    data = {
        "title": report.title,
        "reference": report.reference,
        "date": report.date.isoformat(),
        "status": report.status,
        "resolution": report.resolution,
        "attachments": report.attachments,
        "version": report.version,
    }
    for section in report.sections:
        data[f"section_{section['key']}"] = section["text"]
    data.update(overrides)
    return data


# -- rights ----------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, report):
    for name, args in [
        ("report_list", []),
        ("report_create", []),
        ("report_detail", [report.pk]),
        ("report_edit", [report.pk]),
        ("report_regenerate", [report.pk]),
        ("report_delete", [report.pk]),
        ("report_export", [report.pk, "md"]),
    ]:
        response = client.get(url(name, *args))
        assert response.status_code == 302, name
        assert "/login" in response["Location"] or "anmelden" in response["Location"], name


def test_officer_and_reader_read_but_do_not_write(client, login, report):
    for role in ("officer", "reader"):
        login(role)
        assert client.get(url("report_list")).status_code == 200
        html = page(client.get(url("report_detail", report.pk)))
        assert report.title in html
        assert url("report_edit", report.pk) not in html
        assert client.get(url("report_export", report.pk, "md")).status_code == 200
        for name, args in [
            ("report_create", []),
            ("report_edit", [report.pk]),
            ("report_regenerate", [report.pk]),
            ("report_delete", [report.pk]),
        ]:
            assert client.get(url(name, *args)).status_code == 403, (role, name)
            assert client.post(url(name, *args), {}).status_code == 403, (role, name)
    assert StatusReport.objects.filter(pk=report.pk).exists()


def test_users_without_a_role_are_refused(client, login, report):
    login("outsider")
    assert client.get(url("report_list")).status_code == 403
    assert client.get(url("report_detail", report.pk)).status_code == 403


def test_reports_of_another_region_are_not_found(client, login, foreign_report):
    login("coordinator")
    for name, args in [
        ("report_detail", [foreign_report.pk]),
        ("report_edit", [foreign_report.pk]),
        ("report_regenerate", [foreign_report.pk]),
        ("report_delete", [foreign_report.pk]),
        ("report_export", [foreign_report.pk, "pdf"]),
    ]:
        assert client.get(url(name, *args)).status_code == 404, name
    assert foreign_report.title not in page(client.get(url("report_list")))


def test_rules(users, region, other_region, report, foreign_report):
    assert rules.can_view_reports(users["reader"], region)
    assert not rules.can_view_reports(users["reader"], other_region)
    assert rules.can_edit_report(users["coordinator"], report)
    assert rules.can_edit_report(users["admin"], report)
    assert not rules.can_edit_report(users["officer"], report)
    assert not rules.can_edit_report(users["coordinator"], foreign_report)


# -- list -------------------------------------------------------------------------------------


def test_list_empty_state_and_create_button(client, login, region):
    login("coordinator")
    html = page(client.get(url("report_list")))
    assert "Noch keine Sachstandsberichte." in html
    assert "Neuen Sachstandsbericht erstellen" in html and url("report_create") in html
    assert 'aria-current="page">Sachstandsberichte<' in html
    login("reader")
    assert url("report_create") not in page(client.get(url("report_list")))


def test_list_newest_first_with_metadata(client, login, region, body):
    make_report(region, body, n=1, title="Älterer Bericht", date=datetime.date(2022, 3, 1))
    make_report(region, body, n=2, title="Neuerer Bericht", date=datetime.date(2023, 8, 1))
    login("reader")
    html = page(client.get(url("report_list")))
    assert html.index("Neuerer Bericht") < html.index("Älterer Bericht")
    assert "SV-10-0002" in html and body.name in html and "Entwurf" in html


def test_list_queries_do_not_grow(client, login, region, body):
    login("reader")
    for n in range(2):
        make_report(region, body, n=n)
    client.get(url("report_list"))
    with CaptureQueriesContext(connection) as small:
        client.get(url("report_list"))
    budget = len(small)
    for n in range(2, 8):
        make_report(region, body, n=n)
    client.get(url("report_list"))  # warm again: new reports start a new content version
    with CaptureQueriesContext(connection) as large:
        response = client.get(url("report_list"))
    assert page(response).count('data-label="Ausschuss"') == 8
    assert len(large) == budget


def test_list_is_paginated(client, login, region, body):
    for n in range(23):
        make_report(region, body, n=n)
    login("reader")
    html = page(client.get(url("report_list")))
    assert html.count('data-label="Ausschuss"') == 20
    html = page(client.get(url("report_list"), {"page": 2}))
    assert html.count('data-label="Ausschuss"') == 3


# -- create -----------------------------------------------------------------------------------


def test_create_form_offers_committees_first_and_all_topics(client, login, region, body):
    Body.objects.create(
        region=region, slug="lenkungskreis", name="AAA Lenkungskreis", kind=BodyKind.STEERING
    )
    login("coordinator")
    html = page(client.get(url("report_create")))
    assert html.index(body.name) < html.index("AAA Lenkungskreis")
    for value, _label in Topic.choices:
        assert f'value="{value}"' in html
    assert html.count("checked") >= len(Topic.choices)


def test_create_form_suggests_the_period_since_the_last_report(client, login, region, body):
    other = make_body(region, name="Kreistag")
    make_report(region, other, n=1, period_end=datetime.date(2023, 9, 14))
    login("coordinator")
    html = page(client.get(url("report_create"), {"body": other.pk}))
    assert 'value="2023-09-14"' in html
    assert f'<option value="{other.pk}" selected>' in html


def test_create_stores_the_report_with_sections(client, login, region, body):
    login("coordinator")
    response = client.post(
        url("report_create"),
        {
            "body": body.pk,
            "meeting_date": "2022-09-13",
            "since": "2022-03-17",
            "until": "",
            "topics": ["strategy", "projects"],
            "reference": "SV-10-0671",
            "date": "2022-08-18",
        },
    )
    report = StatusReport.objects.get(region=region)
    assert response.status_code == 302
    assert response["Location"] == url("report_detail", report.pk)
    assert report.reference == "SV-10-0671"
    assert report.body == body and report.status == ReportStatus.DRAFT
    assert report.period_start == datetime.date(2022, 3, 17)
    assert report.period_end == datetime.date(2022, 9, 13)  # defaults to the meeting date
    assert report.meeting is not None
    assert timezone.localtime(report.meeting.start).date() == datetime.date(2022, 9, 13)
    keys = [s["key"] for s in report.sections]
    assert "strategy" in keys and "projects" in keys and "funding" not in keys
    html = page(client.get(response["Location"]))
    assert "Sachdarstellung" in html and "Beschlussvorschlag" in html


def test_create_validation_in_german(client, login, region, body):
    make_report(region, body, n=671, reference="SV-10-0671")
    login("coordinator")
    response = client.post(
        url("report_create"),
        {
            "body": body.pk,
            "meeting_date": "2022-09-13",
            "since": "2022-09-01",
            "until": "2022-03-01",
            "reference": "SV-10-0671",
            "date": "2022-10-01",
        },
    )
    html = page(response)
    assert response.status_code == 200
    assert "Das Ende des Berichtszeitraums darf nicht vor seinem Beginn liegen." in html
    assert "Bitte mindestens ein Thema wählen." in html
    assert "Diese Vorlagennummer ist schon vergeben." in html
    assert "vor oder am Sitzungstag" in html
    assert StatusReport.objects.filter(region=region).count() == 1


# -- detail -----------------------------------------------------------------------------------


def test_detail_renders_paragraphs_and_bullets_escaped(client, login, region, body):
    previous = make_report(region, body, n=502, reference="SV-10-0502")
    text = "Erster Absatz.\n\n- Punkt eins\n- <script>alert(1)</script>\n\nLetzter Absatz."
    report = make_report(
        region,
        body,
        n=671,
        previous=previous,
        sections=[{"key": "intro", "title": "Einleitung", "generated": text, "text": text}],
    )
    login("reader")
    html = page(client.get(url("report_detail", report.pk)))
    assert "<p>Erster Absatz.</p>" in html
    assert "<li>Punkt eins</li>" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert url("report_detail", previous.pk) in html
    for fmt in ("md", "docx", "pdf"):
        assert url("report_export", report.pk, fmt) in html
    assert "<progress" not in html


def test_detail_shows_progress_while_generating(client, login, report):
    StatusReport.objects.filter(pk=report.pk).update(
        generation_state=GenerationState.RUNNING, generation_progress=40
    )
    login("reader")
    html = page(client.get(url("report_detail", report.pk)))
    assert '<progress max="100" value="40"' in html
    assert "js/report-progress" in html and "data-report-progress" in html


def test_text_blocks():
    blocks = text_blocks("A\nB\n\n- x\n- y\nC")
    assert blocks[0] == {"kind": "paragraph", "lines": ["A", "B"], "open": False}
    assert blocks[1]["items"] == ["x", "y"]
    assert blocks[2]["lines"] == ["C"]
    assert text_blocks("") == []


# -- edit -------------------------------------------------------------------------------------


def test_edit_keeps_edits(client, login, report):
    login("coordinator")
    response = client.post(
        url("report_edit", report.pk),
        edit_data(report, section_strategy="Von Hand geschrieben.", title="Neuer Betreff"),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    strategy = next(s for s in report.sections if s["key"] == "strategy")
    assert strategy["text"] == "Von Hand geschrieben."
    assert strategy["generated"] == "Erzeugter Text strategy."
    assert report.title == "Neuer Betreff"
    html = page(client.get(url("report_detail", report.pk)))
    assert "Von Hand geschrieben." in html and "bearbeitet" in html
    # The change log shows the sections' new text with their titles.
    log = page(client.get(reverse("staff:change_list")))
    assert "Abschnitt strategy: Von Hand geschrieben." in log


def test_edit_changes_the_status(client, login, report):
    login("coordinator")
    response = client.post(
        url("report_edit", report.pk),
        edit_data(report, status=ReportStatus.FINAL, section_intro="Geänderte Einleitung."),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.FINAL
    assert report.sections[0]["text"] == "Geänderte Einleitung."


def test_stale_version_is_refused_and_input_kept(client, login, report):
    login("coordinator")
    stale = edit_data(report, section_projects="Meine Fassung der Projekte.")
    client.post(url("report_edit", report.pk), edit_data(report, title="Fremde Änderung"))
    response = client.post(url("report_edit", report.pk), stale)
    assert response.status_code == 409
    html = page(response)
    assert "Bearbeitungskonflikt" in html
    assert "Meine Fassung der Projekte." in html  # the input is kept
    report.refresh_from_db()
    assert report.title == "Fremde Änderung"
    assert all(s["text"] != "Meine Fassung der Projekte." for s in report.sections)


# -- regenerate -------------------------------------------------------------------------------


def test_regenerate_confirmation_lists_edited_sections(client, login, region, body):
    report = make_report(region, body, sections=sections("intro", "strategy", edited=["strategy"]))
    login("coordinator")
    html = page(client.get(url("report_regenerate", report.pk)))
    assert "Abschnitt strategy" in html and "Abschnitt intro" not in html
    assert "Bearbeitete Abschnitte behalten" in html
    assert "Auch bearbeitete Abschnitte überschreiben" in html
    assert 'value="keep"' in html
    unedited = make_report(region, body, n=2)
    html = page(client.get(url("report_regenerate", unedited.pk)))
    assert "Auch bearbeitete Abschnitte überschreiben" not in html


def test_regenerate_queues_and_sets_state(client, login, report):
    login("coordinator")
    response = client.post(url("report_regenerate", report.pk), {"version": report.version})
    assert response.status_code == 302 and response["Location"] == url("report_detail", report.pk)
    report.refresh_from_db()
    assert report.generation_state in (GenerationState.QUEUED, GenerationState.RUNNING)


@pytest.mark.parametrize("choice", ["keep", "overwrite"])
def test_regenerate_keeps_edits_unless_overwrite_chosen(
    client, login, region, body, settings, choice, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    report = make_report(
        region,
        body,
        period_start=datetime.date(2022, 3, 17),
        period_end=datetime.date(2022, 9, 13),
        sections=sections("intro", "strategy", edited=["strategy"]),
    )
    login("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("report_regenerate", report.pk),
            {"version": report.version, "overwrite": choice},
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.generation_state == GenerationState.IDLE
    strategy = next(s for s in report.sections if s["key"] == "strategy")
    if choice == "keep":
        assert strategy["text"] == "Bearbeiteter Text strategy."
    else:
        assert strategy["text"] == strategy["generated"]
        assert strategy["text"] != "Bearbeiteter Text strategy."


def test_regenerate_with_stale_version_is_refused(client, login, report):
    login("coordinator")
    response = client.post(url("report_regenerate", report.pk), {"version": report.version + 5})
    assert response.status_code == 409
    report.refresh_from_db()
    assert report.generation_state == GenerationState.IDLE


# -- export -----------------------------------------------------------------------------------


def test_exports(client, login, report):
    login("reader")
    md = client.get(url("report_export", report.pk, "md"))
    assert md["Content-Type"].startswith("text/markdown")
    assert "attachment" in md["Content-Disposition"] and ".md" in md["Content-Disposition"]
    assert report.title in md.content.decode()
    docx = client.get(url("report_export", report.pk, "docx"))
    assert docx["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert ".docx" in docx["Content-Disposition"]
    assert zipfile.is_zipfile(io.BytesIO(docx.content))
    pdf = client.get(url("report_export", report.pk, "pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert ".pdf" in pdf["Content-Disposition"]
    assert pdf.content.startswith(b"%PDF")
    assert client.get(f"/intern/berichte/{report.pk}/export.exe").status_code == 404


# -- delete -----------------------------------------------------------------------------------


def test_delete_a_draft(client, login, report):
    login("coordinator")
    response = client.get(url("report_delete", report.pk))
    assert response.status_code == 200 and "wirklich löschen" in page(response)
    assert 'name="reason"' not in page(response)
    response = client.post(url("report_delete", report.pk), {"version": report.version})
    assert response.status_code == 302 and response["Location"] == url("report_list")
    assert not StatusReport.objects.filter(pk=report.pk).exists()


def test_only_drafts_can_be_deleted(client, login, region, body):
    report = make_report(region, body, status=ReportStatus.NOTED)
    login("coordinator")
    html = page(client.get(url("report_detail", report.pk)))
    assert url("report_delete", report.pk) not in html
    response = client.post(
        url("report_delete", report.pk), {"version": report.version}, follow=True
    )
    assert "Nur Entwürfe können gelöscht werden." in page(response)
    assert StatusReport.objects.filter(pk=report.pk).exists()


def test_navigation_link(client, login, region):
    login("reader")
    html = page(client.get(url("dashboard")))
    assert url("report_list") in html and "Sachstandsberichte" in html


def test_a_finished_report_keeps_its_text_and_only_moves_forward(client, login, region, body):
    report = make_report(region, body, status=ReportStatus.FINAL)
    login("coordinator")
    html = page(client.get(url("report_edit", report.pk)))
    assert 'value="draft"' not in html  # no way back to draft
    assert "Neu erzeugen" not in page(client.get(url("report_detail", report.pk)))
    # A changed text is ignored (the fields are disabled); the status moves on.
    data = edit_data(report, title="Heimlich geändert", status=ReportStatus.NOTED)
    response = client.post(url("report_edit", report.pk), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.NOTED and report.title != "Heimlich geändert"
    # Regenerating a finished paper is refused with a message, and nothing is queued.
    response = client.post(url("report_regenerate", report.pk), {"version": report.version})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.generation_state == GenerationState.IDLE
