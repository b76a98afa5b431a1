"""Writes: the catalogue, assisted procedures, followed deadlines and their windows."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.core import enums as core_enums
from passerelle.core.services import activity_record, audit_log
from passerelle.people.enums import GoalStatus
from passerelle.people.services_pathway import goal_update
from passerelle.procedures import activities, catalogue, rules, selectors
from passerelle.procedures.enums import DeadlineKind, Outcome
from passerelle.procedures.models import (
    AssistedProcedure,
    Campaign,
    DeadlineOccurrence,
    DeadlineSettings,
    FollowedDeadline,
    Procedure,
    TaxCampaign,
)

# Windows are stored this far ahead; `manage.py periodic` (daily) moves it forward.
HORIZON_DAYS = 400
LOOKBACK_DAYS = 45


# --- Catalogue ---------------------------------------------------------------------------


@transaction.atomic
def catalogue_install_default(*, organisation, by=None) -> int:
    """Give an organisation the default catalogue once; returns how many entries were added."""
    if Procedure.objects.filter(organisation=organisation).exists():
        return 0
    if by is not None:
        audit_log(
            actor=by,
            action=core_enums.AuditAction.CATALOGUE_CHANGED,
            organisation=organisation,
            summary=_("Catalogue des démarches installé"),
        )
    # Regional entries (Solidarité Transport…) only where the organisation has a site.
    departements = {
        postcode[:3] if postcode.startswith("97") else postcode[:2]
        for postcode in organisation.sites.values_list("postcode", flat=True)
        if postcode
    }
    entries = [
        Procedure(
            organisation=organisation,
            name=entry.name,
            agency=entry.agency,
            category=entry.category,
            theme=entry.theme,
            url=entry.url,
            service_public_ref=entry.fiche,
            typical_minutes=entry.minutes,
            needs_email=entry.needs_email,
            needs_mobile=entry.needs_mobile,
            franceconnect=entry.franceconnect,
            documents=entry.documents,
            steps=entry.steps,
            last_checked_on=entry.checked,
            health_related=catalogue.is_health_related(entry),
        )
        for entry in catalogue.default_entries()
        if entry.applies_to(departements)
    ]
    for entry in entries:
        entry.full_clean(validate_unique=False)
    Procedure.objects.bulk_create(entries)
    return len(entries)


@transaction.atomic
def deadline_settings_save(
    *, options: DeadlineSettings, by, today: dt.date | None = None
) -> DeadlineSettings:
    """The organisation's deadline settings, then the windows they change from now on."""
    options.full_clean()
    options.save()
    audit_log(
        actor=by,
        action=core_enums.AuditAction.CATALOGUE_CHANGED,
        organisation=options.organisation,
        summary=_("Réglages des échéances"),
    )
    today = today or timezone.localdate()
    for followed in (
        FollowedDeadline.objects.active()
        .filter(person__organisation=options.organisation, kind__in=SETTINGS_KINDS)
        .select_related("person")
    ):
        _recompute(followed, today)
    return options


# The kinds whose windows depend on the organisation's settings.
SETTINGS_KINDS = [
    DeadlineKind.CAF_QUARTERLY,
    DeadlineKind.AAH_RENEWAL,
    DeadlineKind.IDENTITY_DOCUMENT,
    DeadlineKind.DOMICILIATION,
]


# --- Assisted procedures -----------------------------------------------------------------


