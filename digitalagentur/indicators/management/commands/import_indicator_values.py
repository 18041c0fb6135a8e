"""`digitalagentur import_indicator_values <file> --region <slug> [--apply]`: import measured
values from CSV or XLSX with the same checks as the staff area (a dry run unless --apply)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from digitalagentur.indicators import importer
from digitalagentur.indicators.numbers import plain
from digitalagentur.tenancy.models import Region
from digitalagentur.tenancy.permissions import Access


class Command(BaseCommand):
    help = (
        "Importiert Messwerte von Indikatoren aus einer CSV- oder XLSX-Datei (Spalten "
        "Indikator;Stichtag;Wert;Kommune;Anmerkung). Ohne --apply wird nur geprüft. Mit einem "
        "Fehler wird nichts importiert (Rückgabewert 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV- oder XLSX-Datei")
        parser.add_argument("--region", required=True, help="Kürzel der Region, z. B. coesfeld")
        parser.add_argument(
            "--apply",
            action="store_true",
            help="Werte wirklich speichern (sonst nur prüfen).",
        )

    def handle(self, *args, file, region, apply=False, **options):
        try:
            region_obj = Region.objects.get(slug=region)
        except Region.DoesNotExist:
            raise CommandError(f"Die Region „{region}“ gibt es nicht.") from None
        path = Path(file)
        try:
            if path.stat().st_size > importer.MAX_BYTES:
                raise CommandError("Die Datei ist größer als 2 MB.")
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Die Datei ist nicht lesbar: {exc.strerror or exc}") from None
        # The command is run by the platform's operators: every row of the region is allowed.
        access = Access(region_id=region_obj.pk, is_superuser=True)
        run = importer.apply if apply else importer.check
        try:
            report = run(region_obj, access, path.name, content)
        except importer.ImportFileError as exc:
            raise CommandError(str(exc)) from None
        self.print_report(report)
        summary = report.summary()
        if report.errors or not report.rows:
            raise CommandError(
                f"Nichts importiert: {summary['errors']} Zeile(n) mit Fehlern."
                if report.errors
                else "Nichts importiert: Die Datei enthält keine Werte."
            )
        counts = (
            f"{summary['created']} neu, {summary['updated']} geändert, "
            f"{summary['unchanged']} unverändert"
        )
        if report.applied:
            self.stdout.write(self.style.SUCCESS(f"Importiert: {counts}."))
        else:
            self.stdout.write(f"Probelauf ohne Fehler ({counts}); nichts gespeichert.")
            self.stdout.write("Mit --apply werden die Werte gespeichert.")

    def print_report(self, report: importer.ImportReport) -> None:
        for row in report.rows:
            indicator = row.indicator.name if row.indicator else str(row.raw.get("indicator"))
            date = row.date.strftime("%d.%m.%Y") if row.date else str(row.raw.get("date"))
            value = plain(row.value) if row.value is not None else row.raw.get("value")
            town = row.town.name if row.town else (row.raw.get("town") or "ganze Region")
            what = "; ".join(row.errors) if row.errors else row.action_display
            line = f"Zeile {row.line}: {indicator}, {date}, {value}, {town}: {what}"
            self.stdout.write(self.style.ERROR(line) if row.errors else line)
        s = report.summary()
        self.stdout.write(
            f"{s['rows']} Zeilen: {s['created']} neu, {s['updated']} geändert, "
            f"{s['unchanged']} unverändert, {s['errors']} mit Fehlern."
        )
