"""The default catalogue of online procedures: named records read from catalogue.toml.

The data lives in a data file so that whoever checks a procedure against its official page
edits words, not code; this module gives each entry a type and refuses a file that does not
fit (unknown or missing key, wrong kind of value, a category or theme that does not exist).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from passerelle.core import enums as core_enums
from passerelle.core.enums import AdminProcedureTheme, Theme

SOURCE = Path(__file__).with_name("catalogue.toml")
# Regions for entries that exist in one region only, by their départements (INSEE codes).
REGIONS = {
    "ile_de_france": {"75", "77", "78", "91", "92", "93", "94", "95"},
}
OPTIONAL = {"checked", "region"}


class CatalogueError(ValueError):
    pass


@dataclass(frozen=True)
class CatalogueEntry:
    name: str
    agency: str
    category: str  # AdminProcedureTheme
    theme: str  # Theme
    url: str
    fiche: str  # service-public.fr's number, "" when none
    minutes: int
    needs_email: bool
    needs_mobile: bool
    franceconnect: bool
    documents: str  # one a line
    steps: str  # one a line
    checked: dt.date  # last checked against the official page
    region: str = ""  # a key of REGIONS; "" everywhere

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            kind = {"str": str, "int": int, "bool": bool, "dt.date": dt.date}[field.type]
            if type(value) is not kind:
                raise CatalogueError(f"{self.name!r}: {field.name} should be {field.type}")
        if self.category not in AdminProcedureTheme.values:
            raise CatalogueError(f"{self.name!r}: unknown category {self.category!r}")
        if self.theme not in Theme.values:
            raise CatalogueError(f"{self.name!r}: unknown theme {self.theme!r}")
        if self.region and self.region not in REGIONS:
            raise CatalogueError(f"{self.name!r}: unknown region {self.region!r}")

    def applies_to(self, departements: set[str]) -> bool:
        """Whether an organisation with sites in these départements needs the entry."""
        return not self.region or bool(REGIONS[self.region] & departements)


def parse(text: str) -> list[CatalogueEntry]:
    names = {field.name for field in dataclasses.fields(CatalogueEntry)}
    document = tomllib.loads(text)
    default_checked = document.get("checked")
    entries = []
    for number, record in enumerate(document.get("procedure", []), start=1):
        record = {"checked": default_checked, **record}
        if not names - OPTIONAL <= set(record) <= names:
            wrong = sorted((set(record) ^ names) - (OPTIONAL - set(record)))
            raise CatalogueError(f"Entry {number}: unknown or missing keys {wrong}")
        entries.append(CatalogueEntry(**record))
    seen = [entry.name for entry in entries]
    if len(set(seen)) != len(seen):
        raise CatalogueError("Two entries have the same name.")
    return entries


@cache
def default_entries() -> tuple[CatalogueEntry, ...]:
    return tuple(parse(SOURCE.read_text(encoding="utf-8")))


# Entries about disability (AAH, MDPH): health data (GDPR art. 9), seen by fewer roles.
HEALTH_WORDS = core_enums.HEALTH_WORDS


def is_health_related(entry: CatalogueEntry) -> bool:
    return any(word in f"{entry.name} {entry.agency}" for word in HEALTH_WORDS)
