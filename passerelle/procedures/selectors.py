"""Reads: the catalogue, the "à risque" list, a person's deadlines, reminders due."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from passerelle.accounts import permissions
from passerelle.core.utils import fold
from passerelle.procedures import rules
from passerelle.procedures.enums import CampaignKind, DeadlineKind
from passerelle.procedures.models import (
    AssistedProcedure,
    Campaign,
    DeadlineOccurrence,
    DeadlineSettings,
    FollowedDeadline,
    Procedure,
    TaxCampaign,
)

# The side lists of the "à risque" page: the most recent first, enough to act on today.
LIST_LIMIT = 25
AT_RISK_ORDERS = {
    "cloture": ["closes_on", "followed__person__last_name", "pk"],
    "nom": ["followed__person__last_name", "followed__person__first_name", "closes_on", "pk"],
    "demarche": ["followed__kind", "closes_on", "pk"],
}


STALE_AFTER_DAYS = 365


def stale_procedures(*, user, today: dt.date | None = None):
    """Entries not checked against their official page for more than a year."""
    today = today or timezone.localdate()
    return Procedure.objects.visible_to(user).filter(
        is_active=True, last_checked_on__lt=today - dt.timedelta(days=STALE_AFTER_DAYS)
    )


def catalogue(*, user, query: str = "", category: str = "", stale_only: bool = False):
    procedures = list(
        stale_procedures(user=user)
        if stale_only
        else Procedure.objects.visible_to(user).filter(is_active=True)
    )
    if category:
        procedures = [p for p in procedures if p.category == category]
    if query:
        words = fold(query).split()
        procedures = [
            p
            for p in procedures
            if all(w in fold(f"{p.name} {p.agency} {p.service_public_ref}") for w in words)
        ]
    return procedures


def at_risk(
    *,
    user,
    within_days: int,
    today: dt.date | None = None,
    site_id: int | None = None,
    referent_id: int | None = None,
    order: str = "cloture",
):
    """Open windows whose date to do it by comes within `within_days` days, and those past
    that date that can still be done (late: before the end of the rights or document), not
    done yet."""
    today = today or timezone.localdate()
    base = DeadlineOccurrence.objects.pending().filter(
        organisation_id=user.organisation_id,
        opens_on__lte=today,
        followed__is_active=True,
        followed__person__is_anonymised=False,
    )
    if not permissions.can_see_health_data(user):
        base = base.exclude(followed__kind__in=HEALTH_KINDS)
    if site_id:
        base = base.filter(followed__person__home_site_id=site_id)
    if referent_id:
        base = base.filter(followed__person__referent_id=referent_id)
    # The late windows still possible are few: their ids first (partial index on the last
    # day), then one OR that SQLite answers with two indexes (the closing-date range, the
    # ids). An OR on the dates themselves made it read the organisation's people one by one.
    late = list(
        DeadlineOccurrence.objects.pending()
        .filter(
            organisation_id=user.organisation_id,
            last_day__isnull=False,
            last_day__gte=today,
            closes_on__lt=today,
        )
        .order_by()
        .values_list("pk", flat=True)
    )
    soon = Q(closes_on__gte=today, closes_on__lte=today + dt.timedelta(days=within_days))
    return (
        base.filter(soon | Q(pk__in=late))
        .select_related("followed__person__referent")
        .order_by(*AT_RISK_ORDERS.get(order, AT_RISK_ORDERS["cloture"]))
    )


# What a row of the at-risk list shows: the person (name, phone, referent's name) and the
# deadline (kind, details, dates). Read alone, not the person's thirty columns and the
# referent's account: on a page of 50 rows, building and converting those columns was a
# fifth of the page's time.
AT_RISK_ROW_FIELDS = (
    "closes_on",
    "last_day",
    "followed__kind",
    "followed__label",
    "followed__permit_kind",
    "followed__files_on_paper",
    "followed__person__first_name",
    "followed__person__last_name",
    "followed__person__phone",
    "followed__person__referent__first_name",
    "followed__person__referent__last_name",
)


# A missed window shows the person's name and the deadline.
MISSED_ROW_FIELDS = (
    "closes_on",
    "followed__kind",
    "followed__label",
    "followed__permit_kind",
    "followed__files_on_paper",
    "followed__person__first_name",
    "followed__person__last_name",
)


def at_risk_rows(keys):
    """The rows of a page of the at-risk list, by their keys."""
    return (
        DeadlineOccurrence.objects.filter(pk__in=keys)
        .select_related("followed__person__referent")
        .only(*AT_RISK_ROW_FIELDS)
    )


def missed_recently(*, user, today: dt.date | None = None, days: int = 30, site_id=None):
    """Windows that closed in the last `days` days without being done, when nothing can be
    done any more (a period the person may still file in is "late", never "missed")."""
    today = today or timezone.localdate()
    qs = DeadlineOccurrence.objects.pending().filter(
        Q(last_day__isnull=True) | Q(last_day__lt=today),
        closes_on__lt=today,
        closes_on__gte=today - dt.timedelta(days=days),
        organisation_id=user.organisation_id,
        followed__is_active=True,
        followed__person__is_anonymised=False,
    )
    if not permissions.can_see_health_data(user):
        qs = qs.exclude(followed__kind__in=HEALTH_KINDS)
    if site_id:
        qs = qs.filter(followed__person__home_site_id=site_id)
    return (
        qs.select_related("followed__person")
        .only(*MISSED_ROW_FIELDS)
        .order_by("-closes_on", "pk")[:LIST_LIMIT]
    )


# Deadlines about disability (AAH): health data, for those who may see it.
HEALTH_KINDS = [DeadlineKind.AAH_RENEWAL]


def person_deadlines(*, person, today: dt.date | None = None, user=None) -> list[dict]:
    """Each followed deadline with its current or next window."""
    today = today or timezone.localdate()
    followed = person.deadlines.active().order_by("kind", "label")
    if user is not None and not permissions.can_see_health_data(user):
        followed = followed.exclude(kind__in=HEALTH_KINDS)
    followed = list(followed)
    upcoming = (
        DeadlineOccurrence.objects.filter(followed__in=followed)
        .filter(Q(closes_on__gte=today) | Q(last_day__gte=today, done_on__isnull=True))
        .order_by("followed_id", "opens_on")
    )
    next_by_followed: dict[int, DeadlineOccurrence] = {}
    for occurrence in upcoming:
        next_by_followed.setdefault(occurrence.followed_id, occurrence)
    return [
        {"followed": f, "occurrence": next_by_followed.get(f.pk), "today": today} for f in followed
    ]


def person_procedures(*, person, limit: int = 10, user=None):
    records = AssistedProcedure.objects.filter(person=person)
    if user is not None and not permissions.can_see_health_data(user):
        records = records.exclude(procedure__health_related=True)
    return list(
        records.select_related("procedure", "staff")
        .only(
            "date",
            "outcome",
            "referred_to",
            "autonomy",
            "procedure__name",
            "staff__first_name",
            "staff__last_name",
        )
        .order_by("-date", "-pk")[:limit]
    )


def follow_ups_due(*, user, today: dt.date | None = None):
    """Assisted procedures whose follow-up date has come (waiting for an answer, blocked…)."""
    today = today or timezone.localdate()
    return (
        AssistedProcedure.objects.visible_to(user)
        .filter(follow_up_on__lte=today, follow_up_on__gte=today - dt.timedelta(days=14))
        .select_related("person", "procedure")
        .only(
            "outcome",
            "follow_up_on",
            "person__first_name",
            "person__last_name",
            "procedure__name",
        )
        .order_by("follow_up_on", "pk")[:LIST_LIMIT]
    )


def reminders_due(*, on: dt.date) -> dict[str, list[DeadlineOccurrence]]:
    """What the notifications app sends on `on`: windows opening today, and windows closing
    in two days that are still not done. One clean call, no knowledge of SMS here."""
    base = DeadlineOccurrence.objects.filter(
        followed__is_active=True, followed__person__is_anonymised=False
    ).select_related("followed__person")
    return {
        "window_opens": list(base.filter(opens_on=on)),
        "closes_in_two_days": list(
            base.filter(Q(done_on__isnull=True), closes_on=on + dt.timedelta(days=2))
        ),
    }


def is_followed(person, kind: str) -> bool:
    return FollowedDeadline.objects.active().filter(person=person, kind=kind).exists()


def report_outcomes(*, organisation_id: int, site_ids, start, end, staff_id=None) -> dict:
    """How the assisted procedures of [start, end] ended: {outcome: count}."""
    from collections import Counter

    from django.db.models import Count

    from passerelle.core.models import Site

    records = AssistedProcedure.objects.filter(date__gte=start, date__lte=end)
    if staff_id:
        records = records.filter(staff_id=staff_id)
    # By site first (index site+date+outcome); those recorded without a site, by person.
    parts = [
        records.filter(
            site_id__in=site_ids
            if site_ids is not None
            else list(
                Site.objects.filter(organisation_id=organisation_id).values_list("pk", flat=True)
            )
        )
    ]
    if site_ids is None:
        parts.append(records.filter(site__isnull=True, person__organisation_id=organisation_id))
    counts: Counter = Counter()
    for part in parts:
        counts.update(
            dict(part.values("outcome").annotate(n=Count("id")).values_list("outcome", "n"))
        )
    return dict(counts)


def deadline_settings_for(organisation) -> DeadlineSettings:
    """The organisation's settings, or the defaults (unsaved) until a manager saves them."""
    found = DeadlineSettings.objects.filter(organisation=organisation).first()
    return found or DeadlineSettings(organisation=organisation)


