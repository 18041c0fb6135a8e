"""German full-text search: a GIN expression index (PostgreSQL) or an FTS5 table (SQLite).

Nothing changes in the model: the index lives beside the table and the database keeps it
current on every insert, update and delete (bulk ones included). See portfolio/search.py.
"""

from django.db import migrations

from digitalagentur.portfolio.search import install_search_index, remove_search_index


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0002_project_code_unique_case_blind"),
    ]

    operations = [
        migrations.RunPython(install_search_index, remove_search_index, elidable=False),
    ]
