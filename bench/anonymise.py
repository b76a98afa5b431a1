"""Anonymisation at volume (after `make bench` built var/bench/): on a copy of the bench
database, the 5,000 files with the oldest last contact are anonymised the way the daily task
does it (one transaction each, progress printed), and the dashboard of every past year and
of the five years is compared before and after: it must not change.

    .venv/bin/python -m bench.anonymise
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time

import django

FILES = int(os.environ.get("BENCH_ANONYMISE", "5000"))


def main() -> None:
    from bench.run import BENCH_DIR, DATABASE, environment

    copy = BENCH_DIR / "anonymise.sqlite3"
    shutil.copyfile(DATABASE, copy)
    os.environ.update({**environment(), "DATABASE_URL": f"sqlite:///{copy}"})
    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from passerelle.core.models import Organisation
    from passerelle.people.models import Person
    from passerelle.privacy import selectors as privacy
    from passerelle.privacy import services
    from passerelle.reports import selectors
    from passerelle.reports.forms import Scope

    call_command("migrate", verbosity=0)  # the copy may predate the latest migrations
    organisation = Organisation.objects.order_by("pk").first()
    today = timezone.localdate()
    periods = [(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in range(today.year - 5, today.year)]
    periods.append((today.replace(year=today.year - 5), today))

    def figures():
        found = []
        for start, end in periods:
            scope = Scope(organisation.pk, None, "", None, start, end)
            board = selectors.dashboard(scope)
            found.append(
                (
                    [(str(label), f.value) for label, f in board["key_figures"]],
                    {k: dict(v) for k, v in board["profile"].items()},
                )
            )
        return found

    started = time.perf_counter()
    before = figures()
    measured = time.perf_counter() - started
    people = Person.objects.filter(organisation=organisation, is_anonymised=False)
    chosen = list(privacy.last_contact_annotated(people).order_by("last_contact", "pk")[:FILES])
    print(f"{len(chosen)} fiches à anonymiser (dernier contact le plus ancien)…", flush=True)
    started = time.perf_counter()
    for index, person in enumerate(chosen, start=1):
        with transaction.atomic():
            services.person_anonymise(person=person, reason="bench")
        if index % 500 == 0:
            rate = index / (time.perf_counter() - started)
            print(f"  {index} / {len(chosen)} ({rate:.0f} fiches/s)", flush=True)
    seconds = time.perf_counter() - started
    after = figures()
    changed = [
        str(periods[i]) for i, (b, a) in enumerate(zip(before, after, strict=True)) if b != a
    ]
    report = {
        "files": len(chosen),
        "seconds": round(seconds, 1),
        "files_per_second": round(len(chosen) / seconds, 1),
        "dashboards_compared": len(periods),
        "dashboards_seconds": round(measured, 1),
        "changed": changed,
    }
    print(json.dumps(report, indent=2))
    copy.unlink()
    if changed:
        raise SystemExit("The dashboard changed after anonymisation: " + ", ".join(changed))


if __name__ == "__main__":
    main()
