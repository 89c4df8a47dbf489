# Lines of site navigation are learned per site (releases/importing/navigation.py).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('releases', '0012_search_stems_and_prefix'),
    ]

    operations = [
        migrations.AddField(
            model_name='navigationline',
            name='site',
            field=models.CharField(blank=True, default='', max_length=100, verbose_name='site'),
        ),
        migrations.AlterField(
            model_name='navigationline',
            name='key',
            field=models.CharField(max_length=1000),
        ),
        migrations.AddConstraint(
            model_name='navigationline',
            constraint=models.UniqueConstraint(fields=('site', 'key'), name='navigation_line_per_site'),
        ),
    ]
