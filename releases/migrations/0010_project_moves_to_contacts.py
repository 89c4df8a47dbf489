"""Releases now point at contacts.Project (same table, renamed in 0009)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0009_project_moves_to_contacts"),
        ("contacts", "0003_project_moves_in"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="release",
                    name="projects",
                    field=models.ManyToManyField(
                        blank=True, related_name="releases", to="contacts.project", verbose_name="projets"
                    ),
                ),
                migrations.DeleteModel(name="HistoricalProject"),
                migrations.DeleteModel(name="Project"),
            ]
        )
    ]
