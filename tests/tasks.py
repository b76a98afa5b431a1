"""Running background tasks inside a test."""

from unittest import mock

from django.core.management import call_command


def run_worker() -> None:
    """`manage.py db_worker` until no task is due. The worker closes stale connections
    between tasks, which would close the test's own transaction: not here."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
