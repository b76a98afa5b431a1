import pytest

from passerelle.procedures.services import catalogue_install_default


@pytest.fixture
def catalogue(organisation):
    catalogue_install_default(organisation=organisation)
    from passerelle.procedures.models import Procedure

    return {p.name: p for p in Procedure.objects.filter(organisation=organisation)}
