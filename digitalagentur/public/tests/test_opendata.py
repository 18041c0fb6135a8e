"""The open data page and its downloads: published content of the region only, the same rows
in CSV, XLSX and JSON, streamed, with the licence, in a fixed number of queries."""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from digitalagentur.api.tests.test_funding_api import make_application, make_call, make_programme
from digitalagentur.assessment.models import Workshop, WorkshopFormat
from digitalagentur.core import testing as t
from digitalagentur.directory.choices import BodyKind
from digitalagentur.directory.models import Body
from digitalagentur.funding.models import ApplicationStatus, end_of_day
from digitalagentur.public import opendata, opendata_files
from digitalagentur.reports import services as report_services
from digitalagentur.reports.choices import ReportStatus
from digitalagentur.reports.models import Meeting, StatusReport
from digitalagentur.strategy.choices import Topic
from digitalagentur.strategy.models import TimelineEvent

from .conftest import SECRETS

pytestmark = pytest.mark.django_db

DATASETS = ("projekte", "handlungsfelder", "foerderung", "termine")
LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
# Besides SECRETS: drafts of the funding and events datasets.
HIDDEN = (
    "ENTWURFS-ANTRAG",
    "ENTWURFS-WORKSHOP",
    "SITZUNG-NUR-ENTWURF",
    "ENTWURFS-CHRONIK",
    "Projekt aus Kreis B",
    "Feld aus Kreis B",
)


def aware(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=timezone.get_default_timezone())


def add_open_data(site) -> SimpleNamespace:
    """Funding, workshops, meetings and chronicle entries (published and not) for `site`."""
    region, strategy = site.region, site.strategy
    programme = make_programme(region)
    call = make_call(
        programme, deadline=end_of_day(timezone.localdate() + datetime.timedelta(days=30))
    )
    approved = make_application(
        programme,
        "Raum für Zukunft",
        call=call,
        towns=[site.town],
        projects=[site.p1, site.draft],
        status=ApplicationStatus.APPROVED,
        granted_amount=Decimal("123456.78"),
        submitted_on=datetime.date(2021, 3, 1),
        internal_notes="INTERNE-NOTIZ-ANTRAG",
    )
    make_application(programme, "ENTWURFS-ANTRAG", published=False)
    workshop = Workshop.objects.create(
        region=region,
        slug="workshop-verwaltung",
        title="Workshop Verwaltung",
        field=site.verwaltung,
        date=timezone.localdate() + datetime.timedelta(days=10),
        format=WorkshopFormat.IN_PERSON,
        participants=25,
        published=True,
    )
    Workshop.objects.create(
        region=region,
        slug="entwurf",
        title="ENTWURFS-WORKSHOP",
        field=site.verwaltung,
        date=datetime.date(2023, 2, 1),
        format=WorkshopFormat.DIGITAL,
        published=False,
    )
    committee = Body.objects.create(
        region=region, slug="ausschuss", name="Ausschuss Digitalisierung", kind=BodyKind.COMMITTEE
    )
    meeting = Meeting.objects.create(
        region=region,
        body=committee,
        name="Sitzung des Ausschusses",
        start=aware(2023, 9, 14, 17, 0),
        location="Kreishaus",
    )
    hidden_meeting = Meeting.objects.create(
        region=region, body=committee, name="SITZUNG-NUR-ENTWURF", start=aware(2024, 3, 1, 17)
    )
    for reference, m, status in (
        ("SV-1", meeting, ReportStatus.NOTED),
        ("SV-2", hidden_meeting, ReportStatus.DRAFT),
    ):
        StatusReport.objects.create(
            region=region,
            reference=reference,
            title="Sachstandsbericht",
            date=m.start.date(),
            body=committee,
            meeting=m,
            period_start=datetime.date(2022, 1, 1),
            period_end=m.start.date(),
            status=status,
        )
    conference = TimelineEvent.objects.create(
        region=region,
        strategy=strategy,
        date=datetime.date(2022, 11, 15),
        title="Digitalisierungskonferenz",
        topic=Topic.EVENTS,
        participants=120,
    )
    return SimpleNamespace(
        programme=programme,
        call=call,
        approved=approved,
        workshop=workshop,
        meeting=meeting,
        committee=committee,
        conference=conference,
    )


