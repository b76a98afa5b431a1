"""The kiosk: the manager's page that registers kiosks, and the screens a person uses at the
entrance without an account (their secret address, in French, English or Arabic).

What the person's screens never show: a surname, a phone number, the reason of an
appointment, or whether someone has a file, beyond choosing one's own first name (and the
initial of the last name) among today's appointments or sign-ups that match the birth date
given. Lookups are limited per kiosk and per birth date."""

from __future__ import annotations

import datetime as dt
import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.appointments import selectors as appointment_selectors
from passerelle.appointments.enums import Pictogram
from passerelle.core.ratelimit import over_limit
from passerelle.kiosk import services
from passerelle.kiosk.forms import FirstNameForm, KioskForm
from passerelle.kiosk.models import WAITING_PLACE_DEFAULT, Kiosk
from passerelle.people import selectors as people_selectors
from passerelle.room import selectors as room_selectors
from passerelle.room.enums import Purpose
from passerelle.workshops import selectors as workshop_selectors

LANGUAGES = {"fr": "Français", "en": "English", "ar": "العربية"}
RTL = {"ar"}
# Lookups (a code, a birth date): per kiosk, and per birth date across the structure; how
# many is settings.KIOSK_LIMITS. Tickets too: a child playing with the screen stays harmless.
KIOSK_WINDOW, BIRTH_DATE_WINDOW = 600, 3600

# Each service's picture, and words for it in the kiosk's language (the service's own name,
# typed by the centre, stays as written).
SERVICE_PICTOS = {
    Pictogram.CAF: ("coin-euro", gettext_lazy("CAF, allocations")),
    Pictogram.JOB: ("briefcase", gettext_lazy("Emploi, France Travail")),
    Pictogram.HOUSING: ("home", gettext_lazy("Logement")),
    Pictogram.TAXES: ("receipt-tax", gettext_lazy("Impôts")),
    Pictogram.HEALTH: ("heart-plus", gettext_lazy("Santé")),
    Pictogram.PAPERS: ("id", gettext_lazy("Papiers, titre de séjour")),
    Pictogram.COMPUTER: ("device-desktop", gettext_lazy("Ordinateur, internet")),
    Pictogram.SOCIAL: ("heart-handshake", gettext_lazy("Aide sociale")),
    Pictogram.OTHER: ("help-circle", gettext_lazy("Autre chose")),
}
# What the person comes to do on a computer, in easy words (the room's statistics' purposes).
PURPOSES = {
    Purpose.JOB_SEARCH: ("briefcase", gettext_lazy("Chercher un travail")),
    Purpose.CAF: ("coin-euro", gettext_lazy("Mon dossier CAF")),
    Purpose.TAXES: ("receipt-tax", gettext_lazy("Mes impôts")),
    Purpose.TRAINING: ("school", gettext_lazy("Apprendre, me former")),
    Purpose.EMAIL: ("mail", gettext_lazy("Mes e-mails")),
    Purpose.OTHER: ("dots", gettext_lazy("Autre chose")),
}


# --- The manager's side ----------------------------------------------------------------------


@require(permissions.can_manage_sites)
def manage(request):
    """The structure's kiosks, their secret addresses, and a form to add one."""
    organisation_id = request.user.organisation_id
    form = KioskForm(request.POST or None, organisation_id=organisation_id)
    if request.method == "POST" and form.is_valid():
        kiosk = services.kiosk_save(kiosk=form.instance, by=request.user)
        messages.success(
            request,
            _("Borne « %(name)s » ajoutée. Ouvrez son adresse sur l'écran de l'entrée.")
            % {"name": kiosk.name},
        )
        return redirect("kiosk:manage")
    kiosks = Kiosk.objects.filter(organisation_id=organisation_id).select_related("site")
    rows = [
        (kiosk, request.build_absolute_uri(reverse("kiosk:start", args=[kiosk.token])))
        for kiosk in kiosks
    ]
    return render(request, "kiosk/manage.html", {"rows": rows, "form": form})


@require(permissions.can_manage_sites)
def edit(request, pk: int):
    kiosk = get_object_or_404(Kiosk, pk=pk, organisation_id=request.user.organisation_id)
    form = KioskForm(
        request.POST or None, instance=kiosk, organisation_id=request.user.organisation_id
    )
    if request.method == "POST" and form.is_valid():
        services.kiosk_save(kiosk=form.instance, by=request.user)
        messages.success(request, _("Borne enregistrée."))
        return redirect("kiosk:manage")
    return render(request, "kiosk/edit.html", {"kiosk": kiosk, "form": form})


