"""Consultation hours: find a free slot, book it, the day's agenda, the outcome of each
appointment, and each worker's opening hours and absences."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.accounts.models import User
from passerelle.appointments import selectors, services
from passerelle.appointments.enums import AppointmentStatus, TicketStatus
from passerelle.appointments.forms import (
    AbsenceForm,
    BookingForm,
    ExceptionForm,
    OpeningHoursForm,
    ReasonForm,
    ServiceForm,
)
from passerelle.appointments.models import (
    Appointment,
    OpeningException,
    OpeningHours,
    QueueTicket,
    Reason,
    Service,
)
from passerelle.appointments.slots import free_slots
from passerelle.core.forms import PageForms
from passerelle.core.models import Site
from passerelle.core.services import catalogue_entry_save
from passerelle.core.shortcuts import int_or_none, object_or_404
from passerelle.people import selectors as people_selectors
from passerelle.people.models import Person

FINDER_DAYS = 14


def _reason_for(request, pk) -> Reason:
    return object_or_404(
        Reason.objects.select_related("service").filter(
            service__organisation_id=request.user.organisation_id, is_active=True
        ),
        pk,
    )


def _person_or_none(request, pk) -> Person | None:
    if not pk:
        return None
    return object_or_404(Person.objects.visible_to(request.user), pk)


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
            "person": _person_or_none(request, request.GET.get("personne")),
            "can_book": permissions.can_book_appointments(request.user),
            "can_configure": permissions.can_manage_catalogues(request.user),
        },
    )


@require(permissions.can_book_appointments)
def slot_finder(request):
    reason = _reason_for(request, request.GET.get("motif"))
    person = _person_or_none(request, request.GET.get("personne"))
    try:
        start = max(dt.date.fromisoformat(request.GET.get("du", "")), timezone.localdate())
    except ValueError:
        start = timezone.localdate()
    days_wanted = request.GET.get("jours", "")
    span = (
        min(int(days_wanted), 31) if days_wanted.isdigit() and int(days_wanted) > 0 else FINDER_DAYS
    )
    end = start + dt.timedelta(days=span - 1)
    slots = free_slots(
        service=reason.service, duration_minutes=reason.duration_minutes, start=start, end=end
    )
    workers = User.objects.in_bulk({s.worker_id for s in slots})
    days: dict[dt.date, list] = {}
    for slot in slots:
        days.setdefault(timezone.localtime(slot.starts_at).date(), []).append(
            (slot, workers[slot.worker_id])
        )
    return render(
        request,
        "appointments/slot_finder.html",
        {
            "reason": reason,
            "person": person,
            "days": sorted(days.items()),
            "start": start,
            "next_start": end + dt.timedelta(days=1),
            "reschedule": request.GET.get("report", ""),
        },
    )


@require(permissions.can_book_appointments)
def book(request):
    source = request.POST if request.method == "POST" else request.GET
    reason = _reason_for(request, source.get("motif"))
    worker = object_or_404(User.objects.visible_to(request.user), source.get("intervenant"))
    starts_at = parse_datetime(source.get("debut", "") or "")
    if starts_at is None:
        raise PermissionDenied
    person = _person_or_none(request, source.get("personne"))
    query = request.GET.get("q", "")[:100]
    candidates = (
        people_selectors.search_people(user=request.user, query=query)[0]
        if query and not person
        else []
    )
    form = BookingForm(request.POST or None)
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
    services.appointment_arrived(appointment=appointment)
    messages.success(request, _("Arrivée notée : l'intervenant le voit dans son agenda."))
    return redirect(request.POST.get("retour") or "appointments:agenda")


@require(permissions.can_book_appointments)
def reschedule(request, pk: int):
    appointment = get_object_or_404(Appointment.objects.visible_to(request.user), pk=pk)
    starts_at = parse_datetime(request.POST.get("debut", "") or "")
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
        f"{_finder_url(appointment.reason, appointment.person)}&report={appointment.pk}"
    )


@require(permissions.can_view_full_profile)
def agenda(request):
    try:
        day = dt.date.fromisoformat(request.GET.get("jour", ""))
    except ValueError:
        day = timezone.localdate()
    workers = (
        User.objects.visible_to(request.user).active().filter(role__in=["social_worker", "manager"])
    )
    wanted = request.GET.get("intervenant")
    worker = next((w for w in workers if str(w.pk) == wanted), None)
    if worker is None and permissions.can_hold_consultations(request.user):
        worker = request.user
    week = request.GET.get("vue") == "semaine"
    if week:
        day = day - dt.timedelta(days=day.weekday())
    length = dt.timedelta(days=7 if week else 1)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    site_id = request.GET.get("lieu") or ""
    appointments = (
        Appointment.objects.visible_to(request.user)
        .filter(starts_at__gte=start, starts_at__lt=start + length)
        .exclude(status=AppointmentStatus.RESCHEDULED)
        .select_related("person", "worker", "reason", "site")
        .order_by("starts_at", "pk")
    )
    if worker is not None:
        appointments = appointments.filter(worker=worker)
    if site_id.isdigit():
        appointments = appointments.filter(site_id=int(site_id))
    context = {
        "day": day,
        "previous": day - length,
        "next": day + length,
        "week": week,
        "appointments": appointments,
        "workers": workers,
        "worker": worker,
        "sites": Site.objects.visible_to(request.user),
        "site_id": site_id,
        "now": timezone.now(),
        "today": timezone.localdate(),
    }
    if week:
        days = {day + dt.timedelta(days=i): [] for i in range(7)}
        for appointment in appointments:
            days[timezone.localtime(appointment.starts_at).date()].append(appointment)
        context["days"] = list(days.items())
    return render(request, "appointments/agenda.html", context)


def _managed_worker(request):
    """Whose hours: one's own, or (for a manager) the worker chosen."""
    wanted = request.GET.get("intervenant") or request.POST.get("intervenant")
    if wanted and permissions.can_manage_staff(request.user):
        return object_or_404(User.objects.visible_to(request.user), wanted)
    return request.user


