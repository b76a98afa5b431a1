"""A station's own screen, at its secret address, without an account: locked, it shows the
room's rules and asks for a code (from the desk, the kiosk, or a guest pass); open, the time
left with warnings at 5 and 1 minutes, "+30 min", and "I am done" with the reminder to sign
out of one's accounts. `api/…` is the same for the station agent (JSON, no cookie): it locks
the machine itself. An unknown or revoked address shows only "poste non configuré"."""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from passerelle.core.ratelimit import over_limit
from passerelle.room import selectors, services

WINDOW = 600
DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]


def _screen(view):
    """The station of the secret address, or "poste non configuré" (404)."""

    @login_not_required
    @never_cache
    @functools.wraps(view)
    def wrapped(request, token: str, *args, **kwargs):
        station = selectors.screen_station(token)
        if station is None:
            if view.__name__.startswith("api_"):
                return JsonResponse({"state": "unconfigured"}, status=404)
            return render(request, "room/screen/unconfigured.html", _base(), status=404)
        response = view(request, station, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


def _base() -> dict:
    return {"lang": "fr", "rtl": False}


def _too_many(station) -> bool:
    limits = settings.STATION_SCREEN_LIMITS
    return over_limit(
        f"station-screen:{station.pk}", limit=limits["codes_per_station"], seconds=WINDOW
    ) or over_limit(
        f"station-screen-room:{station.room_id}", limit=limits["codes_per_room"], seconds=WINDOW
    )


def _unlock(station, code: str) -> str:
    """The error to show, or "" when the code opened the station."""
    if _too_many(station):
        return _("Trop d'essais. Demandez à l'accueil.")
    try:
        services.screen_unlock(station=station, code=code)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def _state(station):
    session = services.screen_refresh(station=station)
    return selectors.screen_state(station, session)


def _page(request, station, *, error: str = "", notice: str = "", status: int = 200):
    state = _state(station)
    token = station.screen_token
    return render(
        request,
        "room/screen/screen.html",
        {
            **_base(),
            "station": station,
            "room": station.room,
            "screen": state,
            "rules": selectors.room_rules(station.room),
            "digits": DIGITS,
            "error": error,
            "notice": notice,
            "end_grace_seconds": int(services.END_GRACE.total_seconds()),
            "state_url": reverse("station_screen:api_state", args=[token]),
            "screen_url": reverse("station_screen:screen", args=[token]),
        },
        status=status,
    )


@_screen
def screen(request, station):
    return _page(request, station)


@_screen
@require_POST
def unlock(request, station):
    error = _unlock(station, request.POST.get("code", "")[:20])
    if error:
        status = 429 if error == _("Trop d'essais. Demandez à l'accueil.") else 200
        return _page(request, station, error=error, status=status)
    return redirect("station_screen:screen", token=station.screen_token)


def _open_session(station):
    state = _state(station)
    return state.session if state.unlocked else None


@_screen
@require_POST
def extend(request, station):
    session = _open_session(station)
    if session is None:
        return redirect("station_screen:screen", token=station.screen_token)
    try:
        granted = services.screen_extend(session=session)
    except ValidationError as error:
        return _page(request, station, error=" ".join(error.messages))
    if granted:
        return _page(request, station, notice=_("C'est fait : 30 minutes de plus."))
    return _page(
        request,
        station,
        notice=_("Votre demande est envoyée à l'équipe. Elle vous répond dans un instant."),
    )


@_screen
@require_POST
def end(request, station):
    session = _open_session(station)
    if session is not None:
        services.session_check_out(session=session, by=None)
    return _page(request, station, notice=_("Merci, à bientôt !"))


# --- The agent's side: the same, in JSON ----------------------------------------------------


def _json(station, *, status: int = 200, **extra) -> JsonResponse:
    state = _state(station)
    session = state.session
    return JsonResponse(
        {
            "state": state.state,
            "station": station.name,
            "room": station.room.name,
            "rules": selectors.room_rules(station.room),
            "seconds_left": state.seconds_left,
            "ends_at": timezone.localtime(session.planned_end_at).strftime("%H:%M")
            if session is not None
            else "",
            "extension_requested": bool(session and session.extension_requested_at),
            "end_grace_seconds": int(services.END_GRACE.total_seconds()),
            **extra,
        },
        status=status,
    )


@_screen
@require_GET
def api_state(request, station):
    return _json(station)


@csrf_exempt
@_screen
@require_POST
def api_unlock(request, station):
    error = _unlock(station, request.POST.get("code", "")[:20])
    if error:
        too_many = error == _("Trop d'essais. Demandez à l'accueil.")
        return _json(station, status=429 if too_many else 400, error=error)
    return _json(station)


@csrf_exempt
@_screen
@require_POST
def api_extend(request, station):
    session = _open_session(station)
    if session is None:
        return _json(station, status=409, error=_("Aucune session ouverte."))
    try:
        granted = services.screen_extend(session=session)
    except ValidationError as error:
        return _json(station, status=400, error=" ".join(error.messages))
    return _json(station, granted=granted)


@csrf_exempt
@_screen
@require_POST
def api_end(request, station):
    session = _open_session(station)
    if session is not None:
        services.session_check_out(session=session, by=None)
    return _json(station)
