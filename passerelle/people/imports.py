"""A people spreadsheet into Passerelle: which column is which, each value normalised the way
the person form does it, each problem at its cell, duplicates found inside the file and
against the files already there (the form's rule: same names with a compatible birth date, or
the same mobile).

Reading streams (core/spreadsheets.py); what is kept per row is a small dict, so memory grows
with the rows kept, never with the file's cells. Nothing is written here: services_import.py
does, in one transaction, once the manager confirms.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passerelle.core import communes, spreadsheets
from passerelle.people.enums import Gender, Programme
from passerelle.people.forms import MAX_AGE_YEARS, NAME_PATTERN
from passerelle.people.search import NotAMobile, mobile_e164, name_key

NAME = NAME_PATTERN  # the person form's rule
MAX_ROWS = 100_000

# Passerelle's fields a column can fill, with the headers centres use for them.
FIELDS = {
    "last_name": (gettext_lazy("Nom"), ["nom", "nom de famille", "nom d usage", "nom usage"]),
    "first_name": (gettext_lazy("Prénom"), ["prenom", "prenoms", "prenom usuel"]),
    "full_name": (
        gettext_lazy("Nom et prénom dans une colonne"),
        [
            "nom prenom",
            "nom et prenom",
            "prenom nom",
            "prenom et nom",
            "nom complet",
            "beneficiaire",
            "usager",
            "personne",
        ],
    ),
    "birth_date": (
        gettext_lazy("Date de naissance"),
        ["date de naissance", "ne e le", "nee le", "ne le", "naissance", "ddn", "date naissance"],
    ),
    "phone": (
        gettext_lazy("Téléphone portable"),
        [
            "tel",
            "telephone",
            "portable",
            "mobile",
            "tel portable",
            "telephone portable",
            "numero",
            "numero de telephone",
            "n de telephone",
            "gsm",
        ],
    ),
    "email": (gettext_lazy("E-mail"), ["mail", "e mail", "email", "courriel", "adresse mail"]),
    "postcode": (gettext_lazy("Code postal"), ["cp", "code postal", "code postale"]),
    "commune": (gettext_lazy("Commune"), ["ville", "commune", "localite"]),
    "gender": (gettext_lazy("Genre"), ["genre", "sexe", "civilite"]),
    "programme": (gettext_lazy("Dispositif"), ["dispositif", "programme", "dispositifs"]),
    "referent": (
        gettext_lazy("Référent"),
        ["referent", "referente", "suivi par", "accompagnateur", "travailleur social"],
    ),
}
# Headers recognised but never kept: Passerelle collects the minimum (docs/data-protection.md).
NOT_KEPT = {"adresse", "adresse postale", "rue", "numero de securite sociale", "nir", "caf"}
IGNORE = ""
ALIASES = {alias: key for key, (_label, aliases) in FIELDS.items() for alias in aliases}
RECOGNISED = set(ALIASES) | NOT_KEPT


def proposed_mapping(headers: list[str]) -> list[str]:
    """For each column, the field its header names ("" when none); each field once."""
    taken: set[str] = set()
    mapping = []
    for header in headers:
        key = ALIASES.get(spreadsheets.header_key(header), IGNORE)
        if key in taken:
            key = IGNORE
        taken.add(key)
        mapping.append(key)
    return mapping


@dataclass
class Row:
    number: int
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)  # column header → message
    warnings: dict = field(default_factory=dict)
    duplicate_of: int | None = None  # an existing file
    same_as_row: int | None = None  # an earlier row of the file

    @property
    def importable(self) -> bool:
        return not self.errors


@dataclass
class Scan:
    """A file being read: its headers, the mapping used, and its rows as they come (each
    checked, duplicates marked), never all in memory at once."""

    headers: list[str]
    header_row: int
    mapping: list[str]
    rows: Iterator[Row]

    @property
    def unused(self) -> list[str]:
        return [h for h, key in zip(self.headers, self.mapping, strict=True) if not key and h]


class Context:
    """What a row is checked against: the day, the organisation's staff for referents."""

    def __init__(self, organisation, today: dt.date | None = None):
        from passerelle.accounts.models import User

        self.organisation = organisation
        self.today = today or timezone.localdate()
        self.staff: dict[str, int] = {}
        for user in User.objects.filter(organisation=organisation, is_active=True):
            for key in (
                spreadsheets.header_key(user.email),
                spreadsheets.header_key(f"{user.first_name} {user.last_name}"),
                spreadsheets.header_key(f"{user.last_name} {user.first_name}"),
            ):
                self.staff[key] = user.pk


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _split_full_name(text: str, header: str) -> tuple[str, str]:
    """ "DUPONT Marie" or "Marie DUPONT": the words in capitals are the last name; otherwise
    the header's order says ("Nom Prénom": the last name first)."""
    words = text.split()
    if len(words) < 2:
        return text, ""
    capitals = [w for w in words if w.isupper() and len(w) > 1]
    if capitals and len(capitals) < len(words):
        last = " ".join(capitals)
        first = " ".join(w for w in words if w not in capitals)
        return last.title() if last.isupper() else last, first
    if spreadsheets.header_key(header).startswith("prenom"):
        return " ".join(words[1:]), words[0]
    return words[0], " ".join(words[1:])


