"""What other capabilities add to people, through registries they fill in AppConfig.ready().

People knows no other app:
- `register_file_section(fn)`: a section of the person's file; `fn(request, person)` returns
  {"template": …, …} or None.
- `register_suggestion_provider(fn)`: after a diagnostic, `fn(person, weakest areas)` returns
  suggestions (the workshops app suggests workshops).
- `register_merge_hook(fn, models=[…])`: called inside the merge's transaction, before the
  rows of the duplicate are moved to the survivor, as `fn(survivor=…, duplicate=…)`; it
  settles the rows of `models` that would break a unique rule once moved (two registrations
  on one session…) and returns how many it settled. Every model pointing to Person with a
  unique rule on it must be named by one hook (a test reads the model graph).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from passerelle.core.registry import Registry


@dataclass(frozen=True)
class MergeHook:
    settle: Callable
    models: tuple


FILE_SECTIONS: Registry[Callable] = Registry("person file sections")
SUGGESTION_PROVIDERS: Registry[Callable] = Registry("diagnostic suggestions")
MERGE_HOOKS: Registry[MergeHook] = Registry("person merge hooks")


def register_file_section(section: Callable, *, order: int = 100) -> None:
    FILE_SECTIONS.register(section, order=order)


def register_suggestion_provider(provider: Callable, *, order: int = 100) -> None:
    SUGGESTION_PROVIDERS.register(provider, order=order)


def register_merge_hook(hook: Callable, *, models, order: int = 100) -> None:
    MERGE_HOOKS.register(MergeHook(hook, tuple(models)), order=order)


def file_sections_for(request, person) -> list[dict]:
    return [s for build in FILE_SECTIONS if (s := build(request, person)) is not None]
