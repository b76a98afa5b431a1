"""What other capabilities add to the computer room, through registries they fill in their
AppConfig.ready(). The room knows no other app.

- `register_blocker(fn)`: something that holds stations (a workshop in the room);
  `fn(room, start, end)` returns the `Blocker`s overlapping that time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from passerelle.core.registry import Registry


@dataclass(frozen=True)
class Blocker:
    starts_at: dt.datetime
    ends_at: dt.datetime
    stations: int  # how many of the room's working stations, in name order
    label: str


BLOCKERS: Registry[Callable] = Registry("room blockers")


def register_blocker(provider: Callable, *, order: int = 100) -> None:
    BLOCKERS.register(provider, order=order)
