import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.funding.models import ApplicationStatus
from digitalagentur.reports import generator
from digitalagentur.reports.models import Meeting, StatusReport
from digitalagentur.strategy.choices import Topic

from .conftest import AFTER, AMOUNT, BEFORE, SINCE, UNTIL, noon

ALL = list(Topic.values)


def fill(build, tag: str, day: datetime.date) -> None:
    """One item of every kind, dated `day`, each title carrying `tag`."""
    for topic in Topic.values:
        build.timeline(day, f"{tag} Chronik {topic}", topic=topic, participants=42)
    build.update(day, f"{tag} Update")
    build.milestone(day, f"{tag} Meilenstein")
    build.application(f"{tag} eingereicht", submitted_on=day, status=ApplicationStatus.SUBMITTED)
    build.application(
        f"{tag} bewilligt", decided_on=day, status=ApplicationStatus.APPROVED, granted_amount=AMOUNT
    )
    build.application(f"{tag} abgelehnt", decided_on=day, status=ApplicationStatus.REJECTED)
    build.workshop(day, f"{tag} Workshop", participants=30)


def texts(facts) -> str:
    return "\n".join(facts.all_texts())


def test_items_of_the_period_appear_and_none_from_before_or_after(build):
    for tag, day in (("VORHER", BEFORE), ("ERSTER", SINCE), ("LETZTER", UNTIL), ("NACHHER", AFTER)):
        fill(build, tag, day)
    build.survey(SINCE - datetime.timedelta(days=30), BEFORE, "VORHER Umfrage")
    build.survey(BEFORE, SINCE, "ERSTER Umfrage")  # open on the period's first day
    build.survey(AFTER, AFTER + datetime.timedelta(days=5), "NACHHER Umfrage")
    facts = generator.collect(build.region, SINCE, UNTIL, ALL)
    found = texts(facts)
    assert "VORHER" not in found and "NACHHER" not in found
    for tag in ("ERSTER", "LETZTER"):
        for topic in Topic.values:
            assert f"{tag} Chronik {topic}" in found
        for what in ("Update", "Meilenstein", "eingereicht", "bewilligt", "abgelehnt", "Workshop"):
            assert f"{tag} {what}" in found, what
    assert "ERSTER Umfrage" in found
    assert "(42 Teilnehmende)" in found and "30 Teilnehmende" in found
    assert "150.000 €" in found


def test_status_changes_in_the_period_only(build):
    build.status_change(BEFORE, "planned")
    build.status_change(SINCE, "in_progress")
    build.status_change(AFTER, "completed")
    facts = generator.collect(build.region, SINCE, UNTIL, [Topic.PROJECTS])
    assert [i.text for i in facts.status_changes] == [
        "17.03.2022 – Coworking im Kreis: Status von „geplant“ zu „in Umsetzung“"
    ]


def test_lighthouse_projects_show_their_status_at_the_end_of_the_period(build):
    lighthouse = t.make_project(
        build.region, "Leuchtturm LoRaWAN", is_lighthouse=True, start_date=SINCE
    )
    build.status_change(SINCE, "in_progress", project=lighthouse)
    build.status_change(AFTER, "completed", project=lighthouse)
    t.make_project(build.region, "Gewöhnlich", start_date=SINCE)
    # Started after the period, or undated and entered only now (after the period): not yet.
    t.make_project(build.region, "Späterer Leuchtturm", is_lighthouse=True, start_date=AFTER)
    t.make_project(build.region, "Heute erfasst", is_lighthouse=True)
    facts = generator.collect(build.region, SINCE, UNTIL, [Topic.PROJECTS])
    assert [(lh.title, lh.status) for lh in facts.lighthouses] == [
        ("Leuchtturm LoRaWAN", "in Umsetzung")
    ]
    # For a period up to today, the undated project entered today counts.
    today = timezone.localdate()
    facts = generator.collect(build.region, SINCE, today, [Topic.PROJECTS])
    assert "Heute erfasst" in [lh.title for lh in facts.lighthouses]


def test_items_are_ordered_by_date_then_creation(build):
    late = build.timeline(UNTIL, "Spät", topic="agency")
    first = build.timeline(SINCE, "Früh A", topic="agency")
    second = build.timeline(SINCE, "Früh B", topic="agency")
    assert first.pk < second.pk
    facts = generator.collect(build.region, SINCE, UNTIL, [Topic.AGENCY])
    assert [i.text.split(": ")[1] for i in facts.agency] == ["Früh A.", "Früh B.", "Spät."]
    assert late.title == "Spät"


def test_events_merge_chronicle_workshops_and_surveys_by_date(build):
    build.workshop(datetime.date(2022, 6, 1), "Workshop Juni")
    build.timeline(datetime.date(2022, 5, 1), "Konferenz Mai", topic="events", participants=120)
    build.survey(datetime.date(2022, 7, 1), datetime.date(2022, 7, 31), "Coworking-Befragung")
    facts = generator.collect(build.region, SINCE, UNTIL, [Topic.EVENTS])
    assert [i.date for i in facts.events] == sorted(i.date for i in facts.events)
    assert "Konferenz Mai" in facts.events[0].text
    assert "Workshop Juni" in facts.events[1].text
    assert facts.events[2].text == (
        "01.07.2022 bis 31.07.2022: Online-Befragung „Coworking-Befragung“."
    )


def test_other_regions_are_not_reported(build, other_region):
    other_strategy = t.make_strategy(other_region)
    from .conftest import Builder

    Builder(other_region, other_strategy).timeline(SINCE, "FREMD", topic="agency")
    facts = generator.collect(build.region, SINCE, UNTIL, ALL)
    assert "FREMD" not in texts(facts)


