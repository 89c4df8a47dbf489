"""The "Éditeurs" group: edit releases, offices, projects and people; never delete a release."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Éditeurs"
PERMISSIONS = {
    "releases": {
        "release": ["view", "add", "change"],
        "releasecontact": ["view", "add", "change", "delete"],
        "quotedperson": ["view", "add", "change", "delete"],
        "project": ["view", "add", "change", "delete"],
        "importrun": ["view"],
    },
    "contacts": {
        "countryoffice": ["view", "add", "change", "delete"],
        "contactperson": ["view", "add", "change", "delete"],
    },
}


def forward(apps, schema_editor):
    # Permissions are normally created after all migrations: create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, models in PERMISSIONS.items():
        for model, actions in models.items():
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )


def backward(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contacts", "0001_initial"),
        ("releases", "0005_review_and_import_runs"),
    ]
    operations = [migrations.RunPython(forward, backward)]
