"""Each participating town's part of a project: its own status, progress and note.

Existing participations start with their project's status and progress, so every project's
figures stay what they were (the mean of equal parts is that value), except that a
discontinued project of one or more towns has the progress 0 the rule gives it
(portfolio/rollup.py: discontinued parts are left out of the mean).
"""

import django.core.validators
import django.utils.timezone
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def parts_start_where_the_project_stands(apps, schema_editor):
    Participation = apps.get_model("portfolio", "Participation")
    Project = apps.get_model("portfolio", "Project")
    project = Project.objects.filter(pk=OuterRef("project_id"))
    # The time stamps too: AddField filled them with the time of the migration.
    Participation.objects.update(
        status=Subquery(project.values("status")[:1]),
        progress=Subquery(project.values("progress")[:1]),
        created=Subquery(project.values("created")[:1]),
        updated=Subquery(project.values("updated")[:1]),
    )
    Project.objects.filter(status="discontinued", participations__isnull=False).update(progress=0)


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0004_list_indexes")]

    operations = [
        migrations.AddField(
            model_name="project",
            name="progress_is_override",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Sonst ergeben sich Status und Fortschritt eines Projekts mehrerer Kommunen"
                    " aus den Teilen der Kommunen."
                ),
                verbose_name="Status und Fortschritt von der Koordination festgelegt",
            ),
        ),
        migrations.AlterModelOptions(
            name="participation",
            options={"verbose_name": "Teil der Kommune", "verbose_name_plural": "Teile der Kommunen"},
        ),
        migrations.AddField(
            model_name="participation",
            name="created",
            field=models.DateTimeField(
                auto_now_add=True, default=django.utils.timezone.now, verbose_name="angelegt"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="participation",
            name="updated",
            field=models.DateTimeField(auto_now=True, verbose_name="geändert"),
        ),
        migrations.AddField(
            model_name="participation",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="Version"),
        ),
        migrations.AddField(
            model_name="participation",
            name="status",
            field=models.CharField(
                choices=[
                    ("idea", "Idee"),
                    ("planned", "geplant"),
                    ("in_progress", "in Umsetzung"),
                    ("completed", "abgeschlossen"),
                    ("paused", "pausiert"),
                    ("discontinued", "eingestellt"),
                ],
                default="planned",
                max_length=20,
                verbose_name="Status",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="progress",
            field=models.PositiveSmallIntegerField(
                default=0,
                validators=[django.core.validators.MaxValueValidator(100)],
                verbose_name="Fortschritt (%)",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="note",
            field=models.CharField(
                blank=True,
                help_text="Kurz: wo die Kommune steht",
                max_length=500,
                verbose_name="Notiz",
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="portfolio_participation_progress_max_100",
                violation_error_message="Der Fortschritt liegt zwischen 0 und 100 %.",
            ),
        ),
        migrations.RunPython(parts_start_where_the_project_stands, migrations.RunPython.noop),
    ]
