"""The computer room: the live board, check-in and check-out, faults, reservations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.core.forms import PageForms, attach_errors
from passerelle.core.routers import replica_reads
from passerelle.core.services import catalogue_entry_save
from passerelle.core.shortcuts import object_or_404
from passerelle.people import selectors as people_selectors
from passerelle.people.models import Person
from passerelle.room import documents, selectors, services
from passerelle.room.forms import (
    CheckInForm,
    GuestPassForm,
    PrintForm,
    ReservationForm,
    RoomForm,
    StationForm,
)
from passerelle.room.models import GuestPass, Room, Station, StationSession, WaitingForStation


def _room(request, pk=None) -> Room:
    rooms = Room.objects.visible_to(request.user)
    if pk is not None:
        return get_object_or_404(rooms, pk=pk)
    room = rooms.first()
    if room is None:
        raise PermissionDenied
    return room


def _station(request, pk) -> Station:
    return get_object_or_404(
        Station.objects.filter(room__in=Room.objects.visible_to(request.user)).select_related(
            "room"
        ),
        pk=pk,
    )


@require(permissions.can_run_room)
def board(request, pk: int | None = None):
    # The rooms of the switcher, with their sites, in one query; the room shown is one of them.
    rooms = list(Room.objects.visible_to(request.user).select_related("site").order_by("pk"))
    if pk is not None:
        room = next((r for r in rooms if r.pk == pk), None)
        if room is None:
            raise Http404
    elif rooms:
        room = rooms[0]
    else:
        raise PermissionDenied
    context = {
        "room": room,
        "rooms": rooms,
        "can_view_statistics": permissions.can_view_statistics(request.user),
        "can_setup": permissions.can_manage_sites(request.user),
        **selectors.board(room),
        "print_form": PrintForm(),
        "prints_today": selectors.prints_today(room),
    }
    if request.htmx:
        return render(request, "room/board.html#grid", context)
    return render(request, "room/board.html", context)


@require(permissions.can_run_room)
def check_in(request, station_pk: int):
    station = _station(request, station_pk)
    query = request.GET.get("q", "")[:100]
    person = None
    if request.GET.get("personne") or request.POST.get("personne"):
        person = object_or_404(
            Person.objects.visible_to(request.user),
            request.GET.get("personne") or request.POST.get("personne"),
        )
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if person is None and not form.cleaned_data["guest"]:
            form.add_error("guest", _("Choisissez la personne, ou cochez « personne de passage »."))
        else:
            try:
                session = services.session_check_in(
                    station=station,
                    by=request.user,
                    purpose=form.cleaned_data["purpose"],
                    person=None if form.cleaned_data["guest"] else person,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                if session.unlock_code:
                    messages.success(
                        request,
                        _(
                            "%(station)s : donnez le code %(code)s à la personne ; "
                            "elle le tape sur l'écran du poste."
                        )
                        % {"station": station, "code": session.unlock_code},
                    )
                else:
                    messages.success(
                        request, _("%(station)s : session commencée.") % {"station": station}
                    )
            return redirect("room:board_of", pk=station.room_id)
    candidates = people_selectors.search_people(user=request.user, query=query)[0] if query else []
    full_profile = permissions.can_view_full_profile(request.user)
    return render(
        request,
        "room/check_in.html",
        {
            "station": station,
            "form": form,
            "person": person,
            "query": query,
            "candidates": candidates,
            "full_profile": full_profile,
            "short_names": not full_profile,
        },
    )


def _session(request, pk) -> StationSession:
    return get_object_or_404(
        StationSession.objects.filter(
            station__room__in=Room.objects.visible_to(request.user)
        ).select_related("station"),
        pk=pk,
    )


@require(permissions.can_run_room)
@require_POST
def check_out(request, session_pk: int):
    session = _session(request, session_pk)
    services.session_check_out(session=session, by=request.user)
    messages.success(request, _("%(station)s est libre.") % {"station": session.station})
    return redirect("room:board_of", pk=session.station.room_id)


@require(permissions.can_run_room)
@require_POST
def extend(request, session_pk: int):
    session = _session(request, session_pk)
    try:
        services.session_extend(session=session, minutes=30)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("30 minutes de plus sur %(station)s.") % {"station": session.station}
        )
    return redirect("room:board_of", pk=session.station.room_id)


@require(permissions.can_run_room)
@require_POST
def fault(request, station_pk: int):
    station = _station(request, station_pk)
    if station.is_working:
        services.station_report_fault(station=station, reason=request.POST.get("raison", ""))
        messages.success(request, _("%(station)s est signalé en panne.") % {"station": station})
    else:
        services.station_repair(station=station)
        messages.success(request, _("%(station)s remarche.") % {"station": station})
    return redirect("room:board_of", pk=station.room_id)


@require(permissions.can_run_room)
def reserve(request, station_pk: int):
    station = _station(request, station_pk)
    raw_person = request.GET.get("personne") or request.POST.get("personne")
    person = (
        object_or_404(Person.objects.visible_to(request.user), raw_person) if raw_person else None
    )
    form = ReservationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reservation_create(
                station=station, by=request.user, person=person, **form.cleaned_data
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Le poste est réservé."))
            return redirect("room:board_of", pk=station.room_id)
    query = request.GET.get("q", "")[:100]
    candidates = people_selectors.search_people(user=request.user, query=query)[0] if query else []
    return render(
        request,
        "room/reserve.html",
        {
            "station": station,
            "form": form,
            "person": person,
            "query": query,
            "candidates": candidates,
        },
    )


@require(permissions.can_run_room)
@require_POST
def waiting_add(request, pk: int):
    room = _room(request, pk)
    services.waiting_add(room=room, label=request.POST.get("label", ""))
    return redirect(reverse("room:board_of", args=[room.pk]))


@require(permissions.can_run_room)
@require_POST
def waiting_served(request, entry_pk: int):
    entry = get_object_or_404(
        WaitingForStation.objects.filter(room__in=Room.objects.visible_to(request.user)),
        pk=entry_pk,
    )
    services.waiting_serve(entry=entry)
    return redirect(reverse("room:board_of", args=[entry.room_id]))


WEEKDAY_LABELS = ["Lun", "Mar", "Mer", "Jeu", "Ven", "Sam", "Dim"]


@require(permissions.can_view_statistics)
@replica_reads
def statistics(request, pk: int):
    import datetime as dt

    from django.utils import timezone

    from passerelle.core.charts import bar_chart, heatmap

    room = _room(request, pk)
    until = timezone.localdate()
    try:
        months = max(1, min(int(request.GET.get("mois", "12")), 60))
    except ValueError:
        months = 12
    since = until - dt.timedelta(days=30 * months)
    data = selectors.usage(room=room, since=since, until=until)
    return render(
        request,
        "room/statistics.html",
        {
            "room": room,
            "months_span": months,
            "since": since,
            "until": until,
            "weekdays": WEEKDAY_LABELS,
            "rows": list(zip(WEEKDAY_LABELS, data["grid"], strict=True)),
            "heatmap": heatmap(
                rows=WEEKDAY_LABELS, columns=[f"{h}h" for h in data["hours"]], values=data["grid"]
            ),
            "purpose_chart": bar_chart(
                items=[(label, n) for label, n in data["purposes"]],
                max_value=max((n for _, n in data["purposes"]), default=1),
                unit="",
            ),
            **data,
        },
    )


@require(permissions.can_run_room)
@require_POST
def print_add(request, pk: int):
    """Pages printed at the desk, in two taps: for a person in session (or a guest)."""
    room = _room(request, pk)
    form = PrintForm(request.POST)
    person = None
    if request.POST.get("personne"):
        person = object_or_404(Person.objects.visible_to(request.user), request.POST["personne"])
    if not form.is_valid():
        messages.error(request, _("Indiquez un nombre de pages entre 1 et 500."))
        return redirect("room:board_of", pk=room.pk)
    try:
        job = services.print_record(
            room=room,
            pages=form.cleaned_data["pages"],
            colour=form.cleaned_data["colour"],
            person=person,
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if job.amount:
            messages.warning(
                request,
                _("%(pages)s page(s), dont %(free)s gratuite(s) : %(amount)s € à encaisser.")
                % {"pages": job.pages, "free": job.free_pages, "amount": job.amount},
            )
        else:
            messages.success(
                request, _("%(pages)s page(s) gratuite(s) notée(s).") % {"pages": job.pages}
            )
    return redirect("room:board_of", pk=room.pk)


@require(permissions.can_manage_sites)
def room_edit(request, pk: int):
    """A room's hours, time limit and print quota."""
    room = get_object_or_404(Room.objects.visible_to(request.user), pk=pk)
    form = RoomForm(request.POST or None, instance=room, user=request.user)
    if request.method == "POST" and form.is_valid():
        catalogue_entry_save(entry=form.instance, by=request.user)
        messages.success(request, _("C'est enregistré."))
        return redirect("room:setup")
    return render(request, "room/room_edit.html", {"form": form, "room": room})


