"""Projects move to the contacts app (with offices and people): their tables are
renamed here, the models change app in contacts 0003 and releases 0010, without
copying a row. The data version moves to the core app."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0008_contact_labels"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="project", table="contacts_project"),
        migrations.AlterModelTable(name="historicalproject", table="contacts_historicalproject"),
        migrations.DeleteModel(name="DataVersion"),
    ]
