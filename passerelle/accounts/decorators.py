"""View decorators every app uses: a permission function, and the second factor re-asked
before sensitive actions."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from passerelle.accounts import two_factor


def require(permission):
    """403 unless `permission(request.user)` (a function of `accounts.permissions`)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not permission(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def sensitive(view):
    """Ask the second factor again before a sensitive action after a long idle time."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if two_factor.needs_reverification(request):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:otp_verify')}?{query}")
        return view(request, *args, **kwargs)

    return wrapper
