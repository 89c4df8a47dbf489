"""Each release links to the import that created it or last changed it; a run may be unfinished;
navigation lines' fields named in French.

Releases already stored are linked to the run during which they were last written, when there is one.
"""

import django.db.models.deletion
from django.db import migrations, models


def link_stored_releases(apps, schema_editor):
    ImportRun = apps.get_model("releases", "ImportRun")
    Release = apps.get_model("releases", "Release")
    for run in ImportRun.objects.exclude(finished_at=None).order_by("started_at"):
        Release.objects.filter(updated_at__range=(run.started_at, run.finished_at)).update(import_run=run)


class Migration(migrations.Migration):

    dependencies = [
        ('releases', '0013_navigation_sites'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalrelease',
            name='import_run',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='releases.importrun', verbose_name='import'),
        ),
        migrations.AddField(
            model_name='release',
            name='import_run',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='releases', to='releases.importrun', verbose_name='import'),
        ),
        migrations.AlterField(
            model_name='importrun',
            name='finished_at',
            field=models.DateTimeField(blank=True, help_text='Vide : en cours, ou interrompu.', null=True, verbose_name='fin'),
        ),
        migrations.AlterField(
            model_name='navigationline',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='ajoutée le'),
        ),
        migrations.AlterField(
            model_name='navigationline',
            name='key',
            field=models.CharField(max_length=1000, verbose_name='clé'),
        ),
        migrations.AlterField(
            model_name='navigationline',
            name='learned',
            field=models.BooleanField(default=False, verbose_name='apprise d’un lot'),
        ),
        migrations.AlterField(
            model_name='navigationline',
            name='text',
            field=models.TextField(verbose_name='ligne'),
        ),
        migrations.RunPython(link_stored_releases, migrations.RunPython.noop),
    ]
