"""Backup and restore of the database and the uploaded files as one archive (tar.gz).

The archive holds manifest.json (format version, database vendor, creation time, application
version, checksum of the dump), the database dump and, when MEDIA_ROOT is configured and
exists, the uploaded files under media/.

* SQLite: a copy made with SQLite's online backup API (sqlite3.Connection.backup), which is
  consistent while the server keeps running and writing. The restore copies it back with the
  same API into the live database file, in one step: readers see the old or the new data.
* PostgreSQL: `pg_dump --format=custom` (one consistent snapshot). The restore drops every
  table of the schema and loads the dump in a single transaction (psql --single-transaction):
  it either completes or leaves the database as it was.
* Uploaded files are unpacked next to MEDIA_ROOT and then swapped in by renaming.

The management commands `digitalagentur backup` and `restore` (core/management/commands/)
use the default database and MEDIA_ROOT; the functions here take them as arguments, so that
the tests can work on scratch databases.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3

# pg_dump, pg_restore and psql, always with argument lists, never through a shell.
import subprocess  # nosec B404
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_DIR = "media"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINES = {
    "django.db.backends.sqlite3": "sqlite",
    "django.db.backends.postgresql": "postgresql",
}
# libpq's environment variables for the connection settings Django passes on as OPTIONS.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}
# Run inside the restore's transaction, before the dump: the database then holds exactly what
# the backup held (tables of newer migrations included are gone), or, on failure, is unchanged.
DROP_SCHEMA_OBJECTS = """
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT viewname FROM pg_views WHERE schemaname = current_schema() LOOP
        EXECUTE format('DROP VIEW IF EXISTS %I CASCADE', r.viewname);
    END LOOP;
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
        EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', r.tablename);
    END LOOP;
    FOR r IN SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() LOOP
        EXECUTE format('DROP SEQUENCE IF EXISTS %I CASCADE', r.sequencename);
    END LOOP;
END
$$;
"""


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why (for the operator)."""


@dataclass(frozen=True)
class Restored:
    manifest: dict
    media_files: int
    media_skipped: bool  # the archive has files but no MEDIA_ROOT is configured


def vendor_of(database: dict) -> str:
    try:
        return ENGINES[database["ENGINE"]]
    except KeyError:
        raise BackupError(f"Datenbank {database['ENGINE']} wird nicht unterstützt.") from None


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("digitalagentur")
    except PackageNotFoundError:
        return "unknown"


def default_archive_name(now: datetime.datetime | None = None) -> str:
    now = now or datetime.datetime.now(tz=datetime.UTC)
    return f"digitalagentur-backup-{now:%Y%m%d-%H%M%S}.tar.gz"


def create_backup(target: str | Path, database: dict, media_root: Path | None) -> Path:
    """Writes the archive to `target`: a file, or a directory (existing, or ending in "/") in
    which it gets a dated file name.

    The archive appears complete or not at all (written under a temporary name, then
    renamed) and is readable by its owner only: it holds password hashes and personal data.
    """
    vendor = vendor_of(database)
    is_directory = str(target).endswith(("/", os.sep)) or Path(target).is_dir()
    target = Path(target)
    if is_directory:
        target = target / default_archive_name()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=target.parent) as work:
        dump = Path(work) / DUMP_NAMES[vendor]
        if vendor == "sqlite":
            dump_sqlite(database["NAME"], dump)
        else:
            dump_postgresql(database, dump)
        media = media_files(media_root)
        manifest = {
            "format": FORMAT_VERSION,
            "vendor": vendor,
            "created": datetime.datetime.now(tz=datetime.UTC).isoformat(timespec="seconds"),
            "app_version": app_version(),
            "database": {"file": dump.name, "sha256": sha256(dump)},
            "media_files": len(media),
        }
        (Path(work) / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2), "utf-8")
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(Path(work) / MANIFEST_NAME, arcname=MANIFEST_NAME)
            tar.add(dump, arcname=dump.name)
            for path in media:
                tar.add(path, arcname=f"{MEDIA_DIR}/{path.relative_to(media_root).as_posix()}")
        partial.chmod(0o600)
        os.replace(partial, target)
    return target