@pytest.fixture
def data(site, other_site):
    return add_open_data(site)


def url(name: str, fmt: str) -> str:
    return reverse("public:opendata_download", args=[name, fmt])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def as_json(response) -> dict:
    return json.loads(body(response))


def as_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response).decode("utf-8"))))


def as_xlsx(response):
    return load_workbook(io.BytesIO(body(response)))


def text_of(value) -> str:
    """A JSON value as the CSV file writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- what the datasets hold ------------------------------------------------------------------


def test_datasets_hold_published_items_of_the_region_only(client, site, data):
    everything = ""
    for name in DATASETS:
        for fmt in ("csv", "json"):
            response = client.get(url(name, fmt))
            assert response.status_code == 200, (name, fmt)
            everything += body(response).decode("utf-8")
    for secret in (*SECRETS, *HIDDEN, "INTERNE-NOTIZ-ANTRAG"):
        assert secret not in everything, secret

    projects = as_json(client.get(url("projekte", "json")))["items"]
    assert {p["title"] for p in projects} == {
        "Online ins Rathaus",
        "Mobilitätsstationen",
        "Crossiety-Dorfplattform",
        "Projekt im Entwurfsfeld",
    }
    p1 = next(p for p in projects if p["code"] == "P1")
    assert p1["field"] == "Verwaltung" and p1["progress"] == 40
    assert p1["towns"] == "Havixbeck, Senden" or p1["towns"] == "Senden, Havixbeck"
    assert p1["url"].endswith(reverse("public:project_detail", args=[site.p1.slug]))
    in_draft_field = next(p for p in projects if p["code"] == "P4")
    assert in_draft_field["field"] == ""

    fields = as_json(client.get(url("handlungsfelder", "json")))["items"]
    assert [f["name"] for f in fields] == ["Verwaltung", "Mobilität"]
    assert fields[0]["projects"] == 1  # P1; the draft P3 is not counted
    assert fields[0]["goals"] == "Alle Leistungen online"

    funding = as_json(client.get(url("foerderung", "json")))["items"]
    assert [a["title"] for a in funding] == ["Raum für Zukunft"]
    assert funding[0]["amount_won"] == "123456.78"
    assert funding[0]["projects"] == "P1"  # not the draft project
    assert funding[0]["programme"] == data.programme.name

    events = as_json(client.get(url("termine", "json")))["items"]
    assert [(e["kind"], e["title"]) for e in events] == [
        ("chronicle", "Auftakt in Senden"),
        ("chronicle", "Digitalisierungskonferenz"),
        ("meeting", "Sitzung des Ausschusses"),
        ("workshop", "Workshop Verwaltung"),
    ]
    conference = events[1]
    assert conference["participants"] == 120 and conference["topic"] == "events"
    assert conference["field"] is None
    assert events[2]["start_time"] == "17:00" and events[2]["location"] == "Kreishaus"
    workshop = events[3]
    assert (workshop["field"], workshop["field_label"]) == ("verwaltung", "Verwaltung")
    assert workshop["topic"] is None and workshop["topic_label"] is None


def draft_report(site, committee, day: datetime.date) -> StatusReport:
    """A draft report with its new meeting, made as the report form makes them: the meeting
    starts at local midnight (only its date is known)."""
    report = report_services.create_report(
        site.region,
        body=committee,
        meeting_date=day,
        since=datetime.date(2026, 1, 1),
        until=datetime.date(2026, 12, 31),
        topics=["strategy"],
        reference="SV-GEHEIM-ENTWURF",
    )
    return report


def test_meeting_of_a_deleted_draft_stays_internal(client, site, data):
    report = draft_report(site, data.committee, datetime.date(2027, 3, 18))
    meeting = report.meeting
    report_services.delete_report(report)
    assert not StatusReport.objects.filter(meeting=meeting).exists()
    events = as_json(client.get(url("termine", "json")))["items"]
    assert [e["id"] for e in events if e["kind"] == "meeting"] == [data.meeting.pk]
    assert "2027-03-18" not in body(client.get(url("termine", "csv"))).decode()
    assert "2027-03-18" not in {e["date"] for e in events}


def test_meeting_without_a_known_time_has_no_start_time(client, site, data):
    report = draft_report(site, data.committee, datetime.date(2027, 3, 18))
    report_services.set_status(report, ReportStatus.FINAL, expected_version=report.version)
    events = as_json(client.get(url("termine", "json")))["items"]
    found = next(e for e in events if e["kind"] == "meeting" and e["id"] == report.meeting_id)
    assert found["date"] == "2027-03-18" and found["start_time"] is None
    table = as_csv(client.get(url("termine", "csv")))
    row = next(r for r in table[1:] if r[0] == "meeting" and r[2] == str(report.meeting_id))
    assert row[table[0].index("start_time")] == ""


def test_chronicle_of_the_month_and_of_a_workshop_day_stay_in_the_events(client, site, data):
    """The calendar leaves these out (test_feeds_region); the dataset keeps every entry."""
    TimelineEvent.objects.create(
        region=site.region,
        strategy=site.strategy,
        date=data.workshop.date,
        title="Workshop Verwaltung (Chronik)",
        topic=Topic.EVENTS,
    )
    events = as_json(client.get(url("termine", "json")))["items"]
    chronicle = {e["title"]: e for e in events if e["kind"] == "chronicle"}
    assert chronicle["Auftakt in Senden"]["date_precision"] == "month"
    assert chronicle["Workshop Verwaltung (Chronik)"]["date_precision"] == "day"


def test_funding_projects_in_the_order_of_their_codes(client, site, data):
    projects = [
        t.make_project(site.region, f"Projekt {code}", code=code) for code in ("P14", "P5", "P22")
    ]
    make_application(data.programme, "Drei Projekte", projects=[*projects, site.p1])
    funding = as_json(client.get(url("foerderung", "json")))["items"]
    found = next(a for a in funding if a["title"] == "Drei Projekte")
    assert found["projects"] == "P1, P5, P14, P22"


def test_other_region_sees_its_own_data(client, site, other_site, data):
    host = {"HTTP_HOST": "kreis-b.example.org"}
    projects = as_json(client.get(url("projekte", "json"), **host))["items"]
    assert [p["title"] for p in projects] == ["Projekt aus Kreis B"]
    assert as_json(client.get(url("foerderung", "json"), **host))["items"] == []
    assert as_json(client.get(url("termine", "json"), **host))["items"] == []


def test_a_draft_strategy_has_no_fields_and_no_chronicle(client, site, data):
    site.strategy.published = False
    site.strategy.save()
    assert as_json(client.get(url("handlungsfelder", "json")))["items"] == []
    events = as_json(client.get(url("termine", "json")))["items"]
    assert {e["kind"] for e in events} == {"meeting"}


# --- formats -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DATASETS)
def test_csv_xlsx_and_json_hold_the_same_rows(client, data, name):
    document = as_json(client.get(url(name, "json")))
    keys = [c["key"] for c in document["dataset"]["columns"]]
    expected = [[text_of(item[k]) for k in keys] for item in document["items"]]
    assert expected, "the dataset is not empty"

    table = as_csv(client.get(url(name, "csv")))
    assert table[0] == keys
    assert table[1:] == expected

    book = as_xlsx(client.get(url(name, "xlsx")))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == keys
    assert len(rows) - 1 == len(expected)
    for row, wanted in zip(rows[1:], document["items"], strict=True):
        for key, cell in zip(keys, row, strict=True):
            value = wanted[key]
            if isinstance(cell, datetime.datetime) and "T" in value:
                assert cell == timezone.localtime(datetime.datetime.fromisoformat(value)).replace(
                    tzinfo=None, microsecond=0
                )
            elif isinstance(cell, datetime.datetime):  # a date
                assert cell.date().isoformat() == value
            elif isinstance(cell, float | int) and not isinstance(cell, bool):
                assert Decimal(str(cell)) == Decimal(str(value))
            else:
                assert (cell if cell is not None else None) == (value if value != "" else None)


def test_downloads_are_streamed_and_named(client, data):
    for fmt, kind, content_type in (
        ("csv", StreamingHttpResponse, "text/csv; charset=utf-8"),
        ("json", StreamingHttpResponse, "application/json; charset=utf-8"),
        ("xlsx", FileResponse, opendata_files.CONTENT_TYPES["xlsx"]),
    ):
        response = client.get(url("projekte", fmt))
        assert isinstance(response, kind), fmt
        assert response.streaming
        assert response["Content-Type"] == content_type
        assert f'filename="kreis-a-projekte.{fmt}"' in response["Content-Disposition"]
        assert "attachment" in response["Content-Disposition"]


def test_unknown_dataset_is_404(client, data):
    assert client.get("/offene-daten/gibtsnicht.csv").status_code == 404


# --- licence ---------------------------------------------------------------------------------


def test_licence_in_every_file_and_on_the_page(client, data):
    document = as_json(client.get(url("projekte", "json")))
    assert document["license"] == {"name": LICENCE, "url": LICENCE_URL}
    assert document["dataset"]["key"] == "projects"
    for fmt in ("csv", "json", "xlsx"):
        response = client.get(url("projekte", fmt))
        assert response["Link"] == f'<{LICENCE_URL}>; rel="license"'
    book = as_xlsx(client.get(url("projekte", "xlsx")))
    about = {row[0]: row[1] for row in book["Lizenz"].iter_rows(values_only=True) if row}
    assert about["Lizenz"] == LICENCE and about["Lizenztext"] == LICENCE_URL
    page = client.get(reverse("public:opendata")).content.decode()
    assert LICENCE in page and LICENCE_URL in page


def test_licence_is_a_setting(client, settings, data):
    settings.DIGITALAGENTUR_OPEN_DATA_LICENCE = "CC BY 4.0"
    settings.DIGITALAGENTUR_OPEN_DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
    document = as_json(client.get(url("handlungsfelder", "json")))
    assert document["license"]["name"] == "CC BY 4.0"


# --- safety and cost -------------------------------------------------------------------------


def test_formulas_are_neutralised(client, region, strategy):
    formula = '=HYPERLINK("http://evil")'
    t.make_project(region, formula, lead="+49 2541 18-0", summary="- Punkt")
    # CSV has no cell types: a leading apostrophe keeps the text from being evaluated.
    table = as_csv(client.get(url("projekte", "csv")))
    row = table[1]
    assert row[table[0].index("title")] == "'" + formula
    assert row[table[0].index("lead")] == "'+49 2541 18-0"
    # XLSX: string cells, the text as it is (no visible apostrophe), never a formula.
    content = body(client.get(url("projekte", "xlsx")))
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    cells = dict(zip(table[0], next(sheet.iter_rows(min_row=2, max_row=2)), strict=True))
    for key, text in (("title", formula), ("lead", "+49 2541 18-0"), ("summary", "- Punkt")):
        assert cells[key].value == text, key
        assert cells[key].data_type == "s", key
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    # JSON is no spreadsheet: the title as it is.
    items = as_json(client.get(url("projekte", "json")))["items"]
    assert items[0]["title"] == '=HYPERLINK("http://evil")'


def make_projects(region, town, field, programme, count: int) -> None:
    for i in range(count):
        project = t.make_project(region, f"Projekt {i}", towns=[town], field=field)
        make_application(programme, f"Antrag {i}", towns=[town], projects=[project])


def queries_of(client, name: str, fmt: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url(name, fmt))
        assert response.status_code == 200
        body(response)
    return len(captured)


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
@pytest.mark.parametrize("name", ["projekte", "foerderung"])
def test_query_count_grows_per_batch_not_per_row(
    client, monkeypatch, region, strategy, town, fmt, name
):
    monkeypatch.setattr(opendata, "BATCH", 2)
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    programme = make_programme(region)
    counts = {}
    made = 0
    for rows in (2, 3, 4, 9, 10):
        make_projects(region, town, field, programme, rows - made)
        made = rows
        queries_of(client, name, fmt)  # warm-up (content types, region, cached towns)
        counts[rows] = queries_of(client, name, fmt)
    per_batch = counts[4] - counts[2]
    assert counts[3] == counts[4] and counts[9] == counts[10]  # same batches, more rows
    assert counts[10] == counts[2] + 4 * per_batch  # 5 batches against 1
    assert per_batch <= 8  # the prefetches of one batch (none for the projects)
    assert len(as_json(client.get(url(name, "json")))["items"]) == 10


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_rows_are_sent_while_later_batches_are_unread(
    client, monkeypatch, region, strategy, town, fmt
):
    """The first rows leave before the later batches are read (nothing is built whole): the
    funding dataset prefetches per batch, so its queries show how far it has read."""
    monkeypatch.setattr(opendata, "BATCH", 2)
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    make_projects(region, town, field, make_programme(region), 6)  # three batches
    queries_of(client, "foerderung", fmt)  # warm-up
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("foerderung", fmt))
        assert isinstance(response, StreamingHttpResponse)
        chunks = iter(response.streaming_content)
        next(chunks)  # the header line or the JSON's head
        first = next(chunks)
        sent_first = len(captured)
        rest = b"".join(chunks)
        read_all = len(captured)
    assert b"Antrag" in first
    per_batch = (read_all - sent_first) / 2
    assert per_batch > 0  # the second and third batch were read after the first row left
    assert (first + rest).count(b"Antrag ") == 6


def test_events_query_count_does_not_grow(client, monkeypatch, site, data):
    monkeypatch.setattr(opendata, "BATCH", 2)  # several batches of each kind
    queries_of(client, "termine", "json")
    few = queries_of(client, "termine", "json")
    for i in range(8):
        TimelineEvent.objects.create(
            region=site.region,
            strategy=site.strategy,
            date=datetime.date(2020, 1, 1 + i),
            title=f"Eintrag {i}",
        )
        meeting = Meeting.objects.create(
            region=site.region, body=data.committee, start=aware(2022, 1, 1 + i, 17)
        )
        StatusReport.objects.create(
            region=site.region,
            reference=f"SV-{10 + i}",
            title="Sachstandsbericht",
            date=meeting.start.date(),
            body=data.committee,
            meeting=meeting,
            period_start=datetime.date(2021, 1, 1),
            period_end=meeting.start.date(),
            status=ReportStatus.FINAL,
        )
    queries_of(client, "termine", "json")
    assert queries_of(client, "termine", "json") == few
    assert len(as_json(client.get(url("termine", "json")))["items"]) == 4 + 16


# --- the page --------------------------------------------------------------------------------


def test_page_lists_the_datasets_with_rows_and_downloads(client, no_page_cache, data):
    response = client.get(reverse("public:opendata"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in DATASETS:
        for fmt in ("csv", "xlsx", "json"):
            assert f'href="{url(name, fmt)}"' in html
    listing = {item.dataset.filename: item for item in response.context["listings"]}
    assert listing["projekte"].stats.rows == 4
    assert listing["handlungsfelder"].stats.rows == 2
    assert listing["foerderung"].stats.rows == 1
    assert listing["termine"].stats.rows == 4  # two chronicle entries, a meeting, a workshop
    assert listing["projekte"].stats.last_change is not None
    assert reverse("public:region_feed") in html
    assert reverse("public:events_calendar") in html
    assert reverse("api-opendata") in html
    assert 'rel="alternate" type="application/atom+xml"' in html
