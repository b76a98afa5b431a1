"""The daily tasks run by `manage.py periodic`, contributed by each capability.

An app registers a `DailyTask` in its AppConfig.ready(): `run(now=…)` does the work (it must be
safe to run twice: nothing done twice, no reminder sent twice) and returns one line in French
for the command's output. Lower `order` runs first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from passerelle.core.db import refresh_statistics
from passerelle.core.registry import Registry


@dataclass(frozen=True)
class DailyTask:
    name: str
    run: Callable[..., str]  # run(now=…) -> one line in French


DAILY_TASKS: Registry[DailyTask] = Registry("daily tasks")


def register_daily_task(task: DailyTask, *, order: int = 100) -> None:
    DAILY_TASKS.register(task, order=order)


def run_daily_tasks(*, now: dt.datetime | None = None) -> list[tuple[str, str]]:
    """Run every task in order; returns (name, what it said) pairs."""
    now = now or timezone.now()
    return [(task.name, task.run(now=now)) for task in DAILY_TASKS]


def _refresh_statistics(*, now: dt.datetime) -> str:
    refresh_statistics()
    return "Statistiques de la base mises à jour."


def _forget_rate_counters(*, now: dt.datetime) -> str:
    from passerelle.core.ratelimit import forget_expired

    return f"Compteurs de limite d'appels expirés effacés : {forget_expired(now=now)}."


register_daily_task(DailyTask("rate_counters", _forget_rate_counters), order=900)

# Last, so that the planner sees what the other tasks wrote.
register_daily_task(DailyTask("database_statistics", _refresh_statistics), order=1000)
