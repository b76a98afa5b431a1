"""`make network`: one organisation's pages when the instance hosts a whole network.

A federation hosts a hundred structures on one PostgreSQL. This builds (once, cached) a
"network" database: the bench's centre (organisation 1, 40,003 people, five years) and 99
other organisations, for **100 organisations, 1,000,000 people and 10,000,000 activities**;
then serves it and the single centre alone (bench/pgcopy.py's copy) with gunicorn, one after
the other, and measures p50/p95 of organisation 1's daily pages on each. The target: each
daily page within 1.5× of its single-centre p95, the one-site one-year dashboard within its
own target (500 ms). Writes var/bench/network.json.

The 99 other organisations are grown inside PostgreSQL, not through Python: each gets a site,
a copy of the first 9,697 people of organisation 1 (new ids, its own site), a sample of their
activities (≈ 91,500 each), their programme memberships, followed deadlines and deadline
windows, by set-based `INSERT … SELECT`: the rows never leave the server, which is faster
than COPY from a client for data already in the database. About ten minutes on a 2-core
machine; the database takes about 6 GB.

Settings (environment): BENCH_REQUESTS (per page, default 200), LOADTEST_PG_URL.
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time

import psycopg

from bench import pgcopy
from bench.run import (
    BENCH_DIR,
    FLOOR,
    PAGES,
    ROOT,
    STATS_ONE_SITE_YEAR,
    Client,
    build_database,
    environment,
    measure,
    start_gunicorn,
    wait_for_port,
)

NETWORK = "passerelle_network"
MARKER = BENCH_DIR / "network.json"
ORGANISATIONS = 100
PEOPLE = 1_000_000
ACTIVITIES = 10_000_000
PORT = int(os.environ.get("BENCH_PORT", "8765"))
TARGET_RATIO = 1.5
DASHBOARD_TARGET_MS = 500
# Organisation 1's pages a member of staff opens all day, and its dashboard.
MEASURED = [page for page in PAGES if page[0] not in ("healthz", "Statistiques : 5 ans")]
MEASURED = [page for page in MEASURED if page[0] != "Impact : 5 ans"]


def _columns(db, table: str) -> list[str]:
    return [
        row[0]
        for row in db.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s ORDER BY ordinal_position",
            [table],
        )
    ]


def _offset(db, table: str) -> int:
    """New ids: organisation k's copy of row n is n + k × a power of ten above every id."""
    last = db.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
    return 10 ** len(str(last))


def _copy(db, table: str, *, overrides: dict[str, str], where: str) -> None:
    """INSERT … SELECT of organisation 1's rows of `table` that `where` keeps, with
    `overrides` (SQL over the source row `r`) for the columns that change."""
    columns = _columns(db, table)
    values = ", ".join(overrides.get(column, f"r.{column}") for column in columns)
    db.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} FROM {table} r WHERE {where}"
    )


