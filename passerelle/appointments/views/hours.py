"""The day's and the week's agenda, and each worker's opening hours, closed days and
absences."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.accounts.models import User
from passerelle.appointments import services
from passerelle.appointments.enums import AppointmentStatus
from passerelle.appointments.forms import (
    AbsenceForm,
    ExceptionForm,
    OpeningHoursForm,
)
from passerelle.appointments.models import (
    Appointment,
    OpeningException,
    OpeningHours,
)
from passerelle.core.forms import PageForms
from passerelle.core.models import Site
from passerelle.core.shortcuts import int_or_none, object_or_404
from passerelle.core.utils import day_param


@require(permissions.can_view_full_profile)
def agenda(request):
    day = day_param(request.GET.get("jour"), default=timezone.localdate())
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
    if int_or_none(site_id) is not None:
        appointments = appointments.filter(site_id=int_or_none(site_id))
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
    template = "appointments/agenda.html"
    if request.htmx and not week:  # today's list refreshing itself: kiosk arrivals appear
        template += "#day"
    return render(request, template, context)


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
