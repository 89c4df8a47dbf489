"""Cached pages depend on tags ("all", "lists", "release:12"…) instead of one number
for the whole data: a write invalidates only the pages of what it changed.

The first tokens are random, so that a database created again never validates
pages cached (in a shared cache such as Redis) against the one before it."""

import secrets

from django.db import migrations, models
from django.utils import timezone


def first_tokens(apps, schema_editor):
    CacheTag = apps.get_model("core", "CacheTag")
    for key in ("all", "lists"):
        CacheTag.objects.create(key=key, token=secrets.token_hex(8), changed_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="CacheTag",
            fields=[
                ("key", models.CharField(max_length=100, primary_key=True, serialize=False)),
                ("token", models.CharField(max_length=32)),
                ("changed_at", models.DateTimeField()),
            ],
            options={
                "verbose_name": "version d’une partie des données",
                "verbose_name_plural": "versions des données",
            },
        ),
        migrations.RunPython(first_tokens, migrations.RunPython.noop),
        migrations.DeleteModel(name="DataVersion"),
    ]
