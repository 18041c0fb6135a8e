import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import EditConflict
from digitalagentur.reports import services, tasks
from digitalagentur.reports.choices import GenerationState, ReportStatus
from digitalagentur.reports.models import Meeting, StatusReport

from .conftest import AFTER, SINCE, UNTIL

MEETING = datetime.date(2022, 9, 13)


def create(build, committee, **kwargs):
    values = {
        "body": committee,
        "meeting_date": MEETING,
        "since": SINCE,
        "until": UNTIL,
        "topics": ["strategy", "agency", "events"],
        "reference": "SV-10-0671",
        "date": datetime.date(2022, 8, 18),
    }
    values.update(kwargs)
    return services.create_report(build.region, **values)


def changes(report):
    return ObjectChange.objects.filter(object_id=report.pk, content_type__model="statusreport")


def test_create_report_links_previous_meeting_and_logs(build, committee, users):
    first = create(
        build,
        committee,
        meeting_date=SINCE,
        since=datetime.date(2021, 10, 1),
        until=SINCE,
        reference="SV-10-0502",
        date=datetime.date(2022, 2, 28),
    )
    build.timeline(datetime.date(2022, 4, 26), "Koordinierungskreis konstituiert", topic="agency")
    report = create(build, committee, user=users["coordinator"])
    assert report.previous == first and report.status == ReportStatus.DRAFT
    assert report.meeting.start.date() == MEETING and report.meeting.body == committee
    assert Meeting.objects.filter(body=committee).count() == 2
    intro = report.sections[0]["text"]
    assert "(SV-10-0502 vom 28.02.2022)" in intro and "am 17.03.2022" in intro
    agency = next(s for s in report.sections if s["key"] == "agency")
    assert "Koordinierungskreis konstituiert" in agency["text"]
    log = changes(report).get()
    assert log.action == "create" and log.user == users["coordinator"]
    # The same meeting is reused.
    again = create(build, committee, reference="SV-10-0672")
    assert again.meeting == report.meeting


def test_default_period_starts_at_the_end_of_the_last_report(build, committee):
    since, previous = services.default_period(build.region, committee)
    assert previous is None and since == timezone.localdate() - datetime.timedelta(days=365)
    report = create(build, committee)
    assert services.default_period(build.region, committee) == (UNTIL, report)


def test_reference_is_unique_and_period_ordered(build, committee):
    create(build, committee)
    with pytest.raises(ValidationError, match="Vorlagennummer ist schon vergeben"):
        create(build, committee)
    with pytest.raises(ValidationError, match="nicht vor seinem Beginn"):
        create(build, committee, reference="X", since=UNTIL, until=SINCE)


def test_update_keeps_edits_and_checks_the_version(build, committee, users):
    report = create(build, committee)
    version = report.version
    updated = services.update_report(
        report,
        data={"title": "Neuer Betreff", "attachments": "Präsentation"},
        sections={"agency": "Eigener Text.\r\n\r\n- Punkt"},
        expected_version=version,
        user=users["coordinator"],
    )
    assert updated.version == version + 1 and updated.title == "Neuer Betreff"
    assert services.edited_sections(updated) == ["agency"]
    assert next(s for s in updated.sections if s["key"] == "agency")["text"] == (
        "Eigener Text.\n\n- Punkt"
    )
    with pytest.raises(EditConflict):
        services.update_report(updated, data={"title": "Alt"}, expected_version=version)
    with pytest.raises(ValidationError, match="Abschnitte gibt es im Bericht nicht"):
        services.update_report(updated, sections={"weather": "x"}, expected_version=version + 1)
    with pytest.raises(ValidationError, match="können nicht geändert werden"):
        services.update_report(updated, data={"region": 5}, expected_version=version + 1)
    assert changes(report).filter(action="update").count() == 1


def test_regenerate_keeps_edits_unless_overwriting(build, committee):
    report = create(build, committee)
    report = services.update_report(
        report, sections={"agency": "Handgeschrieben"}, expected_version=report.version
    )
    build.timeline(datetime.date(2022, 5, 5), "Neuer Eintrag", topic="strategy")
    build.timeline(datetime.date(2022, 5, 6), "Agentur neu", topic="agency")
    kept = services.regenerate(report, overwrite_edits=False)
    report.refresh_from_db()
    sections = {s["key"]: s for s in report.sections}
    assert kept == ["agency"]
    assert sections["agency"]["text"] == "Handgeschrieben"
    assert "Agentur neu" in sections["agency"]["generated"]
    assert "Neuer Eintrag" in sections["strategy"]["text"]
    assert services.regenerate(report, overwrite_edits=True) == []
    report.refresh_from_db()
    assert "Agentur neu" in {s["key"]: s for s in report.sections}["agency"]["text"]
    assert services.edited_sections(report) == []


