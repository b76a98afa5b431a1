"""A ceiling on how often one address may call a page that needs no login (the data·inclusion
feed today; the people's own doors tomorrow): a counter per address and window in Django's
cache (per process with the default local-memory cache: a ceiling, not an exact count)."""

from __future__ import annotations

import functools
import time

from django.core.cache import cache
from django.http import JsonResponse
from django.utils.translation import gettext as _

from passerelle.core.network import client_ip


def over_limit(key: str, *, limit: int, seconds: int) -> bool:
    """Count one call for `key` in the current window; True past `limit` calls."""
    window = int(time.time() // seconds)
    name = f"ratelimit:{key}:{window}"
    if cache.add(name, 1, timeout=seconds):
        return False
    try:
        return cache.incr(name) > limit
    except ValueError:  # the entry expired between add and incr
        cache.add(name, 1, timeout=seconds)
        return False


def per_address(*, limit: int, seconds: int = 60):
    """A view decorator: past `limit` calls a minute from one address, a 429 in French."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            key = f"{view.__module__}.{view.__name__}:{client_ip(request) or 'unknown'}"
            if over_limit(key, limit=limit, seconds=seconds):
                response = JsonResponse(
                    {"detail": _("Trop de demandes : réessayez dans une minute.")}, status=429
                )
                response["Retry-After"] = str(seconds)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