@require(permissions.can_manage_sites)
@require_POST
def new_address(request, pk: int):
    kiosk = get_object_or_404(Kiosk, pk=pk, organisation_id=request.user.organisation_id)
    services.kiosk_new_address(kiosk=kiosk, by=request.user)
    messages.success(
        request,
        _("Nouvelle adresse pour la borne « %(name)s » : l'ancienne ne marche plus.")
        % {"name": kiosk.name},
    )
    return redirect("kiosk:manage")


# --- The person's side -----------------------------------------------------------------------


def kiosk_page(view):
    """A kiosk screen: the kiosk from its secret address (else "borne non configurée"), the
    language from the address, nothing kept in the browser's cache."""

    @login_not_required
    @never_cache
    @functools.wraps(view)
    def wrapped(request, token: str, lang: str = "fr", **kwargs):
        kiosk = (
            Kiosk.objects.filter(token=token, is_active=True, site__is_active=True)
            .select_related("site", "organisation")
            .first()
        )
        if lang not in LANGUAGES:
            lang = "fr"
        with translation.override(lang):
            if kiosk is None:
                return render(
                    request,
                    "kiosk/unknown.html",
                    {"lang": lang, "rtl": lang in RTL, "languages": []},
                    status=404,
                )
            services.kiosk_seen(kiosk=kiosk)
            request.kiosk, request.kiosk_lang = kiosk, lang
            return view(request, kiosk, **kwargs)

    return wrapped


def _render(request, template: str, context: dict | None = None, status: int = 200):
    kiosk, lang = request.kiosk, request.kiosk_lang
    match = request.resolver_match
    languages = []
    for code, name in LANGUAGES.items():
        if request.method == "GET":
            view_name = match.view_name
            if view_name == "kiosk:start":
                view_name = "kiosk:start_lang"
            url = reverse(view_name, kwargs={**match.kwargs, "lang": code})
            query = request.GET.urlencode()
            url = f"{url}?{query}" if query else url
        else:  # an answer to a form: the other language starts again
            url = reverse("kiosk:start_lang", args=[kiosk.token, code])
        languages.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == lang,
                "rtl": code in RTL,
            }
        )
    base = {
        "kiosk": kiosk,
        "lang": lang,
        "rtl": lang in RTL,
        "languages": languages,
        "home_url": reverse("kiosk:start", args=[kiosk.token]),
        "start_url": reverse("kiosk:start_lang", args=[kiosk.token, lang]),
        "idle_seconds": kiosk.idle_seconds,
    }
    return render(request, template, {**base, **(context or {})}, status=status)


def _url(request, name: str, *args, query: dict | None = None) -> str:
    url = reverse(name, args=[request.kiosk.token, request.kiosk_lang, *args])
    return f"{url}?{urlencode(query)}" if query else url


def _too_many(request):
    return _render(request, "kiosk/too_many.html", status=429)


def _lookup_allowed(kiosk: Kiosk, birth_date: dt.date | None = None) -> bool:
    """One lookup more for this kiosk (and this birth date): False past the ceilings."""
    limits = settings.KIOSK_LIMITS
    if over_limit(
        f"kiosk:{kiosk.pk}:lookup", limit=limits["lookups_per_kiosk"], seconds=KIOSK_WINDOW
    ):
        return False
    if birth_date is not None and over_limit(
        f"kiosk-birth:{kiosk.organisation_id}:{birth_date.isoformat()}",
        limit=limits["lookups_per_birth_date"],
        seconds=BIRTH_DATE_WINDOW,
    ):
        return False
    return True


def _birth_date(value: str | None) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if dt.date(1900, 1, 1) <= day <= timezone.localdate() else None


def _waiting_place(kiosk: Kiosk) -> str:
    if kiosk.waiting_place == WAITING_PLACE_DEFAULT:
        return _(WAITING_PLACE_DEFAULT)
    return kiosk.waiting_place


@kiosk_page
def start(request, kiosk):
    return _render(request, "kiosk/start.html")


# The "for what" of a birth-date lookup: an appointment, a workshop session, a station.
def _purpose_of(raw: str) -> tuple[str, str]:
    kind, _sep, value = (raw or "").partition("-")
    if kind == "rdv":
        return "rdv", ""
    if kind == "atelier" and value.isdigit():
        return "atelier", value
    if kind == "poste" and value in Purpose.values:
        return "poste", value
    return "", ""


