"""The export of La Coop de la médiation numérique's "accompagnements" worksheet, exactly.

Reference: `shared/domain/coop-and-data-inclusion.md` §A.1–A.2, read from the Coop's source
(`buildAccompagnementsWorksheet.ts`). One row per accompaniment: an individual activity gives
one row, a workshop session with n participants gives n rows ("Participants" `i/n`). Above the
table, the export information and the filters (rows 1–21); the table (named "Activités", a
filter button on every column) starts on row 22.

Two variants, as in the Coop: the team export (a manager's, every staff member: the mediator's
names and role) and the "self" export, chosen when the export is filtered on one staff member:
that mediator's own file, with the beneficiary's name (never for someone who objected to named
lists, nor for an anonymised file: "Bénéficiaire anonyme") and without the mediator columns.

Passerelle's vocabularies are the Coop's values (core.enums) except where Passerelle keeps a
finer word; each mapping below says why:
- "Fait pour la personne" (Passerelle's own, below "Avec guidage") counts as the Coop's lowest
  level, `1/3` "Avec guidage": the Coop has no level under it.
- Equipment says whose device it was (the centre's or the person's); the Coop only the kind.
- Gender shows "Femme/Homme" on screen (the Coop's own `sexLabels`); the export writes its
  `genreLabels` "Féminin/Masculin".
"""

from __future__ import annotations

import datetime as dt
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Case, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value, When
from django.utils import timezone

from passerelle.accounts.enums import Role
from passerelle.core import communes, enums
from passerelle.core.models import Site
from passerelle.core.utils import age_band_for
from passerelle.people import enums as people_enums
from passerelle.people.models import Person
from passerelle.workshops import selectors as workshop_selectors

CHUNK = 2000
FILENAME = "coop-numerique_accompagnements_{day}.xlsx"
SHEET = TABLE = "Activités"
ANONYMOUS = "Bénéficiaire anonyme"
UNKNOWN = "Non communiqué"

