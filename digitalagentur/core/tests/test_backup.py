"""`digitalagentur backup` / `restore`: round trips on SQLite and PostgreSQL scratch databases.

The tests never back up or restore the test database in place: SQLite tests use files in
tmp_path, PostgreSQL tests a scratch database of their own on the run's server.
"""

import io
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tarfile

import dj_database_url
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from digitalagentur.core import backup
from digitalagentur.core.backup import BackupError, create_backup, read_manifest, restore_backup

RUN_ON_POSTGRES = connection.vendor == "postgresql"
needs_postgres = pytest.mark.skipif(
    not RUN_ON_POSTGRES,
    reason="PostgreSQL backups are tested when the suite runs with DATABASE_URL=postgres://…",
)


def sqlite_database(path) -> dict:
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}


def sqlite_rows(path, sql="SELECT id, title FROM project ORDER BY id"):
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def sqlite_tables(path):
    return {
        row[0] for row in sqlite_rows(path, "SELECT name FROM sqlite_master WHERE type='table'")
    }


@pytest.fixture
def sqlite_db(tmp_path):
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE project (id INTEGER PRIMARY KEY, title TEXT NOT NULL)")
        db.executemany(
            "INSERT INTO project (title) VALUES (?)", [("Online ins Rathaus",), ("Glasfaser",)]
        )
    return path


@pytest.fixture
def media(tmp_path):
    root = tmp_path / "media"
    (root / "projekte" / "p1").mkdir(parents=True)
    (root / "projekte" / "p1" / "plan.pdf").write_bytes(b"%PDF-1.7 plan")
    (root / "logo.svg").write_text("<svg/>")
    return root


def media_contents(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_sqlite_round_trip_restores_database_and_files(tmp_path, sqlite_db, media):
    before_rows, before_media = sqlite_rows(sqlite_db), media_contents(media)
    archive = create_backup(f"{tmp_path}/backups/", sqlite_database(sqlite_db), media)
    assert archive.parent == tmp_path / "backups"
    assert archive.name.startswith("digitalagentur-backup-") and archive.suffixes == [".tar", ".gz"]
    assert archive.stat().st_mode & 0o777 == 0o600  # password hashes, personal data
    manifest = read_manifest(archive)
    assert manifest["format"] == 1
    assert manifest["vendor"] == "sqlite"
    assert manifest["media_files"] == 2
    assert manifest["app_version"] and manifest["created"].endswith("+00:00")

    # Changes after the backup: rows deleted and added, a new table, files changed.
    with sqlite3.connect(sqlite_db) as db:
        db.execute("DELETE FROM project WHERE id = 1")
        db.execute("INSERT INTO project (title) VALUES ('Neu nach der Sicherung')")
        db.execute("CREATE TABLE later (id INTEGER PRIMARY KEY)")
    (media / "logo.svg").unlink()
    (media / "neu.txt").write_text("nach der Sicherung")

    restored = restore_backup(archive, sqlite_database(sqlite_db), media)
    assert sqlite_rows(sqlite_db) == before_rows
    assert sqlite_tables(sqlite_db) == {"project"}
    assert media_contents(media) == before_media
    assert restored.media_files == 2 and not restored.media_skipped
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no leftovers


def test_sqlite_backup_is_consistent_while_another_connection_writes(tmp_path, sqlite_db):
    writer = sqlite3.connect(sqlite_db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO project (title) VALUES ('noch nicht bestätigt')")
    try:
        archive = create_backup(tmp_path / "backup.tar.gz", sqlite_database(sqlite_db), None)
    finally:
        writer.execute("COMMIT")
        writer.close()
    target = tmp_path / "restored.sqlite3"
    restore_backup(archive, sqlite_database(target), None)
    assert [title for _id, title in sqlite_rows(target)] == ["Online ins Rathaus", "Glasfaser"]
    assert len(sqlite_rows(sqlite_db)) == 3


def test_restore_refuses_other_vendor_other_format_and_damaged_dumps(tmp_path, sqlite_db):
    archive = create_backup(tmp_path / "backup.tar.gz", sqlite_database(sqlite_db), None)
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "irrelevant"}
    with pytest.raises(BackupError, match="sqlite-Datenbank, eingestellt ist postgresql"):
        restore_backup(archive, postgres, None)

    newer = write_archive(tmp_path / "newer.tar.gz", {**read_manifest(archive), "format": 2}, {})
    with pytest.raises(BackupError, match="Format 2"):
        read_manifest(newer)

    manifest = read_manifest(archive)
    damaged = write_archive(
        tmp_path / "damaged.tar.gz", manifest, {"database.sqlite3": b"not the dump"}
    )
    target = tmp_path / "target.sqlite3"
    target.write_bytes(sqlite_db.read_bytes())
    with pytest.raises(BackupError, match="beschädigt"):
        restore_backup(damaged, sqlite_database(target), None)
    assert len(sqlite_rows(target)) == 2

    not_a_backup = tmp_path / "x.tar.gz"
    not_a_backup.write_bytes(b"no archive")
    with pytest.raises(BackupError, match="keine Sicherung"):
        read_manifest(not_a_backup)


def test_media_of_the_archive_are_reported_when_no_media_root_is_configured(
    tmp_path, sqlite_db, media
):
    archive = create_backup(tmp_path / "b.tar.gz", sqlite_database(sqlite_db), media)
    restored = restore_backup(archive, sqlite_database(tmp_path / "new.sqlite3"), None)
    assert restored.media_skipped and restored.media_files == 2


def write_archive(path, manifest, members: dict[str, bytes]):
    with tarfile.open(path, "w:gz") as tar:
        for name, data in {"manifest.json": json.dumps(manifest).encode(), **members}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.django_db
def test_restore_command_refuses_a_database_with_data_without_yes(tmp_path, region):
    """Against the test database: it holds tables, so without --yes nothing happens."""
    dump = b"any dump"
    manifest = {
        "format": 1,
        "vendor": backup.vendor_of(connection.settings_dict),
        "created": "2026-01-01T00:00:00+00:00",
        "app_version": "0.1.0",
        "database": {"file": backup.DUMP_NAMES[connection.vendor], "sha256": "0" * 64},
        "media_files": 0,
    }
    archive = write_archive(
        tmp_path / "b.tar.gz", manifest, {backup.DUMP_NAMES[connection.vendor]: dump}
    )
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive), stdout=io.StringIO())
    from digitalagentur.tenancy.models import Region

    assert Region.objects.filter(pk=region.pk).exists()


