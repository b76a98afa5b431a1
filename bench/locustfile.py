"""The staff mix `make loadtest` plays (bench/loadtest.py starts it): logged-in staff who
search, open files, look at the day, the agenda, the workshops and the room — and write: sign
a person up to a session and cancel, install someone at a station and see them off, book an
appointment and cancel it. No think time: each user sends its next request as soon as the
previous one is answered, so the rate measured is what the server can give.

The plan (who, which session, which station, which reason) comes from the environment
variable LOADTEST_PLAN, written by bench/loadtest.py from the database it serves.

Each user logs in first (Argon2, deliberately slow: a staff member does it once a day, not
once a minute); the figures are counted from the moment every user of the step is logged
in (LOADTEST_STEP_USERS), a login refused still counting as an error."""

from __future__ import annotations

import html
import itertools
import json
import os
import random
import re
import urllib.parse

import gevent.event
from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser

PLAN = json.loads(os.environ.get("LOADTEST_PLAN", "{}"))
PASSWORD = "demo-passerelle"
SEARCHES = ["martin", "mar", "dub", "06 12 34", "14/03/1951", "bernard", "thomas", "sal"]
STEP_USERS = int(os.environ.get("LOADTEST_STEP_USERS", "0"))
_numbers = itertools.count()
_logged_in = itertools.count(1)
_everyone_in = gevent.event.Event()
_logins_refused = 0


class Staff(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        global _logins_refused
        self.number = next(_numbers)
        self.station = PLAN["stations"][self.number % len(PLAN["stations"])]
        self.person = PLAN["people"][self.number % len(PLAN["people"])]
        page = self.client.get("/compte/connexion/", name="connexion").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        with self.client.post(
            "/compte/connexion/",
            data={
                "csrfmiddlewaretoken": token,
                "username": PLAN["accounts"][self.number % len(PLAN["accounts"])],
                "password": PASSWORD,
            },
            name="connexion",
            catch_response=True,
        ) as response:
            if "/compte/connexion/" in (response.url or ""):
                response.failure("login refused")
                _logins_refused += 1
        if next(_logged_in) >= STEP_USERS:
            self._measure_from_now()
        _everyone_in.wait(timeout=300)

    def _measure_from_now(self) -> None:
        """Everyone is logged in: the step's figures start here, refused logins kept."""
        self.environment.stats.reset_all()
        for _ in range(_logins_refused):
            self.environment.events.request.fire(
                request_type="POST",
                name="connexion",
                response_time=0,
                response_length=0,
                exception=RuntimeError("login refused"),
                context={},
            )
        _everyone_in.set()

    def _csrf(self) -> str:
        return next((c.value for c in self.client.cookiejar if c.name == "csrftoken"), "")

    def _post(self, path: str, data: dict, name: str):
        return self.client.post(
            path,
            data=data,
            headers={"X-CSRFToken": self._csrf()},
            allow_redirects=False,
            name=name,
        )

    # --- Reads -----------------------------------------------------------------------------

    @task(3)
    def search(self) -> None:
        query = urllib.parse.quote_plus(random.choice(SEARCHES))
        self.client.get(f"/personnes/?q={query}", name="recherche")

    @task(3)
    def person_file(self) -> None:
        self.client.get(f"/personnes/{random.choice(PLAN['files'])}/", name="fiche personne")

    @task(3)
    def today(self) -> None:
        self.client.get("/", name="aujourd'hui")

    @task(2)
    def agenda(self) -> None:
        self.client.get("/permanences/agenda/", name="agenda")

    @task(2)
    def workshops(self) -> None:
        self.client.get("/ateliers/", name="ateliers")

    @task(2)
    def room_board(self) -> None:
        self.client.get("/salle/", name="salle")

    @task(1)
    def catalogue(self) -> None:
        self.client.get("/demarches/", name="démarches")

    @task(1)
    def at_risk(self) -> None:
        self.client.get("/demarches/a-risque/", name="à risque")

    # --- Writes ----------------------------------------------------------------------------

    @task(1)
    def sign_up_and_cancel(self) -> None:
        session = random.choice(PLAN["sessions"])
        response = self._post(
            f"/ateliers/seances/{session}/inscrire/", {"person": self.person}, "inscription"
        )
        found = re.search(r"#inscription-(\d+)", response.headers.get("Location", ""))
        if found:  # already signed up or refused: nothing to cancel
            self._post(
                f"/ateliers/seances/{session}/inscriptions/{found.group(1)}/annuler/",
                {},
                "désinscription",
            )

    @task(1)
    def check_in_and_out(self) -> None:
        self._post(
            f"/salle/postes/{self.station}/arrivee/", {"purpose": "email", "guest": "on"}, "arrivée"
        )
        board = self.client.get("/salle/", name="salle").text
        for chunk in board.split('<li class="station ')[1:]:
            if f"/salle/postes/{self.station}/" in chunk:
                found = re.search(r"/salle/sessions/(\d+)/depart/", chunk)
                if found:
                    self._post(f"/salle/sessions/{found.group(1)}/depart/", {}, "départ")
                break

    @task(1)
    def book_and_cancel(self) -> None:
        finder = self.client.get(
            f"/permanences/creneaux/?motif={PLAN['reason']}&personne={self.person}",
            name="créneaux",
        ).text
        links = re.findall(r'href="(/permanences/reserver/\?[^"]+)"', finder)
        if not links:
            return
        query = html.unescape(random.choice(links[:10])).split("?", 1)[1]
        fields = dict(urllib.parse.parse_qsl(query))
        response = self._post("/permanences/reserver/", fields, "réservation")
        found = re.search(r"/permanences/rdv/(\d+)/$", response.headers.get("Location", ""))
        if found:
            self._post(
                f"/permanences/rdv/{found.group(1)}/etat/", {"status": "cancelled"}, "annulation"
            )
