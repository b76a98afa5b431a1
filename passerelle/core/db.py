"""Database upkeep that differs between SQLite and PostgreSQL."""

from django.db import connection


def refresh_statistics() -> None:
    """Give SQLite's planner fresh table statistics (PostgreSQL's autovacuum does this).

    Without them SQLite guesses that "organisation = ?" is selective and starts the "à risque"
    query from 40,000 people instead of from the few windows closing this week (8× slower).
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
