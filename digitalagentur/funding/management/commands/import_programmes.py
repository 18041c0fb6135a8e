"""`digitalagentur import_programmes FILE [--dry-run] [--region SLUG]`: import funding
programmes from a CSV or JSON export of the Förderdatenbank des Bundes with the same checks as
the staff area (funding/importer.py), all rows or none, with a progress bar on stderr."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from digitalagentur.funding import importer
from digitalagentur.tenancy.permissions import Access
from digitalagentur.tenancy.regions import command_region


def plain(text: str) -> str:
    return text


class ProgressBar:
    """`Import [#########---------] 120/250 (48 %)` on one line, redrawn when the per cent
    changes (so a file of thousands of rows writes at most about a hundred updates)."""

    WIDTH = 30

    def __init__(self, out, label: str):
        self.out, self.label, self.shown = out, label, -1

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        if percent == self.shown and done != total:
            return
        self.shown = percent
        filled = self.WIDTH * done // total if total else self.WIDTH
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = f"\r{self.label} [{bar}] {done}/{total} ({percent} %)"
        self.out.write(line, style_func=plain, ending="\n" if done == total else "")
        self.out.flush()


class Command(BaseCommand):
    help = (
        "Importiert Förderprogramme aus einer CSV- oder JSON-Datei der Förderdatenbank des "
        "Bundes (Spalten z. B. Titel;Fördergeber;Förderart;Förderbereich;Fördergebiet;"
        "Förderberechtigte;Rechtsgrundlage;Ansprechpunkt;Kurztext;URL;ID). Neue Programme "
        "sind Entwürfe. Mit einer abgelehnten Zeile wird nichts importiert (Rückgabewert 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV- oder JSON-Datei")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Nur prüfen und berichten, nichts speichern.",
        )
        parser.add_argument(
            "--region",
            help=(
                "Kürzel der Region, z. B. kreis-coesfeld (ohne Angabe: die einzige Region, "
                "sonst die Standardregion DIGITALAGENTUR_DEFAULT_REGION)"
            ),
        )

    def handle(self, *args, file, dry_run=False, region=None, verbosity=1, **options):
        region_obj = command_region(region)
        path = Path(file)
        try:
            if path.stat().st_size > importer.MAX_BYTES:
                raise CommandError(
                    f"Die Datei ist größer als {importer.MAX_BYTES // (1024 * 1024)} MB; "
                    "bitte teilen Sie sie auf."
                )
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Die Datei ist nicht lesbar: {exc.strerror or exc}") from None
        if verbosity:
            self.stdout.write(f"Region: {region_obj.name} ({region_obj.slug})")
        # The command is run by the platform's operators: they may write every programme.
        access = Access(region_id=region_obj.pk, is_superuser=True)
        progress = (
            ProgressBar(self.stderr, "Prüfung" if dry_run else "Import") if verbosity else None
        )
        try:
            if dry_run:
                report = importer.check(region_obj, access, path.name, content, progress=progress)
            else:
                report = importer.apply(region_obj, access, path.name, content, progress=progress)
        except importer.ImportFileError as exc:
            raise CommandError(str(exc)) from None
        self.print_report(report, verbosity)
        summary = report.summary()
        if report.errors:
            raise CommandError(f"Nichts importiert: {summary['errors']} Zeile(n) abgelehnt.")
        if not verbosity:
            return
        counts = (
            f"{summary['created']} neu, {summary['updated']} geändert, "
            f"{summary['unchanged']} unverändert"
        )
        if report.applied:
            self.stdout.write(self.style.SUCCESS(f"Importiert: {counts}."))
        else:
            self.stdout.write(f"Probelauf ohne Fehler ({counts}); nichts gespeichert.")
            self.stdout.write("Ohne --dry-run werden die Programme gespeichert.")

    def print_report(self, report: importer.ImportReport, verbosity: int) -> None:
        for row in report.rows:
            shown = 2 if row.action == "unchanged" else 1
            if not row.errors and verbosity < shown:
                continue
            what = " ".join(row.errors) if row.errors else row.action_display
            if row.changed and not row.errors:
                what += f" ({', '.join(row.changed_labels)})"
            funder = f" ({row.funder_name})" if row.funder_name else ""
            line = f"{report.unit} {row.line}: {row.name or '–'}{funder}: {what}"
            self.stdout.write(self.style.ERROR(line) if row.errors else line)
        if not verbosity:
            return
        s = report.summary()
        if report.new_funders:
            self.stdout.write(f"Neue Fördergeber: {', '.join(report.new_funders)}")
        programmes = "Programm" if s["rows"] == 1 else "Programme"
        self.stdout.write(
            f"{s['rows']} {programmes}: {s['created']} neu, {s['updated']} geändert, "
            f"{s['unchanged']} unverändert, {s['errors']} abgelehnt."
        )
