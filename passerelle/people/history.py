"""A history of past activities from a spreadsheet (date, person, kind, theme, duration, site),
so that the statistics of the years before Passerelle are not lost. The same machinery as the
people import (people/imports.py): columns recognised and editable, each problem at its cell,
written in one transaction by the worker, undone within 30 days.

A row names its person by name (and birth date when two people share a name), who must already
be in Passerelle (import the people first); a row without a name is an anonymous participant.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passerelle.core import enums as core_enums
from passerelle.core import spreadsheets
from passerelle.people.imports import (
    Context,
    Row,
    Scan,
    _split_full_name,
    _text,
    checked_rows,
    raw_values,
)
from passerelle.people.search import name_key

FIELDS = {
    "date": (gettext_lazy("Date"), ["date", "jour", "date de l activite", "le"]),
    "last_name": (gettext_lazy("Nom"), ["nom", "nom de famille"]),
    "first_name": (gettext_lazy("Prénom"), ["prenom"]),
    "full_name": (
        gettext_lazy("Nom et prénom dans une colonne"),
        ["nom prenom", "nom et prenom", "prenom nom", "beneficiaire", "usager", "personne"],
    ),
    "birth_date": (gettext_lazy("Date de naissance"), ["date de naissance", "ne e le", "ne le"]),
    "kind": (
        gettext_lazy("Type d'activité"),
        ["type", "activite", "type d activite", "nature", "prestation", "type d accompagnement"],
    ),
    "theme": (gettext_lazy("Thème"), ["theme", "thematique", "thematiques", "sujet"]),
    "duration": (
        gettext_lazy("Durée"),
        ["duree", "duree min", "duree minutes", "duree en minutes", "temps", "temps passe"],
    ),
    "site": (gettext_lazy("Lieu"), ["lieu", "site", "antenne", "lieu d accueil"]),
}
ALIASES = {alias: key for key, (_label, aliases) in FIELDS.items() for alias in aliases}
RECOGNISED = set(ALIASES)
REQUIRED = ("date", "kind", "theme", "duration")

KINDS = {
    "atelier": core_enums.ActivityKind.WORKSHOP,
    "atelier collectif": core_enums.ActivityKind.WORKSHOP,
    "collectif": core_enums.ActivityKind.WORKSHOP,
    "rendez vous": core_enums.ActivityKind.APPOINTMENT,
    "rdv": core_enums.ActivityKind.APPOINTMENT,
    "permanence": core_enums.ActivityKind.APPOINTMENT,
    "accueil": core_enums.ActivityKind.WALK_IN,
    "sans rendez vous": core_enums.ActivityKind.WALK_IN,
    "accueil sans rendez vous": core_enums.ActivityKind.WALK_IN,
    "demarche": core_enums.ActivityKind.ASSISTED_PROCEDURE,
    "demarche accompagnee": core_enums.ActivityKind.ASSISTED_PROCEDURE,
    "salle": core_enums.ActivityKind.ROOM_SESSION,
    "acces libre": core_enums.ActivityKind.ROOM_SESSION,
    "salle informatique": core_enums.ActivityKind.ROOM_SESSION,
    "diagnostic": core_enums.ActivityKind.DIAGNOSTIC,
    "diagnostic numerique": core_enums.ActivityKind.DIAGNOSTIC,
    "accompagnement": core_enums.ActivityKind.INDIVIDUAL_SUPPORT,
    "accompagnement individuel": core_enums.ActivityKind.INDIVIDUAL_SUPPORT,
    "individuel": core_enums.ActivityKind.INDIVIDUAL_SUPPORT,
}
for value, label in core_enums.ActivityKind.choices:
    KINDS.setdefault(spreadsheets.header_key(label), value)
    KINDS.setdefault(spreadsheets.header_key(value), value)

THEMES: dict[str, tuple[str, str]] = {}
for value, label in core_enums.Theme.choices:
    THEMES[spreadsheets.header_key(label)] = (value, "")
    THEMES[spreadsheets.header_key(value)] = (value, "")
for value, label in core_enums.AdminProcedureTheme.choices:
    admin = core_enums.Theme.ADMIN_PROCEDURES
    THEMES[spreadsheets.header_key(label)] = (admin, value)
    THEMES[spreadsheets.header_key(value)] = (admin, value)
THEMES.update(
    {
        "demarches": (core_enums.Theme.ADMIN_PROCEDURES, ""),
        "demarches administratives": (core_enums.Theme.ADMIN_PROCEDURES, ""),
        "mail": (core_enums.Theme.EMAIL, ""),
        "internet": (core_enums.Theme.BROWSING, ""),
        "emploi": (core_enums.Theme.EMPLOYMENT, ""),
        "securite": (core_enums.Theme.SECURITY, ""),
        "smartphone": (core_enums.Theme.HARDWARE, ""),
        "ordinateur": (core_enums.Theme.HARDWARE, ""),
    }
)
DURATION = re.compile(
    r"^(?:(\d{1,2})\s*h\s*(\d{1,2})?|(\d{1,2}):(\d{2})(?::\d{2})?|(\d{1,3})\s*(?:min|mn|minutes?)?)$"
)


def proposed_mapping(headers: list[str]) -> list[str]:
    taken: set[str] = set()
    mapping = []
    for header in headers:
        key = ALIASES.get(spreadsheets.header_key(header), "")
        if key in taken:
            key = ""
        taken.add(key)
        mapping.append(key)
    return mapping


def parse_minutes(value) -> int:
    """90, "90 min", "1h30", "1 h", "01:30", or an Excel time (a fraction of a day)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        minutes = round(value * 24 * 60) if 0 < value < 1 else int(value)
    else:
        match = DURATION.match(_text(value).lower())
        if not match:
            raise ValueError(value)
        hours, hour_minutes, clock_hours, clock_minutes, plain = match.groups()
        if hours is not None:
            minutes = int(hours) * 60 + int(hour_minutes or 0)
        elif clock_hours is not None:
            minutes = int(clock_hours) * 60 + int(clock_minutes)
        else:
            minutes = int(plain)
    if not 1 <= minutes <= 12 * 60:
        raise ValueError(value)
    return minutes


