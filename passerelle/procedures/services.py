"""Writes: the catalogue, assisted procedures, followed deadlines and their windows."""

from __future__ import annotations

import datetime as dt

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
        )
        for entry in catalogue.default_entries()
    ]
    for entry in entries:
        entry.full_clean(validate_unique=False)
    Procedure.objects.bulk_create(entries)
    return len(entries)


@transaction.atomic
def deadline_settings_save(*, options: DeadlineSettings, by) -> DeadlineSettings:
    """The organisation's deadline settings, then the windows they change from now on."""
    options.full_clean()
    options.save()
    audit_log(
        actor=by,
        action=core_enums.AuditAction.CATALOGUE_CHANGED,
        organisation=options.organisation,
        summary=_("Réglages des échéances"),
    )
    occurrences_extend(organisation=options.organisation)
    return options


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
    follow_up_on: dt.date | None = None,
    note: str = "",
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
        follow_up_on=follow_up_on,
        note=note,
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
            DeadlineOccurrence(followed=followed, opens_on=w.opens_on, closes_on=w.closes_on)
            for w in windows
        ],
        ignore_conflicts=True,
    )
    return len(created)


@transaction.atomic
def deadline_follow(
    *,
    person,
    kind: str,
    by,
    reference_date: dt.date | None = None,
    label: str = "",
    today: dt.date | None = None,
) -> FollowedDeadline:
    today = today or timezone.localdate()
    if kind not in DeadlineKind.values:
        raise ValidationError({"kind": _("Choisissez une démarche.")})
    rules.reference_date_check(kind=kind, reference=reference_date, today=today)
    if kind == DeadlineKind.CAF_QUARTERLY:
        reference_date = rules.month_start(reference_date)
    followed = FollowedDeadline(
        person=person,
        kind=kind,
        reference_date=reference_date if kind in rules.KINDS_WITH_REFERENCE else None,
        label=label.strip(),
        created_by=by,
    )
    followed.full_clean()
    followed.save()
    _materialise(followed, today)
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
