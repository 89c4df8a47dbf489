"""The "Éditeurs" group: edit releases, offices, projects and people; never delete a release."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from core.editors import GROUP, ensure_editors_group


def forward(apps, schema_editor):
    # Permissions are normally created after all migrations: create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_editors_group(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def backward(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contacts", "0001_initial"),
        ("releases", "0005_review_and_import_runs"),
    ]
    operations = [migrations.RunPython(forward, backward)]
