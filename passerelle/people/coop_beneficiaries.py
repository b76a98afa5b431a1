"""La Coop de la médiation numérique's beneficiaries template, both ways.

Reference: `shared/domain/coop-and-data-inclusion.md` §A.3 (the Coop's
`coop-numerique_import-beneficiaires.xlsx` and its importer). Sheet "Bénéficiaires": row 1 the
instructions (A1:J1 merged), rows 2–3 the headers ("Commune" over D2:F2, its three parts on
row 3), the people from row 4 until the first row empty from A to J.

- `workbook(people)` writes Passerelle's people in that template (without its example row), so
  that a mediator fills the Coop in one upload.
- `read(file)` reads such a file with the Coop's own checks and messages, so that a mediator
  who started with the Coop brings their people in. A file that is not one (not an .xlsx, too
  big, a zip bomb, no "Bénéficiaires" sheet, other columns) is refused whole, with a French
  message; a row with an error is reported and left out; nothing is written here.

Passerelle keeps a mobile number only (SMS reminders): a landline is left out, said as a
warning, where the Coop would keep it. A formula is never imported: the template's own look-ups
in the INSEE code and postcode columns are read as the values Excel computed (or found again
from the commune's name); a formula anywhere else is an error on its row.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.core import communes, spreadsheets
from passerelle.people.enums import Gender
from passerelle.people.search import NotAMobile, mobile_e164, name_key, national_digits

SHEET = "Bénéficiaires"
INSTRUCTIONS = (
    "Nom et Prénom sont obligatoires ; Année de naissance est fortement conseillé pour "
    "différencier les homonymes ; Les autres champs sont optionnels ; Pour compléter le champ "
    "commune, renseignez le nom de la commune. Le code INSEE et le code postal seront "
    "automatiquement complétés"
)
HEADER_ROW_2 = [
    "Nom",
    "Prénom",
    "Année de naissance",
    "Commune",
    None,
    None,
    "N° de téléphone",
    "E-mail",
    "Genre",
    "Notes supplémentaires",
]
HEADER_ROW_3 = [None, None, None, "Nom", "Code INSEE", "Code postal", None, None, None, None]
FIRST_ROW = 4
COLUMNS = "ABCDEFGHIJ"
GENDERS = {Gender.FEMALE: "Féminin", Gender.MALE: "Masculin", Gender.UNKNOWN: "Non communiqué"}
# What a beneficiaries file may weigh, once unpacked, and how many people it may hold.
MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 5000
# Look-ups the template itself puts in the INSEE code and postcode columns.
FORMULA_COLUMNS = {"E", "F"}
MID_YEAR = (7, 1)


class FileRefused(Exception):
    """The file is not a beneficiaries file: nothing of it is read."""


@dataclass
class Line:
    number: int
    last_name: str = ""
    first_name: str = ""
    birth_year: int | None = None
    commune: str = ""
    insee_code: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    gender: str = Gender.UNKNOWN
    notes: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    duplicate_of: int | None = None

    @property
    def importable(self) -> bool:
        return not self.errors and self.duplicate_of is None

    def person_fields(self) -> dict:
        """The Person's fields (the year alone gives 1 July, flagged as the year only)."""
        fields = {
            "last_name": self.last_name,
            "first_name": self.first_name,
            "commune": self.commune,
            "insee_code": self.insee_code,
            "postcode": self.postcode,
            "phone": self.phone,
            "email": self.email,
            "gender": self.gender,
        }
        if self.birth_year:
            fields["birth_date"] = dt.date(self.birth_year, *MID_YEAR)
            fields["birth_year_only"] = True
        return fields


# Writing


