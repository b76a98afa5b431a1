"""Sections of the person's file contributed by other capabilities (procedures, workshops…).

People knows no other app: each app registers a function (request, person) -> dict | None in
its AppConfig.ready(); the dict has "template" and that template's context.
"""

from __future__ import annotations

from collections.abc import Callable

FILE_SECTIONS: list[Callable] = []


def register_file_section(section: Callable) -> None:
    if section not in FILE_SECTIONS:
        FILE_SECTIONS.append(section)


def file_sections_for(request, person) -> list[dict]:
    return [s for build in FILE_SECTIONS if (s := build(request, person)) is not None]