def _after_birth_date(request, purpose: str, birth_date: dt.date) -> str:
    kind, value = _purpose_of(purpose)
    query = {"naissance": birth_date.isoformat()}
    if kind == "rdv":
        return _url(request, "kiosk:appointment_choose", query=query)
    if kind == "atelier":
        return _url(request, "kiosk:workshop_choose", int(value), query=query)
    return _url(request, "kiosk:station_name", value, query=query)


@kiosk_page
def birth_date(request, kiosk):
    """Day, then month, then decade, then year: one big button per choice, no typing."""
    purpose = request.GET.get("pour", "")
    if not _purpose_of(purpose)[0]:
        return redirect("kiosk:start_lang", kiosk.token, request.kiosk_lang)
    chosen = {key: request.GET.get(key, "") for key in ("jour", "mois", "decennie", "annee")}
    day, month = chosen["jour"], chosen["mois"]
    decade, year = chosen["decennie"], chosen["annee"]
    if day and month and year:
        try:
            born = dt.date(int(year), int(month), int(day))
        except ValueError:
            born = None
        if born is None or _birth_date(born.isoformat()) is None:
            return _render(
                request,
                "kiosk/birth_date.html",
                {
                    "step": "wrong",
                    "retry": _url(request, "kiosk:birth_date", query={"pour": purpose}),
                },
            )
        return redirect(_after_birth_date(request, purpose, born))

    def link(**more) -> str:
        return _url(
            request,
            "kiosk:birth_date",
            query={"pour": purpose, **{k: v for k, v in chosen.items() if v}, **more},
        )

    if not day.isdigit():
        step, title = "day", _("Quel jour êtes-vous né(e) ?")
        choices = [(str(n), link(jour=n)) for n in range(1, 32)]
    elif not month.isdigit():
        step, title = "month", _("Quel mois êtes-vous né(e) ?")
        choices = [(f"{MONTHS[n]}", link(mois=n)) for n in range(1, 13)]
    elif not decade.isdigit():
        step, title = "decade", _("En quelle année êtes-vous né(e) ?")
        this_year = timezone.localdate().year
        choices = [
            (f"{d} – {min(d + 9, this_year)}", link(decennie=d))
            for d in range(1920, this_year + 1, 10)
        ]
    else:
        step, title = "year", _("En quelle année êtes-vous né(e) ?")
        first = int(decade)
        this_year = timezone.localdate().year
        choices = [(str(y), link(annee=y)) for y in range(first, min(first + 10, this_year + 1))]
    summary = ""
    if day.isdigit():
        summary = day
        if month.isdigit() and 1 <= int(month) <= 12:
            summary += f" {MONTHS[int(month)]}"
    return _render(
        request,
        "kiosk/birth_date.html",
        {"step": step, "title": title, "choices": choices, "summary": summary},
    )


# --- "J'ai rendez-vous" ----------------------------------------------------------------------


@kiosk_page
def appointment(request, kiosk):
    return _render(
        request,
        "kiosk/appointment.html",
        {"birth_url": _url(request, "kiosk:birth_date", query={"pour": "rdv"})},
    )


@kiosk_page
def appointment_code(request, kiosk):
    """The six digits of the confirmation SMS."""
    error = ""
    if request.method == "POST":
        code = "".join(ch for ch in request.POST.get("code", "") if ch.isdigit())
        if len(code) != 6:
            error = _("Le code a 6 chiffres. Regardez le SMS du rendez-vous.")
        elif not _lookup_allowed(kiosk):
            return _too_many(request)
        else:
            found = appointment_selectors.kiosk_appointment_by_code(
                site_id=kiosk.site_id, code=code
            )
            if found is not None:
                return _appointment_done(request, kiosk, found)
            error = _("Ce code ne correspond à aucun rendez-vous aujourd'hui ici.")
    return _render(
        request,
        "kiosk/appointment_code.html",
        {"error": error, "digits": "1234567890"},
        status=400 if error else 200,
    )


@kiosk_page
def appointment_choose(request, kiosk):
    """Today's appointments here of people born that day: first name and initial only."""
    born = _birth_date(request.GET.get("naissance") or request.POST.get("naissance"))
    if born is None:
        return redirect(_url(request, "kiosk:appointment"))
    if request.method == "POST":
        chosen = next(
            (
                a
                for a in appointment_selectors.kiosk_appointments_born(
                    site_id=kiosk.site_id, birth_date=born
                )
                if str(a.pk) == request.POST.get("rdv")
            ),
            None,
        )
        if chosen is not None:
            return _appointment_done(request, kiosk, chosen)
        return redirect(_url(request, "kiosk:appointment"))
    if not _lookup_allowed(kiosk, born):
        return _too_many(request)
    found = appointment_selectors.kiosk_appointments_born(site_id=kiosk.site_id, birth_date=born)
    return _render(
        request, "kiosk/appointment_choose.html", {"found": found, "born": born.isoformat()}
    )


