"""A permanent guard: for every role, every page reachable from the menus, every form
submitted with hostile values. No answer is a 5xx, and nothing of another organisation
changes.

The walk starts from the menu of a seeded demo centre, follows the links it finds (same site,
at most PAGES per role) and sends each distinct form four times: very long text, a far date
and a huge number; NUL, right-to-left text and emoji, a date before the calendar and a
negative number; HTML, an impossible date and a word where a number goes; everything empty.
Query strings are walked the same way (search boxes, filters, ids).
"""

from __future__ import annotations

import html
from collections import deque
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest

from passerelle.accounts.enums import Role
from passerelle.accounts.models import User
from passerelle.core.models import Activity, AuditEntry
from passerelle.demo import seed as demo
from passerelle.people.models import Person
from tests.conftest import login_verified
from tests.factories import ActivityFactory, OrganisationFactory, PersonFactory, SiteFactory
from tests.walk import SKIPPED, PageParser, same_site

PAGES = 120
LONG = "Élodie " * 1500  # 10,500 characters
ROUNDS = [
    {"text": LONG, "date": "9999-12-31", "datetime": "9999-12-31T23:59", "number": "9" * 25},
    {
        "text": "nul\x00 ‏مرحبا 👩🏽‍🦱 \u202etxet",
        "date": "0001-01-01",
        "datetime": "0001-01-01T00:00",
        "number": "-5",
    },
    {
        "text": '<script>alert("x")</script>"\'; DROP TABLE',
        "date": "2026-02-31",
        "datetime": "2026-02-31T25:61",
        "number": "douze",
    },
    {"text": "", "date": "", "datetime": "", "number": ""},
]


def hostile_value(kind: str, value: str, options: list[str], round_: dict):
    if kind in ("hidden", "submit", "button", "checkbox", "radio") or kind == "csrfmiddlewaretoken":
        return value if kind != "checkbox" else (value or "on")
    if kind == "select":
        return options[-1] if round_ is ROUNDS[3] or not options else round_["number"]
    if kind == "date":
        return round_["date"]
    if kind in ("datetime-local",):
        return round_["datetime"]
    if kind == "time":
        return "25:61" if round_["text"] else ""
    if kind == "number":
        return round_["number"]
    return round_["text"]


def form_data(form: dict, round_: dict) -> dict:
    data: dict[str, list] = {}
    for name, kind, value, options in form["fields"]:
        if name == "csrfmiddlewaretoken":
            data.setdefault(name, []).append(value)
            continue
        data.setdefault(name, []).append(hostile_value(kind, value, options, round_))
    return data


def foreign_state(organisation) -> dict:
    """What belongs to another organisation: it must never change."""
    return {
        "people": list(
            Person.objects.filter(organisation=organisation).values_list(
                "pk", "first_name", "last_name", "phone", "is_anonymised", "updated_at"
            )
        ),
        "activities": Activity.objects.filter(organisation=organisation).count(),
        "journal": AuditEntry.objects.filter(organisation=organisation).count(),
    }


def closed(response):
    """Downloads (CSV, Excel, PDF) are streamed: read and close them like a browser would."""
    if response.streaming:
        for _chunk in response.streaming_content:
            pass
        if getattr(response, "file_to_stream", None) is not None:
            response.file_to_stream.close()  # not response.close(): it ends the test's request
    return response


