"""Project.last_activity, starting at the latest change of the project or its milestones,
updates and towns' parts."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest


def latest_of_project_and_children(apps, schema_editor):
    Project = apps.get_model("portfolio", "Project")
    latest = {}
    for name in ("Milestone", "ProjectUpdate", "Participation"):
        model = apps.get_model("portfolio", name)
        rows = model.objects.values("project_id").annotate(last=Max("updated"))
        for row in rows.values_list("project_id", "last"):
            if row[1] is not None and (row[0] not in latest or row[1] > latest[row[0]]):
                latest[row[0]] = row[1]
    for project in Project.objects.only("pk", "updated"):
        when = max(filter(None, (project.updated, latest.get(project.pk))))
        Project.objects.filter(pk=project.pk).update(last_activity=when)


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0005_project_parts")]

    operations = [
        migrations.AddField(
            model_name="project",
            name="last_activity",
            field=models.DateTimeField(
                default=django.utils.timezone.now,
                editable=False,
                help_text=(
                    "Letzte Änderung am Projekt, an einem Teil einer Kommune, einem Meilenstein"
                    " oder einem Projekt-Update (portfolio/activity.py)."
                ),
                verbose_name="zuletzt aktualisiert",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                models.F("region"),
                models.F("last_activity").desc(),
                name="portfolio_project_activity",
            ),
        ),
        migrations.RunPython(latest_of_project_and_children, migrations.RunPython.noop),
    ]
