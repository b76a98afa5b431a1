"""Pix Orga results into the people's diagnostics.

A "collecte de profils" campaign export from Pix Orga is a CSV (semicolons, UTF-8): the
organisation and campaign, the participant's names, the campaign's external id column (its
label is the campaign's own: "Identifiant Passerelle" here), "Envoi (O/N)", "Date et heure de
l'envoi (Europe/Paris)", the total pix, then for each of the 16 competences of the national
framework (CRCN) "Niveau pour la compétence <name>" and "Nombre de pix pour la compétence
<name>" ("NA" when the profile was not shared). Pix escapes a text that looks like a formula
with a leading apostrophe; Passerelle reads it as text and never evaluates anything.

People are matched by the identifier Passerelle gives them (`external_id`, with a check digit
so that a typo matches nobody); an unknown identifier is reported, never guessed from a name.
Each competence feeds the diagnostic domain the manager chose (PixMapping); a Pix level becomes
the questionnaire's 0–3 scale: level 0 → "never done", 1 → "with help", 2 → "alone, with
difficulty", 3 and more → "alone, easily". Several competences on one domain: their average.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# The 16 competences of the CRCN, as Pix names them.
COMPETENCES = [
    ("1.1", "Mener une recherche et une veille d'information"),
    ("1.2", "Gérer des données"),
    ("1.3", "Traiter des données"),
    ("2.1", "Interagir"),
    ("2.2", "Partager et publier"),
    ("2.3", "Collaborer"),
    ("2.4", "S'insérer dans le monde numérique"),
    ("3.1", "Développer des documents textuels"),
    ("3.2", "Développer des documents multimédia"),
    ("3.3", "Adapter les documents à leur finalité"),
    ("3.4", "Programmer"),
    ("4.1", "Sécuriser l'environnement numérique"),
    ("4.2", "Protéger les données personnelles et la vie privée"),
    ("4.3", "Protéger la santé, le bien-être et l'environnement"),
    ("5.1", "Résoudre des problèmes techniques"),
    ("5.2", "Construire un environnement numérique"),
]
NAMES = dict(COMPETENCES)
# The domain each competence feeds by default, by the domain's theme (people/defaults.py).
DEFAULT_THEMES = {
    "1.1": "navigation_sur_internet",
    "1.2": "navigation_sur_internet",
    "1.3": "insertion_professionnelle",
    "2.1": "email",
    "2.2": "email",
    "2.3": "email",
    "2.4": "aide_aux_demarches_administratives",
    "3.1": "insertion_professionnelle",
    "3.3": "insertion_professionnelle",
    "4.1": "securite_numerique",
    "4.2": "securite_numerique",
    "5.1": "prendre_en_main_du_materiel",
    "5.2": "prendre_en_main_du_materiel",
}
LEVEL, PIX = "niveau pour la competence ", "nombre de pix pour la competence "
FIRST_NAME, LAST_NAME = "prenom du participant", "nom du participant"
SHARED, SHARED_ON = "envoi (o/n)", "date"
CAMPAIGN_ID, CAMPAIGN_NAME = "id campagne", "nom de la campagne"
MAX_BYTES = 5 * 1024 * 1024
ID_PATTERN = re.compile(r"^PSL-?(\d+)-?(\d)$")


class FileRefused(Exception):
    """Not a Pix Orga export: nothing of it is read."""


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(text.replace("’", "'").split())


COMPETENCE_BY_KEY = {_key(name): code for code, name in COMPETENCES}


def _luhn(digits: str) -> int:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


def external_id(person_pk: int) -> str:
    """The identifier a person types in a Pix campaign: "PSL-1234-5" (last: check digit)."""
    return f"PSL-{person_pk}-{_luhn(str(person_pk))}"


def person_pk_from(text: str) -> int | None:
    """The person's pk an identifier names, or None when it is not one (or mistyped)."""
    match = ID_PATTERN.match(re.sub(r"\s", "", (text or "").upper()).lstrip("'"))
    if not match or _luhn(match[1]) != int(match[2]):
        return None
    return int(match[1])


def level_to_score(level: float) -> int:
    return max(0, min(3, int(level + 0.5)))


@dataclass
class Participant:
    row: int
    identifier: str
    first_name: str
    last_name: str
    shared: bool
    shared_on: dt.date | None
    levels: dict[str, int] = field(default_factory=dict)  # competence code → Pix level
    person_pk: int | None = None
    person_name: str = ""
    problem: str = ""


@dataclass
class Campaign:
    reference: str
    name: str
    participants: list[Participant]


def _text(value: str) -> str:
    value = (value or "").strip()
    # Pix writes "'=Bono" for a text starting like a formula: the apostrophe is not the name.
    return value[1:] if value[:2] in {"'=", "'+", "'-", "'@"} else value


