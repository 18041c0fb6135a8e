"""The demo's status reports, meetings and legislative term, and the dated chronicle they are
written from (issue 10 §1a).

The demo is loaded once per module inside an outer transaction (rolled back at the end), as
in test_load_demo.py; every test runs in a savepoint within it. Expected values are written
from the seeds (000 = SV-10-0671, 004 = SV-10-0968), not copied from demo/data.
"""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from digitalagentur.core.models import ObjectChange
from digitalagentur.demo.data import SV_2022, SV_2023
from digitalagentur.demo.data import history as history_data
from digitalagentur.demo.data import reports as reports_data
from digitalagentur.demo.loader import REASON
from digitalagentur.reports.models import LegislativeTerm, Meeting, StatusReport
from digitalagentur.strategy.choices import Topic
from digitalagentur.strategy.models import TimelineEvent
from digitalagentur.tenancy.models import Region

D = datetime.date
BERLIN = ZoneInfo("Europe/Berlin")
COMMITTEE = "ausschuss-finanzen-wirtschaft-digitalisierung"

# reference -> (paper date, meeting date, period start, period end, previous reference)
SEED_REPORTS = {
    "SV-10-0502": (D(2022, 3, 17), D(2022, 3, 17), D(2021, 10, 1), D(2022, 3, 17), None),
    "SV-10-0671": (D(2022, 8, 18), D(2022, 9, 13), D(2022, 3, 17), D(2022, 9, 13), "SV-10-0502"),
    "SV-10-0968": (D(2023, 9, 14), D(2023, 9, 14), D(2022, 9, 13), D(2023, 9, 14), "SV-10-0671"),
}


@pytest.fixture
def region(demo_db, db):
    return Region.objects.get(slug="kreis-coesfeld")


@pytest.fixture
def reports(region):
    qs = StatusReport.objects.filter(region=region).select_related("body", "meeting", "previous")
    return {r.reference: r for r in qs}


@pytest.fixture
def timeline(region):
    return list(TimelineEvent.objects.filter(region=region).order_by("date", "pk"))


def by_title(timeline, text):
    matches = [e for e in timeline if text in e.title]
    assert len(matches) == 1, (text, [e.title for e in matches])
    return matches[0]


def test_the_three_reports_with_dates_meetings_and_previous_chain(reports):
    assert set(reports) == set(SEED_REPORTS)
    for reference, (date, meeting, since, until, previous) in SEED_REPORTS.items():
        report = reports[reference]
        assert (report.date, report.period_start, report.period_end) == (date, since, until)
        assert report.status == "noted"
        assert report.body.slug == COMMITTEE
        assert report.meeting.body_id == report.body_id
        # The seeds give no time: 17:00 Europe/Berlin on the meeting day.
        assert report.meeting.start == datetime.datetime.combine(
            meeting, datetime.time(17), tzinfo=BERLIN
        )
        assert (report.previous.reference if report.previous else None) == previous
        report.full_clean()
    # Each report's period starts where the previous one ended.
    assert reports["SV-10-0968"].period_start == reports["SV-10-0671"].period_end
    assert reports["SV-10-0671"].period_start == reports["SV-10-0502"].period_end


def test_titles_and_resolutions_from_the_seeds(reports):
    sv22, sv23 = reports["SV-10-0671"], reports["SV-10-0968"]
    assert sv22.title == "Sachstandsbericht Digitalisierungsstrategie und Digitalagentur"
    assert sv23.title == "Sachstandsbericht Digitalisierungsstrategie und Digitalagentur"
    assert sv22.resolution == (
        "Der Sachstandsbericht zur Digitalisierungsstrategie, der Digitalagentur und dem "
        "Modellvorhaben Smarte.Land.Regionen wird zur Kenntnis genommen."
    )
    assert sv23.resolution == (
        "Der Sachstandsbericht zur Digitalisierungsstrategie und zur Digitalagentur wird zur "
        "Kenntnis genommen."
    )
    # SV-10-0502 is not among the seeds: it says that it is reconstructed.
    old = reports["SV-10-0502"]
    assert "rekonstruiert" in old.title
    assert old.sections[0]["text"].startswith("Rekonstruiert")