def raw_values(row: Row, cells: list, headers: list[str], mapping: list[str]) -> dict:
    """Field → (its column's header, the cell's value) for the columns mapped; a formula is an
    error on its cell, never a value."""
    raw: dict[str, tuple[str, object]] = {}
    for index, key in enumerate(mapping):
        if not key:
            continue
        value = cells[index] if index < len(cells) else None
        if isinstance(value, spreadsheets.Formula):
            row.errors[headers[index]] = _("Une formule : écrivez la valeur elle-même.")
            continue
        raw[key] = (headers[index], value)
    return raw


def check_row(number: int, cells: list, headers: list[str], mapping: list[str], ctx) -> Row:
    row = Row(number=number)
    raw = raw_values(row, cells, headers, mapping)
    if "full_name" in raw:
        header, value = raw.pop("full_name")
        last, first = _split_full_name(_text(value), header)
        raw.setdefault("last_name", (header, last))
        raw.setdefault("first_name", (header, first))
    for key in ("last_name", "first_name"):
        header, value = raw.get(key, (FIELDS[key][0], None))
        text = _text(value)[:100]
        if not text:
            row.errors.setdefault(
                str(header), _("Le nom manque.") if key == "last_name" else _("Le prénom manque.")
            )
        elif not NAME.match(text):
            row.errors[str(header)] = _(
                "Un nom s'écrit avec des lettres, des espaces, des traits d'union et des "
                "apostrophes : « %(value)s »."
            ) % {"value": text}
        row.values[key] = text
    _check_birth(row, raw, ctx)
    _check_phone(row, raw)
    _check_email(row, raw)
    _check_commune(row, raw)
    _check_gender(row, raw)
    _check_programme(row, raw)
    _check_referent(row, raw, ctx)
    return row


def _check_birth(row, raw, ctx) -> None:
    if "birth_date" not in raw:
        return
    header, value = raw["birth_date"]
    try:
        day = spreadsheets.parse_date(value, today=ctx.today)
    except (ValueError, OverflowError):
        row.errors[header] = _("« %(value)s » n'est pas une date (écrivez 14/03/1951).") % {
            "value": _text(value)
        }
        return
    if day is None:
        return
    if day > ctx.today:
        row.errors[header] = _("Cette date de naissance est dans le futur.")
    elif day.year < ctx.today.year - MAX_AGE_YEARS:
        row.errors[header] = _("Vérifiez l'année : la personne aurait plus de 120 ans.")
    else:
        row.values["birth_date"] = day.isoformat()


def _check_phone(row, raw) -> None:
    if "phone" not in raw:
        return
    header, value = raw["phone"]
    text = _text(value)
    if not text:
        return
    try:
        row.values["phone"] = mobile_e164(text)
    except NotAMobile:
        row.warnings[header] = _(
            "Un fixe dans la colonne des portables (pas de SMS possible) : il n'est pas gardé."
        )
    except ValueError:
        row.errors[header] = _("« %(value)s » n'est pas un numéro de téléphone.") % {"value": text}


def _check_email(row, raw) -> None:
    if "email" not in raw:
        return
    header, value = raw["email"]
    text = _text(value).lower()
    if not text:
        return
    try:
        validate_email(text)
    except ValidationError:
        row.errors[header] = _("« %(value)s » n'est pas une adresse e-mail.") % {"value": text}
        return
    row.values["email"] = text[:254]


def _check_commune(row, raw) -> None:
    postcode_header, postcode = raw.get("postcode", ("", None))
    commune_header, commune = raw.get("commune", ("", None))
    postcode, commune = _text(postcode), _text(commune)
    if postcode and postcode.isdigit() and len(postcode) == 4:
        postcode = "0" + postcode  # 1130 for 01130, a number cell
    if postcode and not re.fullmatch(r"\d{5}", postcode):
        row.errors[postcode_header] = _("Le code postal compte 5 chiffres.")
        return
    found = communes.find(commune, postcode) if (commune or postcode) else None
    if found is None and postcode and not commune:
        candidates = communes.for_postcode(postcode)
        found = candidates[0] if len(candidates) == 1 else None
    if found is not None:
        row.values.update(commune=found.name, insee_code=found.insee_code)
    elif commune:
        row.values["commune"] = commune[:100]
    if postcode:
        row.values["postcode"] = postcode


