"""`make loadtest`: how many staff requests a second the server answers at p95 ≤ 100 ms.

On a copy of the bench database (40,000 people, five years; bench/run.py builds it once),
gunicorn as the README runs it (2 threaded workers × 4 threads), and Locust playing the staff
mix of bench/locustfile.py — reads and writes — at rising numbers of users, each step bounded
in time, on this machine's loopback only. Reports, per step, requests/s, p50/p95 and errors,
and the best rate whose p95 stays ≤ 100 ms with no error; then checks the invariants the mix
could break (no session over capacity, no worker booked twice at once, one open session per
station). Writes var/bench/loadtest.json.

Settings (environment): LOADTEST_USERS (default "2,4,8,16"), LOADTEST_SECONDS (per step,
default 30), LOADTEST_WORKERS / LOADTEST_THREADS (gunicorn, default 2 and 4).
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.run import BENCH_DIR, DATABASE, ROOT, build_database, environment, wait_for_port

PORT = int(os.environ.get("LOADTEST_PORT", "8766"))
USERS = [int(n) for n in os.environ.get("LOADTEST_USERS", "2,4,8,16").split(",")]
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "30"))
WORKERS = os.environ.get("LOADTEST_WORKERS", "2")
THREADS = os.environ.get("LOADTEST_THREADS", "4")
COPY = BENCH_DIR / "loadtest.sqlite3"
TARGET_P95_MS = 100

PLAN_SCRIPT = """
import datetime as dt, json
from django.utils import timezone
from passerelle.accounts.models import User
from passerelle.appointments.models import Reason
from passerelle.people.models import Person
from passerelle.room.models import Station
from passerelle.workshops.models import WorkshopSession
today = timezone.localdate()
manager = User.objects.get(email="responsable@demo.passerelle.local")
people = list(Person.objects.filter(organisation=manager.organisation, is_anonymised=False)
              .order_by("pk").values_list("pk", flat=True)[:64])
files = list(Person.objects.filter(organisation=manager.organisation, is_anonymised=False)
             .order_by("?").values_list("pk", flat=True)[:2000])
sessions = list(WorkshopSession.objects.filter(
    workshop__organisation=manager.organisation, status="planned",
    starts_at__date__gt=today, starts_at__date__lte=today + dt.timedelta(days=30),
).values_list("pk", flat=True)[:20])
stations = list(Station.objects.filter(room__site__organisation=manager.organisation,
                                       is_working=True).values_list("pk", flat=True))
reason = Reason.objects.filter(service__organisation=manager.organisation).order_by("pk").first()
accounts = [manager.email]
print(json.dumps({"people": people, "files": files, "sessions": sessions,
                  "stations": stations, "reason": reason.pk, "accounts": accounts}))
"""

INVARIANTS_SCRIPT = """
import datetime as dt, json
from django.db.models import Count, F, Q
from django.utils import timezone
from passerelle.appointments.models import Appointment
from passerelle.room.models import StationSession
from passerelle.workshops.models import WorkshopSession
over = WorkshopSession.objects.annotate(
    n=Count("registrations", filter=Q(registrations__status="confirmed"))
).filter(n__gt=F("capacity")).count()
live = Appointment.objects.exclude(status__in=["cancelled", "cancelled_by_person"])
double = 0
since = dt.datetime.fromtimestamp(STARTED, tz=dt.timezone.utc)
for a in live.filter(created_at__gte=since):
    double += live.filter(worker_id=a.worker_id, starts_at__lt=a.ends_at,
                          ends_at__gt=a.starts_at).exclude(pk=a.pk).count()
stations = StationSession.objects.filter(ended_at__isnull=True).values("station").annotate(
    n=Count("pk")).filter(n__gt=1).count()
print(json.dumps({"sessions_over_capacity": over, "double_bookings": double,
                  "stations_with_two_open_sessions": stations}))
"""


def loadtest_environment() -> dict:
    return {**environment(), "DATABASE_URL": f"sqlite:///{COPY}"}


def manage(*args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=loadtest_environment(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def copy_database() -> None:
    """A fresh copy of the bench database for each run: the writes never reach it."""
    for stale in BENCH_DIR.glob("loadtest.sqlite3*"):
        stale.unlink()
    source = sqlite3.connect(DATABASE)
    target = sqlite3.connect(COPY)
    source.backup(target)
    source.close()
    target.close()


def run_step(users: int, plan: str) -> dict:
    prefix = BENCH_DIR / f"loadtest-{users}"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{SECONDS}s",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "ERROR",
            "--exit-code-on-error",
            "0",
        ],
        cwd=ROOT,
        env={**os.environ, "LOADTEST_PLAN": plan},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    by_name = {
        row["Name"]: {"requests": int(row["Request Count"]), "p95_ms": float(row["95%"])}
        for row in rows
        if row["Name"] != "Aggregated"
    }
    return {
        "users": users,
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "requests_per_second": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "by_name": by_name,
    }


def main() -> None:
    build_database()
    copy_database()
    manage("collectstatic", "--no-input", "-v", "0")
    plan = manage("shell", "-c", PLAN_SCRIPT).strip().splitlines()[-1]
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "passerelle.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            WORKERS,
            "--worker-class",
            "gthread",
            "--threads",
            THREADS,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=loadtest_environment(),
    )
    steps = []
    started = time.time()
    try:
        wait_for_port(PORT)
        for users in USERS:
            step = run_step(users, plan)
            steps.append(step)
            print(
                f"{users:>3} utilisateurs : {step['requests_per_second']:>6} req/s, "
                f"p50 {step['p50_ms']:>4.0f} ms, p95 {step['p95_ms']:>4.0f} ms, "
                f"{step['errors']} erreur(s) sur {step['requests']}",
                flush=True,
            )
            time.sleep(2)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    script = INVARIANTS_SCRIPT.replace("STARTED", repr(started))
    invariants = json.loads(manage("shell", "-c", script).strip().splitlines()[-1])
    within = [s for s in steps if s["p95_ms"] <= TARGET_P95_MS and s["errors"] == 0]
    best = max(within, key=lambda s: s["requests_per_second"]) if within else None
    report = {
        "server": f"gunicorn {WORKERS} workers × {THREADS} threads, SQLite",
        "seconds_per_step": SECONDS,
        "steps": steps,
        "best_within_target": best
        and {k: best[k] for k in ("users", "requests_per_second", "p95_ms", "errors")},
        "invariants": invariants,
    }
    (BENCH_DIR / "loadtest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(
        "Meilleur débit à p95 ≤ 100 ms sans erreur : "
        + (f"{best['requests_per_second']} req/s ({best['users']} utilisateurs)" if best else "—")
    )
    print(f"Invariants : {invariants}")
    broken = any(invariants.values()) or any(s["errors"] for s in steps)
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