def _appointment_done(request, kiosk, found):
    try:
        found = services.appointment_check_in(kiosk=kiosk, appointment=found)
    except ValidationError:
        return _render(request, "kiosk/see_reception.html")
    found = appointment_selectors.kiosk_appointments(site_id=kiosk.site_id).get(pk=found.pk)
    return _render(
        request,
        "kiosk/appointment_done.html",
        {
            "first_name": found.person.first_name,
            "time": timezone.localtime(found.starts_at),
            "worker": found.worker.first_name,
            "waiting_place": _waiting_place(kiosk),
        },
    )


# --- "Je veux voir quelqu'un" / "J'ai besoin d'aide pour une démarche" ------------------------


@kiosk_page
def ticket(request, kiosk):
    choices = []
    for service in appointment_selectors.kiosk_services(organisation_id=kiosk.organisation_id):
        picto, words = SERVICE_PICTOS.get(service.pictogram, SERVICE_PICTOS[Pictogram.OTHER])
        choices.append({"service": service, "picto": picto, "words": words})
    if request.method == "POST":
        wanted = request.POST.get("service", "")
        service = next((c["service"] for c in choices if str(c["service"].pk) == wanted), None)
        if wanted and service is None:
            return redirect(_url(request, "kiosk:ticket"))
        ceiling = settings.KIOSK_LIMITS["tickets_per_kiosk"]
        if over_limit(f"kiosk:{kiosk.pk}:ticket", limit=ceiling, seconds=KIOSK_WINDOW):
            return _too_many(request)
        taken = services.ticket_take(kiosk=kiosk, service=service)
        return redirect(_url(request, "kiosk:ticket_show", taken.number))
    return _render(
        request,
        "kiosk/ticket.html",
        {"choices": choices, "procedure": request.GET.get("pour") == "demarche"},
    )


@kiosk_page
def ticket_show(request, kiosk, number: int):
    """The ticket, on screen and for the 80 mm printer: a number and a wait, nothing else."""
    return _render(
        request,
        "kiosk/ticket_show.html",
        {
            "number": number,
            "minutes": appointment_selectors.estimated_wait_minutes(site=kiosk.site),
            "now": timezone.localtime(),
        },
    )


# --- "Je viens pour un atelier" --------------------------------------------------------------


@kiosk_page
def workshop(request, kiosk):
    sessions = workshop_selectors.kiosk_sessions(site_id=kiosk.site_id)
    rows = [
        (s, _url(request, "kiosk:birth_date", query={"pour": f"atelier-{s.pk}"})) for s in sessions
    ]
    return _render(request, "kiosk/workshop.html", {"rows": rows})


@kiosk_page
def workshop_choose(request, kiosk, session_id: int):
    session = workshop_selectors.kiosk_session(site_id=kiosk.site_id, session_id=session_id)
    born = _birth_date(request.GET.get("naissance") or request.POST.get("naissance"))
    if session is None or born is None:
        return redirect(_url(request, "kiosk:workshop"))
    if request.method == "POST":
        chosen = next(
            (
                r
                for r in workshop_selectors.kiosk_registrations_born(
                    session=session, birth_date=born
                )
                if str(r.pk) == request.POST.get("inscription")
            ),
            None,
        )
        if chosen is None:
            return redirect(_url(request, "kiosk:workshop"))
        try:
            services.workshop_arrival(kiosk=kiosk, registration=chosen)
        except ValidationError:
            return _render(request, "kiosk/see_reception.html")
        return _render(
            request,
            "kiosk/workshop_done.html",
            {"first_name": chosen.person.first_name, "session": session},
        )
    if not _lookup_allowed(kiosk, born):
        return _too_many(request)
    found = workshop_selectors.kiosk_registrations_born(session=session, birth_date=born)
    return _render(
        request,
        "kiosk/workshop_choose.html",
        {
            "session": session,
            "found": found,
            "born": born.isoformat(),
            "form": FirstNameForm(),
            "walk_in_url": _url(request, "kiosk:workshop_walk_in", session.pk),
        },
    )