@require(permissions.can_book_appointments)
def opening_hours(request):
    worker = _managed_worker(request)
    if worker == request.user and not (
        permissions.can_hold_consultations(request.user)
        or permissions.can_manage_staff(request.user)
    ):
        raise PermissionDenied
    forms = PageForms(
        request,
        horaires=lambda data: OpeningHoursForm(
            data, user=request.user, initial={"valid_from": timezone.localdate()}
        ),
        absence=lambda data: AbsenceForm(data),
        exception=lambda data: ExceptionForm(data, user=request.user),
    )
    writes = {
        "horaires": (services.opening_hours_add, _("Les horaires sont ajoutés.")),
        "exception": (services.exception_add, _("Ce jour-là est noté.")),
        "absence": (
            services.absence_add,
            _("L'absence est notée : ses créneaux ne sont plus proposés."),
        ),
    }
    if (posted := forms.posted_valid()) is not None:
        write, said = writes[posted.name]
        try:
            write(worker=worker, **posted.form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                posted.form.add_error(field if field in posted.form.fields else None, errors)
        else:
            messages.success(request, said)
            return redirect(f"{request.path}?intervenant={worker.pk}")
    return render(
        request,
        "appointments/opening_hours.html",
        {
            "worker": worker,
            "hours": OpeningHours.objects.filter(worker=worker).select_related("service", "site"),
            "absences": worker.absences.filter(ends_at__gte=timezone.now() - dt.timedelta(days=1)),
            **forms.context(
                hours_form="horaires", absence_form="absence", exception_form="exception"
            ),
            "worker_hidden": [("intervenant", worker.pk)],
            "exceptions": OpeningException.objects.filter(
                worker=worker, date__gte=timezone.localdate()
            ).select_related("service"),
            "workers": User.objects.visible_to(request.user).active().filter(role="social_worker")
            if permissions.can_manage_staff(request.user)
            else [],
        },
    )


# --- Walk-in queue ---------------------------------------------------------------------

DESK_SESSION_KEY = "passerelle_desk"


def _queue_site(request):
    sites = list(Site.objects.visible_to(request.user).filter(is_active=True))
    wanted = request.GET.get("lieu") or request.POST.get("lieu") or ""
    return sites, next((s for s in sites if str(s.pk) == wanted), sites[0] if sites else None)


@require(permissions.can_book_appointments)
def queue(request):
    sites, site = _queue_site(request)
    if site is None:
        raise PermissionDenied
    today = timezone.localdate()
    tickets = QueueTicket.objects.filter(site=site, day=today).select_related("service", "person")
    context = {
        "sites": sites,
        "site": site,
        "waiting": [t for t in tickets if t.status == TicketStatus.WAITING],
        "called": [t for t in tickets if t.status == TicketStatus.CALLED],
        "done_count": sum(t.status in (TicketStatus.SEEN, TicketStatus.LEFT) for t in tickets),
        "services": Service.objects.visible_to(request.user).filter(is_active=True),
        "estimated_wait": selectors.estimated_wait_minutes(site=site),
        "desk": request.session.get(DESK_SESSION_KEY, ""),
        "display_url": request.build_absolute_uri(
            reverse("appointments:display", args=[site.display_token])
        ),
        "person": _person_or_none(request, request.GET.get("personne")),
        "now": timezone.now(),
    }
    return render(request, "appointments/queue.html", context)


@require(permissions.can_book_appointments)
@require_POST
def ticket_take(request):
    _sites, site = _queue_site(request)
    service = (
        Service.objects.visible_to(request.user)
        .filter(pk=int_or_none(request.POST.get("service")))
        .first()
    )
    person = _person_or_none(request, request.POST.get("personne"))
    ticket = services.ticket_take(site=site, by=request.user, service=service, person=person)
    messages.success(
        request,
        _("Ticket n° %(number)s. Attente estimée : %(minutes)s minutes.")
        % {"number": ticket.number, "minutes": selectors.estimated_wait_minutes(site=site)},
    )
    return redirect(f"{reverse('appointments:queue')}?lieu={site.pk}")


@require(permissions.can_book_appointments)
@require_POST
def ticket_call(request):
    _sites, site = _queue_site(request)
    desk = (request.POST.get("desk") or "").strip()
    if not desk:
        messages.error(request, _("Indiquez votre bureau : il s'affiche sur l'écran de la salle."))
        return redirect(f"{reverse('appointments:queue')}?lieu={site.pk}")
    request.session[DESK_SESSION_KEY] = desk[:30]
    ticket = services.ticket_call_next(site=site, desk=desk, by=request.user)
    if ticket is None:
        messages.info(request, _("Personne n'attend."))
    else:
        messages.success(
            request,
            _("Ticket n° %(number)s appelé au %(desk)s.")
            % {"number": ticket.number, "desk": ticket.desk},
        )
    return redirect(f"{reverse('appointments:queue')}?lieu={site.pk}")


@require(permissions.can_book_appointments)
@require_POST
def ticket_finish(request, pk: int):
    ticket = get_object_or_404(QueueTicket.objects.visible_to(request.user), pk=pk)
    try:
        services.ticket_finish(
            ticket=ticket, status=request.POST.get("status", ""), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{reverse('appointments:queue')}?lieu={ticket.site_id}")


@login_not_required
def display(request, token: str):
    """The waiting-room screen: ticket numbers and desks, never a name. Refreshes itself."""
    site = Site.objects.filter(display_token=token, is_active=True).first()
    if site is None:
        raise Http404
    today = timezone.localdate()
    tickets = QueueTicket.objects.filter(site=site, day=today)
    context = {
        "site": site,
        "called": list(
            tickets.filter(status__in=[TicketStatus.CALLED, TicketStatus.SEEN])
            .exclude(called_at__isnull=True)
            .order_by("-called_at")[:5]
            .values("number", "desk")
        ),
        "waiting_count": tickets.filter(status=TicketStatus.WAITING).count(),
        "estimated_wait": selectors.estimated_wait_minutes(site=site),
    }
    template = "appointments/display.html"
    if request.htmx:
        template += "#board"
    return render(request, template, context)


@require(permissions.can_manage_catalogues)
def service_settings(request):
    """Services and reasons, for the manager."""
    forms = PageForms(
        request,
        permanence=lambda data: ServiceForm(data),
        motif=lambda data: ReasonForm(data, user=request.user),
    )
    forms["permanence"].instance.organisation = request.user.organisation
    if (posted := forms.posted_valid()) is not None:
        catalogue_entry_save(entry=posted.form.instance, by=request.user)
        if posted.name == "permanence":
            messages.success(request, _("La permanence est ajoutée."))
        else:
            messages.success(request, _("Le motif est ajouté."))
        return redirect("appointments:services")
    return render(
        request,
        "appointments/services.html",
        {
            "services": Service.objects.visible_to(request.user).prefetch_related("reasons"),
            **forms.context(service_form="permanence", reason_form="motif"),
        },
    )