@transaction.atomic
def assisted_procedure_record(
    *,
    person,
    procedure: Procedure,
    staff,
    duration_minutes: int,
    outcome: str,
    autonomy: str,
    date: dt.date | None = None,
    site=None,
    blocked_reason: str = "",
    referred_to: str = "",
    referral_structure: str = "",
    follow_up_on: dt.date | None = None,
    note: str = "",
    mandate_reference: str = "",
    goal=None,
) -> AssistedProcedure:
    """Record a procedure done with the person: its Activity, and the goal it serves moves."""
    if procedure.organisation_id != person.organisation_id:
        raise ValidationError(_("Cette démarche n'appartient pas au catalogue de la structure."))
    if goal is not None and goal.person_id != person.pk:
        raise ValidationError(
            {"goal": _("Cet objectif n'est pas dans le parcours de la personne.")}
        )
    record = AssistedProcedure(
        person=person,
        procedure=procedure,
        staff=staff,
        site=site,
        date=date or timezone.localdate(),
        duration_minutes=duration_minutes,
        outcome=outcome,
        autonomy=autonomy,
        blocked_reason=blocked_reason.strip() if outcome == Outcome.BLOCKED else "",
        referred_to=referred_to.strip() if outcome == Outcome.REFERRED else "",
        referral_structure=(
            referral_structure or core_enums.RedirectionStructure.OTHER
            if outcome == Outcome.REFERRED
            else ""
        ),
        follow_up_on=follow_up_on,
        note=note,
        mandate_reference=mandate_reference.strip()
        if autonomy == core_enums.Autonomy.DONE_FOR
        else "",
        goal=goal,
    )
    record.full_clean()
    record.save()
    activity_record(
        activity=activities.assisted(record=record, organisation_id=person.organisation_id)
    )
    if goal is not None:
        achieved = outcome == Outcome.DONE and autonomy == core_enums.Autonomy.AUTONOMOUS
        goal_update(
            goal=goal,
            by=staff,
            status=GoalStatus.ACHIEVED if achieved else GoalStatus.IN_PROGRESS,
            autonomy=autonomy,
            note=_("Démarche : %(name)s") % {"name": procedure.name},
            date=record.date,
            site=site,
            record_activity=False,  # the assisted procedure's Activity already counts it
        )
    return record


# --- Followed deadlines ------------------------------------------------------------------


def _materialise(followed: FollowedDeadline, today: dt.date) -> int:
    # Windows that closed before the person was followed are nobody's miss.
    followed_since = min(timezone.localdate(followed.created_at), today)
    start = max(today - dt.timedelta(days=LOOKBACK_DAYS), followed_since)
    end = today + dt.timedelta(days=HORIZON_DAYS)
    windows = selectors.deadline_windows(followed=followed, start=start, end=end)
    created = DeadlineOccurrence.objects.bulk_create(
        [
            DeadlineOccurrence(
                followed=followed,
                organisation_id=followed.person.organisation_id,
                opens_on=w.opens_on,
                closes_on=w.closes_on,
                last_day=w.last_day if w.last_day and w.last_day > w.closes_on else None,
            )
            for w in windows
        ],
        ignore_conflicts=True,
    )
    return len(created)


def _recompute(followed: FollowedDeadline, today: dt.date) -> int:
    """After a rule's input changed: windows not done that are still ahead are made anew."""
    followed.occurrences.filter(done_on__isnull=True, opens_on__gt=today).delete()
    followed.occurrences.filter(done_on__isnull=True, closes_on__gte=today).delete()
    return _materialise(followed, today)


# The facts of a case each kind needs (kept blank for the others).
CASE_FIELDS = {
    DeadlineKind.RESIDENCE_PERMIT: {"permit_kind"},
    DeadlineKind.TAX_RETURN: {"files_on_paper"},
    DeadlineKind.CSS_RENEWAL: {"automatic_renewal"},
    DeadlineKind.CAF_QUARTERLY: {"agenda_due_on"},
}
CASE_DEFAULTS = {
    "permit_kind": "",
    "files_on_paper": False,
    "automatic_renewal": False,
    "agenda_due_on": None,
}


def _case(kind: str, given: dict) -> dict:
    wanted = CASE_FIELDS.get(kind, set())
    return {
        field: (given.get(field, default) if field in wanted else default)
        for field, default in CASE_DEFAULTS.items()
    }