def workbook(people):
    """The people in the Coop's template, in a temporary .xlsx file."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet["A1"] = INSTRUCTIONS
    sheet["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A1:J1")
    sheet.row_dimensions[1].height = 60
    for row, values in ((2, HEADER_ROW_2), (3, HEADER_ROW_3)):
        for column, value in zip(COLUMNS, values, strict=True):
            if value:
                sheet[f"{column}{row}"] = value
                sheet[f"{column}{row}"].font = Font(bold=True)
    sheet.merge_cells("D2:F2")
    for row, person in enumerate(people, start=FIRST_ROW):
        commune = communes.by_insee(person.insee_code) if person.insee_code else None
        values = [
            person.last_name,
            person.first_name,
            person.birth_date.year if person.birth_date else None,
            commune.name if commune else None,
            commune.insee_code if commune else None,
            commune.postcodes_text if commune else None,
            national_digits(person.phone) or None,
            person.email or None,
            GENDERS.get(person.gender, GENDERS[Gender.UNKNOWN]),
            None,
        ]
        for column, value in zip(COLUMNS, values, strict=True):
            cell = sheet[f"{column}{row}"]
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text, even one that starts with "="
    for column, width in zip(COLUMNS, (20, 20, 12, 24, 12, 14, 16, 28, 16, 30), strict=True):
        sheet.column_dimensions[column].width = width
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    book.save(handle)
    handle.seek(0)
    return handle


# Reading


def _check_container(uploaded) -> None:
    """The checks every spreadsheet import makes (core/spreadsheets.py), with this file's
    own size limit."""
    if uploaded.size > MAX_BYTES:
        raise FileRefused(
            _("Le fichier pèse %(size)s Mo : un fichier de bénéficiaires en pèse moins de 5.")
            % {"size": round(uploaded.size / 1024 / 1024, 1)}
        )
    if not spreadsheets.is_xlsx(uploaded):
        raise FileRefused(_("Ce fichier n'est pas un classeur Excel (.xlsx)."))
    try:
        spreadsheets.check_xlsx(uploaded, unpacked_limit=MAX_UNPACKED_BYTES)
    except spreadsheets.Refused as refused:
        raise FileRefused(str(refused)) from refused


def _open(uploaded, *, values: bool):
    from openpyxl import load_workbook

    uploaded.seek(0)
    try:
        book = load_workbook(uploaded, read_only=True, data_only=values)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise FileRefused(
            _("Ce classeur est abîmé ou protégé : il ne peut pas être lu.")
        ) from error
    if SHEET not in book.sheetnames:
        book.close()
        raise FileRefused(_('Le fichier n\'a pas de feuille "Bénéficiaires"'))
    return book


def _cell_text(value) -> str:
    if value is None or value == 0:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read(uploaded, *, organisation) -> list[Line]:
    """Each row from row 4, checked; raises FileRefused when the file is not one."""
    _check_container(uploaded)
    book = _open(uploaded, values=True)
    formulas = _open(uploaded, values=False)
    try:
        sheet, raw = book[SHEET], formulas[SHEET]
        header = [
            _cell_text(v) for v in next(sheet.iter_rows(min_row=2, max_row=2, values_only=True), ())
        ]
        if [h.lower() for h in header[:2]] != ["nom", "prénom"]:
            raise FileRefused(
                _(
                    "Ce n'est pas le modèle de La Coop : sa ligne 2 commence par « Nom », "
                    "« Prénom », « Année de naissance », « Commune »."
                )
            )
        lines = []
        value_rows = sheet.iter_rows(min_row=FIRST_ROW, max_col=10, values_only=True)
        raw_rows = raw.iter_rows(min_row=FIRST_ROW, max_col=10)
        pairs = zip(value_rows, raw_rows, strict=False)  # the same sheet, read twice
        for number, (values, cells) in enumerate(pairs, start=FIRST_ROW):
            values = list(values) + [None] * (10 - len(values))
            if not any(_cell_text(v) for v in values):
                break
            if len(lines) == MAX_ROWS:
                raise FileRefused(
                    _("Plus de %(rows)s personnes : coupez le fichier en plusieurs.")
                    % {"rows": MAX_ROWS}
                )
            typed = {
                COLUMNS[i]
                for i, cell in enumerate(cells[:10])
                if getattr(cell, "data_type", None) == "f"
            }
            lines.append(_line(number, values, typed))
    finally:
        book.close()
        formulas.close()
    _mark_duplicates(lines, organisation)
    return lines


def _line(number: int, values: list, formulas: set[str]) -> Line:
    text = dict(zip(COLUMNS, (_cell_text(v) for v in values), strict=True))
    line = Line(number=number)
    for column in sorted(formulas - FORMULA_COLUMNS):
        line.errors.append(
            _("Une formule dans la colonne %(column)s : écrivez la valeur elle-même.")
            % {"column": column}
        )
    line.last_name, line.first_name = text["A"][:100], text["B"][:100]
    if not line.last_name:
        line.errors.append(_("Le nom est obligatoire"))
    if not line.first_name:
        line.errors.append(_("Le prénom est obligatoire"))
    _read_year(line, values[2])
    _read_commune(line, text["D"], text["E"], text["F"])
    _read_phone(line, text["G"])
    _read_email(line, text["H"])
    gender = text["I"]
    if gender[:1] in ("", "N"):
        line.gender = Gender.UNKNOWN
    elif gender[:1] == "F":
        line.gender = Gender.FEMALE
    elif gender[:1] == "M":
        line.gender = Gender.MALE
    else:
        line.errors.append(_("Genre invalide"))
    line.notes = text["J"]
    _check_notes(line)
    return line


def _check_notes(line: Line) -> None:
    """The notes become a note on the file: the same checks (no password, no code…)."""
    from passerelle.people.models import Note

    if not line.notes:
        return
    text_field = Note._meta.get_field("text")
    try:
        text_field.clean(line.notes, None)
    except ValidationError as error:
        line.errors.extend(error.messages)


def _read_year(line: Line, value) -> None:
    if value in (None, "", 0):
        return
    try:
        year = int(float(str(value).strip()))
    except ValueError:
        line.warnings.append(_("Année de naissance illisible : laissée vide."))
        return
    if not 1900 <= year <= timezone.localdate().year:
        line.errors.append(_("Veuillez renseigner une année de naissance valide"))
        return
    line.birth_year = year


def _read_commune(line: Line, name: str, insee: str, postcode: str) -> None:
    if insee:
        commune = communes.by_insee(insee.replace(" ", ""))
        if commune is None:
            line.errors.append(_("Code commune non trouvé"))
            return
        if name and communes.name_key(name) != communes.name_key(commune.name):
            line.errors.append(_("Le nom de la commune ne correspond pas"))
            return
        given = postcode.replace(" ", "")
        if given and given not in {commune.postcodes_text.replace(" ", ""), *commune.postcodes}:
            line.errors.append(_("Le code postal de la commune ne correspond pas"))
            return
    elif name:
        # The template's look-up was not computed (a file never opened in Excel): the name,
        # with the postcode if any, finds the commune when it names only one.
        commune = communes.find(name, postcode if re.fullmatch(r"\d{5}", postcode) else "")
        if commune is None:
            line.commune = name[:100]
            line.warnings.append(
                _("Commune « %(name)s » gardée telle quelle : son code INSEE n'est pas trouvé.")
                % {"name": name}
            )
            return
    else:
        return
    line.commune, line.insee_code = commune.name, commune.insee_code
    if re.fullmatch(r"\d{5}", postcode) and postcode in commune.postcodes:
        line.postcode = postcode
    elif len(commune.postcodes) == 1:
        line.postcode = commune.postcodes[0]


def _read_phone(line: Line, value: str) -> None:
    if not value:
        return
    try:
        line.phone = mobile_e164(value)
    except NotAMobile:
        line.warnings.append(_("Ce n'est pas un portable (pas de SMS possible) : laissé vide."))
    except ValueError:
        line.warnings.append(_("Numéro de téléphone illisible : laissé vide."))


def _read_email(line: Line, value: str) -> None:
    if not value:
        return
    try:
        validate_email(value.lower())
    except ValidationError:
        line.warnings.append(_("Adresse e-mail invalide : laissée vide."))
    else:
        line.email = value.lower()[:254]


def _mark_duplicates(lines: list[Line], organisation) -> None:
    """Someone already in Passerelle (same names, same birth year or none known), or twice
    in the file, is not created again."""
    from passerelle.people.models import Person

    keys = {name_key(line.first_name, line.last_name) for line in lines}
    known: dict[str, list[tuple[int, int | None]]] = {}
    existing = Person.objects.filter(
        organisation=organisation, is_anonymised=False, name_key__in=keys
    ).values_list("pk", "name_key", "birth_date")
    for pk, key, birth in existing:
        known.setdefault(key, []).append((pk, birth.year if birth else None))
    seen: dict[tuple[str, int | None], int] = {}
    for line in lines:
        if line.errors:
            continue
        key = name_key(line.first_name, line.last_name)
        for pk, year in known.get(key, []):
            if year is None or line.birth_year is None or year == line.birth_year:
                line.duplicate_of = pk
                break
        if line.duplicate_of is None and (key, line.birth_year) in seen:
            line.warnings.append(
                _("Même personne que ligne %(row)s : importée une seule fois.")
                % {"row": seen[(key, line.birth_year)]}
            )
            line.duplicate_of = 0
        seen.setdefault((key, line.birth_year), line.number)
