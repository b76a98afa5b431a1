"""The floor of the statistics pages: the very SQL statements a page runs, replayed with
sqlite3 alone (no Django, no Python aggregation, no template). Run by bench/run.py in the
bench environment; prints JSON {path: {"queries": n, "p50_ms": …, "p95_ms": …}}."""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import sys
import time

import django

REPEAT = int(os.environ.get("BENCH_RAW_REPEAT", "15"))
# Statements about the request itself (session, user, 2FA), not the figures.
SKIP = ("django_session", "accounts_user", "otp_", "axes_", "django_content_type")


def main(paths: list[str]) -> None:
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from passerelle.accounts.models import User

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(User.objects.filter(role="manager").order_by("pk").first())
    database = settings.DATABASES["default"]["NAME"]
    results = {}
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        statements = [
            q["sql"] for q in captured.captured_queries if not any(s in q["sql"] for s in SKIP)
        ]
        raw = sqlite3.connect(database)
        timings = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            for sql in statements:
                raw.execute(sql).fetchall()
            timings.append((time.perf_counter() - started) * 1000)
        raw.close()
        timings.sort()
        results[path] = {
            "queries": len(statements),
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(timings[max(int(len(timings) * 0.95) - 1, 0)], 1),
        }
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1:])
