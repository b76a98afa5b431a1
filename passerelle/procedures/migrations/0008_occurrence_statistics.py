"""Fresh planner statistics for the deadline windows: SQLite rebuilds the table to make the
organisation required (0007) and the copy has none, so until the nightly task ran again the
at-risk list started from the wrong index (59 instead of 31 ms of CPU at 40,000 people).
PostgreSQL accepts the same statement."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0007_occurrence_organisation_required"),
    ]

    operations = [
        migrations.RunSQL("ANALYZE procedures_deadlineoccurrence", migrations.RunSQL.noop),
    ]
