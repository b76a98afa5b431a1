"""The activity indexes by day carry the anonymous visits too, so that "Aujourd'hui" counts
the day's activities, people and anonymous visits from the index alone. The new ones are
built before the old ones go (a running server keeps an index meanwhile), then the table's
planner statistics are refreshed (SQLite has none for a new index until the nightly task;
PostgreSQL accepts the same statement)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0009_rate_counter"),
        ("people", "0010_created_online_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(
                fields=["organisation", "date", "person", "anonymous_count"],
                name="activity_org_date_counts",
            ),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(
                fields=["site", "date", "person", "anonymous_count"],
                name="activity_site_date_counts",
            ),
        ),
        migrations.RemoveIndex(model_name="activity", name="activity_org_date_person"),
        migrations.RemoveIndex(model_name="activity", name="activity_site_date_person"),
        migrations.RunSQL("ANALYZE core_activity", migrations.RunSQL.noop),
    ]
