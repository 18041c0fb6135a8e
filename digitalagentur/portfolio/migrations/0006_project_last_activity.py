"""Project.last_activity, starting at the latest change of the project or its milestones,
updates and towns' parts."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest


def latest_of_project_and_children(apps, schema_editor):
    """One UPDATE: the latest of the project's own change and its children's."""
    Project = apps.get_model("portfolio", "Project")
    latest = [F("updated")]
    for name in ("Milestone", "ProjectUpdate", "Participation"):
        children = apps.get_model("portfolio", name).objects.filter(project=OuterRef("pk"))
        newest = children.order_by("-updated").values("updated")[:1]
        latest.append(Coalesce(Subquery(newest), F("updated")))
    Project.objects.update(last_activity=Greatest(*latest))


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
