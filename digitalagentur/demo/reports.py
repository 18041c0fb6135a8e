"""The demo's council papers (demo/data/reports.py), loaded by DemoLoader.load_reports: the
Kreistag's legislative term, the committee's three meetings and the three status reports of
the seeds, each linked to its meeting and to the report before it."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from digitalagentur.core.services import create_object
from digitalagentur.reports.choices import ReportStatus
from digitalagentur.reports.models import LegislativeTerm, Meeting, StatusReport

from .data import reports

BERLIN = ZoneInfo("Europe/Berlin")


def load_reports(loader, region, reason: str) -> None:
    term = reports.LEGISLATIVE_TERM
    loader._get_or_create(
        "Wahlperioden",
        LegislativeTerm,
        {"region": region, "name": term["name"]},
        {"start_date": term["start_date"], "end_date": term["end_date"]},
    )
    body = loader.bodies[reports.COMMITTEE]
    meetings = {}
    for day in reports.MEETINGS:
        # The seeds give no time of day: 17:00 Europe/Berlin is a placeholder.
        start = datetime.datetime.combine(day, reports.MEETING_TIME, tzinfo=BERLIN)
        meetings[day], _created = loader._get_or_create(
            "Sitzungen", Meeting, {"region": region, "body": body, "start": start}, {}
        )
    by_reference: dict[str, StatusReport] = {}
    for data in reports.STATUS_REPORTS:
        values = {
            key: data[key]
            for key in (
                "title",
                "date",
                "period_start",
                "period_end",
                "resolution",
                "sections",
                "topics",
                "attachments",
            )
        }
        values.update(
            body=body,
            meeting=meetings[data["meeting"]],
            previous=by_reference[data["previous"]] if data["previous"] else None,
            status=ReportStatus.NOTED,
        )
        lookup = {"region": region, "reference": data["reference"]}
        report = StatusReport._default_manager.filter(**lookup).first()
        if report is None:
            report = create_object(StatusReport(**lookup, **values), reason=reason)
            loader.created["Sachstandsberichte"] += 1
        by_reference[data["reference"]] = report