def _check_gender(row, raw) -> None:
    if "gender" not in raw:
        return
    header, value = raw["gender"]
    key = spreadsheets.header_key(value)
    if key in ("f", "femme", "feminin", "mme", "madame", "mlle", "mademoiselle"):
        row.values["gender"] = Gender.FEMALE
    elif key in ("m", "h", "homme", "masculin", "monsieur", "mr", "m."):
        row.values["gender"] = Gender.MALE
    elif key:
        row.warnings[header] = _("Genre « %(value)s » non reconnu : laissé « non communiqué ».") % {
            "value": _text(value)
        }


PROGRAMME_WORDS = {
    "insertion": Programme.INSERTION,
    "iae": Programme.INSERTION,
    "salarie en insertion": Programme.INSERTION,
    "ase": Programme.CHILD_WELFARE,
    "aide sociale a l enfance": Programme.CHILD_WELFARE,
    "action sociale": Programme.SOCIAL_ACTION,
    "aide alimentaire": Programme.SOCIAL_ACTION,
    "logement": Programme.SOCIAL_ACTION,
    "acces aux droits": Programme.SOCIAL_ACTION,
}


def _check_programme(row, raw) -> None:
    if "programme" not in raw:
        return
    header, value = raw["programme"]
    key = spreadsheets.header_key(value)
    if not key:
        return
    programme = PROGRAMME_WORDS.get(key)
    if programme is None:
        row.warnings[header] = _(
            "Dispositif « %(value)s » non reconnu : à ajouter sur la fiche."
        ) % {"value": _text(value)}
    else:
        row.values["programme"] = programme


def _check_referent(row, raw, ctx) -> None:
    if "referent" not in raw:
        return
    header, value = raw["referent"]
    key = spreadsheets.header_key(value)
    if not key:
        return
    if key in ctx.staff:
        row.values["referent_id"] = ctx.staff[key]
    else:
        row.warnings[header] = _("Aucun compte de l'équipe ne s'appelle « %(value)s ».") % {
            "value": _text(value)
        }


def is_blank(cells: list) -> bool:
    return not any(isinstance(c, spreadsheets.Formula) or _text(c) for c in cells)


def scan(uploaded, *, organisation, mapping: list[str] | None = None, progress=None) -> Scan:
    """Open the file (raises spreadsheets.Refused when it is not a table) and check its rows
    one by one as they are read."""
    table = spreadsheets.open_table(uploaded, recognised=RECOGNISED)
    if mapping is None or len(mapping) != len(table.headers):
        mapping = proposed_mapping(table.headers)
    ctx = Context(organisation)
    duplicates = Duplicates(organisation)

    def check(number: int, cells: list) -> Row:
        row = check_row(number, cells, table.headers, mapping, ctx)
        if not row.errors:
            duplicates.mark(row)
        return row

    return Scan(table.headers, table.header_row, mapping, checked_rows(table, check, progress))


def checked_rows(table, check, progress=None) -> Iterator[Row]:
    """Each non-blank row of the table through `check(number, cells)`, as it is read."""
    count = 0
    for number, cells in table.rows:
        if is_blank(cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise spreadsheets.Refused(
                _("Plus de %(rows)s lignes : coupez le fichier en plusieurs.")
                % {"rows": f"{MAX_ROWS:,}".replace(",", " ")}
            )
        yield check(number, cells)
        if progress is not None and count % 1000 == 0:
            progress(count)


class Duplicates:
    """The person form's rule, row by row: same names with a compatible birth date, or the
    same mobile — against the organisation's files, then against earlier rows of the file.
    What it keeps grows with the people, not with the file's cells."""

    def __init__(self, organisation):
        from passerelle.people.models import Person

        self.by_name: dict[str, list[tuple[int, str | None]]] = {}
        self.by_phone: dict[str, int] = {}
        existing = Person.objects.filter(
            organisation=organisation, is_anonymised=False
        ).values_list("pk", "name_key", "birth_date", "phone")
        for pk, key, birth, phone in existing.iterator(chunk_size=5000):
            self.by_name.setdefault(key, []).append((pk, birth.isoformat() if birth else None))
            if phone:
                self.by_phone.setdefault(str(phone), pk)
        self.seen_name: dict[str, list[tuple[int, str | None]]] = {}
        self.seen_phone: dict[str, int] = {}

    def mark(self, row: Row) -> None:
        key = name_key(row.values["first_name"], row.values["last_name"])
        birth, phone = row.values.get("birth_date"), row.values.get("phone")
        row.duplicate_of = _same(self.by_name.get(key, []), birth) or (
            self.by_phone.get(phone) if phone else None
        )
        if row.duplicate_of is None:
            row.same_as_row = _same(self.seen_name.get(key, []), birth) or (
                self.seen_phone.get(phone) if phone else None
            )
        self.seen_name.setdefault(key, []).append((row.number, birth))
        if phone:
            self.seen_phone.setdefault(phone, row.number)


def _same(candidates: list[tuple[int, str | None]], birth: str | None) -> int | None:
    for ident, their_birth in candidates:
        if birth is None or their_birth is None or birth == their_birth:
            return ident
    return None