def media_files(media_root: Path | None) -> list[Path]:
    if not media_root or not Path(media_root).is_dir():
        return []
    return sorted(p for p in Path(media_root).rglob("*") if p.is_file() and not p.is_symlink())


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def dump_sqlite(name: str | Path, dump: Path) -> None:
    if not Path(name).is_file():
        raise BackupError(f"Die SQLite-Datenbank {name} gibt es nicht.")
    source = sqlite3.connect(f"file:{name}?mode=ro", uri=True, timeout=20)
    target = sqlite3.connect(dump)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def postgres_environment(database: dict) -> dict[str, str]:
    """The connection as libpq variables (the password never appears in a command line)."""
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    for option, variable in LIBPQ_OPTIONS.items():
        if database.get("OPTIONS", {}).get(option):
            env[variable] = str(database["OPTIONS"][option])
    return env


def run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(  # noqa: S603  # nosec B603
            command, env=env, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} fehlt: Die PostgreSQL-Client-Programme installieren "
            "(Debian: apt-get install postgresql-client)."
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} ist gescheitert: {result.stderr.strip()}")


def dump_postgresql(database: dict, dump: Path) -> None:
    run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"],
        postgres_environment(database),
    )


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST_NAME)
            manifest = json.loads(member.read()) if member else None
    except (OSError, KeyError, tarfile.TarError, ValueError) as exc:
        raise BackupError(f"{archive} ist keine Sicherung der Digitalagentur: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("vendor") not in DUMP_NAMES:
        raise BackupError(f"{archive}: manifest.json fehlt oder ist ungültig.")
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            f"{archive} hat das Format {manifest.get('format')}; diese Version liest nur "
            f"Format {FORMAT_VERSION}."
        )
    return manifest


def check_compatible(manifest: dict, database: dict) -> None:
    vendor = vendor_of(database)
    if manifest["vendor"] != vendor:
        raise BackupError(
            f"Die Sicherung stammt aus einer {manifest['vendor']}-Datenbank, eingestellt ist "
            f"{vendor}. Eine Sicherung lässt sich nur in dieselbe Art Datenbank zurückspielen."
        )


def restore_backup(archive: Path, database: dict, media_root: Path | None) -> Restored:
    """Replaces the database (and MEDIA_ROOT) with the archive's contents.

    The caller has confirmed that existing data may be replaced.
    """
    manifest = read_manifest(archive)
    check_compatible(manifest, database)
    vendor = manifest["vendor"]
    with tempfile.TemporaryDirectory(prefix="digitalagentur-restore-") as work:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        dump = Path(work) / DUMP_NAMES[vendor]
        if not dump.is_file() or sha256(dump) != manifest["database"]["sha256"]:
            raise BackupError(f"{archive}: Der Datenbankabzug fehlt oder ist beschädigt.")
        if vendor == "sqlite":
            restore_sqlite(dump, database["NAME"])
        else:
            restore_postgresql(dump, database, Path(work))
        media = Path(work) / MEDIA_DIR
        count = sum(1 for p in media.rglob("*") if p.is_file()) if media.is_dir() else 0
        skipped = bool(count) and not media_root
        if media_root and (count or Path(media_root).exists()):
            replace_directory(media if media.is_dir() else None, Path(media_root))
    return Restored(manifest=manifest, media_files=count, media_skipped=skipped)


def restore_sqlite(dump: Path, name: str | Path) -> None:
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    target = sqlite3.connect(name, timeout=20)
    try:
        source.backup(target)  # all pages in one step, under the database's write lock
    finally:
        target.close()
        source.close()


def restore_postgresql(dump: Path, database: dict, work: Path) -> None:
    env = postgres_environment(database)
    script = work / "restore.sql"
    run(["pg_restore", "--no-owner", "--no-privileges", f"--file={script}", str(dump)], env)
    drop = work / "drop.sql"
    drop.write_text(DROP_SCHEMA_OBJECTS, "utf-8")
    run(
        [
            "psql",
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            f"--file={drop}",
            f"--file={script}",
        ],
        env,
    )


def has_tables(connection) -> bool:
    """True when the database behind a Django connection holds any table."""
    with connection.cursor() as cursor:
        return bool(connection.introspection.table_names(cursor))


def replace_directory(source: Path | None, target: Path) -> None:
    """Puts `source`'s contents at `target` by renames (an empty directory when None)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    if source is not None:
        shutil.copytree(source, incoming, dirs_exist_ok=True)
    previous = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        os.replace(target, previous)
    os.replace(incoming, target)
    target.chmod(0o755)
    if previous.exists():
        shutil.rmtree(previous)
