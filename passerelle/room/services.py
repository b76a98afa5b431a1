"""Writes on the computer room. A station's row is locked first, so one station never holds
two sessions or two reservations at once, even when two people click together."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.core.models import new_display_token
from passerelle.core.services import activity_record
from passerelle.people.models import Person
from passerelle.room import activities, selectors
from passerelle.room.enums import PrintPeriod, Purpose
from passerelle.room.models import (
    GuestPass,
    PrintJob,
    Station,
    StationReservation,
    StationSession,
    WaitingForStation,
)

SWEEP_NOTE = "Fermée automatiquement à la fermeture de la salle"
# Stations with their own screen: a code given at the desk or the kiosk waits this long for
# the person to type it; at the end the screen reminds them to sign out for END_GRACE, then
# locks; "+30 min" asked on the screen.
UNLOCK_WAIT = dt.timedelta(minutes=15)
END_GRACE = dt.timedelta(minutes=2)
EXTENSION_MINUTES = 30
UNUSED_CODE_NOTE = "Code jamais tapé sur le poste"
SCREEN_END_NOTE = "Fermée par l'écran du poste à la fin du temps"
GUEST_DOOR = "pass invité"


def _closing(room, day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, room.closes_at))


def _locked(station: Station) -> Station:
    return (
        Station.objects.select_for_update(of=("self",))
        .select_related("room__site")
        .get(pk=station.pk)
    )


def _reservation_during(station, starts, ends, *, exclude_person=None):
    qs = StationReservation.objects.active().filter(
        station=station, starts_at__lt=ends, ends_at__gt=starts
    )
    if exclude_person is not None:
        qs = qs.exclude(person=exclude_person)
    return qs.first()


@transaction.atomic
def session_check_in(
    *,
    station: Station,
    by,
    purpose: str,
    person=None,
    minutes: int | None = None,
    door: str = "",
    unlocked: bool = False,
) -> StationSession:
    """Open a session. On a station with its own screen, the session waits for the person to
    type its code there (`unlock_code`), unless `unlocked` (a guest pass typed on it)."""
    station = _locked(station)
    room = station.room
    if not station.is_working:
        raise ValidationError(_("Ce poste est en panne : choisissez-en un autre."))
    if person is not None and person.organisation_id != room.site.organisation_id:
        raise ValidationError(_("Cette personne n'est pas suivie par la structure."))
    if StationSession.objects.open().filter(station=station).exists():
        raise ValidationError(_("Ce poste est déjà occupé."))
    now = timezone.now()
    closing = _closing(room, timezone.localdate(now))
    if now >= closing:
        raise ValidationError(_("La salle est fermée à cette heure-ci."))
    planned_end = min(now + dt.timedelta(minutes=minutes or room.session_minutes), closing)
    for blocker in selectors.blockers(room, now, planned_end):
        if station.pk in selectors.blocked_station_ids(room, blocker.starts_at, blocker.ends_at):
            if blocker.starts_at <= now + dt.timedelta(minutes=10):
                raise ValidationError(
                    _("Ce poste sert à l'atelier « %(label)s » : choisissez-en un autre.")
                    % {"label": blocker.label}
                )
            planned_end = min(planned_end, blocker.starts_at)
    reservation = _reservation_during(station, now, planned_end, exclude_person=person)
    if reservation is not None:
        if reservation.starts_at <= now + dt.timedelta(minutes=10):
            raise ValidationError(_("Ce poste est réservé maintenant : choisissez-en un autre."))
        planned_end = reservation.starts_at  # the session ends when the reservation begins
    code = ""
    if station.screen_token and not unlocked:
        code = _new_unlock_code(room)
    try:
        with transaction.atomic():
            return StationSession.objects.create(
                station=station,
                person=person,
                purpose=purpose,
                started_at=now,
                planned_end_at=planned_end,
                started_by=by,
                door=door[:60],
                unlock_code=code,
                unlocked_at=now if unlocked else None,
            )
    except IntegrityError as error:
        raise ValidationError(_("Ce poste est déjà occupé.")) from error


@transaction.atomic
def session_extend(*, session: StationSession, minutes: int) -> StationSession:
    session = (
        StationSession.objects.select_for_update(of=("self",))
        .select_related("station__room")
        .get(pk=session.pk)
    )
    if session.ended_at is not None:
        raise ValidationError(_("Cette session est terminée."))
    room = session.station.room
    new_end = session.planned_end_at + dt.timedelta(minutes=minutes)
    if new_end > _closing(room, timezone.localdate(session.started_at)):
        raise ValidationError(
            _("Impossible d'aller au-delà de la fermeture de la salle (%(time)s).")
            % {"time": room.closes_at.strftime("%Hh%M")}
        )
    if _reservation_during(
        session.station, session.planned_end_at, new_end, exclude_person=session.person
    ):
        raise ValidationError(_("Le poste est réservé juste après : proposez un autre poste."))
    session.planned_end_at = new_end
    session.extension_requested_at = None
    session.save(update_fields=["planned_end_at", "extension_requested_at"])
    return session


def _record_activity(session: StationSession, ended_at: dt.datetime, by) -> None:
    site = session.station.room.site
    activity_record(
        activity=activities.station_session(
            session=session,
            organisation_id=site.organisation_id,
            site_id=site.pk,
            ended_at=ended_at,
            by=by,
        )
    )


@transaction.atomic
def session_check_out(*, session: StationSession, by, note: str = "") -> StationSession:
    session = (
        StationSession.objects.select_for_update(of=("self",))
        .select_related("station__room__site__organisation")
        .get(pk=session.pk)
    )
    if session.ended_at is not None:
        return session
    session.ended_at = timezone.now()
    session.note = note or session.note
    session.closed_automatically = bool(note)
    session.save(update_fields=["ended_at", "note", "closed_automatically"])
    if session.unlock_code and session.unlocked_at is None:
        return session  # nobody sat down: not an activity
    _record_activity(session, session.ended_at, by)
    return session


@transaction.atomic
def sessions_sweep(*, now: dt.datetime | None = None) -> int:
    """Close the sessions forgotten open after closing time, with a note; never silently."""
    now = now or timezone.now()
    closed = 0
    for session in StationSession.objects.open().select_related(
        "station__room__site__organisation", "started_by"
    ):
        closing = _closing(session.station.room, timezone.localdate(session.started_at))
        if now < closing:
            continue
        with transaction.atomic():
            locked = StationSession.objects.select_for_update(of=("self",)).get(pk=session.pk)
            if locked.ended_at is not None:
                continue
            locked.ended_at = min(closing, max(session.planned_end_at, session.started_at))
            locked.closed_automatically = True
            locked.note = SWEEP_NOTE
            locked.save(update_fields=["ended_at", "closed_automatically", "note"])
            locked.station = session.station
            _record_activity(locked, locked.ended_at, session.started_by)
            closed += 1
    return closed


@transaction.atomic
def sessions_sweep_task(*, now: dt.datetime) -> str:
    """The daily task (`manage.py periodic`)."""
    closed = sessions_sweep(now=now)
    return f"Salle : {closed} sessions oubliées fermées (avec une note)."


@transaction.atomic
def station_report_fault(*, station: Station, reason: str) -> Station:
    station = _locked(station)
    station.is_working = False
    station.fault = reason.strip()[:200] or _("En panne")
    station.fault_since = timezone.localdate()
    station.save(update_fields=["is_working", "fault", "fault_since", "updated_at"])
    return station


@transaction.atomic
def station_repair(*, station: Station) -> Station:
    station = _locked(station)
    station.is_working = True
    station.fault = ""
    station.fault_since = None
    station.save(update_fields=["is_working", "fault", "fault_since", "updated_at"])
    return station


@transaction.atomic
def reservation_create(
    *, station: Station, starts_at, ends_at, by, person=None, partner_name=""
) -> StationReservation:
    station = _locked(station)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("La fin doit suivre le début.")})
    if starts_at < timezone.now():
        raise ValidationError({"starts_at": _("Choisissez un moment à venir.")})
    room = station.room
    day = timezone.localtime(starts_at).date()
    opens = timezone.make_aware(dt.datetime.combine(day, room.opens_at))
    if starts_at < opens or ends_at > _closing(room, day):
        raise ValidationError({"starts_at": _("En dehors des heures d'ouverture de la salle.")})
    if _reservation_during(station, starts_at, ends_at):
        raise ValidationError({"starts_at": _("Ce poste est déjà réservé à ce moment-là.")})
    if station.pk in selectors.blocked_station_ids(room, starts_at, ends_at):
        raise ValidationError({"starts_at": _("Un atelier utilise ce poste à ce moment-là.")})
    if StationSession.objects.open().filter(station=station, planned_end_at__gt=starts_at).exists():
        raise ValidationError({"starts_at": _("Ce poste est occupé à ce moment-là.")})
    return StationReservation.objects.create(
        station=station,
        starts_at=starts_at,
        ends_at=ends_at,
        person=person,
        partner_name=partner_name,
        booked_by=by,
    )


@transaction.atomic
def waiting_add(*, room, person=None, label: str = "", door: str = "") -> WaitingForStation:
    return WaitingForStation.objects.create(
        room=room,
        person=person,
        label=label.strip()[:50],
        door=door[:60],
        created_at=timezone.now(),
    )


@transaction.atomic
def waiting_serve(*, entry: WaitingForStation) -> None:
    entry.served_at = timezone.now()
    entry.save(update_fields=["served_at"])


def _period_start(room, now: dt.datetime) -> dt.datetime:
    day = timezone.localdate(now)
    if room.free_pages_period == PrintPeriod.MONTH:
        day = day.replace(day=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@transaction.atomic
def print_record(*, room, pages: int, colour: bool, by, person=None) -> PrintJob:
    """Pages printed at the desk: the free pages left to the person in the room's period
    first (a guest, without a name, gets the quota for this print), then the room's price.
    The person's row is locked, so two prints at once never both use the same free pages."""
    if pages < 1 or pages > 500:
        raise ValidationError({"pages": _("Entre 1 et 500 pages.")})
    now = timezone.now()
    free_left = room.free_pages
    if person is not None:
        if person.organisation_id != room.site.organisation_id:
            raise ValidationError(_("Cette personne n'est pas suivie par la structure."))
        Person.objects.select_for_update(of=("self",)).get(pk=person.pk)
        used = (
            PrintJob.objects.filter(
                person=person, printed_at__gte=_period_start(room, now)
            ).aggregate(n=Sum("free_pages"))["n"]
            or 0
        )
        free_left = max(room.free_pages - used, 0)
    free = min(pages, free_left)
    price = room.price_colour if colour else room.price_black
    return PrintJob.objects.create(
        room=room,
        person=person,
        pages=pages,
        colour=colour,
        free_pages=free,
        amount=(pages - free) * price,
        printed_at=now,
        recorded_by=by,
    )


