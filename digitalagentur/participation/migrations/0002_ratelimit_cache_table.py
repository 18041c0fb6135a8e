"""The database table of the "ratelimit" cache (participation/limits.py) when the settings
count rate limits in the database (no Redis): `migrate` creates it, so that `make run` and
a fresh production database need no extra `createcachetable` step."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
