"""La Coop's workbook at bench volume: the team export of one month and of one year (as a
manager sends them), the CSV over every year, with the time; Python's peak memory
(tracemalloc, measured apart: it slows Python down) for the year's CSV.
`python -m bench.coop_export` (builds the bench database if it is missing)."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import tracemalloc

import django


def main() -> None:
    from bench.run import build_database, environment

    build_database()
    os.environ.update(environment())
    django.setup()
    from django.utils import timezone

    from passerelle.accounts.models import User
    from passerelle.core.models import Organisation
    from passerelle.reports import coop, selectors
    from passerelle.reports.forms import Scope

    organisation = Organisation.objects.order_by("pk").first()
    manager = User.objects.filter(organisation=organisation, role="manager").first()
    end = timezone.localdate()

    def scope(days: int) -> Scope:
        return Scope(organisation.pk, None, "", None, end - dt.timedelta(days=days - 1), end)

    results = {}
    for name, days in (("xlsx_one_month", 30), ("xlsx_one_year", 365)):
        period = scope(days)
        started = time.perf_counter()
        handle = coop.xlsx_file(
            qs=selectors.activities(period),
            organisation_id=organisation.pk,
            user=manager,
            start=period.start,
            end=period.end,
            site_names=[],
            self_export=False,
        )
        size = len(handle.read())
        results[name] = {
            "activities": selectors.activities(period).count(),
            "rows": coop.total(selectors.activities(period)),
            "seconds": round(time.perf_counter() - started, 1),
            "megabytes": round(size / 1e6, 1),
        }
    every = Scope(organisation.pk, None, "", None, dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    started = time.perf_counter()
    qs = selectors.activities(every)
    rows = sum(1 for _line in coop.csv_rows(qs, organisation_id=organisation.pk, self_export=False))
    results["csv_every_year"] = {"rows": rows, "seconds": round(time.perf_counter() - started, 1)}
    tracemalloc.start()
    qs = selectors.activities(scope(365))
    for _line in coop.csv_rows(qs, organisation_id=organisation.pk, self_export=False):
        pass
    _current, peak = tracemalloc.get_traced_memory()
    results["csv_one_year_python_peak_megabytes"] = round(peak / 1e6, 1)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