def test_sections_shape_topics_and_content(reports):
    topic_values = [t.value for t in Topic]
    for report in reports.values():
        keys = [s["key"] for s in report.sections]
        assert keys[0] == "intro"
        assert keys[1:] == [t for t in topic_values if t in keys]  # topic order, no repeats
        assert report.topics == keys[1:]
        for section in report.sections:
            assert set(section) == {"key", "title", "generated", "text"}
            assert section["text"].strip() and section["generated"] == section["text"]
        assert report.attachments == ""  # the seeds list no attachments
    sv22 = {s["key"]: s["text"] for s in reports["SV-10-0671"].sections}
    sv23 = {s["key"]: s["text"] for s in reports["SV-10-0968"].sections}
    assert set(sv22) == {"intro", "strategy", "agency", "projects", "funding", "events", "staffing"}
    assert set(sv23) == {"intro", "strategy", "agency", "projects", "events", "staffing"}
    # The Sachdarstellung refers to the previous report by number and date.
    assert "17.03.2022" in sv22["intro"] and "SV-10-0502" in sv22["intro"]
    assert "13.09.2022" in sv23["intro"] and "SV-10-0671" in sv23["intro"]
    # Facts of seed 000, each in its topic.
    assert (
        "26.04.2022" in sv22["agency"]
        and "Gemeinsam. Digital. Im Kreis Coesfeld." in sv22["agency"]
    )
    assert "Niklas Esser" in sv22["agency"] and "28.03.2022" in sv22["agency"]
    assert "Prototyp" in sv22["projects"] and "CoWorkLand" in sv22["projects"]
    assert "www.coe.de/coworking" in sv22["projects"]
    assert "15.11.2022" in sv22["events"]
    assert "Helena Mense Oliveira" in sv22["staffing"]
    assert "2020" in sv22["funding"] and "BMEL" in sv22["funding"]
    # Facts of seed 004, and nothing of seed 004 in the paper of 2022.
    assert "Seit Juni 2023" in sv23["staffing"] and "Mathias Raabe" in sv23["staffing"]
    assert "ZukunftsWandler" in sv23["events"]
    for lighthouse in ("wochenmarkt24", "kommit!", "LoRaWAN", "E-Lastenrad-Sharing"):
        assert lighthouse in sv23["projects"]
    for later in ("ZukunftsWandler", "LoRaWAN", "vakant", "Inhouse"):
        assert all(later not in text for text in sv22.values())


def test_meetings_and_the_legislative_term(region):
    meetings = Meeting.objects.filter(region=region, body__slug=COMMITTEE)
    days = [m.start.astimezone(BERLIN).date() for m in meetings]
    assert days == [D(2022, 3, 17), D(2022, 9, 13), D(2023, 9, 14)]
    term = LegislativeTerm.objects.get(region=region)
    assert (term.name, term.start_date, term.end_date) == (
        "Wahlperiode 2020–2025",
        D(2020, 11, 1),
        D(2025, 10, 31),
    )
    assert all(term.start_date <= day <= term.end_date for day in days)


def test_reports_are_logged_as_demo_creations(reports):
    content_type = ContentType.objects.get_for_model(StatusReport)
    for report in reports.values():
        changes = ObjectChange.objects.filter(
            content_type=content_type, object_id=report.pk, reason=REASON
        )
        assert changes.filter(action="create").count() == 1
        # The sections are in the log too, in their order.
        logged = [c.changes.get("sections", {}).get("after") for c in changes]
        assert report.sections in logged


def test_every_timeline_entry_has_a_topic(timeline):
    topics = {t.value for t in Topic}
    assert len(timeline) == len(history_data.TIMELINE)
    assert all(entry.topic in topics for entry in timeline)
    # Not everything left at the model's default.
    assert {e.topic for e in timeline} == topics


def test_participant_numbers_of_the_workshops(timeline):
    assert by_title(timeline, "Workshop „Mobilität“").participants == 30
    assert by_title(timeline, "Workshop „Wirtschaft“").participants == 23
    assert by_title(timeline, "Workshop „Innenstadt/Dorfmitte“").participants == 34
    assert all(e.topic == "events" for e in timeline if e.participants)


