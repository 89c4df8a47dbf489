"""Projects join offices and people in this app: the tables were renamed by
releases 0009; here the models enter this app's state, and their content types
follow (permissions, admin log and history keep pointing at them)."""

import django.db.models.deletion
import django.db.models.functions.text
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MODELS = ("project", "historicalproject")


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label="contacts", model=model).exists():
            ContentType.objects.filter(app_label="releases", model=model).update(app_label="contacts")


def content_types_go_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="contacts", model__in=MODELS).update(app_label="releases")


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0002_history"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("releases", "0009_project_moves_to_contacts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Project",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("locked_fields", models.JSONField(blank=True, default=list, help_text="Champs modifiés par un éditeur : les imports ne les écrasent pas.", verbose_name="champs corrigés")),
                        ("imported_values", models.JSONField(blank=True, default=dict, editable=False, verbose_name="valeurs importées")),
                        ("name", models.CharField(max_length=300, verbose_name="nom")),
                        ("slug", models.SlugField(max_length=220, unique=True)),
                        ("acronym", models.CharField(blank=True, max_length=20, verbose_name="sigle")),
                    ],
                    options={
                        "verbose_name": "projet",
                        "verbose_name_plural": "projets",
                        "ordering": ["name"],
                        "constraints": [
                            models.UniqueConstraint(django.db.models.functions.text.Lower("name"), name="project_name_unique_ci"),
                            models.UniqueConstraint(condition=models.Q(("acronym", ""), _negated=True), fields=("acronym",), name="project_acronym_unique"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalProject",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("locked_fields", models.JSONField(blank=True, default=list, help_text="Champs modifiés par un éditeur : les imports ne les écrasent pas.", verbose_name="champs corrigés")),
                        ("name", models.CharField(max_length=300, verbose_name="nom")),
                        ("slug", models.SlugField(max_length=220)),
                        ("acronym", models.CharField(blank=True, max_length=20, verbose_name="sigle")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        ("history_type", models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1)),
                        ("history_user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "historical projet",
                        "verbose_name_plural": "historical projets",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
            ],
            database_operations=[migrations.RunPython(content_types_follow, content_types_go_back)],
        ),
    ]
