"""`make bench`: latency of the pages people use all day, at DESIGN §8 volume, on SQLite.

Builds (once, cached under var/bench/) a database of 40,000 people with five years of
history, serves it with gunicorn, and measures p50/p95 of each page over many requests,
next to the stack's floor (a trivial logged-in page) measured in the same run. Writes
var/bench/latest.json. Later capabilities add their pages to PAGES.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.cookiejar
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DATABASE = BENCH_DIR / "bench.sqlite3"
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "40000"))
YEARS = int(os.environ.get("BENCH_YEARS", "5"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
WARMUP = 20
PORT = int(os.environ.get("BENCH_PORT", "8765"))
LOGIN_EMAIL = "responsable@demo.passerelle.local"
LOGIN_PASSWORD = "demo-passerelle"

FLOOR = ("floor (Mon compte)", "/compte/")
_TODAY = dt.datetime.now(ZoneInfo("Europe/Paris")).date()
STATS_ONE_SITE_YEAR = f"/statistiques/?periode=annee&lieu=1&jour={_TODAY.year - 1}-06-30"
STATS_FIVE_YEARS = (
    f"/statistiques/?periode=dates&du={_TODAY.replace(year=_TODAY.year - 5)}&au={_TODAY}"
)
PAGES = [
    ("Aujourd'hui", "/"),
    ("Équipe", "/compte/equipe/"),
    ("Recherche : nom", "/personnes/?q=martin"),
    ("Recherche : début", "/personnes/?q=mar"),
    ("Recherche : téléphone", "/personnes/?q=06+12+34"),
    ("Recherche : naissance", "/personnes/?q=14/03/1951"),
    ("Fiche personne", "/personnes/1/"),
    ("Diagnostics", "/personnes/1/diagnostics/"),
    ("Démarches : catalogue", "/demarches/"),
    ("Échéances à risque", "/demarches/a-risque/"),
    ("À risque (30 jours)", "/demarches/a-risque/?jours=30"),
    ("Ateliers : à venir", "/ateliers/"),
    ("Ateliers : semaine", "/ateliers/semaine/"),
    ("Séance", "/ateliers/seances/1/"),
    ("Créneaux : un mois", "/permanences/creneaux/?motif=1&jours=31"),
    ("Agenda : jour", "/permanences/agenda/"),
    ("Agenda : semaine", "/permanences/agenda/?vue=semaine"),
    ("File d'attente", "/permanences/file/"),
    ("Salle : tableau", "/salle/"),
    ("Salle : fréquentation", "/salle/1/statistiques/"),
    ("Statistiques : 1 lieu, 1 an", STATS_ONE_SITE_YEAR),
    ("Statistiques : 5 ans", STATS_FIVE_YEARS),
    ("Impact : 5 ans", "/statistiques/impact/" + STATS_FIVE_YEARS.split("/")[-1]),
    ("Messages envoyés", "/messages/"),
    ("healthz", "/healthz"),
]
# The statistics pages, also replayed as raw SQL (bench/raw_sql.py) to show their floor.
RAW_SQL_PAGES = [STATS_ONE_SITE_YEAR, STATS_FIVE_YEARS]
# The pages people open without an account: the welcome kiosk's screens at the demo kiosk's
# secret address, a person's own link (an appointment to come), the public booking page.
# The lookup by birth date is Josiane's (the demo's persona).
DOOR_PAGES = [
    ("Borne : accueil", "/kiosque/{kiosk}/fr/"),
    ("Borne : accueil (arabe)", "/kiosque/{kiosk}/ar/"),
    ("Borne : code du SMS", "/kiosque/{kiosk}/fr/rendez-vous/code/"),
    ("Borne : naissance", "/kiosque/{kiosk}/fr/naissance/?pour=rdv&jour=14&mois=3"),
    ("Borne : rdv du jour", "/kiosque/{kiosk}/fr/rendez-vous/choisir/?naissance=1951-03-14"),
    ("Borne : ticket", "/kiosque/{kiosk}/fr/ticket/"),
    ("Borne : ateliers", "/kiosque/{kiosk}/fr/atelier/"),
    ("Borne : ordinateur", "/kiosque/{kiosk}/fr/ordinateur/"),
    ("Lien personnel", "/r/{link}"),
    ("Réserver : lieu", "/reserver/{site}/"),
    ("Réserver : créneaux", "/reserver/{site}/motif/{reason}/"),
    ("Écran de poste", "/poste/{station}/"),
    ("Agent de poste : état", "/poste/{station}/api/etat"),
]
DOOR_SCRIPT = """
import json
from django.utils import timezone
from passerelle.appointments.models import Appointment, Reason
from passerelle.kiosk.models import Kiosk
from passerelle.room.models import Station
kiosk = Kiosk.objects.order_by("pk").first()
station = Station.objects.exclude(screen_token="").order_by("pk").first()
link = Appointment.objects.filter(
    link_token__isnull=False, status="upcoming", starts_at__gt=timezone.now()
).order_by("starts_at").values_list("link_token", flat=True).first()
reason = Reason.objects.filter(online_booking=True).order_by("pk").first()
print(json.dumps({
    "kiosk": kiosk.token, "link": link, "site": kiosk.site_id, "reason": reason.pk,
    "station": station.screen_token,
}))
"""


def environment() -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "PASSERELLE_DEMO": "1",
        "DEBUG": "0",
        "PASSERELLE_BENCH": "1",
        "DJANGO_SETTINGS_MODULE": "passerelle.settings.base",
    }


def _digest(paths) -> str:
    digest = hashlib.sha256(f"{PEOPLE}/{YEARS}".encode())
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def schema_key() -> dict:
    """What the cached database was built from: the demo data (any change rebuilds it) and
    each migration file (new ones only are applied to it; a changed one rebuilds it)."""
    return {
        "demo": _digest(sorted(ROOT.glob("passerelle/demo/**/*.py"))),
        "migrations": {
            str(path.relative_to(ROOT)): _digest([path])
            for path in sorted(ROOT.glob("passerelle/*/migrations/*.py"))
        },
    }


def manage(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def _only_new_migrations(built: dict, key: dict) -> bool:
    if not isinstance(built, dict) or built.get("demo") != key["demo"]:
        return False
    old, new = built["migrations"], key["migrations"]
    return all(new.get(name) == digest for name, digest in old.items())


def build_database() -> dict:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    marker = BENCH_DIR / "volume.json"
    key = schema_key()
    if DATABASE.exists() and marker.exists():
        cached = json.loads(marker.read_text())
        if cached["key"] == key:
            print(f"Base de bench en cache : {DATABASE}")
            return cached["volume"]
        if _only_new_migrations(cached["key"], key):
            # An index or a column added since: migrate the cached base rather than
            # rebuild 40,000 people (the migrations must then work on a full database).
            print(f"Base de bench en cache, nouvelles migrations appliquées : {DATABASE}")
            manage("migrate", "--no-input", "-v", "0")
            marker.write_text(json.dumps({"key": key, "volume": cached["volume"]}))
            return cached["volume"]
    # The marker goes first: a build stopped half-way must not pass for a cached database.
    marker.unlink(missing_ok=True)
    for stale in BENCH_DIR.glob("bench.sqlite3*"):
        stale.unlink()
    print(f"Construction de la base de bench ({PEOPLE} personnes, {YEARS} ans)…", flush=True)
    started = time.perf_counter()
    manage("migrate", "--no-input", "-v", "0")
    manage("seed_demo", "--people", str(PEOPLE), "--years", str(YEARS))
    volume = json.loads(manage("shell", "-c", VOLUME_SCRIPT).strip().splitlines()[-1])
    print(f"  construite en {time.perf_counter() - started:.0f} s : {volume}")
    marker.write_text(json.dumps({"key": key, "volume": volume}))
    return volume


VOLUME_SCRIPT = """
import json
from passerelle.core.models import Activity
from passerelle.people.models import Person, SkillAssessment
from passerelle.accounts.models import User
from passerelle.procedures.models import AssistedProcedure, DeadlineOccurrence, FollowedDeadline
from passerelle.workshops.models import Registration, WorkshopSession
from passerelle.appointments.models import Appointment, QueueTicket
from passerelle.room.models import StationSession
print(json.dumps({
    "room_sessions": StationSession.objects.count(),
    "appointments": Appointment.objects.count(),
    "queue_tickets": QueueTicket.objects.count(),
    "workshop_sessions": WorkshopSession.objects.count(),
    "registrations": Registration.objects.count(),
    "people": Person.objects.count(),
    "activities": Activity.objects.count(),
    "staff": User.objects.count(),
    "diagnostics": SkillAssessment.objects.count(),
    "assisted_procedures": AssistedProcedure.objects.count(),
    "followed_deadlines": FollowedDeadline.objects.count(),
    "deadline_windows": DeadlineOccurrence.objects.count(),
}))
"""


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


class Client:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str):
        try:
            with self.opener.open(self.base + path) as response:
                body = response.read()
                return response.status, response.headers, body
        except urllib.error.HTTPError as error:
            # The bench runs no worker, so the seeded queue is late and /healthz rightly
            # answers 503: its latency is measured all the same.
            if path == "/healthz" and error.code == 503:
                return error.code, error.headers, error.read()
            raise

    def login(self) -> None:
        _, _, body = self.get("/compte/connexion/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.decode(),
                "username": LOGIN_EMAIL,
                "password": LOGIN_PASSWORD,
            }
        ).encode()
        request = urllib.request.Request(
            self.base + "/compte/connexion/", data=data, headers={"Referer": self.base}
        )
        with self.opener.open(request) as response:
            if "/compte/connexion/" in response.url:
                raise RuntimeError("login failed")


def measure(client: Client, path: str) -> dict:
    for _ in range(WARMUP):
        client.get(path)
    timings = []
    queries = None
    for _ in range(REQUESTS):
        started = time.perf_counter()
        status, headers, _ = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        if status != 200 and not (path == "/healthz" and status == 503):
            raise RuntimeError(f"{path} answered {status}")
        queries = int(headers.get("X-Query-Count", "-1"))
    timings.sort()
    return {
        "path": path,
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
        "queries": queries,
    }


def start_gunicorn(env: dict, port: int, *, workers: int = 1, threads: int = 0):
    """gunicorn on 127.0.0.1:`port`: one sync worker for latency (the bench), or threaded
    workers as the README runs it (`threads` > 0, the load test)."""
    shape = ["--workers", str(workers)]
    if threads:
        shape += ["--worker-class", "gthread", "--threads", str(threads)]
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "passerelle.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            *shape,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )


def main() -> None:
    volume = build_database()
    manage("collectstatic", "--no-input", "-v", "0")
    server = start_gunicorn(environment(), PORT)
    try:
        wait_for_port(PORT)
        client = Client(f"http://127.0.0.1:{PORT}")
        client.login()
        floor = measure(client, FLOOR[1])
        pages = {}
        for name, path in PAGES:
            result = measure(client, path)
            result["ratio_p95"] = round(result["p95_ms"] / floor["p95_ms"], 2)
            pages[name] = result
        doors = json.loads(manage("shell", "-c", DOOR_SCRIPT).strip().splitlines()[-1])
        screen = Client(f"http://127.0.0.1:{PORT}")  # no account at these doors
        for name, path in DOOR_PAGES:
            result = measure(screen, path.format(**doors))
            result["path"] = (
                path.replace("{kiosk}", "…").replace("{link}", "…").replace("{station}", "…")
            )
            result["ratio_p95"] = round(result["p95_ms"] / floor["p95_ms"], 2)
            pages[name] = result
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    raw = json.loads(
        subprocess.run(
            [sys.executable, "-m", "bench.raw_sql", *RAW_SQL_PAGES],
            cwd=ROOT,
            env=environment(),
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    for page in pages.values():
        if page["path"] in raw:
            page["raw_sql"] = raw[page["path"]]

    report = {
        "volume": volume,
        "requests_per_page": REQUESTS,
        "floor": {"path": floor["path"], "p50_ms": floor["p50_ms"], "p95_ms": floor["p95_ms"]},
        "pages": pages,
    }
    (BENCH_DIR / "latest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print_table(report)


def print_table(report: dict) -> None:
    volume = ", ".join(f"{k}={v:,}".replace(",", " ") for k, v in report["volume"].items())
    print(f"\nVolume : {volume} — {report['requests_per_page']} requêtes par page, SQLite\n")
    header = f"| {'page':<22} | {'chemin':<28} | {'p50 ms':>7} | {'p95 ms':>7} | "
    header += f"{'× plancher p95':>14} | {'requêtes':>8} |"
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    floor = report["floor"]
    print(
        f"| {FLOOR[0]:<22} | {floor['path']:<28} | {floor['p50_ms']:>7.1f} | "
        f"{floor['p95_ms']:>7.1f} | {1:>14.2f} | {'':>8} |"
    )
    for name, page in report["pages"].items():
        print(
            f"| {name:<22} | {page['path']:<28} | {page['p50_ms']:>7.1f} | "
            f"{page['p95_ms']:>7.1f} | {page['ratio_p95']:>14.2f} | {page['queries']:>8} |"
        )
    print("\nPlancher SQL des statistiques (les mêmes requêtes rejouées avec sqlite3 seul) :")
    for name, page in report["pages"].items():
        if "raw_sql" in page:
            raw = page["raw_sql"]
            print(
                f"- {name} : page p95 {page['p95_ms']:.0f} ms ; SQL seul p95 "
                f"{raw['p95_ms']:.0f} ms ({raw['queries']} requêtes) ; "
                f"rapport {page['p95_ms'] / raw['p95_ms']:.2f}"
            )
    print(f"\nÉcrit : {BENCH_DIR / 'latest.json'}")


if __name__ == "__main__":
    main()
