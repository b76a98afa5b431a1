import datetime as dt

import pytest
from django.utils import timezone

from passerelle.appointments.models import Appointment, Reason, Service
from passerelle.kiosk.models import Kiosk
from tests.factories import PersonFactory, UserFactory


@pytest.fixture
def kiosk(organisation, site):
    return Kiosk.objects.create(organisation=organisation, site=site, name="Entrée")


@pytest.fixture
def kiosk_url(kiosk):
    def url(path: str = "", lang: str = "fr") -> str:
        return f"/kiosque/{kiosk.token}/{lang}/{path}"

    return url


@pytest.fixture
def fatima(organisation, site):
    return PersonFactory(
        organisation=organisation,
        first_name="Fatima",
        last_name="Benali",
        birth_date=dt.date(1964, 3, 12),
        phone="+33612345678",
    )


@pytest.fixture
def worker(organisation, site):
    return UserFactory(
        organisation=organisation, sites=[site], role="social_worker", first_name="Claire"
    )


@pytest.fixture
def caf(organisation):
    service = Service.objects.create(organisation=organisation, name="Permanence CAF")
    return Reason.objects.create(service=service, name="Déclaration secrète", duration_minutes=30)


@pytest.fixture
def appointment_today(fatima, worker, caf, site):
    """Now (so that it is today whatever the hour the test runs), for 30 minutes."""
    starts = timezone.now().replace(second=0, microsecond=0)
    return Appointment.objects.create(
        person=fatima,
        worker=worker,
        service=caf.service,
        reason=caf,
        site=site,
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=30),
        booked_by=worker,
        kiosk_code="482913",
    )