@transaction.atomic
def deadline_follow(
    *,
    person,
    kind: str,
    by,
    reference_date: dt.date | None = None,
    label: str = "",
    permit_kind: str = "",
    files_on_paper: bool = False,
    automatic_renewal: bool = False,
    agenda_due_on: dt.date | None = None,
    aah_without_limit: bool = False,
    id_card_extended: bool = False,
    today: dt.date | None = None,
) -> FollowedDeadline:
    today = today or timezone.localdate()
    if kind not in DeadlineKind.values:
        raise ValidationError({"kind": _("Choisissez une démarche.")})
    if kind == DeadlineKind.AAH_RENEWAL and aah_without_limit:
        raise ValidationError(
            {
                "aah_without_limit": _(
                    "Rien à suivre : l'AAH sans limitation de durée ne se renouvelle pas."
                )
            }
        )
    if kind == DeadlineKind.IDENTITY_DOCUMENT and id_card_extended and reference_date:
        # An adult's ID card issued 2004–2013: valid 5 years past its printed date.
        reference_date = reference_date + relativedelta(years=5)
        label = label.strip() or _("carte d'identité, valable 5 ans de plus que la date imprimée")
    rules.reference_date_check(kind=kind, reference=reference_date, today=today)
    if kind == DeadlineKind.RESIDENCE_PERMIT and not permit_kind:
        raise ValidationError(
            {"permit_kind": _("Dites de quel titre il s'agit : la règle en dépend.")}
        )
    if kind == DeadlineKind.CAF_QUARTERLY:
        reference_date = rules.month_start(reference_date)
    case = _case(
        kind,
        {
            "permit_kind": permit_kind,
            "files_on_paper": files_on_paper,
            "automatic_renewal": automatic_renewal,
            "agenda_due_on": agenda_due_on,
        },
    )
    followed = FollowedDeadline(
        person=person,
        kind=kind,
        reference_date=reference_date if kind in rules.KINDS_WITH_REFERENCE else None,
        label=label.strip(),
        created_by=by,
        **case,
    )
    followed.full_clean()
    followed.save()
    _materialise(followed, today)
    return followed


@transaction.atomic
def deadline_update(
    *,
    followed: FollowedDeadline,
    today: dt.date | None = None,
    **changes,
) -> FollowedDeadline:
    """Change the facts of a case (the date typed from the CAF agenda, the kind of title,
    paper filing, automatic renewal, the reference date): windows still to come follow."""
    today = today or timezone.localdate()
    reference = changes.pop("reference_date", followed.reference_date)
    if reference != followed.reference_date:
        rules.reference_date_check(kind=followed.kind, reference=reference, today=today)
        if followed.kind == DeadlineKind.CAF_QUARTERLY:
            reference = rules.month_start(reference)
        followed.reference_date = reference
    current = {field: getattr(followed, field) for field in CASE_DEFAULTS}
    for field, value in _case(followed.kind, {**current, **changes}).items():
        setattr(followed, field, value)
    if followed.kind == DeadlineKind.RESIDENCE_PERMIT and not followed.permit_kind:
        raise ValidationError(
            {"permit_kind": _("Dites de quel titre il s'agit : la règle en dépend.")}
        )
    if followed.agenda_due_on is not None and followed.agenda_due_on < today - dt.timedelta(
        days=LOOKBACK_DAYS
    ):
        raise ValidationError(
            {"agenda_due_on": _("Cette date est passée depuis longtemps : notez la prochaine.")}
        )
    followed.full_clean()
    followed.save()
    _recompute(followed, today)
    return followed


@transaction.atomic
def deadline_stop(*, followed: FollowedDeadline, today: dt.date | None = None) -> None:
    """Stop following: windows not yet done from today on are removed; history stays."""
    today = today or timezone.localdate()
    followed.is_active = False
    followed.save(update_fields=["is_active", "updated_at"])
    followed.occurrences.filter(done_on__isnull=True, closes_on__gte=today).delete()


