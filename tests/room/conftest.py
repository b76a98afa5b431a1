import datetime as dt

import pytest

from passerelle.room.models import Room, Station


@pytest.fixture
def room(site):
    # Open all day so tests do not depend on the hour they run at.
    return Room.objects.create(
        site=site, name="Salle numérique", opens_at=dt.time(0, 0), closes_at=dt.time(23, 59)
    )


@pytest.fixture
def station(room):
    return Station.objects.create(room=room, name="Poste 1")
