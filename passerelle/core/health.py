"""What /healthz checks: the database accepts a write, and the background worker keeps up.

- database: one row is rewritten with a short lock timeout (2 s instead of the 20 s pages
  wait), so a locked, read-only or full database answers "error" with its reason quickly;
- worker: the tasks due for more than WORKER_LATE_MINUTES and not started mean the worker
  (`manage.py db_worker`) is not running; its last sign of life is the latest task it began.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from passerelle.core.models import HealthProbe

WORKER_LATE_MINUTES = 10
PROBE_TIMEOUT_MS = 2000


@contextmanager
def _short_lock_wait():
    """Inside a transaction: give up on a lock after PROBE_TIMEOUT_MS."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SET LOCAL lock_timeout = {PROBE_TIMEOUT_MS}")
            cursor.execute(f"SET LOCAL statement_timeout = {PROBE_TIMEOUT_MS * 2}")
            yield
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA busy_timeout")
            (previous,) = cursor.fetchone()
            cursor.execute(f"PRAGMA busy_timeout = {PROBE_TIMEOUT_MS}")
            try:
                yield
            finally:
                cursor.execute(f"PRAGMA busy_timeout = {previous}")
        else:
            yield


def database_check(*, now: dt.datetime) -> tuple[bool, str]:
    """(writes work, reason if not)."""
    try:
        with transaction.atomic(), _short_lock_wait():
            updated = HealthProbe.objects.filter(pk=1).update(checked_at=now)
            if not updated:
                HealthProbe.objects.create(pk=1, checked_at=now)
    except DatabaseError as error:
        return False, str(error).splitlines()[0][:200] if str(error) else type(error).__name__
    return True, ""


def worker_check(*, now: dt.datetime) -> dict:
    """The worker's last sign of life and the tasks it is late with."""
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult, get_date_max

    late_since = now - dt.timedelta(minutes=WORKER_LATE_MINUTES)
    waiting = DBTaskResult.objects.ready()
    # A task to run at once carries the largest date as its run_after.
    late = waiting.filter(
        Q(run_after__lte=late_since) | Q(run_after=get_date_max(), enqueued_at__lte=late_since)
    )
    last = (
        DBTaskResult.objects.filter(started_at__isnull=False)
        .order_by("-started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    return {
        "last_task_started": last.isoformat() if last else None,
        "tasks_waiting": waiting.count(),
        "tasks_late": late.count(),
    }


def health(*, now: dt.datetime | None = None) -> tuple[int, dict]:
    """(HTTP status, body) for /healthz."""
    now = now or timezone.now()
    writes, reason = database_check(now=now)
    body: dict = {"status": "ok", "database": "ok"}
    if not writes:
        return 503, {"status": "error", "database": "error", "reason": reason}
    try:
        worker = worker_check(now=now)
    except DatabaseError as error:
        return 503, {"status": "error", "database": "error", "reason": str(error)[:200]}
    body["worker"] = "ok"
    body.update(worker)
    if worker["tasks_late"]:
        body["status"] = "error"
        body["worker"] = "late"
        body["reason"] = (
            f"{worker['tasks_late']} tâches attendent depuis plus de {WORKER_LATE_MINUTES} "
            "minutes : le worker (manage.py db_worker) ne tourne pas."
        )
        return 503, body
    return 200, body
