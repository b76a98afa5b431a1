"""The station agent (agent/passerelle_agent.py) on a real X screen (Xvfb), against the live
server: the lock window covers the screen while the station is free, goes away when the
person types their code (typed with xdotool, as on a keyboard), comes back when the session
ends; and stays when Passerelle cannot be reached."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from passerelle.room import services
from passerelle.room.models import Room, Station, StationSession
from tests.browser.conftest import daytime
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
AGENT = ROOT / "agent" / "passerelle_agent.py"
LOCK, BAR = "Passerelle verrouillage", "Passerelle temps restant"

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")),
    reason="Xvfb and xdotool are needed (apt-get install xvfb xdotool)",
)


@pytest.fixture(scope="module")
def display():
    """A virtual screen of its own, for this module, on the first free display number."""
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), "Xvfb is ready", 15)
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def visible(display: str, title: str) -> bool:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
    )
    return bool(found.stdout.strip())


def wait_until(condition, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"still not true after {timeout} s: {what}")


def start_agent(display: str, url: str, log: Path) -> subprocess.Popen:
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, str(AGENT), "--url", url, "--poll", "0.5", "--allow-http-localhost"],
            env={**os.environ, "DISPLAY": display},
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def stop(agent: subprocess.Popen, log: Path) -> None:
    agent.terminate()
    agent.wait(timeout=10)
    print(log.read_text(errors="replace"))  # shown by pytest when the test failed


@pytest.fixture
def agent_station(db, organisation, site, monkeypatch):
    daytime(monkeypatch)  # the room is open whenever CI runs, 23:59 included
    room = Room.objects.create(
        site=site, name="Salle numérique", opens_at=dt.time(0, 0), closes_at=dt.time(23, 59)
    )
    return services.screen_new_address(station=Station.objects.create(room=room, name="Poste 1"))


def test_the_agent_locks_unlocks_with_the_code_and_locks_again(
    display, live_server, agent_station, organisation, site, tmp_path
):
    desk = UserFactory(organisation=organisation, sites=[site], role="reception")
    url = f"{live_server.url}/poste/{agent_station.screen_token}/"
    agent = start_agent(display, url, tmp_path / "agent.log")
    try:
        wait_until(lambda: visible(display, LOCK), "the lock window appears")
        assert not visible(display, BAR)

        session = services.session_check_in(station=agent_station, by=desk, purpose="caf")
        env = {**os.environ, "DISPLAY": display}
        subprocess.run(["xdotool", "type", "--delay", "50", session.unlock_code], env=env)
        subprocess.run(["xdotool", "key", "Return"], env=env)
        wait_until(lambda: not visible(display, LOCK), "the lock window goes away")
        wait_until(lambda: visible(display, BAR), "the time-left bar shows")
        session.refresh_from_db()
        assert session.unlocked_at is not None

        services.session_check_out(session=session, by=desk)  # "Départ" on the board
        wait_until(lambda: visible(display, LOCK), "the lock window comes back")
        assert not visible(display, BAR)
    finally:
        stop(agent, tmp_path / "agent.log")


def test_the_agent_stays_locked_when_passerelle_cannot_be_reached(display, db, tmp_path):
    agent = start_agent(display, "http://127.0.0.1:9/poste/inconnu/", tmp_path / "agent.log")
    try:
        wait_until(lambda: visible(display, LOCK), "the lock window appears")
        time.sleep(2)  # several failed questions later
        assert visible(display, LOCK) and not visible(display, BAR)
        assert StationSession.objects.count() == 0
    finally:
        stop(agent, tmp_path / "agent.log")