def _grow(url: str) -> dict:
    """99 organisations more, grown from organisation 1: a site each, the first people of
    organisation 1 (new ids), a sample of their activities, their followed deadlines and the
    deadlines' windows (the at-risk lists read those through the person's organisation)."""
    with psycopg.connect(url, autocommit=True) as db:
        existing_people = db.execute("SELECT COUNT(*) FROM people_person").fetchone()[0]
        existing_activities = db.execute("SELECT COUNT(*) FROM core_activity").fetchone()[0]
        others = ORGANISATIONS - db.execute("SELECT COUNT(*) FROM core_organisation").fetchone()[0]
        people_each = math.ceil((PEOPLE - existing_people) / others)
        activities_each = math.ceil((ACTIVITIES - existing_activities) / others)
        cutoff = db.execute(
            "SELECT MAX(id) FROM (SELECT id FROM people_person WHERE organisation_id = 1 "
            "ORDER BY id LIMIT %s) AS first",
            [people_each],
        ).fetchone()[0]
        available = db.execute(
            "SELECT COUNT(*) FROM core_activity WHERE organisation_id = 1 "
            "AND (person_id <= %s OR person_id IS NULL)",
            [cutoff],
        ).fetchone()[0]
        per_thousand = min(1000, math.ceil(activities_each * 1000 / available))
        offsets = {
            table: _offset(db, table)
            for table in (
                "people_person",
                "core_activity",
                "procedures_followeddeadline",
                "procedures_deadlineoccurrence",
                "people_programmemembership",
            )
        }
        person = offsets["people_person"]
        followed = offsets["procedures_followeddeadline"]
        started = time.perf_counter()
        for k in range(1, others + 1):
            with db.transaction():
                organisation = db.execute(
                    "INSERT INTO core_organisation (created_at, updated_at, name) "
                    "VALUES (now(), now(), %s) RETURNING id",
                    [f"Structure du réseau {k + 1:03d}"],
                ).fetchone()[0]
                site = db.execute(
                    "INSERT INTO core_site (created_at, updated_at, name, address, postcode, "
                    "commune, is_active, display_token, organisation_id) VALUES (now(), now(), "
                    "'Lieu principal', '', '94400', 'Vitry-sur-Seine', true, "
                    "md5(random()::text || clock_timestamp()::text), %s) RETURNING id",
                    [organisation],
                ).fetchone()[0]
                _copy(
                    db,
                    "people_person",
                    overrides={
                        "id": f"r.id + {k * person}",
                        "organisation_id": str(organisation),
                        "home_site_id": str(site),
                        "referent_id": "NULL",
                        "notice_given_by_id": "NULL",
                    },
                    where=f"r.organisation_id = 1 AND r.id <= {cutoff}",
                )
                _copy(
                    db,
                    "core_activity",
                    overrides={
                        "id": f"r.id + {k * offsets['core_activity']}",
                        "organisation_id": str(organisation),
                        "site_id": str(site),
                        "person_id": f"r.person_id + {k * person}",
                        "staff_id": "NULL",
                        "source_type_id": "NULL",
                        "source_id": "NULL",
                    },
                    where=(
                        f"r.organisation_id = 1 AND (r.person_id <= {cutoff} OR r.person_id "
                        f"IS NULL) AND abs(hashint8(r.id + {k})) % 1000 < {per_thousand}"
                    ),
                )
                _grow_deadlines(
                    db,
                    k=k,
                    organisation=organisation,
                    cutoff=cutoff,
                    person=person,
                    followed=followed,
                    occurrence=offsets["procedures_deadlineoccurrence"],
                )
                _grow_memberships(
                    db,
                    k=k,
                    cutoff=cutoff,
                    person=person,
                    membership=offsets["people_programmemembership"],
                )
            if k % 10 == 0 or k == others:
                print(
                    f"  {k + 1} organisations ({time.perf_counter() - started:.0f} s)", flush=True
                )
        _finish(db)
        return _volume(db)


def _grow_memberships(db, *, k: int, cutoff: int, person: int, membership: int):
    _copy(
        db,
        "people_programmemembership",
        overrides={"id": f"r.id + {k * membership}", "person_id": f"r.person_id + {k * person}"},
        where=f"r.person_id <= {cutoff}",
    )


def _grow_deadlines(
    db, *, k: int, organisation: int, cutoff: int, person: int, followed: int, occurrence: int
):
    _copy(
        db,
        "procedures_followeddeadline",
        overrides={"id": f"r.id + {k * followed}", "person_id": f"r.person_id + {k * person}"},
        where=f"r.person_id <= {cutoff}",
    )
    _copy(
        db,
        "procedures_deadlineoccurrence",
        overrides={
            "id": f"r.id + {k * occurrence}",
            "followed_id": f"r.followed_id + {k * followed}",
            "organisation_id": str(organisation),
            "done_by_id": "NULL",
        },
        where=(
            "r.followed_id IN (SELECT id FROM procedures_followeddeadline "
            f"WHERE person_id <= {cutoff})"
        ),
    )


GROWN = (
    "core_organisation",
    "core_site",
    "people_person",
    "core_activity",
    "procedures_followeddeadline",
    "procedures_deadlineoccurrence",
    "people_programmemembership",
)


