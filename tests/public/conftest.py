import datetime as dt

import pytest
from django.utils import timezone

from passerelle.appointments.models import Appointment, Reason, Service
from passerelle.notifications.backends import LocmemBackend
from passerelle.workshops import services as workshop_services
from passerelle.workshops.models import Workshop
from tests.factories import ConsentFactory, PersonFactory, UserFactory


@pytest.fixture(autouse=True)
def _daytime(settings):
    """Messages may go at any hour in these tests (quiet hours shrunk to nothing)."""
    settings.NOTIFICATIONS_QUIET_START = dt.time(23, 59, 59, 999999)
    settings.NOTIFICATIONS_QUIET_END = dt.time(0, 0)
    LocmemBackend.outbox = []


def in_days(days: int, hour: int = 14) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def awa(organisation, site):
    person = PersonFactory(
        organisation=organisation,
        home_site=site,
        first_name="Awa",
        last_name="Traoré",
        phone="+33612345678",
    )
    ConsentFactory(person=person, scope="sms")
    return person


@pytest.fixture
def worker(organisation, site):
    return UserFactory(
        organisation=organisation, sites=[site], role="social_worker", first_name="Claire"
    )


@pytest.fixture
def appointment(awa, worker, site, organisation):
    from passerelle.procedures.models import Procedure

    procedure = Procedure.objects.create(
        organisation=organisation,
        name="Déclaration trimestrielle RSA",
        agency="CAF",
        category="social_sante",
        url="https://www.caf.fr",
        documents="Carte Vitale\nDernier avis d'imposition",
        steps="Se connecter.",
    )
    service = Service.objects.create(organisation=organisation, name="Permanence CAF")
    reason = Reason.objects.create(
        service=service, name="Motif confidentiel", duration_minutes=30, procedure=procedure
    )
    return Appointment.objects.create(
        person=awa,
        worker=worker,
        service=service,
        reason=reason,
        site=site,
        starts_at=in_days(2),
        ends_at=in_days(2) + dt.timedelta(minutes=30),
        booked_by=worker,
    )


@pytest.fixture
def full_session(organisation, site, awa, worker):
    """A session in 3 days, one seat: Awa has it, Bintou waits."""
    workshop = Workshop.objects.create(
        organisation=organisation,
        title="Découvrir sa boîte mail",
        theme="email",
        level="debutant",
        duration_minutes=60,
        what_to_bring="votre téléphone",
    )
    session = workshop_services.session_create(
        workshop=workshop, site=site, starts_at=in_days(3, 10), capacity=1
    )
    seat = workshop_services.registration_create(session=session, person=awa, by=worker)
    bintou = PersonFactory(organisation=organisation, first_name="Bintou", phone="+33698765432")
    ConsentFactory(person=bintou, scope="sms")
    waiting = workshop_services.registration_create(session=session, person=bintou, by=worker)
    return session, seat, waiting
