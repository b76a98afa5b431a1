"""A ceiling on how often one key (an address, a station, a kiosk) may call a page that needs no
login: the data·inclusion feed and the people's own doors (kiosk, booking, personal link,
station screens).

The counters are rows of `RateCounter`, counted by one atomic upsert, so that every app server
and every process behind a load balancer counts the same calls: with three servers a ceiling of
10 stays 10, not 30. One write per call to such a page, never on staff pages. A counter names
its key by a keyed hash: no address or birth date is stored in clear, and the daily task
deletes the counters whose window is over."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils.translation import gettext as _

from passerelle.core.models import RateCounter
from passerelle.core.network import client_ip

_UPSERT = (
    "INSERT INTO {table} (name, hits, expires_at) VALUES (%s, 1, %s) "
    "ON CONFLICT (name) DO UPDATE SET hits = {table}.hits + 1 RETURNING hits"
)


def counter_name(key: str, window: int) -> str:
    """What is stored for `key`: its kind in clear ("kiosk-birth", "public-link"…), the rest
    (an IP address, a birth date) only as a keyed hash, which counts the same calls."""
    kind, _, rest = key.partition(":")
    digest = hmac.new(settings.SECRET_KEY.encode(), rest.encode(), hashlib.sha256).hexdigest()
    return f"{kind[:60]}:{digest[:32]}:{window}"


def over_limit(key: str, *, limit: int, seconds: int) -> bool:
    """Count one call for `key` in the current window; True past `limit` calls."""
    window = int(time.time() // seconds)
    expires_at = dt.datetime.fromtimestamp((window + 1) * seconds, tz=dt.UTC)
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            _UPSERT.format(table=table),
            [counter_name(key, window), connection.ops.adapt_datetimefield_value(expires_at)],
        )
        (hits,) = cursor.fetchone()
    return hits > limit


def forget_expired(*, now: dt.datetime) -> int:
    """The daily task's cleaning: counters whose window is over."""
    deleted, _kinds = RateCounter.objects.filter(expires_at__lt=now).delete()
    return deleted


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