# §A.2.1 — the Coop's two types since 2025 (it removed the separate procedure type): every
# individual accompaniment — desk support, diagnostic, honoured appointment, walk-in seen,
# assisted procedure, recurring deadline kept with help — and the workshops. Free access to
# the room and a goal's progress (recorded with the procedure it comes from) are not
# accompaniments.
INDIVIDUAL, COLLECTIVE = "Accompagnement individuel", "Atelier collectif"
TYPES = {
    enums.ActivityKind.INDIVIDUAL_SUPPORT: INDIVIDUAL,
    enums.ActivityKind.DIAGNOSTIC: INDIVIDUAL,
    enums.ActivityKind.APPOINTMENT: INDIVIDUAL,
    enums.ActivityKind.WALK_IN: INDIVIDUAL,
    enums.ActivityKind.ASSISTED_PROCEDURE: INDIVIDUAL,
    enums.ActivityKind.DEADLINE_DONE: INDIVIDUAL,
    enums.ActivityKind.WORKSHOP: COLLECTIVE,
}
# §A.2.2 — canals.
PLACES = {
    enums.PlaceType.ON_SITE: "Lieu d’activité",
    enums.PlaceType.OTHER: "Autre lieu",
    enums.PlaceType.AT_HOME: "À domicile",
    enums.PlaceType.REMOTE: "À distance",
}
# §A.2.3 — equipment, by kind of device.
EQUIPMENT = {
    enums.Equipment.CENTRE_COMPUTER: "Ordinateur",
    enums.Equipment.OWN_COMPUTER: "Ordinateur",
    enums.Equipment.OWN_SMARTPHONE: "Téléphone",
    enums.Equipment.CENTRE_TABLET: "Tablette",
    enums.Equipment.PRINTER_SCANNER: "Autre",
    enums.Equipment.NONE: "Pas de matériel",
}
# §A.2.4 — themes (both groups), in the Coop's words, by the values Passerelle stores.
THEMES = {
    "diagnostic_numerique": "Diagnostic numérique",
    "prendre_en_main_du_materiel": "Prendre en main du matériel",
    "maintenance_de_materiel": "Maintenance de matériel",
    "gere_ses_contenus_numeriques": "Gérer ses contenus numériques",
    "navigation_sur_internet": "Navigation sur internet",
    "email": "E-mail",
    "bureautique": "Bureautique",
    "reseaux_sociaux": "Réseaux sociaux communication",
    "sante": "Santé",
    "banque_et_achats_en_ligne": "Banque et achats en ligne",
    "entrepreneuriat": "Accompagner un professionnel",
    "insertion_professionnelle": "Insertion professionnelle",
    "securite_numerique": "Prévention en sécurité numérique",
    "parentalite": "Parentalité",
    "scolarite_et_numerique": "Scolarité et numérique",
    "creer_avec_le_numerique": "Créer avec le numérique",
    "culture_numerique": "Culture numérique",
    "intelligence_artificielle": "Intelligence artificielle (IA)",
    "aide_aux_demarches_administratives": "Aide aux démarches administratives",
    "papiers_elections_citoyennete": "Papiers - Élections - Citoyenneté",
    "famille_scolarite": "Famille - Scolarité",
    "social_sante": "Social - Santé",
    "travail_formation": "Travail - Formation - Entreprise",
    "logement": "Logement",
    "transports_mobilite": "Transports - Mobilité",
    "argent_impots": "Argent - Impôts",
    "justice": "Justice",
    "etrangers_europe": "Étrangers - Europe",
    "loisirs_sports_culture": "Loisirs - Sports - Culture",
    "associations": "Associations",
}
# §A.2.5 and §A.2.6 — stars out of 3.
AUTONOMY_STARS = {
    enums.Autonomy.DONE_FOR: 1,
    enums.Autonomy.GUIDED: 1,
    enums.Autonomy.AUTONOMOUS_WITH_HELP: 2,
    enums.Autonomy.AUTONOMOUS: 3,
}
LEVEL_STARS = {
    enums.WorkshopLevel.BEGINNER: 1,
    enums.WorkshopLevel.INTERMEDIATE: 2,
    enums.WorkshopLevel.ADVANCED: 3,
}
# §A.2.7
REDIRECTIONS = {
    "administration": "Administration (mairie, préfecture…)",
    "mediation_numerique": "Autre structure de médiation numérique",
    "operateur_ou_organisme_en_charge": (
        "Opérateur ou organisme en charge de la démarche administrative"
    ),
    "aide_sociale": "Structure d’aide sociale (maison des solidarités, centre social…)",
    "insertion_professionnelle": (
        "Structure d’insertion professionnelle (France Travail, mission locale, chambre de "
        "commerce…)"
    ),
    "aide_aux_demarches_administratives": (
        "Structure d’aide aux démarches administratives (France Services…)"
    ),
    "autre": "Autre",
}
# §A.2.9
GENDERS = {
    people_enums.Gender.MALE: "Masculin",
    people_enums.Gender.FEMALE: "Féminin",
    people_enums.Gender.UNKNOWN: UNKNOWN,
}
AGE_BANDS = {
    enums.AgeBand.OVER_70: "70 ans et plus",
    enums.AgeBand.FROM_60_TO_69: "60 - 69 ans",
    enums.AgeBand.FROM_40_TO_59: "40 - 59 ans",
    enums.AgeBand.FROM_25_TO_39: "25 - 39 ans",
    enums.AgeBand.FROM_18_TO_24: "18 - 24 ans",
    enums.AgeBand.FROM_12_TO_17: "12 - 17 ans",
    enums.AgeBand.UNDER_12: "Moins de 12 ans",
    enums.AgeBand.UNKNOWN: UNKNOWN,
}
STATUSES = {
    enums.EmploymentStatus.RETIRED: "Retraité",
    enums.EmploymentStatus.UNEMPLOYED: "Sans emploi",
    enums.EmploymentStatus.EMPLOYED: "En emploi",
    enums.EmploymentStatus.STUDENT: "Scolarisé",
    enums.EmploymentStatus.UNKNOWN: "Non communiqué ou hétérogène",
}

