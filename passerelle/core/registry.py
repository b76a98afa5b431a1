"""Extension points that apps fill from their `AppConfig.ready()`.

The app that owns an extension point keeps a `Registry`; the apps that contribute call
`register` in their `ready()`. Nobody appends to another app's list, and the owner imports
none of its contributors, so a new app plugs in without editing another one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """An ordered set of contributions: lower `order` first, then in registration order.

    Registering the same item twice keeps one (ready() may run more than once in tests).
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: list[tuple[int, int, T]] = []

    def register(self, item: T, *, order: int = 100) -> T:
        if not any(existing is item or existing == item for _, _, existing in self._items):
            self._items.append((order, len(self._items), item))
            self._items.sort(key=lambda entry: (entry[0], entry[1]))
        return item

    def unregister(self, item: T) -> None:
        self._items = [entry for entry in self._items if entry[2] != item]

    def __iter__(self) -> Iterator[T]:
        return iter([item for _, _, item in self._items])

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, item: object) -> bool:
        return any(existing == item for _, _, existing in self._items)

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self)} items>"
