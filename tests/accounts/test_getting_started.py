"""A real centre's first run: `manage.py setup`, then the "Mise en route" checklist."""

import io

import pytest
from django.core.management import CommandError, call_command

from passerelle.accounts.models import User
from passerelle.core.getting_started import STEPS, checklist
from passerelle.core.models import Organisation, Site
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
ARGS = [
    "--organisation=Emmaüs Alternatives",
    "--site=Vitry-sur-Seine",
    "--address=14 rue Gabriel Péri",
    "--postcode=94400",
    "--commune=Vitry-sur-Seine",
    "--first-name=Claire",
    "--last-name=Martin",
    "--email=Claire.Martin@exemple.org",
    "--base-url=https://passerelle.exemple.org",
    "--no-input",
]


def setup(*args) -> str:
    out = io.StringIO()
    call_command("setup", *args, stdout=out)
    return out.getvalue()


def test_setup_creates_the_organisation_its_first_site_and_manager(settings):
    settings.PASSERELLE_DEMO = False
    said = setup(*ARGS)
    manager = User.objects.get()
    assert (manager.email, manager.role, manager.has_usable_password()) == (
        "claire.martin@exemple.org",
        "manager",
        False,
    )
    assert list(manager.sites.values_list("name", flat=True)) == ["Vitry-sur-Seine"]
    assert "https://passerelle.exemple.org/compte/mot-de-passe/" in said


def test_setup_refuses_to_run_twice(settings):
    settings.PASSERELLE_DEMO = False
    setup(*ARGS)
    with pytest.raises(CommandError, match="déjà mis en service"):
        setup(*ARGS)
    assert Organisation.objects.count() == 1


def test_setup_refuses_the_demo_mode(settings):
    settings.PASSERELLE_DEMO = True
    with pytest.raises(CommandError, match="démonstration"):
        setup(*ARGS)


def test_setup_says_what_is_missing_without_a_prompt(settings):
    settings.PASSERELLE_DEMO = False
    with pytest.raises(CommandError, match="--email"):
        setup(*[a for a in ARGS if not a.startswith("--email")])
    assert not Organisation.objects.exists()


def test_the_checklist_shows_what_is_done_and_what_is_next(manager_client, organisation, site):
    site.address = "14 rue Gabriel Péri"
    site.save()
    page = manager_client.get("/compte/mise-en-route/")
    steps = {step["key"]: step["done"] for step in page.context["steps"]}
    assert steps["sites"] is True
    assert steps["people"] is False
    PersonFactory(organisation=organisation)
    page = manager_client.get("/compte/mise-en-route/")
    assert {s["key"]: s["done"] for s in page.context["steps"]}["people"] is True


def test_the_checklist_is_on_today_until_everything_is_done(manager_client):
    assert "Mise en route" in manager_client.get("/").text


def test_only_managers_see_the_checklist(staff_client):
    client, _user = staff_client("mediator")
    assert client.get("/compte/mise-en-route/").status_code == 403
    assert "Mise en route" not in client.get("/").text


def test_a_manager_adds_a_site(manager_client, organisation):
    manager_client.post(
        "/compte/lieux/nouveau/",
        {
            "name": "Ivry",
            "address": "3 av. Thorez",
            "postcode": "94200",
            "commune": "Ivry-sur-Seine",
            "is_active": "on",
        },
    )
    assert Site.objects.filter(organisation=organisation, name="Ivry").exists()


def test_a_site_with_a_wrong_postcode_is_refused(manager_client, organisation):
    page = manager_client.post("/compte/lieux/nouveau/", {"name": "Ivry", "postcode": "942"})
    assert "5 chiffres" in page.text


def test_a_centre_set_up_is_not_asked_its_checklist_on_every_visit(manager_client, monkeypatch):
    calls = []

    def all_done(organisation_id, **kwargs):
        calls.append(organisation_id)
        return [{"key": "sites", "label": "Lieux", "help": "", "url": "/", "done": True}]

    monkeypatch.setattr("passerelle.accounts.views_setup.checklist", all_done)
    for _ in range(3):
        assert "Mise en route" not in manager_client.get("/").text
    assert len(calls) == 1


def test_the_checklist_asks_again_only_the_steps_left_and_sees_one_just_done(
    manager_client, manager, monkeypatch
):
    from passerelle.accounts import views_setup

    asked = []

    def spy(organisation_id, *, known_done=frozenset()):
        asked.append(known_done)
        return checklist(organisation_id, known_done=known_done)

    monkeypatch.setattr(views_setup, "checklist", spy)
    manager_client.get("/")
    assert "staff" not in asked[-1]
    first_done = {s["key"] for s in checklist(manager.organisation_id) if s["done"]}
    assert "staff" not in first_done
    UserFactory(organisation=manager.organisation)  # the team step, done between two visits
    manager_client.get("/")
    assert asked[-1] == first_done  # the steps found done were not asked again
    manager_client.get("/")
    assert "staff" in asked[-1]  # the step just done was seen at the second visit


def test_the_checklist_asks_nothing_of_the_steps_known_done(
    organisation, django_assert_num_queries
):
    every_key = frozenset(step.key for step in STEPS)
    with django_assert_num_queries(0):
        steps = checklist(organisation.pk, known_done=every_key)
    assert all(step["done"] for step in steps)


def test_the_checklist_asks_every_step_in_one_query(organisation, django_assert_num_queries):
    with django_assert_num_queries(1):
        steps = checklist(organisation.pk)
    assert len(steps) == len(list(STEPS))


def test_the_team_step_is_done_with_a_second_active_account(organisation, manager):
    def team_done() -> bool:
        return {s["key"]: s["done"] for s in checklist(organisation.pk)}["staff"]

    assert team_done() is False
    UserFactory(organisation=organisation, is_active=False)
    assert team_done() is False
    UserFactory(organisation=organisation)
    assert team_done() is True