@transaction.atomic
def occurrences_extend(*, today: dt.date | None = None, organisation=None) -> int:
    """Store the windows of the next HORIZON_DAYS for every followed deadline. Idempotent."""
    today = today or timezone.localdate()
    followed = FollowedDeadline.objects.active().select_related("person__organisation")
    if organisation is not None:
        followed = followed.filter(person__organisation=organisation)
    created = 0
    for item in followed.iterator(chunk_size=2000):
        with transaction.atomic():
            created += _materialise(item, today)
    return created


@transaction.atomic
def occurrences_extend_task(*, now: dt.datetime) -> str:
    """The daily task (`manage.py periodic`)."""
    created = occurrences_extend(today=timezone.localdate(now))
    return f"Échéances : {created} fenêtres ajoutées (horizon {HORIZON_DAYS} j)."


@transaction.atomic
def occurrence_mark_done(
    *,
    occurrence: DeadlineOccurrence,
    by,
    autonomy: str,
    duration_minutes: int = 10,
    site=None,
    day: dt.date | None = None,
) -> DeadlineOccurrence:
    occurrence = (
        DeadlineOccurrence.objects.select_for_update(of=("self",))
        .select_related("followed__person__organisation")
        .get(pk=occurrence.pk)
    )
    if occurrence.done_on is not None:
        return occurrence
    day = day or timezone.localdate()
    if day < occurrence.opens_on:
        raise ValidationError(_("Cette échéance n'est pas encore ouverte."))
    if autonomy not in core_enums.Autonomy.values:
        raise ValidationError({"autonomy": _("Dites comment la personne l'a faite.")})
    occurrence.done_on = day
    occurrence.done_by = by
    occurrence.autonomy = autonomy
    occurrence.save(update_fields=["done_on", "done_by", "autonomy"])
    followed = occurrence.followed
    activity_record(
        activity=activities.deadline_done(
            occurrence=occurrence,
            followed=followed,
            organisation_id=followed.person.organisation_id,
            site_id=site.pk if site is not None else None,
            duration_minutes=duration_minutes,
        )
    )
    return occurrence


@transaction.atomic
def tax_campaign_save(*, campaign: TaxCampaign, today: dt.date | None = None) -> TaxCampaign:
    """Save the dates and redo this year's pending tax windows for everyone followed."""
    today = today or timezone.localdate()
    campaign.full_clean()
    campaign.save()
    followed = FollowedDeadline.objects.active().filter(
        kind=DeadlineKind.TAX_RETURN, person__organisation_id=campaign.organisation_id
    )
    DeadlineOccurrence.objects.filter(
        followed__in=followed, opens_on__year=campaign.year, done_on__isnull=True
    ).delete()
    for item in followed.select_related("person__organisation"):
        _materialise(item, today)
    return campaign


@transaction.atomic
def campaign_save(*, campaign: Campaign, today: dt.date | None = None) -> Campaign:
    """Save a campaign's dates (chèque énergie) and redo its pending windows."""
    today = today or timezone.localdate()
    campaign.full_clean()
    campaign.save()
    followed = FollowedDeadline.objects.active().filter(
        kind=campaign.kind, person__organisation_id=campaign.organisation_id
    )
    DeadlineOccurrence.objects.filter(followed__in=followed, done_on__isnull=True).filter(
        opens_on__year__in=[campaign.year, campaign.year + 1], closes_on__gte=today
    ).delete()
    for item in followed.select_related("person__organisation"):
        _materialise(item, today)
    return campaign


@transaction.atomic
def deadlines_merge(*, survivor, duplicate) -> int:
    """Before two files are merged: a deadline both people follow stays followed once (the
    survivor's); the duplicate's stops being followed and keeps its windows as history."""
    followed = {
        (kind, label)
        for kind, label in FollowedDeadline.objects.active()
        .filter(person=survivor)
        .values_list("kind", "label")
    }
    twins = [
        pk
        for pk, kind, label in FollowedDeadline.objects.active()
        .filter(person=duplicate)
        .values_list("pk", "kind", "label")
        if (kind, label) in followed
    ]
    return FollowedDeadline.objects.filter(pk__in=twins).update(
        is_active=False, updated_at=timezone.now()
    )
