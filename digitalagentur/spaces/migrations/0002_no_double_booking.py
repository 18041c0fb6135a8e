"""PostgreSQL: two confirmed bookings of one unit never overlap (issue 11, section 3).

An exclusion constraint over the unit (=, which a GiST index can use thanks to `btree_gist`)
and the half-open range [start, end) (&&, so ranges that only touch do not overlap). SQLite
has no such constraint: there the booking services check and insert in one write transaction
(spaces/booking.py). The constraint is not part of the model state, because SQLite cannot
create it; `makemigrations` therefore never sees it.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "spaces_booking_no_overlap"


def create_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE spaces_booking ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(unit_id WITH =, tstzrange(start, \"end\", '[)') WITH &&) "
        "WHERE (status = 'confirmed')"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE spaces_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("spaces", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(create_constraint, drop_constraint),
    ]
