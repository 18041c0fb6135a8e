"""Project codes are unique per region whatever their case ("P7" and "p7" clash).

Existing codes that only differ in case are made distinct first (the oldest project keeps its
code, later ones get a suffix such as "p7-2"), so the constraint can be created on any data.
"""

import django.db.models.functions.text
from django.db import migrations, models


def separate_case_blind_duplicates(apps, schema_editor):
    Project = apps.get_model("portfolio", "Project")
    taken: dict[tuple[int, str], int] = {}
    renamed = []
    rows = Project.objects.exclude(code="").order_by("region_id", "pk").only("region_id", "code")
    for project in rows:
        key = (project.region_id, project.code.lower())
        if key not in taken:
            taken[key] = 1
            continue
        n = taken[key]
        while True:
            n += 1
            suffix = f"-{n}"
            candidate = project.code[: 20 - len(suffix)] + suffix
            if (project.region_id, candidate.lower()) not in taken:
                break
        taken[key] = n
        taken[(project.region_id, candidate.lower())] = 1
        project.code = candidate
        renamed.append(project)
    Project.objects.bulk_update(renamed, ["code"])


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(separate_case_blind_duplicates, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="project",
            name="portfolio_project_unique_code",
        ),
        migrations.AddConstraint(
            model_name="project",
            constraint=models.UniqueConstraint(
                models.F("region"),
                django.db.models.functions.text.Lower("code"),
                condition=models.Q(("code", ""), _negated=True),
                name="portfolio_project_unique_code_ci",
                violation_error_message="Diese Kennung ist in der Region schon vergeben.",
            ),
        ),
    ]
