"""Each deadline window carries its person's organisation, so that a centre's at-risk lists
start from its own windows (an instance hosting a network holds every centre's)."""

import django.db.models.deletion
from django.db import migrations, models

FILL = """
UPDATE procedures_deadlineoccurrence SET organisation_id = (
    SELECT people_person.organisation_id
    FROM procedures_followeddeadline
    JOIN people_person ON people_person.id = procedures_followeddeadline.person_id
    WHERE procedures_followeddeadline.id = procedures_deadlineoccurrence.followed_id
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_rate_counter"),
        ("procedures", "0005_coop_vocabulary"),
    ]

    operations = [
        migrations.AddField(
            model_name="deadlineoccurrence",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.organisation",
            ),
        ),
        migrations.RunSQL(FILL, reverse_sql=migrations.RunSQL.noop),
    ]