def _finish(db) -> None:
    for table in GROWN:
        db.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT MAX(id) FROM {table}) + 1, false)"
        )
    db.execute("VACUUM ANALYZE")


def _volume(db) -> dict:
    count = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in GROWN}
    return {
        "organisations": count["core_organisation"],
        "people": count["people_person"],
        "activities": count["core_activity"],
        "followed_deadlines": count["procedures_followeddeadline"],
        "deadline_windows": count["procedures_deadlineoccurrence"],
        "programme_memberships": count["people_programmemembership"],
        "size": db.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database()))"
        ).fetchone()[0],
    }


def build_network() -> dict:
    pgcopy.build_template()
    key = json.loads(pgcopy.MARKER.read_text())["key"]
    if MARKER.exists():
        cached = json.loads(MARKER.read_text())
        if cached.get("key") == key:
            print(f"Base réseau en cache : {NETWORK} {cached['volume']}")
            return cached["volume"]
    print("Construction de la base réseau (100 structures, 1 M personnes, 10 M activités)…")
    started = time.perf_counter()
    pgcopy.recreate(NETWORK, template=pgcopy.TEMPLATE)
    volume = _grow(pgcopy.database_url(NETWORK))
    volume["built_in_s"] = round(time.perf_counter() - started)
    MARKER.write_text(json.dumps({"key": key, "volume": volume}))
    print(f"  construite en {volume['built_in_s']} s : {volume}", flush=True)
    return volume


def measure_pages(url: str) -> dict:
    env = {
        **environment(),
        "DATABASE_URL": url,
        "PASSERELLE_DB_POOL": "1",
        "PASSERELLE_DB_POOL_MIN": "1",
    }
    server = start_gunicorn(env, PORT)
    try:
        wait_for_port(PORT)
        client = Client(f"http://127.0.0.1:{PORT}")
        client.login()
        pages = {"floor": measure(client, FLOOR[1])}
        for name, path in MEASURED:
            pages[name] = measure(client, path)
            print(f"  {name:<28} p95 {pages[name]['p95_ms']:>7.1f} ms", flush=True)
        return pages
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


def main() -> None:
    build_database()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=environment(),
        check=True,
    )
    volume = build_network()
    pgcopy.tune(NETWORK)
    print("\nUne structure seule (PostgreSQL) :", flush=True)
    alone = measure_pages(pgcopy.fresh_database())
    print("\nLa même structure parmi 100 (PostgreSQL) :", flush=True)
    network = measure_pages(pgcopy.database_url(NETWORK))
    rows, over = [], []
    for name in ["floor", *(name for name, _ in MEASURED)]:
        ratio = network[name]["p95_ms"] / alone[name]["p95_ms"]
        limit = DASHBOARD_TARGET_MS if STATS_ONE_SITE_YEAR == alone[name]["path"] else None
        ok = network[name]["p95_ms"] <= limit if limit else ratio <= TARGET_RATIO
        rows.append(
            {
                "page": name,
                "path": alone[name]["path"],
                "alone_p95_ms": alone[name]["p95_ms"],
                "network_p95_ms": network[name]["p95_ms"],
                "ratio": round(ratio, 2),
                "within_target": ok,
            }
        )
        if not ok:
            over.append(name)
    MARKER.write_text(
        json.dumps({**json.loads(MARKER.read_text()), "pages": rows}, indent=2, ensure_ascii=False)
    )
    print(f"\nVolume : {volume}\n")
    print(f"| {'page':<28} | {'seule p95':>9} | {'réseau p95':>10} | {'rapport':>7} |")
    print(f"|{'-' * 30}|{'-' * 11}|{'-' * 12}|{'-' * 9}|")
    for row in rows:
        flag = "" if row["within_target"] else " ✗"
        print(
            f"| {row['page']:<28} | {row['alone_p95_ms']:>9.1f} | "
            f"{row['network_p95_ms']:>10.1f} | {row['ratio']:>6.2f}×{flag} |"
        )
    if over:
        print(f"\nAu-delà de la cible : {', '.join(over)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
