"""`make loadtest`: how many staff requests a second Passerelle answers at p95 ≤ 100 ms.

Three configurations, one after the other, each on a fresh copy of the bench database (40,000
people, five years; bench/run.py builds it once, bench/pgcopy.py copies it into PostgreSQL):

- `sqlite`: one app server (gunicorn as the README runs it, 4 threaded workers × 2 threads)
  and one task worker (`manage.py db_worker`), SQLite;
- `postgres`: the same on PostgreSQL, through psycopg's connection pool;
- `postgres-3`: three such app servers behind a local nginx, and two task workers.

Locust plays the staff mix of bench/locustfile.py — reads and writes — at rising numbers of
users, each step bounded in time, on this machine's loopback only, after a 10-second warm-up
that is not counted (each process compiles its templates, opens its connections); a step is
counted from the moment its users are logged in (a login is once a day, not in the mix).
Reports, per step,
requests/s, p50/p95 and errors, and the best rate whose p95 stays ≤ 100 ms with no error; then
checks the invariants the mix could break: no session over capacity, no worker booked twice at
once, one open session per station, and each message the run queued sent once (the task
workers' output counted against the messages marked sent). Writes var/bench/loadtest.json.

Settings (environment): LOADTEST_CONFIGS (default "sqlite,postgres,postgres-3"),
LOADTEST_USERS (default "2,4,8,16"), LOADTEST_SECONDS (per step, default 30),
LOADTEST_WORKERS / LOADTEST_THREADS (gunicorn, per app server, default 4 and 2),
LOADTEST_PG_URL (the local PostgreSQL server, default postgres://postgres@127.0.0.1:5432/).
"""

from __future__ import annotations

import csv
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import pgcopy
from bench.run import (
    BENCH_DIR,
    DATABASE,
    ROOT,
    build_database,
    environment,
    start_gunicorn,
    wait_for_port,
)

PORT = int(os.environ.get("LOADTEST_PORT", "8766"))
USERS = [int(n) for n in os.environ.get("LOADTEST_USERS", "2,4,8,16").split(",")]
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "30"))
WARM_UP_SECONDS = 10
WORKERS = os.environ.get("LOADTEST_WORKERS", "4")
THREADS = os.environ.get("LOADTEST_THREADS", "2")
COPY = BENCH_DIR / "loadtest.sqlite3"
TARGET_P95_MS = 100
CONFIGS = os.environ.get("LOADTEST_CONFIGS", "sqlite,postgres,postgres-3").split(",")


@dataclass(frozen=True)
class Config:
    name: str
    database: str  # "sqlite" or "postgres"
    servers: int
    task_workers: int

    @property
    def label(self) -> str:
        servers = "1 serveur" if self.servers == 1 else f"{self.servers} serveurs derrière nginx"
        return (
            f"{'SQLite' if self.database == 'sqlite' else 'PostgreSQL'}, {servers} "
            f"(gunicorn {WORKERS} × {THREADS} chacun), {self.task_workers} worker(s)"
        )


KNOWN = {
    "sqlite": Config("sqlite", "sqlite", 1, 1),
    "postgres": Config("postgres", "postgres", 1, 1),
    "postgres-3": Config("postgres-3", "postgres", 3, 2),
}

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
from passerelle.notifications.models import Message
run = Message.objects.filter(created_at__gte=since)
# What the workers sent during the run: the messages sent now less those sent before the
# workers started (the bench database's history, whose dates are the build's, not the run's).
sent_now = Message.objects.filter(status__in=["sent", "delivered"])
before = SENT_BEFORE
sent = {channel: sent_now.filter(channel=channel).count() - before[channel]
        for channel in ("sms", "email")}
print(json.dumps({"sessions_over_capacity": over, "double_bookings": double,
                  "stations_with_two_open_sessions": stations,
                  "messages_queued": run.count(), "sms_sent": sent["sms"],
                  "emails_sent": sent["email"],
                  "messages_still_waiting": Message.objects.filter(status__in=["queued", "sending"],
                      send_after__lte=timezone.now()).count()}))
"""

# Messages already sent before the workers start, by channel.
SENT_SCRIPT = """
import json
from passerelle.notifications.models import Message
sent = Message.objects.filter(status__in=["sent", "delivered"])
print(json.dumps({channel: sent.filter(channel=channel).count() for channel in ("sms", "email")}))
"""

DRAINED_SCRIPT = """
from django.utils import timezone
from passerelle.notifications.models import Message
print(Message.objects.filter(status__in=["queued", "sending"],
                             send_after__lte=timezone.now()).count())