@kiosk_page
@require_POST
def workshop_walk_in(request, kiosk, session_id: int):
    """Not signed up: a seat if one is free, for the one file with this birth date and first
    name; otherwise the person is sent to the facilitator (never told whether a file exists)."""
    session = workshop_selectors.kiosk_session(site_id=kiosk.site_id, session_id=session_id)
    born = _birth_date(request.POST.get("naissance"))
    form = FirstNameForm(request.POST)
    if session is None or born is None or not form.is_valid():
        return redirect(_url(request, "kiosk:workshop"))
    if not _lookup_allowed(kiosk, born):
        return _too_many(request)
    person = people_selectors.kiosk_person(
        organisation_id=kiosk.organisation_id,
        first_name=form.cleaned_data["first_name"],
        birth_date=born,
    )
    if person is None or session.free_seats <= 0:
        return _render(request, "kiosk/see_reception.html", {"session": session})
    try:
        services.workshop_walk_in(kiosk=kiosk, session=session, person=person)
    except ValidationError:
        return _render(request, "kiosk/see_reception.html", {"session": session})
    return _render(
        request,
        "kiosk/workshop_done.html",
        {"first_name": person.first_name, "session": session},
    )


# --- "Je veux un ordinateur" -----------------------------------------------------------------


def _room_open(room) -> bool:
    now = timezone.localtime().time()
    return room.opens_at <= now < room.closes_at


@kiosk_page
def station(request, kiosk):
    room = room_selectors.kiosk_room(site_id=kiosk.site_id)
    if room is not None and not _room_open(room):
        return _render(request, "kiosk/station_closed.html", {"room": room})
    board = room_selectors.board(room) if room is not None else None
    purposes = [
        {
            "value": purpose.value,
            "label": label,
            "picto": picto,
            "url": _url(request, "kiosk:station_who", purpose.value),
        }
        for purpose, (picto, label) in PURPOSES.items()
    ]
    return _render(
        request,
        "kiosk/station.html",
        {"room": room, "board": board, "purposes": purposes, "form": FirstNameForm()},
    )


@kiosk_page
def station_who(request, kiosk, purpose: str):
    if purpose not in Purpose.values:
        return redirect(_url(request, "kiosk:station"))
    return _render(
        request,
        "kiosk/station_who.html",
        {
            "purpose": purpose,
            "birth_url": _url(request, "kiosk:birth_date", query={"pour": f"poste-{purpose}"}),
        },
    )


@kiosk_page
def station_name(request, kiosk, purpose: str):
    born = _birth_date(request.GET.get("naissance"))
    if purpose not in Purpose.values or born is None:
        return redirect(_url(request, "kiosk:station"))
    return _render(
        request,
        "kiosk/station_name.html",
        {"purpose": purpose, "born": born.isoformat(), "form": FirstNameForm()},
    )


@kiosk_page
@require_POST
def station_take(request, kiosk):
    purpose = request.POST.get("purpose", "")
    if purpose not in Purpose.values:
        return redirect(_url(request, "kiosk:station"))
    person = None
    if request.POST.get("guest") != "1":
        born = _birth_date(request.POST.get("naissance"))
        form = FirstNameForm(request.POST)
        if born is None or not form.is_valid():
            return redirect(_url(request, "kiosk:station"))
        if not _lookup_allowed(kiosk, born):
            return _too_many(request)
        person = people_selectors.kiosk_person(
            organisation_id=kiosk.organisation_id,
            first_name=form.cleaned_data["first_name"],
            birth_date=born,
        )
        # Not found: a session as a guest all the same; the screen says nothing about it.
    session = services.station_take(kiosk=kiosk, purpose=purpose, person=person)
    if session is None:
        return redirect(_url(request, "kiosk:station"))
    return _render(
        request,
        "kiosk/station_done.html",
        {
            "station": session.station.name,
            "minutes": round((session.planned_end_at - session.started_at).total_seconds() / 60),
            "until": timezone.localtime(session.planned_end_at),
            # A station with its own screen opens with this code, typed there.
            "code": session.unlock_code,
        },
    )


@kiosk_page
@require_POST
def station_wait(request, kiosk):
    form = FirstNameForm(request.POST)
    if not form.is_valid():
        room = room_selectors.kiosk_room(site_id=kiosk.site_id)
        return _render(
            request,
            "kiosk/station.html",
            {
                "room": room,
                "board": room_selectors.board(room) if room is not None else None,
                "purposes": [],
                "form": form,
            },
            status=400,
        )
    try:
        services.station_wait(kiosk=kiosk, label=form.cleaned_data["first_name"])
    except ValidationError:
        return redirect(_url(request, "kiosk:station"))
    room = room_selectors.kiosk_room(site_id=kiosk.site_id)
    board = room_selectors.board(room)
    return _render(
        request,
        "kiosk/station_waiting.html",
        {"minutes": board["next_free_minutes"], "position": len(board["waiting"])},
    )
