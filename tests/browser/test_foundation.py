import re

import pytest
from django_otp.oath import TOTP

from passerelle.demo import seed as demo
from tests.browser.conftest import assert_accessible, log_in


@pytest.mark.parametrize("index", range(5), ids=[a.email.split("@")[0] for a in demo.DEMO_ACCOUNTS])
def test_each_demo_role_logs_in_and_reaches_an_accessible_home_page(page, demo_centre, index):
    account = demo_centre[index]
    log_in(page, account["email"], account["password"])
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Bonjour")
    assert_accessible(page)


def test_login_page_is_accessible_and_explains_a_wrong_password(page, demo_centre):
    page.goto("/compte/connexion/")
    assert_accessible(page)
    log_in(page, demo_centre[0]["email"], "mauvais mot de passe")
    error = page.get_by_text("Adresse e-mail ou mot de passe incorrect")
    assert error.is_visible()
    assert_accessible(page)


def test_skip_link_is_the_first_thing_the_keyboard_reaches(page, demo_centre):
    log_in(page, demo_centre[0]["email"], demo_centre[0]["password"])
    page.wait_for_url("**/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_staff_pages_are_accessible(page, demo_centre):
    log_in(page, demo_centre[0]["email"], demo_centre[0]["password"])
    page.wait_for_url("**/")
    for path in ["/compte/", "/compte/equipe/", "/compte/equipe/nouveau/", "/salle/"]:
        page.goto(path)
        assert_accessible(page)


def test_layout_is_usable_at_320_pixels_wide(page, demo_centre):
    page.set_viewport_size({"width": 320, "height": 700})
    log_in(page, demo_centre[0]["email"], demo_centre[0]["password"])
    page.wait_for_url("**/")
    page.goto("/compte/equipe/")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow
    assert_accessible(page)


def test_staff_member_enrols_2fa_by_typing_the_key_and_the_code(page, demo_centre, settings):
    settings.PASSERELLE_REQUIRE_2FA = True
    account = demo_centre[2]
    log_in(page, account["email"], account["password"])
    page.wait_for_url(re.compile(r"/compte/double-authentification/"))
    assert_accessible(page)
    assert page.locator("img.qr").evaluate("img => img.naturalWidth") > 0
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    import base64

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code à 6 chiffres").fill(f"{TOTP(key).token():06d}")
    page.get_by_role("button", name="Activer").click()
    page.get_by_role("heading", name="Vos codes de secours").wait_for()
    assert page.locator("ul.codes li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name="J'ai noté mes codes, continuer").click()
    page.wait_for_url("**/")


def test_session_expiry_warning_lets_the_user_stay_signed_in(page, demo_centre, settings):
    settings.SESSION_COOKIE_AGE = 8
    settings.SESSION_WARNING_SECONDS = 6
    log_in(page, demo_centre[1]["email"], demo_centre[1]["password"])
    page.wait_for_url("**/")
    dialog = page.get_by_role("dialog", name="Votre session va bientôt expirer")
    dialog.wait_for(state="visible", timeout=5_000)
    assert_accessible(page)
    with page.expect_response("**/compte/session/prolonger/") as response:
        dialog.get_by_role("button", name="Rester connecté").click()
    assert response.value.status == 204
    dialog.wait_for(state="hidden")