def test_set_status_and_delete_only_drafts(build, committee, users):
    report = create(build, committee)
    with pytest.raises(ValidationError):
        services.set_status(report, "weird", expected_version=report.version)
    meeting_changed = report.meeting.updated
    report = services.set_status(
        report, ReportStatus.FINAL, user=users["coordinator"], expected_version=report.version
    )
    # The meeting embeds its public reports (OParl): it counts as changed too.
    report.meeting.refresh_from_db()
    assert report.meeting.updated > meeting_changed
    with pytest.raises(ValidationError, match="Nur Entwürfe"):
        services.delete_report(report, users["coordinator"])
    # A finished paper never goes back to draft; it only moves on to "noted".
    with pytest.raises(ValidationError, match="kann nicht"):
        services.set_status(report, ReportStatus.DRAFT, expected_version=report.version)
    report = services.set_status(report, ReportStatus.NOTED, expected_version=report.version)
    with pytest.raises(ValidationError, match="kann nicht"):
        services.set_status(report, ReportStatus.FINAL, expected_version=report.version)
    draft = create(build, committee, reference="SV-10-0700")
    services.delete_report(draft, users["coordinator"])
    assert not StatusReport.objects.filter(pk=draft.pk).exists()
    assert changes(draft).filter(action="delete").count() == 1


def test_only_drafts_change_their_text_or_are_regenerated(build, committee, users):
    report = create(build, committee)
    report = services.set_status(report, ReportStatus.FINAL, expected_version=report.version)
    key = report.sections[1]["key"]
    with pytest.raises(ValidationError, match="Nur Entwürfe"):
        services.update_report(
            report, sections={key: "Nachträglich geändert."}, expected_version=report.version
        )
    with pytest.raises(ValidationError, match="Nur Entwürfe"):
        services.update_report(report, data={"title": "Neu"}, expected_version=report.version)
    with pytest.raises(ValidationError, match="Nur Entwürfe"):
        services.regenerate(report, overwrite_edits=True)
    with pytest.raises(ValidationError, match="Nur Entwürfe"):
        services.request_generation(report)
    # Saving the unchanged text (the edit page of a finished paper) is no change at all.
    same = services.update_report(
        report,
        data={"title": report.title},
        sections={key: report.sections[1]["text"]},
        expected_version=report.version,
    )
    assert same.version == report.version


def test_overwriting_keeps_edits_saved_after_the_confirmation(build, committee):
    report = create(build, committee)
    key = report.sections[1]["key"]
    report = services.update_report(
        report, sections={key: "Erste Fassung."}, expected_version=report.version
    )
    confirmed = report.version
    # Someone edits again after the editor confirmed overwriting (the job has not run yet).
    report = services.update_report(
        report, sections={key: "Später ergänzt."}, expected_version=report.version
    )
    kept = services.regenerate(report, overwrite_edits=True, confirmed_version=confirmed)
    report.refresh_from_db()
    assert kept == [key]
    assert next(s for s in report.sections if s["key"] == key)["text"] == "Später ergänzt."
    # With the version confirmed being the current one, overwriting happens.
    kept = services.regenerate(report, overwrite_edits=True, confirmed_version=report.version)
    report.refresh_from_db()
    assert kept == []
    section = next(s for s in report.sections if s["key"] == key)
    assert section["text"] == section["generated"]


def test_generation_job_runs_regenerates_and_is_harmless_twice(
    build, committee, users, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    report = create(build, committee)
    build.timeline(datetime.date(2022, 6, 1), "Später erfasst", topic="events", participants=80)
    build.timeline(AFTER, "Nach dem Zeitraum", topic="events")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.request_generation(report, overwrite_edits=False, user=users["coordinator"])
    report.refresh_from_db()
    assert report.generation_state == GenerationState.QUEUED
    for callback in callbacks:
        callback()
    report.refresh_from_db()
    assert report.generation_state == GenerationState.IDLE and report.generation_progress == 100
    events = {s["key"]: s for s in report.sections}["events"]["text"]
    assert "Später erfasst (80 Teilnehmende)" in events and "Nach dem Zeitraum" not in events
    logged, version = changes(report).count(), report.version
    tasks.generate_report.call(report.pk)
    report.refresh_from_db()
    assert changes(report).count() == logged and report.version == version


def test_generation_job_records_failure(build, committee, monkeypatch):
    report = create(build, committee)

    def broken(*args, **kwargs):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(services, "regenerate", broken)
    tasks.generate_report.call(report.pk)
    report.refresh_from_db()
    assert report.generation_state == GenerationState.FAILED
    assert report.generation_error == "Der Bericht konnte nicht erzeugt werden: kaputt"