@require(permissions.can_manage_sites)
def setup(request):
    """Rooms, their opening hours and time limit, and their stations: for the manager."""
    forms = PageForms(
        request,
        salle=lambda data: RoomForm(data, user=request.user),
        poste=lambda data: StationForm(data, user=request.user),
    )
    if (posted := forms.posted_valid()) is not None:
        catalogue_entry_save(entry=posted.form.instance, by=request.user)
        messages.success(request, _("C'est enregistré."))
        return redirect("room:setup")
    return render(
        request,
        "room/setup.html",
        {
            "rooms": Room.objects.visible_to(request.user)
            .prefetch_related("stations")
            .select_related("site"),
            **forms.context(room_form="salle", station_form="poste"),
        },
    )


@require(permissions.can_run_room)
def station(request, station_pk: int):
    """One station: its equipment, a fault to report (or repaired), a reservation to make,
    and (for a manager) its own screen's secret address."""
    station = _station(request, station_pk)
    can_setup = permissions.can_manage_sites(request.user)
    return render(
        request,
        "room/station.html",
        {
            "station": station,
            "reservations": station.reservations.active()
            .filter(ends_at__gte=timezone.now())
            .select_related("person")[:10],
            "can_setup": can_setup,
            "screen_url": request.build_absolute_uri(
                reverse("station_screen:screen", args=[station.screen_token])
            )
            if can_setup and station.screen_token
            else "",
        },
    )


