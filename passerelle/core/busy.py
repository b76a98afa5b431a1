"""When the database is busy: a French "try again" page, never a 500 that hides a lost form.

SQLite waits up to its busy timeout for another writer; PostgreSQL can time out on a lock.
Past that, the error handler (core.views.error_500) gives the person a 503 page that says
plainly that what they just sent was not saved, and that their browser's back button brings
their form back as they typed it. A page that only reads never fails because the session's
expiry could not be pushed back.
"""

from __future__ import annotations

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


class TolerantSessionMiddleware(SessionMiddleware):
    """Sessions slide on every request (30 idle minutes); when the database is too busy to
    save that on a page that only reads, the page is served anyway and the expiry slides at
    the next request."""

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except OperationalError as error:
            if request.method in SAFE_METHODS and is_busy(error):
                return response
            raise
