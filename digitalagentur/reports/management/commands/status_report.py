"""`digitalagentur status_report --since 2022-03-17 --until 2022-09-13 --format pdf|docx|md
--output FILE [--region SLUG] [--committee BODY_SLUG] [--meeting-date DATE] [--reference X]`:
a status report of the period as a file, with progress on stderr. Nothing is stored: the
report is rendered from an unsaved StatusReport (the staff area stores reports)."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from digitalagentur.directory.choices import BodyKind
from digitalagentur.directory.models import Body
from digitalagentur.reports import exports, generator, services
from digitalagentur.reports.models import Meeting, StatusReport
from digitalagentur.strategy.choices import Topic
from digitalagentur.tenancy.models import Region
from digitalagentur.tenancy.regions import command_region

DEFAULT_COMMITTEE = "ausschuss-finanzen-wirtschaft-digitalisierung"
FORMATS = {"pdf": exports.as_pdf, "docx": exports.as_docx, "md": exports.as_markdown}


def parse_date(value: str | None, option: str) -> datetime.date | None:
    if value is None:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            parsed = datetime.datetime.strptime(value, pattern).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
        if not services.plausible_date(parsed):
            raise CommandError(f"Unplausibles Datum für {option}: „{value}“.")
        return parsed
    raise CommandError(
        f"Ungültiges Datum für {option}: „{value}“ (erwartet JJJJ-MM-TT oder TT.MM.JJJJ)."
    )


class Command(BaseCommand):
    help = (
        "Erstellt einen Sachstandsbericht für den angegebenen Zeitraum als PDF, DOCX oder "
        "Markdown-Datei (ohne ihn zu speichern)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", help="Beginn des Berichtszeitraums (JJJJ-MM-TT)")
        parser.add_argument(
            "--until", help="Ende des Berichtszeitraums (JJJJ-MM-TT; ohne Angabe: heute)"
        )
        parser.add_argument("--format", choices=sorted(FORMATS), default="pdf")
        parser.add_argument("--output", required=True, help="Zieldatei")
        parser.add_argument("--region", help="Kürzel der Region (ohne Angabe: die Demo-Region)")
        parser.add_argument("--committee", help="Kürzel des Ausschusses")
        parser.add_argument(
            "--meeting-date", help="Datum der Sitzung (JJJJ-MM-TT; ohne Angabe: Ende des Zeitraums)"
        )
        parser.add_argument("--reference", default="", help="Vorlagennummer, z. B. SV-10-0671")
        parser.add_argument(
            "--topics",
            help="Themen, durch Kommas getrennt (ohne Angabe: alle): " + ", ".join(Topic.values),
        )

    def handle(self, *args, **options):
        verbosity = options.get("verbosity", 1)
        region = command_region(options.get("region"))
        body = self.committee(region, options.get("committee"))
        until = parse_date(options.get("until"), "--until") or timezone.localdate()
        meeting_date = parse_date(options.get("meeting_date"), "--meeting-date") or until
        since = parse_date(options.get("since"), "--since")
        previous = services.previous_report(region, body, meeting_date)
        if since is None:
            since = services.default_period(region, body, meeting_date)[0] if previous else None
            if since is None:
                raise CommandError("Bitte den Beginn des Berichtszeitraums mit --since angeben.")
        if until < since:
            raise CommandError("Das Ende des Berichtszeitraums liegt vor seinem Beginn.")
        topics = self.topics(options.get("topics"))

        def progress(done: int, total: int) -> None:
            if verbosity:
                self.stderr.write(f"Abschnitt {done} von {total} erstellt …")

        text = generator.draft(
            region,
            body=body,
            meeting_date=meeting_date,
            since=since,
            until=until,
            topics=topics,
            previous=previous,
            progress=progress,
        )
        start = timezone.make_aware(datetime.datetime.combine(meeting_date, datetime.time.min))
        report = StatusReport(
            region=region,
            body=body,
            meeting=Meeting(region=region, body=body, start=start),
            reference=options.get("reference") or "",
            date=timezone.localdate(),
            period_start=since,
            period_end=until,
            topics=topics,
            previous=previous,
            title=text["title"],
            resolution=text["resolution"],
            sections=text["sections"],
        )
        fmt = options["format"]
        if verbosity:
            self.stderr.write(f"Ausgabe als {fmt.upper()} …")
        content = FORMATS[fmt](report)
        path = Path(options["output"])
        try:
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Die Datei ist nicht schreibbar: {exc.strerror or exc}") from None
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Sachstandsbericht {since:%d.%m.%Y}–{until:%d.%m.%Y} für "
                    f"{body.name} geschrieben: {path}"
                )
            )

    def committee(self, region: Region, slug: str | None) -> Body:
        bodies = Body.objects.filter(region=region)
        if slug:
            found = bodies.filter(slug=slug).first()
            if found is None:
                raise CommandError(f"Den Ausschuss „{slug}“ gibt es in {region.name} nicht.")
            return found
        found = bodies.filter(slug=DEFAULT_COMMITTEE).first()
        if found is None:
            last = services.latest_report(region)
            found = last.body if last is not None else None
        if found is None:
            committees = list(bodies.filter(kind=BodyKind.COMMITTEE).order_by("pk")[:2])
            found = committees[0] if len(committees) == 1 else None
        if found is None:
            raise CommandError("Bitte den Ausschuss mit --committee angeben.")
        return found

    def topics(self, value: str | None) -> list[str]:
        if not value:
            return list(Topic.values)
        chosen = [t.strip() for t in value.split(",") if t.strip()]
        unknown = [t for t in chosen if t not in Topic.values]
        if unknown:
            raise CommandError(
                f"Unbekannte Themen: {', '.join(unknown)} (möglich: {', '.join(Topic.values)})."
            )
        return chosen
