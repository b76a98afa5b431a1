"""The client's address, as the journal and login throttling see it.

Behind reverse proxies (nginx, Caddy), REMOTE_ADDR is the last proxy's address and each proxy
appends the address it received the request from to X-Forwarded-For. With
`PASSERELLE_TRUSTED_PROXIES = N` (the number of proxies of our own in front of gunicorn), the
client is the N-th address from the right of that header; anything further left was written
by the client and is ignored. With 0 (the default: gunicorn faces the network), the header
is ignored altogether, so a spoofed header changes nothing.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = getattr(settings, "PASSERELLE_TRUSTED_PROXIES", 0)
    if trusted <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < trusted:
        return remote  # not through all our proxies: trust only the connection
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
