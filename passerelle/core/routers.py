"""An optional read replica: with DATABASE_REPLICA_URL set, the statistics and the exports
read from it (they read much and can be a few seconds behind), everything else — and every
write, even inside those pages — goes to the primary.

The pages that may read from the replica say so with `@replica_reads`; the router sends a
read there only inside such a page (a context variable, so threads and requests never mix).
A streamed export keeps reading from the replica while it streams, after the view returned.
"""

from __future__ import annotations

import contextvars
import functools
from contextlib import contextmanager

from django.db import connections
from django.http import StreamingHttpResponse

REPLICA = "replica"
_reading = contextvars.ContextVar("passerelle_replica_reads", default=False)


@contextmanager
def from_replica():
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def _streamed(content):
    with from_replica():
        yield from content


def replica_reads(view):
    """A view whose reads may go to the replica (statistics, exports)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with from_replica():
            response = view(request, *args, **kwargs)
        if isinstance(response, StreamingHttpResponse):
            response.streaming_content = _streamed(response.streaming_content)
        return response

    return wrapped


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading.get() and REPLICA in connections.databases:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