"""


def copy_database() -> str:
    """A fresh copy of the bench database for each run: the writes never reach it."""
    for stale in BENCH_DIR.glob("loadtest.sqlite3*"):
        stale.unlink()
    source = sqlite3.connect(DATABASE)
    target = sqlite3.connect(COPY)
    source.backup(target)
    source.close()
    target.close()
    return f"sqlite:///{COPY}"


def config_environment(config: Config, database_url: str) -> dict:
    env = {
        **environment(),
        "DATABASE_URL": database_url,
        # The run's messages leave at once, whatever the hour it runs at (quiet hours would
        # hold them until morning): one quiet second a day.
        "NOTIFICATIONS_QUIET_START": "23:59:59",
        "NOTIFICATIONS_QUIET_END": "00:00",
    }
    if config.database == "postgres":
        env.update(
            PASSERELLE_DB_POOL="1", PASSERELLE_DB_POOL_MIN="2", PASSERELLE_DB_POOL_MAX=THREADS
        )
    return env


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


NGINX_CONF = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream passerelle {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://passerelle;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


def start_nginx(ports: list[int]) -> subprocess.Popen:
    """A local nginx spreading the requests over the app servers (deploy/nginx.conf's
    upstream, without TLS: loopback only)."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        sys.exit("nginx est nécessaire pour trois serveurs (apt-get install nginx-light).")
    folder = BENCH_DIR / "nginx"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    servers = "\n".join(f"        server 127.0.0.1:{port};" for port in ports)
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=folder, servers=servers, port=PORT))
    return subprocess.Popen(
        [nginx, "-c", str(conf), "-p", str(folder), "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,
    )


def start_task_worker(env: dict, log: Path) -> subprocess.Popen:
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.5"],
            cwd=ROOT,
            env={**env, "PYTHONUNBUFFERED": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def cpu_seconds(*, roots=(), named: str = "") -> float:
    """CPU time (user + system) used so far by the processes under `roots` (themselves and
    their descendants) or, with `named`, by every process of that name (PostgreSQL's)."""
    tick = os.sysconf("SC_CLK_TCK")
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        name, fields = raw[raw.index("(") + 1 : raw.rindex(")")], raw[raw.rindex(")") + 2 :].split()
        table[int(entry.name)] = (name, int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    if named:
        return sum(cpu for name, _parent, cpu in table.values() if name == named)
    chosen, found = set(roots), True
    while found:
        found = {pid for pid, (_n, parent, _c) in table.items() if parent in chosen} - chosen
        chosen |= found
    return sum(table[pid][2] for pid in chosen if pid in table)


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for_messages(env: dict, timeout: float = 60) -> None:
    """The task workers finish sending what the run queued."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if int(manage(env, "shell", "-c", DRAINED_SCRIPT).strip().splitlines()[-1]) == 0:
            return
        time.sleep(1)


def count_sent(logs: list[Path]) -> dict:
    """What the task workers' console backends printed: one line per SMS, one Message-ID
    header per e-mail."""
    text = "\n".join(log.read_text(errors="replace") for log in logs)
    return {"sms": text.count("[SMS à "), "email": text.count("Message-ID: ")}


def run_config(config: Config) -> dict:
    print(f"\n== {config.label}", flush=True)
    if config.database == "sqlite":
        url = copy_database()
    else:
        url = pgcopy.fresh_database()
    env = config_environment(config, url)
    plan = manage(env, "shell", "-c", PLAN_SCRIPT).strip().splitlines()[-1]
    ports = [PORT] if config.servers == 1 else [PORT + 1 + n for n in range(config.servers)]
    servers = [
        start_gunicorn(env, port, workers=int(WORKERS), threads=int(THREADS)) for port in ports
    ]
    if config.servers > 1:
        servers.append(start_nginx(ports))
    logs = [
        BENCH_DIR / f"loadtest-{config.name}-worker-{n}.log" for n in range(config.task_workers)
    ]
    started = time.time()
    sent_before = manage(env, "shell", "-c", SENT_SCRIPT).strip().splitlines()[-1]
    workers = [start_task_worker(env, log) for log in logs]
    steps = []
    try:
        for port in {*ports, PORT}:
            wait_for_port(port)
        # Not counted: each process compiles its templates and opens its connections.
        run_step(2, plan, seconds=WARM_UP_SECONDS, name="warmup")
        app = [process.pid for process in servers + workers]
        for users in USERS:
            before = cpu_seconds(roots=app), cpu_seconds(named="postgres"), _children_cpu()
            step = run_step(users, plan)
            after = cpu_seconds(roots=app), cpu_seconds(named="postgres"), _children_cpu()
            # CPU per request: steadier than requests/s, which varies with what else the
            # machine runs. The step's logins (two requests a user) are in both the time
            # and the count.
            served = step["requests"] + 2 * users
            app_ms, pg_ms, locust_ms = (
                round((end - start) * 1000 / served, 1)
                for start, end in zip(before, after, strict=True)
            )
            step["cpu_ms_per_request"] = {"app": app_ms, "locust": locust_ms}
            if config.database != "sqlite":
                step["cpu_ms_per_request"]["postgresql"] = pg_ms
            steps.append(step)
            print(
                f"{users:>3} utilisateurs : {step['requests_per_second']:>6} req/s, "
                f"p50 {step['p50_ms']:>4.0f} ms, p95 {step['p95_ms']:>4.0f} ms, "
                f"{step['errors']} erreur(s) sur {step['requests']} ; CPU par requête : "
                + ", ".join(f"{k} {v} ms" for k, v in step["cpu_ms_per_request"].items()),
                flush=True,
            )
            time.sleep(2)
    finally:
        stop(servers)
        wait_for_messages(env)
        stop(workers)
    script = INVARIANTS_SCRIPT.replace("STARTED", repr(started)).replace("SENT_BEFORE", sent_before)
    found = json.loads(manage(env, "shell", "-c", script).strip().splitlines()[-1])
    printed = count_sent(logs)
    invariants = {
        "sessions_over_capacity": found["sessions_over_capacity"],
        "double_bookings": found["double_bookings"],
        "stations_with_two_open_sessions": found["stations_with_two_open_sessions"],
        "messages_not_sent_once": abs(printed["sms"] - found["sms_sent"])
        + abs(printed["email"] - found["emails_sent"]),
        "messages_left_waiting": found["messages_still_waiting"],
    }
    within = [s for s in steps if s["p95_ms"] <= TARGET_P95_MS and s["errors"] == 0]
    best = max(within, key=lambda s: s["requests_per_second"]) if within else None
    print(
        "Meilleur débit à p95 ≤ 100 ms sans erreur : "
        + (f"{best['requests_per_second']} req/s ({best['users']} utilisateurs)" if best else "—")
    )
    print(
        f"Messages : {found['messages_queued']} mis en file, {found['sms_sent']} SMS et "
        f"{found['emails_sent']} e-mails envoyés ; les workers en ont envoyé "
        f"{printed['sms']} et {printed['email']}"
    )
    print(f"Invariants : {invariants}", flush=True)
    return {
        "config": config.name,
        "label": config.label,
        "seconds_per_step": SECONDS,
        "steps": steps,
        "best_within_target": best
        and {k: best[k] for k in ("users", "requests_per_second", "p95_ms", "errors")},
        "messages": {**found, "printed_by_workers": printed},
        "invariants": invariants,
    }


def _children_cpu() -> float:
    """CPU time of this process's ended children: Locust's, once its step is over."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_step(users: int, plan: str, *, seconds: int = SECONDS, name: str = "") -> dict:
    prefix = BENCH_DIR / f"loadtest-{name or users}"
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
            f"{seconds}s",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "ERROR",
            "--exit-code-on-error",
            "0",
        ],
        cwd=ROOT,
        env={**os.environ, "LOADTEST_PLAN": plan, "LOADTEST_STEP_USERS": str(users)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    by_name = {
        row["Name"]: {"requests": int(row["Request Count"]), "p95_ms": float(row["95%"])}
        for row in rows
        if row["Name"] != "Aggregated" and int(row["Request Count"])
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
    unknown = [name for name in CONFIGS if name not in KNOWN]
    if unknown:
        sys.exit(f"LOADTEST_CONFIGS : configuration inconnue {unknown} (connues : {list(KNOWN)})")
    build_database()
    manage(environment(), "collectstatic", "--no-input", "-v", "0")
    results = [run_config(KNOWN[name]) for name in CONFIGS]
    (BENCH_DIR / "loadtest.json").write_text(
        json.dumps({"configs": results}, indent=2, ensure_ascii=False)
    )
    print("\nRésumé (meilleur débit à p95 ≤ 100 ms, erreurs, invariants rompus) :")
    broken = False
    for result in results:
        best = result["best_within_target"]
        errors = sum(step["errors"] for step in result["steps"])
        failed = sum(result["invariants"].values())
        broken = broken or errors > 0 or failed > 0
        print(
            f"  {result['label']} : "
            + (f"{best['requests_per_second']} req/s" if best else "—")
            + f", {errors} erreur(s), {failed} invariant(s) rompu(s)"
        )
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
