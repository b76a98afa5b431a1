"""Browser tests: real headless Chromium (Debian's package) driven by Playwright, with axe-core.

Playwright's own browser download cannot work here, so we launch /usr/bin/chromium.
Where it or axe-core is missing, these tests are skipped with the reason; .ci/run installs
both, so in CI they always run.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    elif not AXE.exists():
        reason = "axe-core not installed (npm ci)"
    for item in items:
        if "browser" in str(item.fspath.dirpath()):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # fixtures are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    yield page
    context.close()
    # A CSP violation or a script error is a bug even when the page looks fine.
    assert problems == [], problems


def assert_accessible(page, *, enhanced_contrast: bool = False) -> None:
    """Run axe-core on the page; fail on any serious or critical violation. The kiosk asks
    for the enhanced contrast too (WCAG AAA, 7:1)."""
    page.evaluate(AXE.read_text())
    tags = AXE_TAGS + (["wcag2aaa"] if enhanced_contrast else [])
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags
    )
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert blocking == [], f"{page.url}: {blocking}"


def daytime(monkeypatch) -> None:
    """A clock that reads 10:00 today and moves on: rooms are open whenever CI runs
    (at 23:59 a check-in is rightly refused, the room closing)."""
    real_now = timezone.now
    started = real_now()
    ten = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(10)))
    monkeypatch.setattr("django.utils.timezone.now", lambda: ten + (real_now() - started))


def log_in(page, email: str, password: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


@pytest.fixture
def demo_centre(transactional_db, settings):
    """The demo centre, small; 2FA optional as in the demo."""
    from passerelle.demo import seed as demo

    settings.PASSERELLE_REQUIRE_2FA = False
    demo.seed(people=10, years=1)
    return demo.demo_accounts()