class HistoryContext(Context):
    """The people and the sites a row can name."""

    def __init__(self, organisation, today=None):
        from passerelle.core.models import Site
        from passerelle.people.models import Person

        super().__init__(organisation, today)
        self.sites = {
            spreadsheets.header_key(site.name): site.pk
            for site in Site.objects.filter(organisation=organisation)
        }
        self.people: dict[str, list[tuple[int, str | None]]] = {}
        people = Person.objects.filter(organisation=organisation, is_anonymised=False)
        for pk, key, birth in people.values_list("pk", "name_key", "birth_date").iterator(
            chunk_size=5000
        ):
            self.people.setdefault(key, []).append((pk, birth.isoformat() if birth else None))


def check_row(number: int, cells: list, headers: list[str], mapping: list[str], ctx) -> Row:
    row = Row(number=number)
    raw = raw_values(row, cells, headers, mapping)
    for key in REQUIRED:
        if key not in raw or not _text(raw[key][1]) and not isinstance(raw[key][1], int | float):
            label = raw[key][0] if key in raw else str(FIELDS[key][0])
            row.errors.setdefault(label, _("Cette case est vide."))
    if row.errors:
        return row
    header, value = raw["date"]
    try:
        day = spreadsheets.parse_date(value, today=ctx.today)
    except (ValueError, OverflowError):
        row.errors[header] = _("« %(value)s » n'est pas une date (écrivez 14/03/2024).") % {
            "value": _text(value)
        }
    else:
        if day > ctx.today:
            row.errors[header] = _("Cette date est dans le futur.")
        else:
            row.values["date"] = day.isoformat()
    header, value = raw["kind"]
    kind = KINDS.get(spreadsheets.header_key(value))
    if kind is None:
        row.errors[header] = _(
            "Type « %(value)s » inconnu : atelier, rendez-vous, accueil, démarche, salle, "
            "diagnostic ou accompagnement."
        ) % {"value": _text(value)}
    else:
        row.values["kind"] = kind
    header, value = raw["theme"]
    theme = THEMES.get(spreadsheets.header_key(value))
    if theme is None:
        row.errors[header] = _("Thème « %(value)s » inconnu (les thèmes de La Coop).") % {
            "value": _text(value)
        }
    else:
        row.values["theme"], row.values["admin_procedure_theme"] = theme
    header, value = raw["duration"]
    try:
        row.values["duration_minutes"] = parse_minutes(value)
    except ValueError:
        row.errors[header] = _("« %(value)s » n'est pas une durée (écrivez 45, 1h30 ou 01:30).") % {
            "value": _text(value)
        }
    if "site" in raw and _text(raw["site"][1]):
        header, value = raw["site"]
        site = ctx.sites.get(spreadsheets.header_key(value))
        if site is None:
            row.errors[header] = _("Lieu « %(value)s » inconnu dans Passerelle.") % {
                "value": _text(value)
            }
        else:
            row.values["site_id"] = site
    _match_person(row, raw, ctx)
    return row


def _match_person(row: Row, raw: dict, ctx) -> None:
    if "full_name" in raw:
        header, value = raw.pop("full_name")
        last, first = _split_full_name(_text(value), header)
        raw.setdefault("last_name", (header, last))
        raw.setdefault("first_name", (header, first))
    last = _text(raw.get("last_name", ("", ""))[1])
    first = _text(raw.get("first_name", ("", ""))[1])
    if not last and not first:
        return  # an anonymous participant
    header = raw.get("last_name", raw.get("first_name"))[0]
    candidates = ctx.people.get(name_key(first, last), [])
    if "birth_date" in raw and _text(raw["birth_date"][1]):
        try:
            birth = spreadsheets.parse_date(raw["birth_date"][1], today=ctx.today)
        except (ValueError, OverflowError):
            birth = None
        if birth is not None:
            candidates = [(pk, b) for pk, b in candidates if b in (None, birth.isoformat())]
    if not candidates:
        row.errors[header] = _(
            "Personne introuvable dans Passerelle : « %(name)s ». Importez d'abord les personnes."
        ) % {"name": f"{first} {last}".strip()}
    elif len(candidates) > 1:
        row.errors[header] = _(
            "Plusieurs personnes s'appellent « %(name)s » : ajoutez la date de naissance."
        ) % {"name": f"{first} {last}".strip()}
    else:
        row.values["person_id"] = candidates[0][0]


def scan(uploaded, *, organisation, mapping: list[str] | None = None, progress=None) -> Scan:
    table = spreadsheets.open_table(uploaded, recognised=RECOGNISED)
    if mapping is None or len(mapping) != len(table.headers):
        mapping = proposed_mapping(table.headers)
    ctx = HistoryContext(organisation)

    def check(number: int, cells: list) -> Row:
        return check_row(number, cells, table.headers, mapping, ctx)

    return Scan(table.headers, table.header_row, mapping, checked_rows(table, check, progress))
