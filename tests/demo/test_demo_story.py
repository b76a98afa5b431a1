"""The demo centre's statistics tell a believable story at first look: new people arrive
every month, the computer room is used, and each site has mostly its own people.

The demo is seeded once for the module (300 people over two years, as `make run` does)
inside a transaction rolled back at the end; each test reads the figures computed then."""

import datetime as dt

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from passerelle.accounts.models import User
from passerelle.core.models import Site
from passerelle.demo import seed as demo
from passerelle.directory import feed
from passerelle.reports import selectors
from passerelle.reports.forms import ReportFilterForm

pytestmark = pytest.mark.django_db


def _months_before(today: dt.date, count: int) -> list[dt.date]:
    """The 15th of each of the `count` whole months before `today`'s, oldest first."""
    days, first = [], today.replace(day=1)
    for _ in range(count):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        days.append(first.replace(day=15))
    return days[::-1]


def _figures(user, **data) -> dict[str, tuple]:
    form = ReportFilterForm(data, user=user)
    assert form.is_valid(), form.errors
    return {
        str(label): (figure.value, figure.previous)
        for label, figure in selectors.dashboard(form.scope())["key_figures"]
    }


@pytest.fixture(scope="module")
def story(django_db_setup, django_db_blocker) -> dict:
    # Seeded as of the real day, as `make run` does: the demo signs people up to sessions to
    # come, which the services refuse for a day already past.
    today = timezone.localdate()
    with django_db_blocker.unblock(), override_settings(PASSERELLE_DEMO=True):
        with transaction.atomic():
            demo.seed(people=300, years=2, today=today)
            manager = User.objects.get(email="responsable@demo.passerelle.local")
            months = _months_before(today, 11)
            found = {
                "months": [_figures(manager, periode="mois", jour=day) for day in months],
                # The year of last month: never a year only a few days old.
                "year": _figures(manager, periode="annee", jour=months[-1]),
                "sites": [
                    _figures(manager, periode="annee", jour=months[-1], lieu=site.pk)
                    for site in Site.objects.all()
                ],
                "structures": [feed.structure(s, today=today) for s in feed.published_listings()],
                "services": [feed.service(o, None, today=today) for o in feed.published_offers()],
            }
            transaction.set_rollback(True)
    return found


def test_new_people_arrive_every_month(story):
    new = [month["dont nouvelles personnes"][0] for month in story["months"]]
    assert min(new) >= 5, new


def test_the_computer_room_is_used_a_good_part_of_the_opening_hours(story):
    occupancy, _before = story["year"]["Occupation des postes les jours d'ouverture (%)"]
    assert 15 <= occupancy <= 50


def test_each_site_has_mostly_its_own_people(story):
    everyone, _before = story["year"]["Personnes accompagnées"]
    for site in story["sites"]:
        assert site["Personnes accompagnées"][0] < 0.85 * everyone


def test_the_demo_s_published_offer_validates_with_data_inclusion_s_package(story):
    from data_inclusion.schema import v1

    assert len(story["structures"]) == 1 and len(story["services"]) == 4
    for structure in story["structures"]:
        v1.Structure.model_validate(structure, context={"ignore_warnings": False})
    for service in story["services"]:
        v1.Service.model_validate(service, context={"ignore_warnings": False})


def test_the_demo_s_hours_come_from_its_consultation_hours_and_sessions(story):
    hours = {s["id"].rsplit("-", 1)[-1]: s.get("horaires_accueil", "") for s in story["services"]}
    assert hours["consultations"].endswith("PH off"), hours
    assert hours["workshops"].endswith("PH off"), hours
