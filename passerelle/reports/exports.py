"""Anonymised exports of activities: CSV and XLSX in Passerelle's columns (the Coop's own
layout is reports/coop.py). No name, no phone, no birth date (the
age band at the activity's date instead), and a pseudonym per person that is stable within
one organisation so that distinct people can be counted. Rows are read with a server-side
iterator and written as they come: memory stays flat whatever the number of rows."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
from collections.abc import Iterator

from django.conf import settings
from django.db.models import QuerySet

from passerelle.core import enums
from passerelle.core.utils import age_band_for
from passerelle.people import enums as people_enums

CHUNK = 2000


def _names(choices) -> dict[str, str]:
    """Labels as plain text (openpyxl writes no lazy string), in the active language."""
    return {value: str(label) for value, label in choices}


FIELDS = [
    "id",
    "date",
    "kind",
    "duration_minutes",
    "site__name",
    "place_type",
    "theme",
    "other_themes",
    "admin_procedure_theme",
    "label",
    "autonomy",
    "equipment",
    "referral_to",
    "anonymous_count",
    "person_id",
    "person__commune",
    "person__postcode",
    "person__gender",
    "person__birth_date",
    "person__employment_status",
]

HEADER = [
    "Date",
    "Type",
    "Durée (minutes)",
    "Lieu",
    "Type de lieu",
    "Thème",
    "Autres thèmes",
    "Démarche : domaine",
    "Intitulé",
    "Autonomie",
    "Matériel utilisé",
    "Orienté vers",
    "Participants sans fiche",
    "Personne (pseudonyme)",
    "Commune",
    "Département",
    "Genre",
    "Tranche d'âge",
    "Situation professionnelle",
]


def pseudonym(organisation_id: int, person_id: int | None) -> str:
    if person_id is None:
        return ""
    key = f"{settings.SECRET_KEY}:{organisation_id}".encode()
    return hmac.new(key, str(person_id).encode(), hashlib.sha256).hexdigest()[:12]


def _labels(values, names: dict) -> str:
    """Labels in order, each once (a theme also listed among the other themes is one)."""
    labels = (str(names.get(v, v)) for v in values or [] if v)
    return ", ".join(dict.fromkeys(labels))


def rows(qs: QuerySet, organisation_id: int) -> Iterator[list]:
    KIND, THEME, ADMIN = (
        _names(enums.ActivityKind.choices),
        _names(enums.Theme.choices),
        _names(enums.AdminProcedureTheme.choices),
    )
    AUTONOMY, PLACE, EQUIPMENT = (
        _names(enums.Autonomy.choices),
        _names(enums.PlaceType.choices),
        _names(enums.Equipment.choices),
    )
    AGE, EMPLOYMENT, GENDER = (
        _names(enums.AgeBand.choices),
        _names(enums.EmploymentStatus.choices),
        _names(people_enums.Gender.choices),
    )
    for row in qs.order_by("date", "id").values_list(*FIELDS).iterator(chunk_size=CHUNK):
        (
            _id,
            date,
            kind,
            minutes,
            site,
            place,
            theme,
            other,
            admin,
            label,
            autonomy,
            equipment,
            referral,
            anonymous,
            person_id,
            commune,
            postcode,
            gender,
            birth,
            employment,
        ) = row
        yield [
            date.isoformat(),
            KIND.get(kind, kind),
            minutes,
            site or "",
            PLACE.get(place, place),
            THEME.get(theme, theme),
            _labels(other, THEME),
            ADMIN.get(admin, ""),
            label,
            AUTONOMY.get(autonomy, ""),
            _labels(equipment, EQUIPMENT),
            referral,
            anonymous,
            pseudonym(organisation_id, person_id),
            commune or "",
            (postcode or "")[:2],
            GENDER.get(gender, "") if person_id else "",
            AGE[age_band_for(birth, date)] if person_id else "",
            EMPLOYMENT.get(employment, "") if person_id else "",
        ]


# A cell a spreadsheet would read as a formula (OWASP "CSV injection"): a commune typed as
# "=HYPERLINK(…)" must reach the manager's spreadsheet as text, never as a live formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_safe(value):
    """Text that starts like a formula gets a leading apostrophe, as spreadsheets expect."""
    return f"'{value}" if _is_formula_like(value) else value


class _Line:
    """A file-like object that hands back what csv.writer wrote."""

    def __init__(self):
        self.buffer = io.StringIO()

    def write(self, text: str) -> None:
        self.buffer.write(text)

    def pop(self) -> str:
        value = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return value


def csv_stream(header: list[str], lines: Iterator[list]) -> Iterator[str]:
    """UTF-8 with BOM and semicolons: what Excel in French opens without a wizard."""
    out = _Line()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    yield "\ufeff" + out.pop()
    batch = 0
    for line in lines:
        writer.writerow([csv_safe(value) for value in line])
        batch += 1
        if batch == 500:
            yield out.pop()
            batch = 0
    yield out.pop()


def xlsx_file(header: list[str], lines: Iterator[list]):
    """A temporary file holding the workbook, written row by row (openpyxl write-only)."""
    import tempfile

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    def text_cell(value):
        # openpyxl writes any string that starts with "=" as a formula: say it is text.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Activités")
    sheet.append(header)
    for line in lines:
        sheet.append([text_cell(v) if _is_formula_like(v) else v for v in line])
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(handle)
    handle.seek(0)
    return handle
