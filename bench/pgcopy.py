"""The bench database on PostgreSQL, for `make loadtest`'s PostgreSQL runs.

The same rows as the SQLite bench database (bench/run.py builds it), copied table by table with
COPY into a PostgreSQL database migrated by Django: a *template* database built once per bench
database (about a minute), then, for each run, a fresh database cloned from it in seconds
(`CREATE DATABASE … TEMPLATE …`), so that each run's writes start from the same state.

Local server only (LOADTEST_PG_URL, default postgres://postgres@127.0.0.1:5432/, trust auth).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from bench.run import BENCH_DIR, DATABASE, ROOT, environment

SERVER_URL = os.environ.get("LOADTEST_PG_URL", "postgres://postgres@127.0.0.1:5432/")
TEMPLATE = "passerelle_loadtest_template"
RUN_DATABASE = "passerelle_loadtest"
MARKER = BENCH_DIR / "pg-template.json"


def database_url(name: str) -> str:
    parts = urlsplit(SERVER_URL)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _admin() -> psycopg.Connection:
    return psycopg.connect(database_url("postgres"), autocommit=True)


def recreate(name: str, *, template: str | None = None) -> None:
    with _admin() as admin:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        admin.execute(drop.format(sql.Identifier(name)))
        if template:
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )
        else:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _bench_key() -> str:
    marker = BENCH_DIR / "volume.json"
    return json.dumps(json.loads(marker.read_text())["key"], sort_keys=True)


def _copy_rows(source: sqlite3.Connection, target: psycopg.Connection) -> int:
    tables = [
        name
        for (name,) in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'django_migrations' ORDER BY name"
        )
    ]
    copied, counts = 0, {}
    with target.cursor() as cursor:
        # Foreign keys are not checked while copying (the rows come from a consistent
        # database); every table is emptied first, all at once (migrations write some rows).
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET TIME ZONE 'UTC'")  # SQLite keeps naive UTC datetimes
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        )
        present = {row[0] for row in cursor.fetchall()}
        tables = [table for table in tables if table in present]
        cursor.execute(
            sql.SQL("TRUNCATE {} CASCADE").format(sql.SQL(", ").join(map(sql.Identifier, tables)))
        )
        for table in tables:
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
                [table],
            )
            target_columns = {row[0] for row in cursor.fetchall()}
            columns = [
                row[1]
                for row in source.execute(f'PRAGMA table_info("{table}")')
                if row[1] in target_columns
            ]
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
            )
            select = 'SELECT {} FROM "{}"'.format(", ".join(f'"{c}"' for c in columns), table)
            written = 0
            with cursor.copy(statement) as copy:
                for row in source.execute(select):
                    copy.write_row(row)
                    written += 1
            copied += written
            counts[table] = written
            if "id" in columns:
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
                (sequence,) = cursor.fetchone()
                if sequence:  # identity columns; uuid keys have none
                    cursor.execute(
                        sql.SQL(
                            "SELECT setval(%s, COALESCE((SELECT MAX(id) FROM {}), 0) + 1, false)"
                        ).format(sql.Identifier(table)),
                        [sequence],
                    )
        cursor.execute("SET session_replication_role = DEFAULT")
        for table, written in counts.items():  # nothing lost on the way
            cursor.execute(sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(table)))
            (found,) = cursor.fetchone()
            if found != written:
                raise RuntimeError(f"{table}: {written} rows copied, {found} found")
    return copied


def build_template() -> None:
    """The template database, built again only when the SQLite bench database changed."""
    key = _bench_key()
    if MARKER.exists() and json.loads(MARKER.read_text()).get("key") == key:
        print(f"Base PostgreSQL de bench en cache : {TEMPLATE}")
        return
    started = time.perf_counter()
    print("Copie de la base de bench dans PostgreSQL…", flush=True)
    recreate(TEMPLATE)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env={**environment(), "DATABASE_URL": database_url(TEMPLATE)},
        check=True,
    )
    source = sqlite3.connect(DATABASE)
    with psycopg.connect(database_url(TEMPLATE)) as target:
        rows = _copy_rows(source, target)
    source.close()
    # Statistics for the planner, and the visibility map that lets PostgreSQL answer from an
    # index alone (rows written by COPY are not marked all-visible until a VACUUM).
    with psycopg.connect(database_url(TEMPLATE), autocommit=True) as target:
        target.execute("VACUUM ANALYZE")
    MARKER.write_text(json.dumps({"key": key, "rows": rows}))
    print(f"  {rows} lignes copiées en {time.perf_counter() - started:.0f} s", flush=True)


def tune(name: str) -> None:
    """What docs/deployment.md tells a production server: random reads priced as on an SSD.
    (A database's settings are not copied from its template: set on each.)"""
    with _admin() as admin:
        admin.execute(
            sql.SQL("ALTER DATABASE {} SET random_page_cost = 1.1").format(sql.Identifier(name))
        )


def fresh_database() -> str:
    """A database for one run, cloned from the template; returns its URL."""
    build_template()
    recreate(RUN_DATABASE, template=TEMPLATE)
    tune(RUN_DATABASE)
    return database_url(RUN_DATABASE)


if __name__ == "__main__":
    print(fresh_database())
