"""`digitalagentur backup <file or directory>`: database and uploaded files in one archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from digitalagentur.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Sichert die Datenbank (SQLite: Online-Backup; PostgreSQL: pg_dump) und die "
        "hochgeladenen Dateien (MEDIA_ROOT) konsistent in ein Archiv (.tar.gz). Der laufende "
        "Server muss dafür nicht angehalten werden. Zurückspielen: digitalagentur restore."
    )
    # A backup must be possible whatever else is wrong (static files not collected, ...).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "target",
            help="Archivdatei (.tar.gz) oder Verzeichnis (dann mit Datum im Dateinamen)",
        )

    def handle(self, *args, target, **options):
        database = connections[DEFAULT_DB_ALIAS].settings_dict
        media_root = Path(settings.MEDIA_ROOT) if settings.MEDIA_ROOT else None
        try:
            archive = create_backup(target, database, media_root)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Sicherung geschrieben: {archive}"))
