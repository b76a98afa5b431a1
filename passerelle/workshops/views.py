"""Workshops: upcoming sessions, the week, a session's page (sign-up, attendance, closing),
the attendance sheet (PDF) and the facilitator's calendar (ICS)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.core.forms import attach_errors
from passerelle.core.models import Site
from passerelle.core.services import catalogue_entry_save
from passerelle.core.shortcuts import object_or_404, safe_return
from passerelle.core.utils import day_param
from passerelle.notifications import services as notifications
from passerelle.notifications.events import Event
from passerelle.people import selectors as people_selectors
from passerelle.people.models import Person
from passerelle.people.selectors import contact_for
from passerelle.workshops import documents, selectors, services
from passerelle.workshops.enums import Attendance, RegistrationStatus, SessionStatus
from passerelle.workshops.forms import AttendanceForm, SessionEditForm, SessionForm, WorkshopForm
from passerelle.workshops.models import Workshop, WorkshopSession


def _session_for(request, pk: int) -> WorkshopSession:
    return get_object_or_404(
        WorkshopSession.objects.visible_to(request.user).select_related("workshop", "site"), pk=pk
    )


def _site_choice(request):
    sites = list(Site.objects.visible_to(request.user).filter(is_active=True))
    wanted = request.GET.get("lieu", "")
    chosen = next((s for s in sites if str(s.pk) == wanted), sites[0] if sites else None)
    return sites, chosen


def upcoming(request):
    sites, chosen = _site_choice(request)
    site_id = chosen.pk if chosen and request.GET.get("lieu") else None
    return render(
        request,
        "workshops/upcoming.html",
        {
            "sessions": selectors.upcoming_sessions(user=request.user, site_id=site_id),
            "sites": sites,
            "site_id": site_id,
            "can_plan": permissions.can_plan_workshops(request.user),
        },
    )


def week(request):
    sites, chosen = _site_choice(request)
    day = day_param(request.GET.get("semaine"), default=timezone.localdate())
    days = selectors.week_calendar(user=request.user, site_id=chosen.pk, day=day) if chosen else []
    return render(
        request,
        "workshops/week.html",
        {
            "days": days,
            "sites": sites,
            "site": chosen,
            "previous": day - dt.timedelta(days=7),
            "next": day + dt.timedelta(days=7),
            "today": timezone.localdate(),
        },
    )


def catalogue(request):
    return render(
        request,
        "workshops/catalogue.html",
        {
            "workshops": Workshop.objects.visible_to(request.user).filter(is_active=True),
            "can_edit": permissions.can_manage_catalogues(request.user),
        },
    )


@require(permissions.can_manage_catalogues)
def workshop_edit(request, pk: int | None = None):
    workshop = get_object_or_404(Workshop.objects.visible_to(request.user), pk=pk) if pk else None
    form = WorkshopForm(
        request.POST or None, instance=workshop, organisation=request.user.organisation
    )
    form.instance.organisation = request.user.organisation
    if request.method == "POST" and form.is_valid():
        catalogue_entry_save(
            entry=form.instance,
            by=request.user,
            many={"skill_areas": form.cleaned_data["skill_areas"]},
        )
        messages.success(request, _("L'atelier est enregistré."))
        return redirect("workshops:catalogue")
    return render(request, "workshops/workshop_form.html", {"form": form, "workshop": workshop})


@require(permissions.can_plan_workshops)
def session_create(request):
    form = SessionForm(
        request.POST or None, user=request.user, initial={"date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts_at = timezone.make_aware(dt.datetime.combine(data["date"], data["start_time"]))
        try:
            if data["repeat"]:
                series, skipped = services.series_create(
                    workshop=data["workshop"],
                    site=data["site"],
                    first_date=data["date"],
                    start_time=data["start_time"],
                    until=data["until"],
                    every_weeks=data["every_weeks"],
                    capacity=data["capacity"],
                    by=request.user,
                    room=data["room"],
                    facilitators=data["facilitators"],
                    room_label=data["room_label"],
                )
                message = _("%(count)s séances créées.") % {"count": series.sessions.count()}
                if skipped:
                    message += " " + _("Jours fériés sautés : %(days)s.") % {
                        "days": ", ".join(f"{s.date:%d/%m/%Y} ({s.reason})" for s in skipped)
                    }
                messages.success(request, message)
                return redirect(
                    "workshops:session", pk=series.sessions.order_by("starts_at").first().pk
                )
            session = services.session_create(
                workshop=data["workshop"],
                site=data["site"],
                starts_at=starts_at,
                ends_at=form.ends_at(starts_at),
                capacity=data["capacity"],
                facilitators=data["facilitators"],
                room_label=data["room_label"],
                room=data["room"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("La séance est créée."))
            return redirect("workshops:session", pk=session.pk)
    return render(request, "workshops/session_form.html", {"form": form})


def session_detail(request, pk: int):
    session = _session_for(request, pk)
    query = request.GET.get("q", "")[:100]
    candidates = people_selectors.search_people(user=request.user, query=query)[0] if query else []
    context = {
        "session": session,
        "query": query,
        "candidates": candidates,
        "attendance_choices": Attendance.choices,
        "can_register": permissions.can_register_to_workshops(request.user),
        "can_plan": permissions.can_plan_workshops(request.user),
        "is_open": session.status == SessionStatus.PLANNED,
        "full_profile": permissions.can_view_full_profile(request.user),
        **selectors.session_page(session),
    }
    context["free_seats"] = max(session.capacity - len(context["confirmed"]), 0)
    context["is_today"] = timezone.localdate(session.starts_at) == timezone.localdate()
    template = "workshops/session_detail.html"
    if request.htmx and request.GET.get("q") is None:  # the list refreshing itself
        template += "#participants"
    return render(request, template, context)


@require(permissions.can_register_to_workshops)
@require_POST
def register(request, pk: int):
    session = _session_for(request, pk)
    person = object_or_404(Person.objects.visible_to(request.user), request.POST.get("person"))
    walk_in = request.POST.get("sur_place") == "1"
    try:
        registration = services.registration_create(
            session=session, person=person, by=request.user, walk_in=walk_in
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == "waiting":
            messages.warning(
                request,
                _("La séance est complète : %(name)s est sur la liste d'attente.")
                % {"name": person},
            )
        else:
            messages.success(request, _("%(name)s est inscrit(e).") % {"name": person})
        page = reverse("workshops:session", args=[session.pk])
        target = safe_return(request, page)
        if target == page:  # the page scrolls to the person just registered
            target = f"{page}#inscription-{registration.pk}"
        return redirect(target)
    return redirect(safe_return(request, reverse("workshops:session", args=[session.pk])))


@require(permissions.can_register_to_workshops)
@require_POST
def unregister(request, pk: int, registration_pk: int):
    session = _session_for(request, pk)
    registration = get_object_or_404(session.registrations, pk=registration_pk)
    promoted = services.registration_cancel(registration=registration, by=request.user)
    messages.success(request, _("%(name)s est désinscrit(e).") % {"name": registration.person})
    if promoted is not None:
        messages.info(
            request,
            _(
                "Une place s'est libérée : %(name)s passe de la liste d'attente aux inscrits. "
                "Prévenez-le ou prévenez-la."
            )
            % {"name": promoted.person},
        )
    return redirect("workshops:session", pk=session.pk)


@require(permissions.can_register_to_workshops)
@require_POST
def mark_attendance(request, pk: int, registration_pk: int):
    session = _session_for(request, pk)
    registration = get_object_or_404(
        session.registrations.select_related("person"), pk=registration_pk
    )
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            services.attendance_mark(
                registration=registration, attendance=form.cleaned_data["attendance"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    if request.htmx:
        return render(
            request,
            "workshops/includes/attendance_row.html",
            {
                "registration": registration,
                "session": session,
                "attendance_choices": Attendance.choices,
                "is_open": True,
                "can_register": True,
                "full_profile": permissions.can_view_full_profile(request.user),
            },
        )
    return redirect("workshops:session", pk=session.pk)


@require(permissions.can_register_to_workshops)
@require_POST
def close(request, pk: int):
    session = _session_for(request, pk)
    try:
        created = services.session_close(session=session, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Séance terminée : %(count)s présences comptées.") % {"count": created}
        )
    return redirect("workshops:session", pk=session.pk)


@require(permissions.can_plan_workshops)
def session_edit(request, pk: int):
    session = _session_for(request, pk)
    initial = {
        "start_time": timezone.localtime(session.starts_at).time(),
        "capacity": session.capacity,
        "room_label": session.room_label,
    }
    form = SessionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            count = services.session_update(
                session=session,
                rest_of_series=data["rest_of_series"],
                start_time=data["start_time"],
                capacity=data["capacity"],
                room_label=data["room_label"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("%(count)s séance(s) modifiée(s).") % {"count": count})
            return redirect("workshops:session", pk=session.pk)
    return render(request, "workshops/session_edit.html", {"form": form, "session": session})


@require(permissions.can_plan_workshops)
def cancel(request, pk: int):
    """Ask first (how many people are registered, who a message would reach), then cancel
    and, if asked, tell them through the notifications app's rules."""
    session = _session_for(request, pk)
    if session.status != SessionStatus.PLANNED:
        messages.info(request, _("Cette séance n'est plus prévue : rien à annuler."))
        return redirect("workshops:session", pk=session.pk)
    rest_of_series = (request.POST.get("serie") or request.GET.get("serie")) == "1"
    sessions = selectors.sessions_to_cancel(session=session, rest_of_series=rest_of_series)
    people = [
        (
            registration,
            notifications.would_reach(
                contact=contact_for(registration.person), event=Event.WORKSHOP_CANCELLED
            ),
        )
        for registration in selectors.people_to_tell(sessions=sessions)
    ]
    if request.method == "POST":
        notify_people = request.POST.get("prevenir") == "1"
        count = services.session_cancel(
            session=session, rest_of_series=rest_of_series, notify_people=notify_people
        )
        told = sum(reached for _registration, reached in people) if notify_people else 0
        left = len(people) - told
        text = _("%(count)s séance(s) annulée(s).") % {"count": count}
        if told:
            text += " " + _("%(told)s personne(s) prévenue(s) par message.") % {"told": told}
        if left:
            text += " " + _("%(left)s personne(s) à prévenir par téléphone.") % {"left": left}
        messages.success(request, text)
        return redirect("workshops:session", pk=session.pk)
    return render(
        request,
        "workshops/session_cancel.html",
        {
            "session": session,
            "sessions": sessions,
            "rest_of_series": rest_of_series,
            "confirmed": sum(r.status == RegistrationStatus.CONFIRMED for r, _ok in people),
            "waiting": sum(r.status == RegistrationStatus.WAITING for r, _ok in people),
            "reachable": [r for r, ok in people if ok],
            "to_phone": [r for r, ok in people if not ok],
            "full_profile": permissions.can_view_full_profile(request.user),
        },
    )


def attendance_sheet(request, pk: int):
    session = _session_for(request, pk)
    pdf = documents.attendance_sheet_pdf(session=session, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"emargement-{timezone.localtime(session.starts_at):%Y-%m-%d}-{session.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def register_from_person(request, person_pk: int):
    """Choose a session for a person, from their file."""
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=person_pk)
    return render(
        request,
        "workshops/register_person.html",
        {"person": person, "sessions": selectors.upcoming_sessions(user=request.user)},
    )