# --- Stations that run themselves: their screen, its codes, guest passes ---------------------


def _new_unlock_code(room) -> str:
    """Six digits, unique among the room's codes still waiting to be typed."""
    waiting = set(
        StationSession.objects.open()
        .filter(station__room=room, unlocked_at__isnull=True)
        .exclude(unlock_code="")
        .values_list("unlock_code", flat=True)
    )
    while True:
        code = f"{secrets.randbelow(1_000_000):06d}"
        if code not in waiting:
            return code


@transaction.atomic
def screen_new_address(*, station: Station) -> Station:
    """Give the station a screen, or a new secret address: the old one stops at once."""
    station = _locked(station)
    station.screen_token = new_display_token()
    station.screen_seen_at = None
    station.save(update_fields=["screen_token", "screen_seen_at", "updated_at"])
    return station


@transaction.atomic
def screen_remove(*, station: Station) -> Station:
    station = _locked(station)
    station.screen_token = ""
    station.screen_seen_at = None
    station.save(update_fields=["screen_token", "screen_seen_at", "updated_at"])
    return station


SEEN_EVERY = dt.timedelta(seconds=30)


@transaction.atomic
def screen_refresh(*, station: Station, now: dt.datetime | None = None) -> StationSession | None:
    """What the station's screen (or agent) asks every few seconds. Closes what is over — a
    code nobody typed in time, a session past its end and the sign-out reminder — notes the
    screen as seen (at most twice a minute: a write per poll would load the database for
    nothing) and returns the open session, if any."""
    now = now or timezone.now()
    session = StationSession.objects.open().filter(station=station).first()
    if session is not None:
        if session.unlock_code and session.unlocked_at is None:
            if now >= session.started_at + UNLOCK_WAIT:
                session_check_out(session=session, by=None, note=UNUSED_CODE_NOTE)
                session = None
        elif now >= session.planned_end_at + END_GRACE:
            session_check_out(session=session, by=None, note=SCREEN_END_NOTE)
            session = None
    if station.screen_seen_at is None or now - station.screen_seen_at >= SEEN_EVERY:
        Station.objects.filter(pk=station.pk).update(screen_seen_at=now)
    return session


