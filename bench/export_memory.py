"""Memory of the anonymised CSV export over every activity of the bench database: rows
are counted as they stream out and Python's peak allocation is reported (tracemalloc)."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import tracemalloc

import django


def main() -> None:
    from bench.run import environment

    os.environ.update(environment())
    django.setup()
    from passerelle.core.models import Activity, Organisation
    from passerelle.reports import exports, selectors
    from passerelle.reports.forms import Scope

    organisation = Organisation.objects.order_by("pk").first()
    scope = Scope(organisation.pk, None, "", None, dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    qs = selectors.activities(scope)
    tracemalloc.start()
    started = time.perf_counter()
    lines = size = 0
    for chunk in exports.csv_stream(exports.HEADER, exports.rows(qs, organisation.pk)):
        lines += chunk.count("\n")
        size += len(chunk)
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    print(
        json.dumps(
            {
                "activities": Activity.objects.count(),
                "rows": lines - 1,
                "megabytes_written": round(size / 1e6, 1),
                "seconds": round(seconds, 1),
                "python_peak_megabytes": round(peak / 1e6, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
