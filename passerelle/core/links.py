"""The address of a person's own link, as it is written in their messages."""

from __future__ import annotations

from django.conf import settings


def personal_link(token: str | None) -> str:
    """`https://<host>/r/<token>`, short enough for an SMS; "" without a token."""
    if not token:
        return ""
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/r/{token}"
