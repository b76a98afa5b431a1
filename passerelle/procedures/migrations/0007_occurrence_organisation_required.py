"""The windows' organisation required, and the indexes the at-risk lists start from (a
migration of its own: PostgreSQL refuses to alter a table whose rows were just updated in the
same transaction while their foreign key checks are still pending)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0006_occurrence_organisation"),
    ]

    operations = [
        migrations.AlterField(
            model_name="deadlineoccurrence",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.organisation",
            ),
        ),
        migrations.RemoveIndex(model_name="deadlineoccurrence", name="occurrence_late"),
        migrations.AddIndex(
            model_name="deadlineoccurrence",
            index=models.Index(
                fields=["organisation", "closes_on", "done_on"], name="occurrence_org_closing"
            ),
        ),
        migrations.AddIndex(
            model_name="deadlineoccurrence",
            index=models.Index(
                condition=models.Q(("last_day__isnull", False)),
                fields=["organisation", "last_day", "done_on"],
                name="occurrence_org_late",
            ),
        ),
    ]
