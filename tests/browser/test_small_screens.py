"""Every page of every role on a 320-pixel-wide phone: nothing scrolls sideways, and the
menu folds behind its button."""

from urllib.parse import urlsplit

import pytest

from passerelle.demo import seed as demo
from tests.browser.conftest import log_in
from tests.walk import SKIPPED

PAGES = 80
# The page is wider than the screen: name the elements that stick out (innermost first).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width + 1) { return []; }
  const out = e => e.getBoundingClientRect().right > width + 1;
  return [...document.querySelectorAll("body *")]
    .filter(e => out(e) && getComputedStyle(e).position !== "fixed")
    .filter(e => ![...e.children].some(out))
    .slice(0, 3)
    .map(e => e.tagName.toLowerCase() + "." + String(e.className).split(" ").join(".")
      + " «" + e.textContent.trim().slice(0, 40) + "»");
}"""
LINKS = """() => [...document.querySelectorAll("a[href]")].map(a => a.getAttribute("href"))"""


@pytest.mark.parametrize("index", range(5), ids=[a.email.split("@")[0] for a in demo.DEMO_ACCOUNTS])
def test_no_page_scrolls_sideways_at_320_pixels(page, demo_centre, index):
    page.set_viewport_size({"width": 320, "height": 640})
    account = demo_centre[index]
    log_in(page, account["email"], account["password"])
    page.wait_for_url("**/")
    queue, seen, wide = ["/"], set(), {}
    while queue and len(seen) < PAGES:
        path = queue.pop(0)
        if path in seen or any(skip in path for skip in SKIPPED):
            continue
        seen.add(path)
        response = page.goto(path)
        if response is None or response.status != 200:
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        culprits = page.evaluate(OVERFLOW)
        if culprits:
            wide[path] = culprits
        for href in page.evaluate(LINKS):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/"):
                continue
            target = href.split("#")[0]
            if target not in seen:
                queue.append(target)
    assert len(seen) > 10
    assert wide == {}


def test_the_menu_folds_behind_a_button_on_a_phone(page, demo_centre):
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, demo_centre[0]["email"], demo_centre[0]["password"])
    page.wait_for_url("**/")
    menu = page.get_by_role("navigation", name="Menu principal")
    people = menu.get_by_role("link", name="Personnes")
    assert not people.is_visible()
    toggle = menu.get_by_role("button", name="Menu")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    people.click()
    page.wait_for_url("**/personnes/**")


def test_attendance_choices_line_up_from_row_to_row_on_a_tablet(page, demo_centre):
    from django.db.models import Count, Q

    from passerelle.workshops.models import WorkshopSession

    session = (
        WorkshopSession.objects.planned()
        .annotate(n=Count("registrations", filter=Q(registrations__status="confirmed")))
        .filter(n__gte=2)
        .order_by("starts_at")
        .first()
    )
    page.set_viewport_size({"width": 768, "height": 1024})
    log_in(page, demo_centre[2]["email"], demo_centre[2]["password"])
    page.wait_for_url("**/")
    page.goto(f"/ateliers/seances/{session.pk}/")
    columns = page.evaluate(
        """() => [...document.querySelectorAll(".attendance-row .attendance-choices")].map(
            group => [...group.querySelectorAll("button")].map(
                button => Math.round(button.getBoundingClientRect().left)
            )
        )"""
    )
    assert len(columns) >= 2
    assert all(row == columns[0] for row in columns), columns