def _normalised(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isdigit())


@transaction.atomic
def screen_unlock(*, station: Station, code: str) -> StationSession:
    """A code typed on the station's screen: the six digits the desk or the kiosk gave for
    this station, or a guest pass's eight. Each works once."""
    code = _normalised(code)
    station = _locked(station)
    room = station.room
    if not code:
        raise ValidationError(_("Tapez le code, puis « Valider »."))
    if len(code) == 8:
        return _guest_pass_use(station=station, code=code)
    waiting = (
        StationSession.objects.open()
        .filter(station__room=room, unlocked_at__isnull=True, unlock_code=code)
        .exclude(unlock_code="")
        .select_related("station")
        .first()
    )
    if waiting is None:
        raise ValidationError(_("Ce code ne marche pas. Vérifiez-le, ou demandez à l'accueil."))
    if waiting.station_id != station.pk:
        raise ValidationError(
            _("Ce code est pour le %(station)s.") % {"station": waiting.station.name}
        )
    waiting.unlocked_at = timezone.now()
    waiting.save(update_fields=["unlocked_at"])
    return waiting


def _guest_pass_use(*, station: Station, code: str) -> StationSession:
    guest_pass = (
        GuestPass.objects.select_for_update()
        .filter(room=station.room, code=code, cancelled=False)
        .first()
    )
    if guest_pass is None or guest_pass.used_at is not None:
        raise ValidationError(_("Ce code ne marche pas. Vérifiez-le, ou demandez à l'accueil."))
    if guest_pass.valid_until < timezone.localdate():
        raise ValidationError(_("Ce pass n'est plus valable. Demandez-en un autre à l'accueil."))
    session = session_check_in(
        station=station,
        by=None,
        purpose=Purpose.OTHER,
        minutes=guest_pass.minutes,
        door=GUEST_DOOR,
        unlocked=True,
    )
    guest_pass.used_at = session.started_at
    guest_pass.session = session
    guest_pass.save(update_fields=["used_at", "session"])
    return session


