"""The Coop's workbook at bench volume: one year of the whole organisation (the team export a
manager sends each year) and the CSV over every year, with the time and Python's peak memory
(tracemalloc). `python -m bench.coop_export` (builds the bench database if it is missing)."""

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
    year_end = timezone.localdate()
    one_year = Scope(organisation.pk, None, "", None, year_end - dt.timedelta(days=364), year_end)
    every = Scope(organisation.pk, None, "", None, dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    results = {}

    tracemalloc.start()
    started = time.perf_counter()
    handle = coop.xlsx_file(
        qs=selectors.activities(one_year),
        organisation_id=organisation.pk,
        user=manager,
        start=one_year.start,
        end=one_year.end,
        site_names=[],
        self_export=False,
    )
    size = len(handle.read())
    _current, peak = tracemalloc.get_traced_memory()
    results["xlsx_one_year"] = {
        "rows": coop.total(selectors.activities(one_year)),
        "seconds": round(time.perf_counter() - started, 1),
        "megabytes": round(size / 1e6, 1),
        "python_peak_megabytes": round(peak / 1e6, 1),
    }
    tracemalloc.reset_peak()
    started = time.perf_counter()
    rows = sum(
        1
        for _line in coop.csv_rows(
            selectors.activities(every), organisation_id=organisation.pk, self_export=False
        )
    )
    _current, peak = tracemalloc.get_traced_memory()
    results["csv_every_year"] = {
        "rows": rows,
        "seconds": round(time.perf_counter() - started, 1),
        "python_peak_megabytes": round(peak / 1e6, 1),
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