def _date(value: str) -> dt.date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value.strip()[:10], pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def read(uploaded) -> Campaign:
    """The campaign's participants and levels; raises FileRefused when it is not an export."""
    if uploaded.size > MAX_BYTES:
        raise FileRefused(_("Le fichier pèse plus de 5 Mo : ce n'est pas un export de Pix Orga."))
    raw = uploaded.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            _("Ce fichier n'est pas un export CSV de Pix Orga (texte UTF-8 attendu).")
        ) from None
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    if not rows:
        raise FileRefused(_("Le fichier est vide."))
    header = [_key(cell) for cell in rows[0]]
    required = [LAST_NAME, FIRST_NAME, SHARED]
    if any(name not in header for name in required):
        raise FileRefused(
            _(
                "Ce n'est pas un export « collecte de profils » de Pix Orga : il manque les "
                "colonnes « Nom du Participant », « Prénom du Participant » ou « Envoi (O/N) »."
            )
        )
    shared_at = header.index(SHARED)
    id_at = shared_at - 1
    if header[id_at] in (FIRST_NAME, LAST_NAME):
        raise FileRefused(
            _(
                "Ce fichier n'a pas de colonne d'identifiant : créez la campagne Pix avec "
                "l'identifiant externe « Identifiant Passerelle »."
            )
        )
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        if name.startswith(LEVEL):
            code = COMPETENCE_BY_KEY.get(name[len(LEVEL) :])
            if code:
                columns[code] = index
    if not columns:
        raise FileRefused(
            _("Ce fichier n'a pas les niveaux par compétence (« Niveau pour la compétence … »).")
        )
    date_at = next((i for i, name in enumerate(header) if name.startswith(SHARED_ON)), None)

    def cell(values, index):
        return values[index] if index is not None and index < len(values) else ""

    first = rows[1] if len(rows) > 1 else []
    campaign_id = cell(first, header.index(CAMPAIGN_ID)) if CAMPAIGN_ID in header else ""
    campaign_name = (
        _text(cell(first, header.index(CAMPAIGN_NAME))) if CAMPAIGN_NAME in header else ""
    )
    participants = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        participant = Participant(
            row=number,
            identifier=_text(cell(values, id_at)),
            first_name=_text(cell(values, header.index(FIRST_NAME))),
            last_name=_text(cell(values, header.index(LAST_NAME))),
            shared=cell(values, shared_at).strip().upper() == "O",
            shared_on=_date(cell(values, date_at)),
        )
        for code, index in columns.items():
            value = cell(values, index).strip()
            if value.isdigit():
                participant.levels[code] = int(value)
        participants.append(participant)
    return Campaign(campaign_id.strip(), campaign_name, participants)


def match(campaign: Campaign, *, organisation) -> None:
    """Each participant's person, by identifier only; the problem said when there is none."""
    from passerelle.people.models import Person, SkillAssessment

    pks = {pk for p in campaign.participants if (pk := person_pk_from(p.identifier))}
    people = {
        person.pk: person
        for person in Person.objects.filter(
            organisation=organisation, is_anonymised=False, pk__in=pks
        )
    }
    done = set(
        SkillAssessment.objects.filter(
            person_id__in=people, reference__startswith=f"pix:{campaign.reference}:"
        ).values_list("person_id", flat=True)
    )
    for participant in campaign.participants:
        pk = person_pk_from(participant.identifier)
        if not participant.shared:
            participant.problem = _("Profil pas encore envoyé par la personne.")
        elif pk is None or pk not in people:
            participant.problem = _(
                "Identifiant inconnu : « %(id)s ». Personne n'est rattaché au hasard."
            ) % {"id": participant.identifier or "—"}
        elif pk in done:
            participant.problem = _("Déjà importé.")
        elif not participant.levels:
            participant.problem = _("Aucun niveau dans le fichier.")
        if pk in people:
            participant.person_pk = pk
            participant.person_name = str(people[pk])


def mapping(organisation) -> dict[str, object]:
    """Competence code → the diagnostic domain it feeds (None: not imported): the manager's
    choice, else the domain of the default theme."""
    from passerelle.people.models import PixMapping, SkillArea

    areas = list(SkillArea.objects.filter(organisation=organisation))
    by_theme: dict[str, object] = {}
    for area in areas:
        by_theme.setdefault(area.theme, area)
    chosen = {
        m.competence: m.area
        for m in PixMapping.objects.filter(organisation=organisation).select_related("area")
    }
    return {
        code: chosen[code] if code in chosen else by_theme.get(DEFAULT_THEMES.get(code, ""))
        for code, _name in COMPETENCES
    }


def area_scores(levels: dict[str, int], chosen: dict[str, object]) -> dict[object, int]:
    """Each domain's 0–3 score from the levels of the competences it is fed by."""
    grouped: dict[object, list[int]] = {}
    for code, level in levels.items():
        area = chosen.get(code)
        if area is not None:
            grouped.setdefault(area, []).append(level)
    return {area: level_to_score(sum(ls) / len(ls)) for area, ls in grouped.items()}