def _queries(build, n: int) -> int:
    day = SINCE + datetime.timedelta(days=10)
    for i in range(n):
        for topic in Topic.values:
            build.timeline(day, f"Chronik {i}", topic=topic)
        project = t.make_project(build.region, f"Projekt {i}", is_lighthouse=True, start_date=SINCE)
        build.update(day, project=project)
        build.milestone(day)
        build.status_change(day, "in_progress", project=project)
        build.application(submitted_on=day, status=ApplicationStatus.SUBMITTED)
        build.workshop(day)
        build.survey(day, day + datetime.timedelta(days=3))
    generator.collect(build.region, SINCE, UNTIL, ALL)  # warm the content-type cache
    with CaptureQueriesContext(connection) as ctx:
        facts = generator.collect(build.region, SINCE, UNTIL, ALL)
    assert len(facts.project_updates) == n and len(facts.lighthouses) == n
    assert len(facts.events) == 3 * n  # chronicle, workshops and surveys
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_items(region, strategy):
    from .conftest import Builder

    small = _queries(Builder(region, strategy), 2)
    other = t.make_region("kreis-z")
    large = _queries(Builder(other, t.make_strategy(other)), 10)
    assert small == large
    assert small <= 12


def test_draft_refers_to_the_previous_report(build, committee):
    meeting = Meeting.objects.create(region=build.region, body=committee, start=noon(SINCE))
    previous = StatusReport.objects.create(
        region=build.region,
        reference="SV-10-0502",
        title="Sachstandsbericht",
        date=datetime.date(2022, 2, 28),
        body=committee,
        meeting=meeting,
        period_start=datetime.date(2021, 10, 1),
        period_end=SINCE,
    )
    build.timeline(datetime.date(2022, 3, 28), "Landespreis überreicht", topic="agency")
    steps = []
    text = generator.draft(
        build.region,
        body=committee,
        meeting_date=UNTIL,
        since=SINCE,
        until=UNTIL,
        topics=["agency", "strategy"],
        previous=previous,
        progress=lambda done, total: steps.append((done, total)),
    )
    assert text["title"] == "Sachstandsbericht Digitalisierungsstrategie und Digitalagentur"
    assert text["resolution"] == (
        "Der Sachstandsbericht zur Digitalisierungsstrategie und zur Digitalagentur wird zur "
        "Kenntnis genommen."
    )
    assert [s["key"] for s in text["sections"]] == ["intro", "strategy", "agency"]
    intro = text["sections"][0]["text"]
    assert "Zuletzt wurde dem Gremium „Ausschuss für Finanzen" in intro
    assert "am 17.03.2022" in intro and "(SV-10-0502 vom 28.02.2022)" in intro
    assert "vom 17.03.2022 bis zum 13.09.2022" in intro
    sections = {s["key"]: s for s in text["sections"]}
    assert sections["agency"]["title"] == "Digitalagentur"
    assert sections["agency"]["text"] == "- 28.03.2022: Landespreis überreicht."
    assert sections["strategy"]["text"].startswith("Im Berichtszeitraum sind hierzu keine")
    assert all(s["text"] == s["generated"] for s in text["sections"])
    assert steps == [(1, 3), (2, 3), (3, 3)]


def test_draft_without_previous_report_and_month_precision(build, committee):
    build.timeline(
        datetime.date(2022, 7, 1), "Pilotphase", topic="projects", date_precision="month"
    )
    text = generator.draft(
        build.region,
        body=committee,
        meeting_date=UNTIL,
        since=SINCE,
        until=UNTIL,
        topics=["projects"],
    )
    assert text["title"] == "Sachstandsbericht Digitalisierung"
    assert "Dies ist der erste Sachstandsbericht" in text["sections"][0]["text"]
    assert "- Juli 2022: Pilotphase." in text["sections"][1]["text"]


def test_unknown_topics_are_refused(build):
    with pytest.raises(ValueError):
        generator.collect(build.region, SINCE, UNTIL, ["weather"])


def test_platform_events_report_attendance_or_registrations(build):
    """Events of the communication module feed the report (issue 13): who attended once it was
    recorded, else how many registered; drafts and events of a workshop are left out."""
    from digitalagentur.communication import registrations
    from digitalagentur.testing.communication import make_event

    def event(title, month, **values):
        start = noon(datetime.date(2022, month, 15))
        return make_event(
            build.region, title, start=start, end=start + datetime.timedelta(hours=4), **values
        )

    conference = event("Digitalisierungskonferenz", 8, kind="conference", capacity=None)
    seminar = event("Seminar E-Akte", 6, kind="seminar", capacity=None)
    event("Entwurf", 7, published=False)
    people = [t.make_user(f"gast-{n}") for n in range(3)]
    # Registration is closed in the past: write the rows as they would have been written.
    from digitalagentur.communication.models import Registration

    for person in people:
        Registration.objects.create(
            event=conference, user=person, name=person.username, email="x@example.org"
        )
    Registration.objects.create(event=seminar, user=people[0], name="a", email="a@example.org")
    seated = list(conference.registrations.values_list("pk", flat=True))
    registrations.record_attendance(conference, seated[:2])
    facts = generator.collect(build.region, SINCE, UNTIL, [Topic.EVENTS])
    texts_ = [i.text for i in facts.events]
    assert "15.06.2022: Seminar „Seminar E-Akte“ (1 Anmeldung)." in texts_
    assert "15.08.2022: Konferenz „Digitalisierungskonferenz“ (2 Teilnehmende)." in texts_
    assert not any("Entwurf" in text for text in texts_)
