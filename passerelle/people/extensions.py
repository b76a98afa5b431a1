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
- `register_person_data(PersonData(…))`: what an app keeps about a person, for the person's
  right of access (GDPR art. 15): a title, why it is kept, the models it covers and
  `rows(person)`, a list of readable rows ({label: value}). Every model that points to Person
  must be covered by one registration (a test reads the model graph), so that a new app
  cannot be forgotten. Its `anonymise(person)` removes, when the file is anonymised
  (retention or erasure), what identifies the person in those rows.
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


@dataclass(frozen=True)
class PersonData:
    key: str  # a file name: "rendez-vous"
    title: str  # the heading in the archive, in French
    purpose: str  # why it is kept, in plain French
    models: tuple  # the models whose rows about the person it covers
    rows: Callable  # rows(person) -> list[dict[str, str]]
    # anonymise(person): removes what names or describes the person in these rows (free
    # text, contact, details), keeping what the statistics count. None: nothing to remove.
    anonymise: Callable | None = None


PERSON_DATA: Registry[PersonData] = Registry("person data")


def register_person_data(data: PersonData, *, order: int = 100) -> None:
    PERSON_DATA.register(data, order=order)


def register_file_section(section: Callable, *, order: int = 100) -> None:
    FILE_SECTIONS.register(section, order=order)


def register_suggestion_provider(provider: Callable, *, order: int = 100) -> None:
    SUGGESTION_PROVIDERS.register(provider, order=order)


def register_merge_hook(hook: Callable, *, models, order: int = 100) -> None:
    MERGE_HOOKS.register(MergeHook(hook, tuple(models)), order=order)


def file_sections_for(request, person) -> list[dict]:
    return [s for build in FILE_SECTIONS if (s := build(request, person)) is not None]
