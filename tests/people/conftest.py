import pytest

from passerelle.people.services_pathway import questionnaire_install_default


@pytest.fixture
def questionnaire(organisation):
    questionnaire_install_default(organisation=organisation)
    from passerelle.people.models import SkillQuestion

    return list(SkillQuestion.objects.filter(area__organisation=organisation))
