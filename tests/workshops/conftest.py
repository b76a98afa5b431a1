import datetime as dt

import pytest
from django.utils import timezone

from passerelle.workshops import services
from passerelle.workshops.models import Workshop


@pytest.fixture
def workshop(organisation):
    return Workshop.objects.create(
        organisation=organisation,
        title="Créer et utiliser sa boîte mail",
        theme="email",
        level="debutant",
        duration_minutes=90,
        description="Créer son adresse.",
    )


@pytest.fixture
def session(workshop, site):
    starts = timezone.now() + dt.timedelta(days=2)
    return services.session_create(workshop=workshop, site=site, starts_at=starts, capacity=2)