# §A.1.2 — the columns, in order. "S": self export only, "É": team export only.
COLUMNS = [
    ("Date", ""),
    ("Enregistré le", ""),
    ("Dernière modification le", ""),
    ("Prénom du médiateur", "É"),
    ("Nom du médiateur", "É"),
    ("Rôle", "É"),
    ("ID - Conum", "É"),
    ("Type", ""),
    ("Participants", ""),
    ("Bénéficiaire", "S"),
    ("Canaux d’accompagnement", ""),
    ("Nom du lieu", ""),
    ("Adresse", ""),
    ("Commune", ""),
    ("Code postal", ""),
    ("Code Insee", ""),
    ("Durée (min)", ""),
    ("Nom de l’atelier", ""),
    ("Matériel numérique utilisé", ""),
    ("Thématique(s) d’accompagnement", ""),
    ("Tags", ""),
    ("Nom de la démarche administrative", ""),
    ("Niveau d’autonomie (ou de l’atelier)", ""),
    ("Bénéficiaire réorienté", ""),
    ("Structure de redirection", ""),
    ("Commune du bénéficiaire", ""),
    ("Code postal du bénéficiaire", ""),
    ("Code Insee du bénéficiaire", ""),
    ("Genre du bénéficiaire", ""),
    ("Tranche d’âge du bénéficiaire", ""),
    ("Statut du bénéficiaire", ""),
    ("Notes supplémentaires", "S"),
    ("ID CRA", ""),
]


def header(*, self_export: bool) -> list[str]:
    skip = "É" if self_export else "S"
    return [name for name, only in COLUMNS if only != skip]


FIELDS = [
    "id",
    "date",
    "created_at",
    "kind",
    "duration_minutes",
    "site_id",
    "place_type",
    "theme",
    "other_themes",
    "admin_procedure_theme",
    "label",
    "autonomy",
    "level",
    "equipment",
    "referral_structure",
    "anonymous_count",
    "person_id",
    "person__first_name",
    "person__last_name",
    "person__refuses_named_lists",
    "person__is_anonymised",
    "person__commune",
    "person__postcode",
    "person__insee_code",
    "person__gender",
    "person__birth_date",
    "person__employment_status",
    "staff__first_name",
    "staff__last_name",
    "staff__is_digital_adviser",
    "session_id",
]


@dataclass(frozen=True)
class Place:
    name: str
    address: str
    commune: str
    postcode: str
    insee_code: str


def _sites(organisation_id: int) -> dict[int, Place]:
    places = {}
    for site in Site.objects.filter(organisation_id=organisation_id):
        commune = communes.find(site.commune, site.postcode)
        places[site.pk] = Place(
            site.name,
            site.address,
            site.commune,
            site.postcode,
            commune.insee_code if commune else "",
        )
    return places


def accompaniments(qs: QuerySet) -> QuerySet:
    """The activities the Coop counts, each with its workshop session (None when individual),
    in the export's order: by date, a session's attendees together."""
    session = Subquery(workshop_selectors.session_of_registration(OuterRef("source_id")))
    return (
        qs.filter(kind__in=list(TYPES))
        .annotate(
            session_id=Case(When(kind=enums.ActivityKind.WORKSHOP, then=session), default=None)
        )
        .order_by("date", "session_id", "id")
    )


def total(qs: QuerySet) -> int:
    """The number of rows: one per person, one per anonymous participant."""
    rows = qs.filter(kind__in=list(TYPES)).aggregate(
        rows=Sum(
            Case(
                When(person__isnull=False, then=Value(1)),
                default="anonymous_count",
                output_field=IntegerField(),
            )
        )
    )
    return rows["rows"] or 0


def _stars(stars: int | None) -> str:
    return f"{stars}/3" if stars else ""