def deadline_windows(
    *, followed: FollowedDeadline, start: dt.date, end: dt.date
) -> list[rules.Window]:
    """The windows of one followed deadline that are open at some point in [start, end]."""
    kind, reference = followed.kind, followed.reference_date
    person = followed.person
    options = deadline_settings_for(person.organisation)
    if followed.automatic_renewal:
        return []  # CSS of an RSA, ASPA or ASI recipient: renewed without asking
    if kind == DeadlineKind.FT_ACTUALISATION:
        return rules.ft_actualisation_windows(start, end)
    if kind == DeadlineKind.CAF_QUARTERLY:
        return rules.caf_quarterly_windows(
            reference, start, end, options.caf_closing_day, followed.agenda_due_on
        )
    if kind == DeadlineKind.CSS_RENEWAL:
        return rules.css_renewal_windows(reference, start, end)
    if kind == DeadlineKind.SOCIAL_HOUSING:
        return rules.social_housing_windows(reference, start, end)
    if kind == DeadlineKind.DOMICILIATION:
        return rules.domiciliation_windows(
            reference, start, end, lead_months=options.domiciliation_lead_months
        )
    if kind == DeadlineKind.AAH_RENEWAL:
        windows = [
            rules.aah_window(
                reference,
                lead_months=options.aah_lead_months,
                file_by_months=options.aah_file_by_months,
            )
        ]
    elif kind == DeadlineKind.IDENTITY_DOCUMENT:
        windows = [
            rules.identity_window(
                reference,
                lead_months=options.identity_lead_months,
                file_by_weeks=options.identity_file_by_weeks,
            )
        ]
    elif kind == DeadlineKind.RESIDENCE_PERMIT:
        windows = [rules.residence_permit_window(reference, followed.permit_kind or "anef")]
    elif kind == DeadlineKind.RESIDENCE_RECEIPT:
        windows = [rules.residence_receipt_window(reference)]
    elif kind == DeadlineKind.ENERGY_VOUCHER:
        windows = [
            rules.Window(c.opens_on, c.closes_on)
            for c in Campaign.objects.filter(
                organisation_id=person.organisation_id,
                kind=CampaignKind.ENERGY_VOUCHER,
                year__gte=start.year - 1,
                year__lte=end.year,
            )
        ]
    else:  # TAX_RETURN: one window a year, from the campaigns the manager typed
        zone = rules.tax_zone_for_postcode(person.postcode)
        windows = [
            rules.Window(c.opens_on, c.closes_on_for(zone=zone, on_paper=followed.files_on_paper))
            for c in TaxCampaign.objects.filter(
                organisation_id=person.organisation_id,
                year__gte=start.year,
                year__lte=end.year,
            )
        ]
    return [w for w in windows if w.final_day >= start and w.opens_on <= end]