# ---- PostgreSQL ------------------------------------------------------------------------------


@pytest.fixture
def postgres_scratch():
    """A scratch database on the run's PostgreSQL server, dropped afterwards."""
    import psycopg

    server = dict(connection.settings_dict)
    name = f"digitalagentur_backup_test_{os.getpid()}_{secrets.token_hex(3)}"
    admin = {
        "host": server["HOST"] or None,
        "port": server["PORT"] or None,
        "user": server["USER"] or None,
        "password": server["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**server, "NAME": name}, lambda: psycopg.connect(dbname=name, **admin)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@needs_postgres
def test_postgresql_round_trip_is_complete_and_atomic(tmp_path, postgres_scratch, media):
    database, connect = postgres_scratch
    with connect() as db:
        db.execute("CREATE TABLE field (id serial PRIMARY KEY, name text NOT NULL)")
        db.execute(
            "CREATE TABLE project (id serial PRIMARY KEY, title text NOT NULL,"
            " field_id int NOT NULL REFERENCES field(id))"
        )
        db.execute("INSERT INTO field (name) VALUES ('Verwaltung')")
        db.execute(
            "INSERT INTO project (title, field_id)"
            " VALUES ('Online ins Rathaus', 1), ('Glasfaser', 1)"
        )
    archive = create_backup(tmp_path / "pg.tar.gz", database, media)
    assert read_manifest(archive)["vendor"] == "postgresql"

    with connect() as db:
        db.execute("DELETE FROM project WHERE id = 1")
        db.execute("INSERT INTO project (title, field_id) VALUES ('Neu', 1), ('Neuer', 1)")
        db.execute("CREATE TABLE later (id int)")
    restore_backup(archive, database, media)
    with connect() as db:
        assert db.execute("SELECT id, title FROM project ORDER BY id").fetchall() == [
            (1, "Online ins Rathaus"),
            (2, "Glasfaser"),
        ]
        tables = {
            r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        }
        assert tables == {"field", "project"}
        # The sequence is restored too: the next project gets id 3 again.
        assert db.execute("SELECT nextval('project_id_seq')").fetchone() == (3,)

    # A restore that fails half way leaves the database as it was (one transaction).
    with connect() as db:
        db.execute("INSERT INTO field (name) VALUES ('Bildung')")
    broken = tmp_path / "broken.pgdump"
    broken.write_bytes(b"PGDMP broken")
    with pytest.raises(BackupError):
        backup.restore_postgresql(broken, database, tmp_path)
    with connect() as db:
        assert db.execute("SELECT count(*) FROM field").fetchone() == (2,)


@needs_postgres
def test_postgresql_restore_failing_inside_the_transaction_changes_nothing(
    tmp_path, postgres_scratch
):
    database, connect = postgres_scratch
    with connect() as db:
        db.execute("CREATE TABLE project (id serial PRIMARY KEY, title text)")
        db.execute("INSERT INTO project (title) VALUES ('bleibt')")
    archive = create_backup(tmp_path / "pg.tar.gz", database, None)
    with connect() as db:
        db.execute("INSERT INTO project (title) VALUES ('bleibt auch')")
        # A view the dump does not know, depending on the table: dropped in the transaction;
        # a failing statement after the drops must roll everything back.
        db.execute("CREATE VIEW titles AS SELECT title FROM project")
    original = backup.DROP_SCHEMA_OBJECTS
    backup.DROP_SCHEMA_OBJECTS = original + "\nSELECT 1/0;\n"
    try:
        with pytest.raises(BackupError, match="division by zero"):
            restore_backup(archive, database, None)
    finally:
        backup.DROP_SCHEMA_OBJECTS = original
    with connect() as db:
        assert db.execute("SELECT count(*) FROM titles").fetchone() == (2,)


# ---- the commands, end to end ----------------------------------------------------------------


def command_env(var_dir, database_url=None):
    env = {**os.environ, "DIGITALAGENTUR_VAR_DIR": str(var_dir)}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the command's default: settings.dev
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def digitalagentur(env, *args, check=True):
    result = subprocess.run(
        [sys.executable, "-m", "digitalagentur", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


# One process (Django starts once): the commands as an operator runs them, with call_command.
ROUND_TRIP = """
import io
from django.core.management import call_command
from digitalagentur.tenancy.models import Region

def regions():
    return sorted(Region.objects.values_list("slug", flat=True))

Region.objects.create(slug="kreis-a", name="Kreis A")
Region.objects.create(slug="kreis-b", name="Kreis B")
out = io.StringIO()
call_command("backup", "{target}", stdout=out)
archive = out.getvalue().split(": ", 1)[1].strip()
print("backup:", archive)
Region.objects.filter(slug="kreis-a").delete()
Region.objects.create(slug="kreis-c", name="Kreis C")
print("changed:", regions())
call_command("restore", archive, "--yes")
print("restored:", regions())
"""


def command_round_trip(env, tmp_path):
    digitalagentur(env, "migrate", "--noinput")
    target = f"{tmp_path}/backups/"
    result = digitalagentur(env, "shell", "-c", ROUND_TRIP.format(target=target))
    assert f"backup: {target}digitalagentur-backup-" in result.stdout
    assert "changed: ['kreis-b', 'kreis-c']" in result.stdout
    assert "Sicherung zurückgespielt" in result.stdout
    assert "restored: ['kreis-a', 'kreis-b']" in result.stdout


def test_backup_and_restore_commands_round_trip_on_sqlite(tmp_path):
    command_round_trip(command_env(tmp_path), tmp_path)


@needs_postgres
def test_backup_and_restore_commands_round_trip_on_postgresql(tmp_path, postgres_scratch):
    database, _connect = postgres_scratch
    url = dj_database_url.parse(os.environ["DATABASE_URL"])
    auth = url["USER"] + (f":{url['PASSWORD']}" if url["PASSWORD"] else "")
    command_round_trip(
        command_env(tmp_path, f"postgres://{auth}@{url['HOST']}:{url['PORT']}/{database['NAME']}"),
        tmp_path,
    )
