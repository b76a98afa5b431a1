"""Second factor: a staff member signed in with a password must also prove a TOTP code."""

from __future__ import annotations

import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty
from django.utils.http import urlencode

from passerelle.accounts import two_factor

# Views a half-signed-in user may reach: the 2FA pages, logout, health and assets.
EXEMPT_URL_NAMES = {
    "accounts:login",
    "accounts:logout",
    "accounts:otp_verify",
    "accounts:otp_enrol",
    "accounts:otp_qr",
    "accounts:session_extend",
    "accounts:set_password",
    "core:healthz",
}


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The user is read here on every request anyway: from now on the page reads the
        # object itself, not through the two lazy proxies around it (Django's, then
        # django-otp's), which each of its ~200 reads of request.user went through.
        request.user = user = _unwrapped(request.user)
        if user.is_authenticated:
            two_factor.note_activity(request, now=time.time())
            response = self._gate(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _gate(self, request, user):
        if request.path.startswith(settings.STATIC_URL):
            return None
        if user.is_verified() or not two_factor.is_required_for(user):
            return None
        match = request.resolver_match or _resolve(request.path_info)
        if match is not None and match.view_name in EXEMPT_URL_NAMES:
            return None
        target = "accounts:otp_verify" if two_factor.has_device(user) else "accounts:otp_enrol"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


def _unwrapped(user):
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def _resolve(path):
    from django.urls import Resolver404, resolve

    try:
        return resolve(path)
    except Resolver404:
        return None
