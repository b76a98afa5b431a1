import datetime as dt

import pytest

from passerelle.appointments import services
from passerelle.appointments.models import Reason, Service
from tests.factories import UserFactory


@pytest.fixture
def worker(organisation, site):
    return UserFactory(organisation=organisation, sites=[site], role="social_worker")


@pytest.fixture
def reason(organisation):
    service = Service.objects.create(organisation=organisation, name="Permanence CAF")
    return Reason.objects.create(service=service, name="Déclaration", duration_minutes=30)


@pytest.fixture
def mondays(worker, reason, site):
    """Every Monday 9:00-11:00, from 2026."""
    return services.opening_hours_add(
        worker=worker,
        service=reason.service,
        site=site,
        weekday=0,
        start_time=dt.time(9),
        end_time=dt.time(11),
        valid_from=dt.date(2026, 1, 1),
    )
