"""`digitalagentur newsletter_bounces <file> --region <slug> [--apply]`: record the mail
server's bounces of the newsletter (communication/bounces.py), a dry run unless --apply;
for the mail server's cron job or a file too large for the staff area's upload."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from digitalagentur.communication import bounces
from digitalagentur.tenancy.models import Region


class Command(BaseCommand):
    help = (
        "Markiert Adressen des Newsletters als unzustellbar: eine Adresse je Zeile oder eine "
        "CSV-Datei mit den Spalten email und typ (hard/soft). Ohne --apply wird nur geprüft."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV- oder Textdatei")
        parser.add_argument("--region", required=True, help="Kürzel der Region, z. B. coesfeld")
        parser.add_argument(
            "--apply", action="store_true", help="Wirklich markieren (sonst nur prüfen)."
        )

    def handle(self, *args, file, region, apply=False, **options):
        try:
            region_obj = Region.objects.get(slug=region)
        except Region.DoesNotExist:
            raise CommandError(f"Die Region „{region}“ gibt es nicht.") from None
        path = Path(file)
        try:
            if path.stat().st_size > bounces.MAX_BYTES:
                raise CommandError("Die Datei ist größer als 5 MB; bitte teilen Sie sie auf.")
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Die Datei ist nicht lesbar: {exc.strerror or exc}") from None
        run = bounces.apply if apply else bounces.check
        try:
            report = run(region_obj, content)
        except bounces.BounceFileError as exc:
            raise CommandError(str(exc)) from None
        for line, message in report.problems:
            self.stdout.write(self.style.WARNING(f"Zeile {line}: {message}"))
        counts = (
            f"{report.addresses} Adressen: {report.marked} unzustellbar, {report.counted} "
            f"vorübergehende Fehler gezählt, {report.already} schon abgemeldet oder "
            f"unzustellbar, {report.unknown} ohne Abonnement; {report.problem_count} Zeilen "
            "ohne gültige Adresse"
        )
        if report.applied:
            self.stdout.write(self.style.SUCCESS(f"Übernommen: {counts}."))
        else:
            self.stdout.write(f"Probelauf: {counts}. Nichts gespeichert; mit --apply übernehmen.")
