"""When the database is busy: a French "try again" page, never a 500 that hides a lost form.

SQLite waits up to its busy timeout for another writer; PostgreSQL can time out on a lock.
Past that, the error handler (core.views.error_500) gives the person a 503 page that says
plainly that what they just sent was not saved, and that their browser's back button brings
their form back as they typed it. A page that only reads never fails because the session's
expiry could not be pushed back.
"""

from __future__ import annotations

import time

from django.contrib.sessions.middleware import SessionMiddleware
from django.db import OperationalError
from django.http import HttpResponse
from django.template import loader

BUSY_WORDS = ("database is locked", "database table is locked", "lock timeout", "deadlock")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def is_busy(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and any(
        word in str(error).lower() for word in BUSY_WORDS
    )


def busy_response(request) -> HttpResponse:
    # No context processors: they would ask the busy database again.
    body = loader.get_template("503.html").render(
        {"sent_a_form": request.method not in SAFE_METHODS}
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = "5"
    return response


# A signed-in session's expiry slides (30 idle minutes), but is written at most once a
# minute: a write on every page would serialise SQLite's writers under load (issue #23).
SLIDE_SECONDS = 60
SLID_AT = "_slid_at"


def slide(request, *, now: float | None = None) -> None:
    """Mark a signed-in session to be saved (its expiry pushed back) when it was last saved
    a minute ago or more; anonymous visitors (the kiosk, a person's link) get no session."""
    session = getattr(request, "session", None)
    if session is None or session.session_key is None:
        return
    now = time.time() if now is None else now
    if session.modified or now - session.get(SLID_AT, 0) >= SLIDE_SECONDS:
        if "_auth_user_id" in session:
            session[SLID_AT] = int(now)


class TolerantSessionMiddleware(SessionMiddleware):
    """Sessions slide (30 idle minutes; saved at most once a minute when nothing else in
    them changed); when the database is too busy to save that on a page that only reads, the
    page is served anyway and the expiry slides at the next request."""

    def process_response(self, request, response):
        slide(request)
        try:
            return super().process_response(request, response)
        except OperationalError as error:
            if request.method in SAFE_METHODS and is_busy(error):
                return response
            raise
