"""`make network`: one organisation's pages when the instance hosts a whole network.

A federation hosts a hundred structures on one PostgreSQL. This builds (once, cached) a
"network" database: the bench's centre (organisation 1, 40,003 people, five years) and 99
other organisations, for **100 organisations, 1,000,000 people and 10,000,000 activities**;
then serves it and the single centre alone (bench/pgcopy.py's copy) with gunicorn, one after
the other, and measures p50/p95 of organisation 1's daily pages on each. The target: each
daily page within 1.5× of its single-centre p95, the one-site one-year dashboard within its
own target (500 ms). Writes var/bench/network.json.

The 99 other organisations are grown inside PostgreSQL, not through Python: each gets a site,
a copy of the first 9,697 people of organisation 1 (new ids, its own site) and a sample of
their activities (≈ 91,500 each), by set-based `INSERT … SELECT` — the rows never leave the
server, which is faster than COPY from a client for data already in the database. About ten
minutes on a 2-core machine; the database takes about 6 GB.

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
from pathlib import Path

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


def _grow(url: str) -> dict:
    """99 organisations more, with people and activities, grown from organisation 1."""
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
        # New ids: organisation k's copy of row n is n + k × a power of ten above every id.
        last_person = db.execute("SELECT MAX(id) FROM people_person").fetchone()[0]
        last_activity = db.execute("SELECT MAX(id) FROM core_activity").fetchone()[0]
        person_offset, activity_offset = 10 ** len(str(last_person)), 10 ** len(str(last_activity))
        person_columns = [
            row[0]
            for row in db.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'people_person' ORDER BY ordinal_position"
            )
        ]
        activity_columns = [
            row[0]
            for row in db.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'core_activity' ORDER BY ordinal_position"
            )
        ]
        person_values = {
            "id": "p.id + {k} * {offset}",
            "organisation_id": "{organisation}",
            "home_site_id": "{site}",
            "referent_id": "NULL",
            "notice_given_by_id": "NULL",
        }
        activity_values = {
            "id": "a.id + {k} * {offset}",
            "organisation_id": "{organisation}",
            "site_id": "{site}",
            "person_id": "a.person_id + {k} * {person_offset}",
            "staff_id": "NULL",
            "source_type_id": "NULL",
            "source_id": "NULL",
        }
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
                names = {"k": k, "organisation": organisation, "site": site}
                columns = ", ".join(person_columns)
                values = ", ".join(
                    person_values.get(c, f"p.{c}").format(offset=person_offset, **names)
                    for c in person_columns
                )
                db.execute(
                    f"INSERT INTO people_person ({columns}) SELECT {values} FROM people_person p "
                    f"WHERE p.organisation_id = 1 AND p.id <= {cutoff}"
                )
                columns = ", ".join(activity_columns)
                values = ", ".join(
                    activity_values.get(c, f"a.{c}").format(
                        offset=activity_offset, person_offset=person_offset, **names
                    )
                    for c in activity_columns
                )
                db.execute(
                    f"INSERT INTO core_activity ({columns}) SELECT {values} FROM core_activity a "
                    f"WHERE a.organisation_id = 1 AND (a.person_id <= {cutoff} "
                    f"OR a.person_id IS NULL) "
                    f"AND abs(hashint8(a.id + {k})) % 1000 < {per_thousand}"
                )
            if k % 10 == 0 or k == others:
                print(
                    f"  {k + 1} organisations ({time.perf_counter() - started:.0f} s)", flush=True
                )
        for table in ("core_organisation", "core_site", "people_person", "core_activity"):
            db.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT MAX(id) FROM {table}) + 1, false)"
            )
        db.execute("VACUUM ANALYZE")
        return {
            "organisations": db.execute("SELECT COUNT(*) FROM core_organisation").fetchone()[0],
            "people": db.execute("SELECT COUNT(*) FROM people_person").fetchone()[0],
            "activities": db.execute("SELECT COUNT(*) FROM core_activity").fetchone()[0],
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
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "passerelle.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
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
