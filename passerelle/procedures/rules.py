"""When each recurring procedure must be done: pure functions of dates, one per rule.

Each rule gives windows (opens_on, closes_on), both days included. The facts and their
sources are in RULES below and shown on screen; what is unconfirmed is a setting.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from passerelle.procedures.enums import DeadlineKind, PermitKind

KINDS_WITH_REFERENCE = {
    DeadlineKind.CAF_QUARTERLY,
    DeadlineKind.CSS_RENEWAL,
    DeadlineKind.AAH_RENEWAL,
    DeadlineKind.RESIDENCE_PERMIT,
    DeadlineKind.IDENTITY_DOCUMENT,
    DeadlineKind.SOCIAL_HOUSING,
    DeadlineKind.DOMICILIATION,
    DeadlineKind.RESIDENCE_RECEIPT,
}
# Kinds whose reference is an end date: it must still be ahead when the follow-up starts.
ENDS_AHEAD = {
    DeadlineKind.CSS_RENEWAL,
    DeadlineKind.AAH_RENEWAL,
    DeadlineKind.RESIDENCE_PERMIT,
    DeadlineKind.IDENTITY_DOCUMENT,
    DeadlineKind.DOMICILIATION,
    DeadlineKind.RESIDENCE_RECEIPT,
}
CHECKED_ON = dt.date(2026, 11, 30)


@dataclass(frozen=True, order=True)
class Window:
    """From `opens_on` to `closes_on`, the date to do it by; `last_day`, when later than
    `closes_on`, is the last day it can still be done (late, at a risk): the end of the
    rights or of the document. Such a window is "late", never "missed", until then."""

    opens_on: dt.date
    closes_on: dt.date
    last_day: dt.date | None = None

    def contains(self, day: dt.date) -> bool:
        return self.opens_on <= day <= self.closes_on

    @property
    def final_day(self) -> dt.date:
        return self.last_day or self.closes_on


@dataclass(frozen=True)
class Rule:
    kind: DeadlineKind
    summary: str
    source: str
    reference_label: str = ""  # what reference_date means for this rule; "" when unused
    checked_on: dt.date = CHECKED_ON


RULES = {
    DeadlineKind.FT_ACTUALISATION: Rule(
        DeadlineKind.FT_ACTUALISATION,
        _("Chaque mois, du 28 (26 en février) au 15 du mois suivant à minuit."),
        _("service-public.fr, fiche F1637 ; arrêté du 22 décembre 2015"),
    ),
    DeadlineKind.CAF_QUARTERLY: Rule(
        DeadlineKind.CAF_QUARTERLY,
        _(
            "Tous les 3 mois. La date exacte est dans « Mon agenda » du compte CAF de la "
            "personne : notez-la. Sans elle, Passerelle l'estime à partir du mois d'ouverture "
            "du droit (date estimée, à vérifier)."
        ),
        _("caf.fr : formulaire prérempli depuis mars 2025 (mois M-4 à M-2, net social)"),
        _("Mois d'ouverture du droit"),
    ),
    DeadlineKind.TAX_RETURN: Rule(
        DeadlineKind.TAX_RETURN,
        _(
            "Chaque année au printemps. Sur papier, avant les dates en ligne ; en ligne, selon le "
            "département (3 zones). Les dates changent chaque année : le responsable les saisit. "
            "Même sans revenus, il faut déclarer (l'avis sert pour la CSS, le logement…)."
        ),
        _("impots.gouv.fr, campagne de l'année"),
    ),
    DeadlineKind.CSS_RENEWAL: Rule(
        DeadlineKind.CSS_RENEWAL,
        _(
            "Chaque année, entre 4 et 2 mois avant la fin du droit. Automatique pour les "
            "bénéficiaires du RSA, de l'ASPA et de l'ASI : rien à faire."
        ),
        _("ameli.fr ; service-public.fr, fiche F10027"),
        _("Date de fin du droit"),
    ),
    DeadlineKind.AAH_RENEWAL: Rule(
        DeadlineKind.AAH_RENEWAL,
        _(
            "Déposer le dossier à la MDPH au moins 6 mois avant la fin des droits (réglable) : "
            "la réponse prend jusqu'à 4 mois et rien n'est rattrapé après la fin. Plus d'un an "
            "avant, la demande peut être refusée. AAH sans limitation de durée : rien à suivre."
        ),
        _("guide des MDPH ; code de la sécurité sociale R821-5"),
        _("Date de fin des droits"),
    ),
    DeadlineKind.RESIDENCE_PERMIT: Rule(
        DeadlineKind.RESIDENCE_PERMIT,
        _(
            "Titre renouvelé en ligne (liste ANEF) : entre le 120e et le 60e jour avant la fin. "
            "Autre titre (préfecture) : dans les 2 mois avant la fin. Carte de résident de "
            "longue durée – UE : dans les 2 mois avant la fin, à vérifier auprès de la préfecture."
        ),
        _("CESEDA, articles R431-2 et R431-5"),
        _("Date de fin du titre"),
    ),
    DeadlineKind.IDENTITY_DOCUMENT: Rule(
        DeadlineKind.IDENTITY_DOCUMENT,
        _(
            "Pas de délai légal, mais il faut un rendez-vous en mairie (souvent des semaines) : "
            "commencer quelques mois avant l'expiration (réglable). Une carte d'identité "
            "délivrée à un adulte entre 2004 et 2013 reste valable 5 ans de plus que la date "
            "imprimée."
        ),
        _("service-public.fr ; passeport valable 10 ans (5 pour un mineur)"),
        _("Date d'expiration"),
    ),
    DeadlineKind.SOCIAL_HOUSING: Rule(
        DeadlineKind.SOCIAL_HOUSING,
        _(
            "Renouveler la demande chaque année avant sa date anniversaire, sinon elle est "
            "annulée et l'ancienneté perdue. Le mois qui précède."
        ),
        _("service-public.fr, demande de logement social"),
        _("Date de la demande (ou de son dernier renouvellement)"),
    ),
    DeadlineKind.ENERGY_VOUCHER: Rule(
        DeadlineKind.ENERGY_VOUCHER,
        _(
            "Les ménages qui ne le reçoivent pas d'office le demandent en ligne pendant la "
            "campagne (2025-2026 : du 15 octobre au 28 février). Le responsable saisit les dates."
        ),
        _("chequeenergie.gouv.fr"),
    ),
    DeadlineKind.DOMICILIATION: Rule(
        DeadlineKind.DOMICILIATION,
        _(
            "Accordée pour un an, renouvelable : demander le renouvellement avant la fin "
            "(délai réglable, 2 mois par défaut)."
        ),
        _("code de l'action sociale et des familles ; pratique des CCAS"),
        _("Date de fin de la domiciliation"),
    ),
    DeadlineKind.RESIDENCE_RECEIPT: Rule(
        DeadlineKind.RESIDENCE_RECEIPT,
        _(
            "Demander un nouveau récépissé ou une nouvelle attestation à la préfecture dans le "
            "mois qui précède sa fin, pour ne jamais rester sans document."
        ),
        _("CESEDA ; pratique des préfectures"),
        _("Date de fin du récépissé ou de l'attestation"),
    ),
}


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def ft_actualisation_window(year: int, month: int) -> Window:
    """The actualisation for month M opens on the 28th of M (26th in February) and closes on
    the 15th of M+1."""
    opens = dt.date(year, month, 26 if month == 2 else 28)
    closes = (dt.date(year, month, 1) + relativedelta(months=1)).replace(day=15)
    return Window(opens, closes)


def ft_actualisation_windows(start: dt.date, end: dt.date) -> list[Window]:
    """Every window that is open at some point between `start` and `end`."""
    windows = []
    month = month_start(start) - relativedelta(months=1)
    while month <= end:
        window = ft_actualisation_window(month.year, month.month)
        if window.closes_on >= start and window.opens_on <= end:
            windows.append(window)
        month += relativedelta(months=1)
    return windows


def caf_due_months(right_opened: dt.date, start: dt.date, end: dt.date) -> list[dt.date]:
    """First day of each month when a quarterly declaration is due: 3, 6, 9… months after the
    month the right opened."""
    first = month_start(right_opened) + relativedelta(months=3)
    months = []
    month = first
    while month <= end:
        if month >= month_start(start):
            months.append(month)
        month += relativedelta(months=3)
    return months


def caf_quarterly_windows(
    right_opened: dt.date,
    start: dt.date,
    end: dt.date,
    closing_day: int | None = None,
    agenda_due_on: dt.date | None = None,
) -> list[Window]:
    """From the date typed from the person's CAF agenda when there is one (it, then every 3
    months), else estimated from the month the right opened."""
    windows = []
    if agenda_due_on is not None:
        step = 0
        while True:
            due = agenda_due_on + relativedelta(months=3 * step)
            if due.replace(day=1) > end:
                break
            if due >= start:
                windows.append(Window(due.replace(day=1), due))
            step += 1
        return windows
    for month in caf_due_months(right_opened, start, end):
        day = min(closing_day or 31, last_day(month.year, month.month))
        window = Window(month, month.replace(day=day))
        if window.closes_on >= start:
            windows.append(window)
    return windows


def tax_zone_for_postcode(postcode: str) -> int | None:
    """Zone 1: départements 01 to 19; zone 2: 20 (Corse) to 54; zone 3: 55 to 976."""
    if not postcode or len(postcode) != 5 or not postcode.isdigit():
        return None
    departement = int(postcode[:3]) if postcode.startswith("97") else int(postcode[:2])
    if departement == 0:
        return None
    if departement <= 19:
        return 1
    if departement <= 54:
        return 2
    return 3


def _yearly(first_end: dt.date, start: dt.date, stop: dt.date, window_for) -> list[Window]:
    """The windows of a right or request renewed every year from `first_end`."""
    windows = []
    year = 0
    while True:
        window = window_for(first_end + relativedelta(years=year))
        if window.opens_on > stop:
            break
        if window.final_day >= start:
            windows.append(window)
        year += 1
    return windows


def css_renewal_windows(end_date: dt.date, start: dt.date, stop: dt.date) -> list[Window]:
    """CSS is granted for a year and renewed: at the earliest 4, at the latest 2 months before
    each end; a late request is still possible until the end."""
    return _yearly(
        end_date,
        start,
        stop,
        lambda ends: Window(
            ends - relativedelta(months=4),
            ends - relativedelta(months=2),
            ends - dt.timedelta(days=1),
        ),
    )


def aah_window(end_of_rights: dt.date, *, lead_months: int, file_by_months: int) -> Window:
    """From `lead_months` to `file_by_months` before the end of rights; after that a late
    filing is still possible until the day before the end, with a gap in payments likely."""
    return Window(
        end_of_rights - relativedelta(months=lead_months),
        end_of_rights - relativedelta(months=file_by_months),
        end_of_rights - dt.timedelta(days=1),
    )


def identity_window(expiry: dt.date, *, lead_months: int, file_by_weeks: int) -> Window:
    """Start `lead_months` before the expiry; have the town-hall appointment `file_by_weeks`
    before it; the document is valid until its expiry."""
    return Window(
        expiry - relativedelta(months=lead_months),
        expiry - dt.timedelta(weeks=file_by_weeks),
        expiry,
    )


def residence_permit_window(expiry: dt.date, permit_kind: str = PermitKind.ANEF) -> Window:
    """CESEDA R431-5: titles on the ANEF list between the 120th and the 60th day before the
    end (a late request is still possible until the end); other titles in the two months
    before the end."""
    if permit_kind == PermitKind.ANEF:
        return Window(
            expiry - dt.timedelta(days=120),
            expiry - dt.timedelta(days=60),
            expiry - dt.timedelta(days=1),
        )
    return Window(expiry - relativedelta(months=2), expiry - dt.timedelta(days=1))


def social_housing_windows(anniversary: dt.date, start: dt.date, stop: dt.date) -> list[Window]:
    """Renewed every year in the month before the request's anniversary."""
    first = anniversary
    while first + relativedelta(years=1) <= start:  # the next anniversary still ahead of start
        first += relativedelta(years=1)
    return _yearly(
        first,
        start,
        stop,
        lambda day: Window(day - relativedelta(months=1), day - dt.timedelta(days=1)),
    )


def domiciliation_windows(
    end_date: dt.date, start: dt.date, stop: dt.date, *, lead_months: int
) -> list[Window]:
    return _yearly(
        end_date,
        start,
        stop,
        lambda ends: Window(ends - relativedelta(months=lead_months), ends - dt.timedelta(days=1)),
    )


def residence_receipt_window(expiry: dt.date) -> Window:
    return Window(expiry - relativedelta(months=1), expiry - dt.timedelta(days=1))


def reference_date_check(*, kind: str, reference: dt.date | None, today: dt.date) -> None:
    """Refuse a reference date that cannot fix this deadline's windows."""
    if kind in KINDS_WITH_REFERENCE and reference is None:
        raise ValidationError({"reference_date": _("Indiquez la date : elle fixe les échéances.")})
    if kind in ENDS_AHEAD and reference < today:
        raise ValidationError(
            {"reference_date": _("Cette date est déjà passée : vérifiez-la sur le document.")}
        )
    if kind == DeadlineKind.CAF_QUARTERLY:
        if reference > today or reference < today.replace(year=today.year - 30):
            raise ValidationError(
                {
                    "reference_date": _(
                        "Le mois d'ouverture du droit doit être passé (30 ans au plus)."
                    )
                }
            )
