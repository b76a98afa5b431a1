"""French communes: INSEE code, name and postcodes, from La Poste's official postcode base
as published by the Base Adresse Nationale (npm package `codes-postaux`, Licence Ouverte).

A postcode can cover several communes (94440: Marolles-en-Brie, Santeny and Villecresnes) and a
commune can have several postcodes (Saint-Maur-des-Fossés: 94100, 94210, 94340): the INSEE code,
not the postcode, names a commune. Paris, Lyon and Marseille are listed by arrondissement.
The table ships gzipped in `core/data/communes.csv.gz` (one row per postcode and commune,
330 KB) and is read once per process on first use. `manage.py communes_refresh`
rebuilds it from a newer `codes-postaux.json`.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data" / "communes.csv.gz"
HEADER = ["code_postal", "code_insee", "commune"]


@dataclass(frozen=True)
class Commune:
    insee_code: str
    name: str
    postcodes: tuple[str, ...]

    @property
    def postcodes_text(self) -> str:
        """The postcodes as the Coop's commune list writes them: "01130, 01460"."""
        return ", ".join(self.postcodes)

    def __str__(self) -> str:
        return f"{self.name} ({self.postcodes_text})"


def name_key(name: str) -> str:
    """A commune's name compared without case, accents, hyphens or "St"/"Saint"."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    for mark in "-'’.":
        text = text.replace(mark, " ")
    words = ["saint" if w == "st" else "sainte" if w == "ste" else w for w in text.split()]
    return " ".join(words)


@dataclass(frozen=True)
class _Tables:
    by_insee: dict[str, Commune]
    by_postcode: dict[str, tuple[Commune, ...]]
    by_name: dict[str, tuple[Commune, ...]]


@functools.cache
def _tables() -> _Tables:
    names: dict[str, str] = {}
    postcodes: dict[str, list[str]] = {}
    with gzip.open(DATA, "rt", encoding="utf-8", newline="") as handle:
        for postcode, insee, name in csv.reader(handle, delimiter=";"):
            if postcode == HEADER[0]:
                continue
            names[insee] = name
            postcodes.setdefault(insee, []).append(postcode)
    by_insee = {
        insee: Commune(insee, names[insee], tuple(sorted(set(codes))))
        for insee, codes in postcodes.items()
    }
    by_postcode: dict[str, list[Commune]] = {}
    by_name: dict[str, list[Commune]] = {}
    for commune in by_insee.values():
        for postcode in commune.postcodes:
            by_postcode.setdefault(postcode, []).append(commune)
        by_name.setdefault(name_key(commune.name), []).append(commune)
    return _Tables(
        by_insee,
        {k: tuple(sorted(v, key=lambda c: name_key(c.name))) for k, v in by_postcode.items()},
        {k: tuple(v) for k, v in by_name.items()},
    )


def by_insee(code: str) -> Commune | None:
    return _tables().by_insee.get((code or "").strip().upper())


def for_postcode(postcode: str) -> tuple[Commune, ...]:
    """The communes a postcode serves, by name."""
    return _tables().by_postcode.get((postcode or "").strip(), ())


def named(name: str) -> tuple[Commune, ...]:
    """Every commune of that name (there are several "Saint-Denis")."""
    return _tables().by_name.get(name_key(name), ())


def find(name: str = "", postcode: str = "") -> Commune | None:
    """The one commune a name and a postcode point to, or None when they point to none or
    to several (then the person chooses among `for_postcode`)."""
    candidates = for_postcode(postcode) if postcode else named(name)
    if name and postcode:
        candidates = tuple(c for c in candidates if name_key(c.name) == name_key(name))
    return candidates[0] if len(candidates) == 1 else None


def write_table(rows, path: Path = DATA) -> int:
    """Write (postcode, insee code, name) rows, sorted and each once, as the shipped table."""
    unique = sorted(set(rows))
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(unique)
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write(text.getvalue().encode())
    _tables.cache_clear()
    return len(unique)
