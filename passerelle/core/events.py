"""Things that happened, for whoever needs to react (the notifications app, later).

Apps `emit("workshops.waiting_list_promoted", registration=…)` after their transaction
commits; listeners register with `listen(name, fn)`. No listener is an error for nobody:
the event is simply not acted upon yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.db import transaction

LISTENERS: dict[str, list[Callable]] = defaultdict(list)


def listen(name: str, listener: Callable) -> None:
    if listener not in LISTENERS[name]:
        LISTENERS[name].append(listener)


def emit(name: str, **payload) -> None:
    """Call the listeners once the current transaction has committed."""

    def deliver():
        for listener in list(LISTENERS.get(name, ())):
            listener(**payload)

    transaction.on_commit(deliver)