def _cra_id(organisation_id: int, key: str) -> str:
    """A stable UUID per activity (per session for a workshop), the same on every export."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"passerelle:{organisation_id}:{key}"))


def _registered(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y à %H:%M")


def _lines(values, names: dict) -> str:
    labels = (names.get(v) for v in values if v)
    return "\n".join(dict.fromkeys(label for label in labels if label))


def rows(qs: QuerySet, *, organisation_id: int, self_export: bool) -> Iterator[list]:
    """The table's rows, streamed: a session's attendees are read together (at most a room's
    worth), everything else one activity at a time."""
    places = _sites(organisation_id)
    group: list[tuple] = []
    for row in accompaniments(qs).values_list(*FIELDS).iterator(chunk_size=CHUNK):
        session = row[-1]
        if group and (session is None or session != group[0][-1]):
            yield from _group_rows(group, places, organisation_id, self_export)
            group = []
        group.append(row)
    if group:
        yield from _group_rows(group, places, organisation_id, self_export)


def _group_rows(group, places, organisation_id, self_export) -> Iterator[list]:
    """The rows of one activity: a session's attendees, or one individual activity (several
    rows only when it counts anonymous people)."""
    participants = [(row, i) for row in group for i in range(1 if row[16] else row[15])]
    count = len(participants)
    key = f"session:{group[0][-1]}" if group[0][-1] else f"activity:{group[0][0]}"
    cra_id = _cra_id(organisation_id, key)
    for rank, (row, _index) in enumerate(participants, start=1):
        yield _row(row, places, self_export, 1 if count == 1 else f"{rank}/{count}", cra_id, rank)


def _row(row, places, self_export, participants, cra_id, rank) -> list:
    (_id, date, created_at, kind, minutes, site_id, place_type, theme, other_themes, admin,
     label, autonomy, level, equipment, redirection, _anonymous, person_id, first_name,
     last_name, refuses, anonymised, commune, postcode, insee, gender, birth, status,
     staff_first, staff_last, adviser, _session) = row  # fmt: skip
    place = places.get(site_id)
    is_procedure = admin or kind in (
        enums.ActivityKind.ASSISTED_PROCEDURE,
        enums.ActivityKind.DEADLINE_DONE,
    )
    individual = TYPES[kind] == INDIVIDUAL
    # The venue's name and address for the centre's own place; otherwise only a commune:
    # the person's at home, the site's for the rest (remote: "the employer's commune").
    where = place if place_type == enums.PlaceType.ON_SITE else None
    if place_type == enums.PlaceType.AT_HOME:
        area = (commune or "", postcode or "", insee or "")
    elif place:
        area = (place.commune, place.postcode, place.insee_code)
    else:
        area = ("", "", "")
    if person_id and not refuses and not anonymised:
        beneficiary = " ".join(part for part in (first_name, last_name) if part) or ANONYMOUS
    else:
        beneficiary = ANONYMOUS
    stars = AUTONOMY_STARS.get(autonomy) or LEVEL_STARS.get(level)
    referred = ""
    if kind == enums.ActivityKind.ASSISTED_PROCEDURE:
        referred = "Oui" if redirection else "Non"
    line = [date, _registered(created_at), ""]
    if not self_export:
        adviser_role = "Conseiller Numérique" if adviser else "Médiateur"
        line += [staff_first or "", staff_last or "", adviser_role, bool(adviser)]
    line += [TYPES[kind], participants]
    if self_export:
        line.append(beneficiary)
    line += [
        PLACES.get(place_type, ""),
        where.name if where else "",
        where.address if where else "",
        *area,
        minutes,
        label if not individual else "",
        _lines(equipment or [], EQUIPMENT),
        _lines([theme, *(other_themes or []), admin], THEMES),
        "",
        label if is_procedure else "",
        _stars(stars),
        referred,
        REDIRECTIONS.get(redirection, ""),
        (commune or "") if person_id else "",
        (postcode or "") if person_id else "",
        (insee or "") if person_id else "",
        GENDERS.get(gender, UNKNOWN) if person_id else UNKNOWN,
        AGE_BANDS[age_band_for(birth, date)] if person_id else UNKNOWN,
        STATUSES.get(status, STATUSES[enums.EmploymentStatus.UNKNOWN])
        if person_id
        else STATUSES[enums.EmploymentStatus.UNKNOWN],
    ]
    if self_export:
        line.append("")  # Passerelle keeps no free notes on an activity
    line.append(cra_id)
    return line


# §A.1.1 — the block above the table.
def role_label(user) -> str:
    if user.role == Role.MANAGER:
        return "Coordinateur"
    if user.is_digital_adviser:
        return "Conseiller Numérique"
    if user.role == Role.MEDIATOR:
        return "Médiateur"
    return "Rôle non défini"


def metadata(*, user, count: int, start: dt.date, end: dt.date, site_names: list[str]):
    """Rows 1 to 21, as (label, value, bold) in columns A and B."""
    now = timezone.localtime()
    return [
        ("Informations export", None, True),
        ("Nom", user.last_name or "-", False),
        ("Prénom", user.first_name or "-", False),
        ("Rôle", role_label(user), False),
        ("Total", count, False),
        ("Date d'export", now.strftime("%d/%m/%Y"), False),
        ("Heure d'export", now.strftime("%H:%M"), False),
        (None, None, False),
        ("Filtres", None, True),
        ("Période", f"{start:%d.%m.%Y} - {end:%d.%m.%Y}", False),
        ("Source", "-", False),
        ("Lieux d’accompagnement", ", ".join(site_names) or "-", False),
        ("Communes", "-", False),
        ("Départements", "-", False),
        ("Type d’accompagnement", "-", False),
        ("Rôle", "-", False),
        ("Thématiques non administratives", "-", False),
        ("Thématiques administratives", "-", False),
        ("Tags", "-", False),
        (None, None, False),
        ("", None, False),
    ]


def xlsx_file(*, qs: QuerySet, organisation_id: int, user, start, end, site_names, self_export):
    """The workbook in a temporary file, written row by row (openpyxl write-only)."""
    import tempfile

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.filters import AutoFilter
    from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)

    def cell(value, *, font=None, date=False):
        made = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            made.data_type = "s"  # text, even one starting with "=" (never a formula)
            if "\n" in value:
                made.alignment = wrap
        if font:
            made.font = font
        if date:
            made.number_format = "dd/mm/yyyy"
        return made

    def plain(value):
        """A value as it is, or a styled cell only where one is needed (a text that looks
        like a formula, several values on lines): a styled cell costs ten plain ones."""
        if isinstance(value, str) and (value.startswith("=") or "\n" in value):
            return cell(value)
        return value

    count = total(qs)
    for label, value, is_title in metadata(
        user=user, count=count, start=start, end=end, site_names=site_names
    ):
        line = [] if label is None else [cell(label, font=bold if is_title else None)]
        if value is not None:
            line.append(cell(value))
        sheet.append(line)
    columns = header(self_export=self_export)
    sheet.append([cell(name, font=bold) for name in columns])
    written = 0
    for line in rows(qs, organisation_id=organisation_id, self_export=self_export):
        sheet.append([cell(line[0], date=True), *(plain(value) for value in line[1:])])
        written += 1
    first = len(metadata(user=user, count=0, start=start, end=end, site_names=[])) + 1
    last = first + max(written, 1)
    if not written:
        sheet.append([cell("") for _ in columns])
    table = Table(displayName=TABLE, ref=f"A{first}:{get_column_letter(len(columns))}{last}")
    # Write-only mode cannot read the header back: the columns are named here.
    table.tableColumns = [TableColumn(id=n, name=name) for n, name in enumerate(columns, 1)]
    table.autoFilter = AutoFilter(ref=table.ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "In write-only mode you must add table columns")
        sheet.add_table(table)
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(handle)
    handle.seek(0)
    return handle


def csv_rows(qs: QuerySet, *, organisation_id: int, self_export: bool) -> Iterator[list]:
    """The table alone, for the CSV variant: same columns, the date as the Coop shows it."""
    for line in rows(qs, organisation_id=organisation_id, self_export=self_export):
        yield [line[0].strftime("%d/%m/%Y"), *line[1:]]


def beneficiaries(qs: QuerySet):
    """The people accompanied in the export's scope, for the Coop's beneficiaries file: never
    someone who objected to named lists, nor an anonymised file."""
    accompanied = qs.filter(kind__in=list(TYPES), person__isnull=False).values("person_id")
    return (
        Person.objects.filter(pk__in=accompanied, refuses_named_lists=False, is_anonymised=False)
        .only(
            "last_name",
            "first_name",
            "birth_date",
            "insee_code",
            "phone",
            "email",
            "gender",
        )
        .order_by("last_name", "first_name", "pk")
    )