@transaction.atomic
def screen_extend(*, session: StationSession) -> bool:
    """ "+30 min" asked on the screen: granted at once within the room's rules (its longest
    session, nobody waiting for a station); otherwise asked to staff, who see it on the board.
    Past closing time or before a reservation or a workshop, refused with the reason."""
    session = (
        StationSession.objects.select_for_update(of=("self",))
        .select_related("station__room")
        .get(pk=session.pk)
    )
    if session.ended_at is not None:
        raise ValidationError(_("Cette session est terminée."))
    room = session.station.room
    new_end = session.planned_end_at + dt.timedelta(minutes=EXTENSION_MINUTES)
    within_rules = (
        new_end - session.started_at <= dt.timedelta(minutes=room.max_session_minutes)
        and not room.waiting.filter(served_at__isnull=True).exists()
    )
    if not within_rules:
        session.extension_requested_at = timezone.now()
        session.save(update_fields=["extension_requested_at"])
        return False
    session_extend(session=session, minutes=EXTENSION_MINUTES)
    return True


@transaction.atomic
def guest_passes_create(*, room, count: int, minutes: int, valid_until: dt.date, by) -> str:
    """A sheet of one-time codes: `count` passes of `minutes`, until `valid_until`. Returns
    the sheet's reference, to print it (again)."""
    if not 1 <= count <= 96:
        raise ValidationError({"count": _("Entre 1 et 96 codes par feuille.")})
    if valid_until < timezone.localdate():
        raise ValidationError({"valid_until": _("Choisissez une date à venir.")})
    if valid_until > timezone.localdate() + dt.timedelta(days=366):
        raise ValidationError({"valid_until": _("Un an au plus.")})
    batch = secrets.token_hex(6)
    taken = set(GuestPass.objects.filter(room=room).values_list("code", flat=True))
    now = timezone.now()
    passes = []
    while len(passes) < count:
        code = f"{secrets.randbelow(10**8):08d}"
        if code in taken:
            continue
        taken.add(code)
        passes.append(
            GuestPass(
                room=room,
                batch=batch,
                code=code,
                minutes=minutes,
                valid_until=valid_until,
                created_at=now,
                created_by=by,
            )
        )
    GuestPass.objects.bulk_create(passes)
    return batch


@transaction.atomic
def guest_passes_cancel(*, room, batch: str) -> int:
    """Stop a sheet's unused codes (lost, stolen, reprinted)."""
    return GuestPass.objects.filter(room=room, batch=batch, used_at__isnull=True).update(
        cancelled=True
    )