@pytest.mark.parametrize(
    ("title", "date", "precision", "topic"),
    [
        ("Landespreis", D(2022, 3, 28), "day", "agency"),
        ("Koordinierungskreises", D(2022, 4, 26), "day", "agency"),
        ("Smart Region Koordination beim Kreis", D(2022, 4, 1), "year", "staffing"),
        ("Prototyp in der Testphase", D(2022, 8, 1), "month", "projects"),
        ("Pilotphase mit Arbeitgebenden", D(2022, 7, 1), "year", "projects"),
        ("Online-Befragung", D(2022, 8, 1), "month", "projects"),
        ("Schulungskonzept", D(2022, 8, 1), "month", "agency"),
        ("Website und Newsletter", D(2022, 8, 1), "month", "agency"),
        ("Erste Digitalisierungskonferenz im Kreis", D(2022, 11, 15), "day", "events"),
        ("Inhouse-Seminare", D(2023, 1, 1), "year", "agency"),
        ("vakant", D(2023, 6, 1), "month", "staffing"),
        ("ZukunftsWandler", D(2023, 10, 1), "month", "events"),
        ("Förderaufruf Smarte.Land.Regionen", D(2020, 1, 1), "year", "funding"),
    ],
)
def test_history_of_issue_10_is_dated(timeline, title, date, precision, topic):
    entry = by_title(timeline, title)
    assert (entry.date, entry.date_precision, entry.topic) == (date, precision, topic)
    assert "Quelle" in entry.description


def test_each_report_period_holds_what_its_paper_reported(timeline, reports):
    sv22, sv23 = reports["SV-10-0671"], reports["SV-10-0968"]
    in_22 = [e for e in timeline if sv22.period_start <= e.date <= sv22.period_end]
    # Everything in the period of SV-10-0671 is reported by it (and is not only in seed 004).
    assert in_22 and all(SV_2022 in e.description for e in in_22)
    # What only seed 004 reports lies after that period, inside the one of SV-10-0968.
    only_23 = [e for e in timeline if SV_2023 in e.description and SV_2022 not in e.description]
    assert only_23
    for entry in only_23:
        if entry.date > sv23.period_end:
            assert "geplant" in entry.title  # e.g. ZukunftsWandler (October 2023)
            continue
        assert sv22.period_end < entry.date <= sv23.period_end
    conference = by_title(timeline, "Erste Digitalisierungskonferenz im Kreis")
    assert sv22.period_end < conference.date <= sv23.period_end
    # Everything after SV-10-0671's period up to SV-10-0968 is reported by seed 004.
    in_23 = [e for e in timeline if sv22.period_end < e.date <= sv23.period_end]
    assert in_23 and all(SV_2023 in e.description for e in in_23)


def test_report_data_sections_are_unedited():
    for data in reports_data.STATUS_REPORTS:
        assert all(s["generated"] == s["text"] for s in data["sections"])
        assert data["topics"] == [s["key"] for s in data["sections"][1:]]


def test_a_report_for_the_period_of_sv_10_0671_recalls_that_paper_and_nothing_later(
    region, tmp_path
):
    """§1a: generated for 17.03.2022–13.09.2022, the draft holds what SV-10-0671 reported
    (seed 000) and nothing that happened afterwards (seed 004)."""
    output = tmp_path / "bericht.md"
    call_command(
        "status_report",
        "--since=2022-03-17",
        "--until=2022-09-13",
        "--format=md",
        f"--output={output}",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    text = output.read_text()
    for reported in (
        "Landespreis für innovative interkommunale Zusammenarbeit",
        "28.03.2022",
        "26.04.2022",
        "Koordinierungskreis",
        "Wort-Bild-Marke",
        "Prototyp",
        "CoWorkLand",
        "Online-Befragung",
        "Smart Region Koordinatorin",
        "SV-10-0502",
    ):
        assert reported in text, reported
    # Lighthouse projects named only in 2023 (seed 004), and the paper itself.
    for later in ("ZukunftsWandler", "vakant", "15.11.2022: ", "2023", "LoRaWAN", "Lastenrad"):
        assert later not in text, later
    assert "13.09.2022: Sachstandsbericht" not in text
