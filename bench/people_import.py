"""A people spreadsheet of 10,000, 25,000 and 50,000 rows through the import: the check (read,
normalise, duplicates) and the write, with the time and Python's peak memory (tracemalloc).
Runs on the bench database inside a transaction that is rolled back, for a new organisation.
`python -m bench.people_import`."""

from __future__ import annotations

import json
import os
import random
import time
import tracemalloc

import django

SIZES = [10_000, 25_000, 50_000]
FIRST = ["Awa", "Josiane", "Mohamed", "Fatou", "Jean", "Marie", "Karim", "Lucie", "Ahmed", "Chen"]
LAST = ["Koné", "Martin", "Diallo", "Lefèvre", "Benali", "Nguyen", "Dupont", "Traoré", "Moreau"]
PLACES = [("94400", "Vitry-sur-Seine"), ("94200", "Ivry-sur-Seine"), ("94000", "Créteil")]


def _letters(n: int) -> str:
    """A distinct suffix of letters for each row (a name has no digits)."""
    word = ""
    for _ in range(4):
        word += "abcdefghijklmnopqrstuvwxyz"[n % 26]
        n //= 26
    return word.capitalize()


def spreadsheet(rows: int) -> bytes:
    rng = random.Random(rows)
    lines = ["NOM;Prénom;Né(e) le;Portable;Mail;CP;Ville;Dispositif"]
    for n in range(rows):
        postcode, town = rng.choice(PLACES)
        lines.append(
            ";".join(
                [
                    f"{rng.choice(LAST)}-{_letters(n)}",
                    rng.choice(FIRST),
                    f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1940, 2006)}",
                    f"06 {rng.randint(10, 89)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                    f"{rng.randint(10, 99)}",
                    f"personne{n}@exemple.fr" if rng.random() < 0.4 else "",
                    postcode,
                    town,
                    rng.choice(["ASE", "Insertion", "Action sociale", ""]),
                ]
            )
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def main() -> None:
    from bench.run import build_database, environment

    build_database()
    os.environ.update(environment())
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from passerelle.accounts.enums import Role
    from passerelle.accounts.models import User
    from passerelle.core.models import Organisation
    from passerelle.people import imports, services_import
    from passerelle.people.models import PeopleImport

    results = []
    for size in SIZES:
        content = spreadsheet(size)
        with transaction.atomic():
            organisation = Organisation.objects.create(name=f"Bench import {size}")
            user = User.objects.create_user(
                email=f"bench-import-{size}@exemple.org",
                first_name="Bench",
                last_name="Import",
                role=Role.MANAGER,
                organisation=organisation,
            )
            upload = SimpleUploadedFile("p.csv", content)
            started = time.perf_counter()
            summary = services_import._summary(imports.scan(upload, organisation=organisation))
            checked = time.perf_counter() - started
            tracemalloc.start()
            services_import._summary(imports.scan(upload, organisation=organisation))
            _now, check_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            batch = PeopleImport.objects.create(
                organisation=organisation,
                created_by=user,
                filename="p.csv",
                content=content,
                summary=summary,
            )
            started = time.perf_counter()
            created, _attached = services_import._write(
                batch, imports.scan(upload, organisation=organisation)
            )
            written = time.perf_counter() - started
            results.append(
                {
                    "rows": size,
                    "file_megabytes": round(len(content) / 1e6, 1),
                    "check_seconds": round(checked, 1),
                    "check_peak_megabytes": round(check_peak / 1e6, 1),
                    "write_seconds": round(written, 1),
                    "created": created,
                    "rows_with_problems": summary["error_rows"],
                }
            )
            transaction.set_rollback(True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
