"""`digitalagentur restore <archive>`: replaces the database and uploaded files with a backup."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from digitalagentur.core.backup import (
    BackupError,
    check_compatible,
    has_tables,
    read_manifest,
    restore_backup,
)


class Command(BaseCommand):
    help = (
        "Spielt eine mit „digitalagentur backup“ erstellte Sicherung zurück: Die Datenbank "
        "und die hochgeladenen Dateien werden vollständig ersetzt (PostgreSQL in einer "
        "Transaktion, SQLite in einem Schritt). Danach „digitalagentur migrate“ ausführen, "
        "falls die Sicherung von einer älteren Version stammt."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Archivdatei (.tar.gz) von digitalagentur backup")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Ohne Rückfrage vorhandene Daten ersetzen.",
        )

    def handle(self, *args, archive, yes=False, **options):
        connection = connections[DEFAULT_DB_ALIAS]
        database = connection.settings_dict
        media_root = Path(settings.MEDIA_ROOT) if settings.MEDIA_ROOT else None
        try:
            manifest = read_manifest(Path(archive))
            check_compatible(manifest, database)
            self.stdout.write(
                f"Sicherung vom {manifest['created']} (Version {manifest['app_version']}, "
                f"{manifest['vendor']}, {manifest['media_files']} Dateien)."
            )
            if has_tables(connection) and not yes:
                self.confirm(database)
            connections.close_all()  # no connection of ours holds a lock during the restore
            restored = restore_backup(Path(archive), database, media_root)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        # Cached pages belong to the replaced data (a shared Redis cache is emptied here; the
        # memory caches of running servers go with their restart, see docs/deployment.md).
        cache.clear()
        self.stdout.write(self.style.SUCCESS("Sicherung zurückgespielt."))
        if restored.media_skipped:
            self.stdout.write(
                self.style.WARNING(
                    f"{restored.media_files} hochgeladene Dateien nicht zurückgespielt: "
                    "MEDIA_ROOT ist nicht eingestellt."
                )
            )

    def confirm(self, database):
        question = (
            f"Die Datenbank {database['NAME']} enthält Daten; sie werden vollständig ersetzt."
        )
        if not sys.stdin.isatty():
            raise CommandError(f"{question} Zum Bestätigen --yes angeben.")
        answer = input(f"{question} Fortfahren? Zum Bestätigen „ja“ eingeben: ")
        if answer.strip().lower() != "ja":
            raise CommandError("Abgebrochen; nichts geändert.")