def walk(client, start_paths: list[str]) -> tuple[list[str], list[str]]:
    """Visit pages and submit their forms; returns (pages seen, failures)."""
    failures: list[str] = []
    seen: set[str] = set()
    forms_sent: set[tuple] = set()
    queue = deque(start_paths)
    while queue and len(seen) < PAGES:
        path = queue.popleft()
        if path in seen or any(skip in path for skip in SKIPPED):
            continue
        seen.add(path)
        response = closed(client.get(path))
        if response.status_code >= 500:
            failures.append(f"GET {path} → {response.status_code}")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = PageParser()
        parser.feed(response.content.decode(errors="replace"))
        for href in parser.links:
            target = html.unescape(urljoin(path, href)).split("#")[0]
            if same_site(target) and target not in seen:
                queue.append(target)
        for form in parser.forms:
            action = urljoin(path, form["action"] or path)
            if not same_site(action) or any(skip in action for skip in SKIPPED):
                continue
            key = (form["method"], urlsplit(action).path, tuple(f[0] for f in form["fields"]))
            if key in forms_sent:
                continue
            forms_sent.add(key)
            for round_ in ROUNDS:
                data = form_data(form, round_)
                if form["method"] == "post":
                    answer = closed(client.post(action, data))
                else:
                    base = urlsplit(action)
                    query = urlencode(
                        [*parse_qsl(base.query), *((k, v) for k, vs in data.items() for v in vs)]
                    )
                    answer = closed(client.get(f"{base.path}?{query}"))
                if answer.status_code >= 500:
                    failures.append(f"{form['method'].upper()} {action} → {answer.status_code}")
        # Ids and filters in the query string get hostile values too.
        parts = urlsplit(path)
        for name, _value in parse_qsl(parts.query):
            for bad in ("9" * 25, "-1", "abc", "\x00", "9999-12-31", "0001-01-01"):
                query = urlencode([(k, bad if k == name else v) for k, v in parse_qsl(parts.query)])
                answer = closed(client.get(f"{parts.path}?{query}"))
                if answer.status_code >= 500:
                    failures.append(f"GET {parts.path}?{name}={bad!r} → {answer.status_code}")
    return sorted(seen), failures


@pytest.fixture
def centre(db, settings):
    settings.PASSERELLE_DEMO = True
    demo.seed(people=6, years=1)
    other = OrganisationFactory(name="Une autre structure")
    other_site = SiteFactory(organisation=other)
    stranger = PersonFactory(organisation=other, first_name="Inconnue", last_name="Ailleurs")
    ActivityFactory(organisation=other, site=other_site, person=stranger)
    return other


@pytest.mark.parametrize("role", list(Role))
def test_no_hostile_input_gets_a_5xx_nor_touches_another_organisation(client, centre, role):
    user = User.objects.filter(role=role, organisation__name="Emmaüs Alternatives").first()
    login_verified(client, user)
    client.raise_request_exception = False
    before = foreign_state(centre)
    start = ["/", *(item["url"] for item in client.get("/").context["navigation"])]

    seen, failures = walk(client, start)

    assert failures == [], "\n".join(failures)
    assert len(seen) > 10  # the walk did get somewhere
    assert foreign_state(centre) == before


def test_the_peoples_doors_take_hostile_input_without_a_5xx(client, centre):
    """The pages without a staff login — the kiosk, a site's booking page, a person's link,
    a station's own screen — walked by an anonymous visitor with the same hostile values."""
    from django.utils import timezone

    from passerelle.appointments.models import Appointment
    from passerelle.kiosk.models import Kiosk
    from passerelle.room.models import Station

    client.raise_request_exception = False
    kiosk = Kiosk.objects.get(name="Entrée Vitry")
    link = (
        Appointment.objects.filter(link_token__isnull=False, starts_at__gt=timezone.now())
        .values_list("link_token", flat=True)
        .first()
    )
    before = foreign_state(centre)
    start = [
        f"/kiosque/{kiosk.token}/",
        f"/kiosque/{kiosk.token}/ar/",
        f"/reserver/{kiosk.site_id}/",
        *(
            f"/poste/{token}/"
            for token in Station.objects.exclude(screen_token="").values_list(
                "screen_token", flat=True
            )
        ),
    ]
    if link:
        start.append(f"/r/{link}")

    seen, failures = walk(client, start)

    assert failures == [], "\n".join(failures)
    assert len(seen) > 10
    assert foreign_state(centre) == before
