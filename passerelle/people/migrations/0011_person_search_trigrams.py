"""On SQLite, the trigram index of the people's search text (people/search_index.py); the
app's post_migrate keeps it after later migrations rebuild the people's table."""

from django.db import migrations


def create(apps, schema_editor):
    from passerelle.people import search_index

    search_index.ensure(schema_editor.connection)


def remove(apps, schema_editor):
    from passerelle.people import search_index

    search_index.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0010_created_online_index"),
    ]

    operations = [
        migrations.RunPython(create, remove),
    ]
