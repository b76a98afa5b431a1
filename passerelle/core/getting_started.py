"""The "Mise en route" checklist a manager follows to start a real centre.

Each app registers the step it owns from its `AppConfig.ready()`:
`register_step(SetupStep(key, label, help, url_name, done), order=…)`, where `done(organisation_id)`
gives a queryset that finds a row once the step is done. The accounts app shows the list; the
steps are asked together, in one query (a manager's "Aujourd'hui" shows the list until every
step is done).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, QuerySet
from django.urls import reverse

from passerelle.core.registry import Registry


@dataclass(frozen=True)
class SetupStep:
    key: str
    label: str
    help: str
    url_name: str
    done: Callable[[int], QuerySet]


STEPS: Registry[SetupStep] = Registry("getting started steps")


def register_step(step: SetupStep, *, order: int = 100) -> None:
    STEPS.register(step, order=order)


def checklist(organisation_id: int, *, known_done: frozenset[str] = frozenset()) -> list[dict]:
    """Every step in order, whether it is done, and where to do it. The steps in
    `known_done` (found done a moment ago) are not asked again; the others are asked
    together, in one query, or none when there are none."""
    from passerelle.core.models import Organisation

    steps = list(STEPS)
    asked = [(n, step) for n, step in enumerate(steps) if step.key not in known_done]
    found = {}
    if asked:
        found = (
            Organisation.objects.filter(pk=organisation_id)
            .values(**{f"step_{n}": Exists(step.done(organisation_id)) for n, step in asked})
            .first()
        ) or {}
    return [
        {
            "key": step.key,
            "label": step.label,
            "help": step.help,
            "url": reverse(step.url_name),
            "done": step.key in known_done or bool(found.get(f"step_{n}")),
        }
        for n, step in enumerate(steps)
    ]
