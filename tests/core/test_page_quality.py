"""Every page each role reaches from its menu: valid HTML (the W3C Nu validator), no id
repeated (a label must point at its own field), no English field label.

The pages are crawled once for the module (GET only, links followed from the menu, up to
PAGES per role) on a seeded demo centre inside a transaction that is rolled back, then each
check reads the collected HTML.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client, override_settings
from django.utils.text import capfirst

from passerelle.accounts.enums import Role
from passerelle.accounts.models import User
from passerelle.core.models import Site
from passerelle.demo import seed as demo
from tests.conftest import login_verified
from tests.walk import crawl

# The crawl itself runs in the module fixture; the mark makes pytest-django set up the
# test database for this module (it only does for modules whose tests use it).
pytestmark = pytest.mark.django_db
PAGES = 150
ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# htmx's attributes are not in the HTML standard; `data-hx-*` would be, `hx-*` is the norm.
IGNORED = ("Attribute “hx-",)
DEEPER = {
    Role.MANAGER: [
        "/annuaires/lieux/{site}/",
        "/annuaires/lieux/{site}/services/workshops/",
        "/annuaires/lieux/{site}/services/consultations/",
        "/personnes/diagnostic/pix/correspondances/",
    ]
}


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker) -> dict[str, dict[str, str]]:
    """{role: {path: html}} for the demo centre, each role's pages from its own menu."""
    found: dict[str, dict[str, str]] = {}
    with django_db_blocker.unblock(), override_settings(PASSERELLE_DEMO=True):
        with transaction.atomic():
            demo.seed(people=6, years=1)
            for role in Role:
                client = Client()
                user = User.objects.filter(role=role).order_by("pk").first()
                login_verified(client, user)
                # The menu, and the account page every header links to (the team, data
                # protection, the directories).
                navigation = client.get("/").context["navigation"]
                menu = ["/", *(item["url"] for item in navigation), "/compte/"]
                found[role] = crawl(client, menu, limit=PAGES)
                # Forms deeper than the crawl reaches within its limit.
                for path in DEEPER.get(role, ()):
                    for site in Site.objects.all():
                        url = path.format(site=site.pk)
                        response = client.get(url)
                        assert response.status_code == 200, url
                        found[role][url] = response.content.decode()
            transaction.set_rollback(True)
    return found


class Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.labels: list[str] = []
        self._label: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
        if tag in ("label", "legend"):
            self._label = []

    def handle_data(self, data):
        if self._label is not None:
            self._label.append(data)

    def handle_endtag(self, tag):
        if tag in ("label", "legend") and self._label is not None:
            self.labels.append(" ".join("".join(self._label).split()))
            self._label = None


def _parsed(text: str) -> Ids:
    parser = Ids()
    parser.feed(text)
    return parser


def _automatic_labels() -> set[str]:
    """The labels Django makes up from a field's name when nobody wrote one ("Room",
    "Started by"): English on a French screen."""
    names = set()
    for model in apps.get_app_configs():
        if not model.name.startswith("passerelle."):
            continue
        for model_class in model.get_models():
            for field in model_class._meta.get_fields():
                name = getattr(field, "name", "")
                if name:
                    names.add(capfirst(name.replace("_", " ")))
    # Field names that are French words too.
    return names - {"Date", "Description", "Source", "Service", "Commune", "Note", "Message"}


@pytest.mark.parametrize("role", list(Role))
def test_no_page_repeats_an_id(pages, role):
    repeated = {}
    for path, text in pages[role].items():
        ids = _parsed(text).ids
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            repeated[path] = twice
    assert len(pages[role]) > 10
    assert repeated == {}


@pytest.mark.parametrize("role", list(Role))
def test_no_page_shows_a_field_label_in_english(pages, role):
    english = _automatic_labels()
    found = {}
    for path, text in pages[role].items():
        labels = [label for label in _parsed(text).labels if label.split(" (")[0] in english]
        if labels:
            found[path] = labels
    assert found == {}


def test_every_page_is_valid_html(pages, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        missing = "Nu validator not installed (npm ci; Java from Debian's default-jre-headless)"
        if os.environ.get("CI"):
            pytest.fail(missing)  # CI installs both: a skip there would hide every error
        pytest.skip(missing)
    files = {}
    for role, by_path in pages.items():
        for index, (path, text) in enumerate(sorted(by_path.items())):
            file = tmp_path / f"{role}-{index}.html"
            file.write_text(text)
            files[file.as_uri().replace("file:///", "file:/")] = f"{role} {path}"
    result = subprocess.run(
        [
            "java",
            "-Xss4m",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--errors-only",
            *map(str, sorted(tmp_path.glob("*.html"))),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = sorted(
        {
            f"{files.get(m.get('url'), m.get('url'))}: {m['message']}"
            for m in messages
            if m["type"] == "error" and not m["message"].startswith(IGNORED)
        }
    )
    assert errors == [], "\n".join(errors[:60])