@require(permissions.can_manage_sites)
@require_POST
def station_screen(request, station_pk: int):
    """Give the station its own screen (a new secret address; the old one stops) or take it
    away."""
    station = _station(request, station_pk)
    if request.POST.get("action") == "retirer":
        services.screen_remove(station=station)
        messages.success(request, _("%(station)s n'a plus d'écran.") % {"station": station})
    else:
        had = bool(station.screen_token)
        services.screen_new_address(station=station)
        messages.success(
            request,
            _("Nouvelle adresse pour l'écran de %(station)s : l'ancienne ne marche plus.")
            % {"station": station}
            if had
            else _("%(station)s a son écran : ouvrez son adresse sur le poste.")
            % {"station": station},
        )
    return redirect("room:station", station_pk=station.pk)


@require(permissions.can_manage_sites)
def guest_passes(request, pk: int):
    """Sheets of one-time codes for people without a file: make one, print it, stop it."""
    room = _room(request, pk)
    form = GuestPassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.guest_passes_create(room=room, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Codes créés : imprimez la feuille et découpez-la."))
            return redirect(reverse("room:guest_passes", args=[room.pk]) + f"#feuille-{batch}")
    return render(
        request,
        "room/guest_passes.html",
        {"room": room, "form": form, "sheets": selectors.guest_pass_sheets(room)},
    )


@require(permissions.can_manage_sites)
def guest_pass_sheet(request, pk: int, batch: str):
    room = _room(request, pk)
    passes = list(
        GuestPass.objects.filter(room=room, batch=batch, used_at__isnull=True, cancelled=False)
    )
    if not passes:
        raise Http404
    response = HttpResponse(
        documents.guest_pass_sheet_pdf(room=room, passes=passes), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="pass-invites-{batch}.pdf"'
    return response


@require(permissions.can_manage_sites)
@require_POST
def guest_pass_cancel(request, pk: int, batch: str):
    room = _room(request, pk)
    stopped = services.guest_passes_cancel(room=room, batch=batch)
    messages.success(
        request,
        ngettext(
            "%(count)s code non utilisé ne marche plus.",
            "%(count)s codes non utilisés ne marchent plus.",
            stopped,
        )
        % {"count": stopped},
    )
    return redirect("room:guest_passes", pk=room.pk)
