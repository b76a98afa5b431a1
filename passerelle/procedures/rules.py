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

from passerelle.procedures.enums import DeadlineKind

KINDS_WITH_REFERENCE = {
    DeadlineKind.CAF_QUARTERLY,
    DeadlineKind.CSS_RENEWAL,
    DeadlineKind.AAH_RENEWAL,
    DeadlineKind.RESIDENCE_PERMIT,
    DeadlineKind.IDENTITY_DOCUMENT,
}


@dataclass(frozen=True, order=True)
class Window:
    opens_on: dt.date
    closes_on: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.opens_on <= day <= self.closes_on


@dataclass(frozen=True)
class Rule:
    kind: DeadlineKind
    summary: str
    source: str
    reference_label: str = ""  # what reference_date means for this rule; "" when unused


RULES = {
    DeadlineKind.FT_ACTUALISATION: Rule(
        DeadlineKind.FT_ACTUALISATION,
        _("Chaque mois, du 28 (26 en février) au 15 du mois suivant."),
        _("service-public.fr, fiche F1637"),
    ),
    DeadlineKind.CAF_QUARTERLY: Rule(
        DeadlineKind.CAF_QUARTERLY,
        _(
            "Tous les 3 mois à partir du mois d'ouverture du droit, pendant le mois de la "
            "déclaration (jour limite réglable : non confirmé officiellement)."
        ),
        _("caf.fr ; le « avant le 25 » n'est donné que par la presse"),
        _("Mois d'ouverture du droit"),
    ),
    DeadlineKind.TAX_RETURN: Rule(
        DeadlineKind.TAX_RETURN,
        _(
            "Chaque année au printemps ; date limite selon le département (3 zones). Les dates "
            "changent chaque année : le responsable les saisit."
        ),
        _("impots.gouv.fr, campagne de l'année"),
    ),
    DeadlineKind.CSS_RENEWAL: Rule(
        DeadlineKind.CSS_RENEWAL,
        _("Chaque année, entre 4 et 2 mois avant la fin du droit."),
        _("ameli.fr, service-public.fr fiche F10027"),
        _("Date de fin du droit"),
    ),
    DeadlineKind.AAH_RENEWAL: Rule(
        DeadlineKind.AAH_RENEWAL,
        _(
            "À déposer à la MDPH avant la fin du droit ; commencer quelques mois avant "
            "(délai réglable, 6 mois par défaut)."
        ),
        _("code de la sécurité sociale R821-5 ; le délai est une pratique"),
        _("Date de fin du droit"),
    ),
    DeadlineKind.RESIDENCE_PERMIT: Rule(
        DeadlineKind.RESIDENCE_PERMIT,
        _("Entre le 120e et le 60e jour avant la fin du titre."),
        _("CESEDA, via info-droits-etrangers.org"),
        _("Date de fin du titre"),
    ),
    DeadlineKind.IDENTITY_DOCUMENT: Rule(
        DeadlineKind.IDENTITY_DOCUMENT,
        _(
            "Avant la date d'expiration ; commencer quelques mois avant (6 par défaut) car il "
            "faut un rendez-vous en mairie."
        ),
        _("pages des mairies ; passeport valable 10 ans (5 pour un mineur)"),
        _("Date d'expiration"),
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
    right_opened: dt.date, start: dt.date, end: dt.date, closing_day: int | None = None
) -> list[Window]:
    windows = []
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


def css_renewal_windows(end_date: dt.date, start: dt.date, stop: dt.date) -> list[Window]:
    """CSS is granted for a year and renewed: window from 4 to 2 months before each end."""
    windows = []
    year = 0
    while True:
        ends = end_date + relativedelta(years=year)
        window = Window(ends - relativedelta(months=4), ends - relativedelta(months=2))
        if window.opens_on > stop:
            break
        if window.closes_on >= start:
            windows.append(window)
        year += 1
    return windows


def before_end_window(end_date: dt.date, *, lead_months: int) -> Window:
    """AAH and identity documents: from `lead_months` before the end until the end."""
    return Window(end_date - relativedelta(months=lead_months), end_date)


def residence_permit_window(expiry: dt.date) -> Window:
    return Window(expiry - dt.timedelta(days=120), expiry - dt.timedelta(days=60))


def reference_date_check(*, kind: str, reference: dt.date | None, today: dt.date) -> None:
    """Refuse a reference date that cannot fix this deadline's windows."""
    if kind in KINDS_WITH_REFERENCE and reference is None:
        raise ValidationError({"reference_date": _("Indiquez la date : elle fixe les échéances.")})
    if (
        kind
        in (
            DeadlineKind.RESIDENCE_PERMIT,
            DeadlineKind.IDENTITY_DOCUMENT,
            DeadlineKind.CSS_RENEWAL,
            DeadlineKind.AAH_RENEWAL,
        )
        and reference < today
    ):
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
