"""A person's own link (`/r/<token>`, in every confirmation and reminder): the appointment or
workshop seat it is about, in easy French (English and Arabic too), and three buttons —
"Je viendrai", "Je ne peux pas venir", "Ajouter à mon agenda".

The page shows nothing else about the person (no surname, no phone, no other appointment);
a link expires a week after its event; every use is journaled; calls are limited per
address."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache

from passerelle.appointments import selectors as appointment_selectors
from passerelle.appointments.enums import AppointmentStatus
from passerelle.core.calendar import CalendarEvent, ics_for
from passerelle.core.network import client_ip
from passerelle.core.ratelimit import over_limit
from passerelle.public import services
from passerelle.workshops import selectors as workshop_selectors
from passerelle.workshops.enums import RegistrationStatus, SessionStatus

LANGUAGES = {"fr": "Français", "en": "English", "ar": "العربية"}
RTL = {"ar"}
VALID_AFTER_EVENT = dt.timedelta(days=7)


@dataclass
class Booking:
    """What the page is about, an appointment or a workshop seat, in the page's words."""

    kind: str  # "appointment" or "workshop"
    source: object
    person: object
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    site: object
    room: str = ""
    with_whom: str = ""
    bring: list[str] = field(default_factory=list)
    state: str = "upcoming"  # upcoming, waiting, cancelled_by_you, cancelled, moved, past
    confirmed: bool = False


def _appointment(appointment) -> Booking:
    now = timezone.now()
    status = appointment.status
    state = {
        AppointmentStatus.CANCELLED_BY_PERSON: "cancelled_by_you",
        AppointmentStatus.CANCELLED: "cancelled",
        AppointmentStatus.RESCHEDULED: "moved",
    }.get(status, "upcoming" if status == AppointmentStatus.UPCOMING else "past")
    if state == "upcoming" and appointment.starts_at <= now:
        state = "past"
    procedure = appointment.reason.procedure if appointment.reason_id else None
    return Booking(
        kind="appointment",
        source=appointment,
        person=appointment.person,
        title=appointment.service.name,
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        site=appointment.site,
        with_whom=appointment.worker.first_name,
        bring=procedure.document_list if procedure is not None else [],
        state=state,
        confirmed=appointment.confirmed_by_person_at is not None,
    )


def _registration(registration) -> Booking:
    session = registration.session
    if registration.status == RegistrationStatus.CANCELLED:
        state = "cancelled_by_you" if registration.cancelled_by_person else "cancelled"
    elif session.status == SessionStatus.CANCELLED:
        state = "cancelled"
    elif session.starts_at <= timezone.now() or session.status == SessionStatus.DONE:
        state = "past"
    elif registration.status == RegistrationStatus.WAITING:
        state = "waiting"
    else:
        state = "upcoming"
    what = session.workshop.what_to_bring
    return Booking(
        kind="workshop",
        source=registration,
        person=registration.person,
        title=session.workshop.title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        site=session.site,
        room=session.room_label,
        bring=[what] if what else [],
        state=state,
        confirmed=registration.confirmed_by_person_at is not None,
    )


def _find(token: str) -> Booking | None:
    appointment = appointment_selectors.appointment_for_link(token)
    if appointment is not None:
        return _appointment(appointment)
    registration = workshop_selectors.registration_for_link(token)
    if registration is not None:
        return _registration(registration)
    return None


def _language(request, booking: Booking | None) -> str:
    wanted = request.GET.get("langue") or request.POST.get("langue") or ""
    if wanted in LANGUAGES:
        return wanted
    if booking is not None and booking.person.preferred_language in LANGUAGES:
        return booking.person.preferred_language
    return "fr"


def _page(request, token: str, lang: str, template: str, context: dict, status: int = 200):
    here = reverse("public:link", args=[token])
    languages = [
        {
            "code": code,
            "name": name,
            "url": f"{here}?langue={code}",
            "current": code == lang,
            "rtl": code in RTL,
        }
        for code, name in LANGUAGES.items()
    ]
    base = {"lang": lang, "rtl": lang in RTL, "languages": languages, "token": token}
    return render(request, template, {**base, **context}, status=status)


def _map_url(site) -> str:
    address = ", ".join(p for p in (site.address, site.postcode, site.commune) if p) or site.name
    return "https://www.openstreetmap.org/search?" + urllib.parse.urlencode({"query": address})


@login_not_required
@never_cache
def personal_link(request, token: str):
    booking = _find(token)
    lang = _language(request, booking)
    with translation.override(lang):
        if over_limit(
            f"public-link:{client_ip(request) or 'unknown'}",
            limit=settings.PUBLIC_LIMITS["link_per_minute"],
            seconds=60,
        ):
            return _page(request, token, lang, "public/too_many.html", {}, status=429)
        if booking is None:
            return _page(request, token, lang, "public/unknown.html", {}, status=404)
        if timezone.now() > booking.ends_at + VALID_AFTER_EVENT:
            return _page(request, token, lang, "public/expired.html", {}, status=410)
        asked = ""
        error = ""
        if request.method == "POST":
            answer = request.POST.get("reponse", "")
            try:
                if answer == "je-viendrai" and booking.state in ("upcoming", "waiting"):
                    services.confirm(booking=booking, request=request)
                    return redirect(f"{reverse('public:link', args=[token])}?langue={lang}")
                if answer == "je-ne-peux-pas" and booking.state in ("upcoming", "waiting"):
                    asked = "cancel"
                elif answer == "annuler" and booking.state in ("upcoming", "waiting"):
                    services.cancel(booking=booking, request=request)
                    return redirect(f"{reverse('public:link', args=[token])}?langue={lang}")
            except ValidationError as problem:
                error = " ".join(problem.messages)
            booking = _find(token)
        else:
            services.link_used(booking=booking, what="consulté", request=request)
        return _page(
            request,
            token,
            lang,
            "public/link.html",
            {
                "booking": booking,
                "asked": asked,
                "error": error,
                "map_url": _map_url(booking.site),
                "ics_url": reverse("public:link_ics", args=[token]),
            },
        )


@login_not_required
@never_cache
def personal_link_ics(request, token: str):
    """ "Ajouter à mon agenda": the event alone, for the phone's calendar."""
    booking = _find(token)
    if booking is None or timezone.now() > booking.ends_at + VALID_AFTER_EVENT:
        return HttpResponse(status=404)
    if over_limit(
        f"public-link:{client_ip(request) or 'unknown'}",
        limit=settings.PUBLIC_LIMITS["link_per_minute"],
        seconds=60,
    ):
        return HttpResponse(status=429)
    services.link_used(booking=booking, what="ajouté à l'agenda", request=request)
    place = booking.site.full_address + (f" ({booking.room})" if booking.room else "")
    event = CalendarEvent(
        uid=f"{booking.kind}-{booking.source.pk}@passerelle",
        summary=booking.title,
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
        location=place,
        cancelled=booking.state in ("cancelled", "cancelled_by_you", "moved"),
    )
    response = HttpResponse(
        ics_for([event], name=booking.site.name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="rendez-vous.ics"'
    return response
