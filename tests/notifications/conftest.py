import datetime as dt

import pytest
from django.utils import timezone

from passerelle.notifications.backends import LocmemBackend
from tests.factories import ConsentFactory, PersonFactory


@pytest.fixture(autouse=True)
def _daytime(settings):
    """Quiet hours shrunk to the last microsecond of the day, so that tests sending "now"
    do not depend on the hour the suite runs; quiet-hour tests set their own."""
    settings.NOTIFICATIONS_QUIET_START = dt.time(23, 59, 59, 999999)
    settings.NOTIFICATIONS_QUIET_END = dt.time(0, 0)
    LocmemBackend.outbox = []
    yield
    LocmemBackend.outbox = []


@pytest.fixture
def person(organisation, site):
    return PersonFactory(
        organisation=organisation,
        home_site=site,
        first_name="Awa",
        phone="+33612345678",
        email="awa@exemple.org",
    )


@pytest.fixture
def sms_consent(person):
    return ConsentFactory(person=person, scope="sms")


@pytest.fixture
def email_consent(person):
    return ConsentFactory(person=person, scope="email")


def in_days(days: int, hour: int = 14) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def appointment_context() -> dict:
    return {"when": in_days(3), "service": "Permanence CAF", "place": "Vitry-sur-Seine"}
