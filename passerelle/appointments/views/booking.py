"""Find a free slot, book it, follow an appointment to its outcome or a new date."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.accounts.models import User
from passerelle.appointments import selectors, services
from passerelle.appointments.enums import AppointmentStatus
from passerelle.appointments.forms import (
    BookingForm,
)
from passerelle.appointments.models import (
    Appointment,
    Reason,
    Service,
)
from passerelle.appointments.slots import free_slots
from passerelle.core.models import Site
from passerelle.core.shortcuts import int_or_none, object_or_404, safe_return
from passerelle.core.utils import day_param, moment_param
from passerelle.people import selectors as people_selectors
from passerelle.people.shortcuts import person_or_none

FINDER_DAYS = 14


def _reason_for(request, pk) -> Reason:
    return object_or_404(
        Reason.objects.select_related("service").filter(
            service__organisation_id=request.user.organisation_id, is_active=True
        ),
        pk,
    )


@require(permissions.can_view_full_profile)
def home(request):
    services_list = (
        Service.objects.visible_to(request.user).filter(is_active=True).prefetch_related("reasons")
    )
    return render(
        request,
        "appointments/home.html",
        {
            "services": services_list,
            "person": person_or_none(request, request.GET.get("personne")),
            "can_book": permissions.can_book_appointments(request.user),
            "can_configure": permissions.can_manage_catalogues(request.user),
        },
    )


@require(permissions.can_book_appointments)
def slot_finder(request):
    reason = _reason_for(request, request.GET.get("motif"))
    person = person_or_none(request, request.GET.get("personne"))
    today = timezone.localdate()
    start = max(day_param(request.GET.get("du"), default=today), today)
    days_wanted = request.GET.get("jours", "")
    span = (
        min(int(days_wanted), 31) if days_wanted.isdigit() and int(days_wanted) > 0 else FINDER_DAYS
    )
    end = start + dt.timedelta(days=span - 1)
    slots = free_slots(
        service=reason.service, duration_minutes=reason.duration_minutes, start=start, end=end
    )
    workers = User.objects.in_bulk({s.worker_id for s in slots})
    sites = Site.objects.in_bulk({s.site_id for s in slots})
    days: dict[dt.date, list] = {}
    for slot in slots:
        days.setdefault(timezone.localtime(slot.starts_at).date(), []).append(
            (slot, workers[slot.worker_id], sites[slot.site_id])
        )
    return render(
        request,
        "appointments/slot_finder.html",
        {
            "reason": reason,
            "person": person,
            "days": sorted(days.items()),
            "several_sites": len(sites) > 1,
            "warnings": selectors.booking_warnings(person=person, reason=reason) if person else [],
            "start": start,
            "next_start": end + dt.timedelta(days=1),
            "reschedule": int_or_none(request.GET.get("remplace")) or "",
        },
    )


@require(permissions.can_book_appointments)
def book(request):
    source = request.POST if request.method == "POST" else request.GET
    reason = _reason_for(request, source.get("motif"))
    worker = object_or_404(User.objects.visible_to(request.user), source.get("intervenant"))
    starts_at = moment_param(source.get("debut"))
    if starts_at is None:
        raise PermissionDenied
    person = person_or_none(request, source.get("personne"))
    query = request.GET.get("q", "")[:100]
    candidates = (
        people_selectors.search_people(user=request.user, query=query)[0]
        if query and not person
        else []
    )
    form = BookingForm(request.POST or None)
    slot = selectors.slot_at(reason=reason, worker=worker, starts_at=starts_at)
    if request.method == "POST" and person is not None and form.is_valid():
        try:
            appointment = services.appointment_book(
                person=person,
                reason=reason,
                worker=worker,
                starts_at=starts_at,
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(f"{_finder_url(reason, person)}")
        messages.success(request, _("Le rendez-vous est pris."))
        return redirect("appointments:detail", pk=appointment.pk)
    return render(
        request,
        "appointments/book.html",
        {
            "reason": reason,
            "worker": worker,
            "starts_at": starts_at,
            "person": person,
            "form": form,
            "query": query,
            "candidates": candidates,
            "ends_at": starts_at + dt.timedelta(minutes=reason.duration_minutes),
            "site": Site.objects.filter(pk=slot.site_id).first() if slot else None,
            "warnings": selectors.booking_warnings(person=person, reason=reason) if person else [],
            "hidden": [
                ("motif", reason.pk),
                ("intervenant", worker.pk),
                ("debut", starts_at.isoformat()),
            ],
        },
    )


def _finder_url(reason, person) -> str:
    url = f"{reverse('appointments:slots')}?motif={reason.pk}"
    return f"{url}&personne={person.pk}" if person else url


@require(permissions.can_view_full_profile)
def detail(request, pk: int):
    appointment = get_object_or_404(
        Appointment.objects.visible_to(request.user).select_related(
            "person", "worker", "service", "reason", "site", "booked_by"
        ),
        pk=pk,
    )
    return render(
        request,
        "appointments/detail.html",
        {
            "appointment": appointment,
            "statuses": [
                (value, label)
                for value, label in AppointmentStatus.choices
                if value not in (AppointmentStatus.RESCHEDULED,)
            ],
            "can_book": permissions.can_book_appointments(request.user),
            "past": appointment.starts_at <= timezone.now(),
            "needs_outcome": appointment.status == AppointmentStatus.UPCOMING
            and appointment.ends_at < timezone.now(),
        },
    )


@require(permissions.can_book_appointments)
@require_POST
def set_status(request, pk: int):
    appointment = get_object_or_404(Appointment.objects.visible_to(request.user), pk=pk)
    try:
        services.appointment_set_status(
            appointment=appointment, status=request.POST.get("status", ""), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("C'est noté."))
    return redirect("appointments:detail", pk=pk)


@require(permissions.can_book_appointments)
@require_POST
def arrived(request, pk: int):
    appointment = get_object_or_404(Appointment.objects.visible_to(request.user), pk=pk)
    try:
        services.appointment_arrived(appointment=appointment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Arrivée notée : l'intervenant le voit dans son agenda."))
    return redirect(safe_return(request, reverse("appointments:agenda")))


@require(permissions.can_book_appointments)
def reschedule(request, pk: int):
    appointment = get_object_or_404(Appointment.objects.visible_to(request.user), pk=pk)
    starts_at = moment_param(request.POST.get("debut"))
    if request.method == "POST" and starts_at is not None:
        try:
            new = services.appointment_reschedule(
                appointment=appointment, starts_at=starts_at, by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Le rendez-vous est reporté."))
            return redirect("appointments:detail", pk=new.pk)
    return redirect(
        f"{_finder_url(appointment.reason, appointment.person)}&remplace={appointment.pk}"
    )
