"""Editors no longer delete offices, people or projects (they merge them, which can be
undone); they may read the list of merges. The group gets exactly core.editors.PERMISSIONS."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from core.editors import ensure_editors_group


def forward(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_editors_group(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0004_merges_and_aliases"),
        ("releases", "0015_warning_codes"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
