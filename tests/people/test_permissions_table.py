"""Role × action on a person's file, through the real views (200/302 allowed, 403 refused)."""

import pytest

from passerelle.accounts.enums import Role
from tests.factories import PersonFactory

M, SW, MED, REC, VOL = (
    Role.MANAGER,
    Role.SOCIAL_WORKER,
    Role.MEDIATOR,
    Role.RECEPTION,
    Role.VOLUNTEER,
)
ALL = {M, SW, MED, REC, VOL}

ACTIONS = {
    # name: (method, path template, data, roles allowed)
    "search": ("get", "/personnes/?q=awa", {}, ALL),
    "open_file": ("get", "/personnes/{pk}/", {}, ALL),
    "register": ("get", "/personnes/nouvelle/", {}, {M, SW, MED, REC}),
    "edit": ("get", "/personnes/{pk}/modifier/", {}, {M, SW, MED, REC}),
    "write_general_note": (
        "post",
        "/personnes/{pk}/notes/",
        {"visibility": "general", "text": "x"},
        {M, SW, MED, REC},
    ),
    "give_consent": (
        "post",
        "/personnes/{pk}/consentements/",
        {"scope": "sms", "given_on": "2026-01-05"},
        {M, SW, MED, REC},
    ),
    "run_diagnostic": ("get", "/personnes/{pk}/diagnostics/nouveau/", {}, ALL),
    "add_goal": ("get", "/personnes/{pk}/objectifs/nouveau/", {}, ALL),
    "merge": ("get", "/personnes/{pk}/fusion/", {}, {M}),
    "import_coop_beneficiaries": ("get", "/personnes/importer/coop/", {}, {M, SW, MED}),
    "import_spreadsheet": ("get", "/personnes/importer/", {}, {M, SW, MED}),
    "import_pix_results": ("get", "/personnes/diagnostic/pix/", {}, {M, SW, MED}),
    "edit_pix_mapping": ("get", "/personnes/diagnostic/pix/correspondances/", {}, {M}),
    "edit_questionnaire": ("get", "/personnes/diagnostic/questionnaire/", {}, {M}),
}

CASES = [(action, role) for action in ACTIONS for role in Role]


@pytest.mark.parametrize(("action", "role"), CASES, ids=[f"{a}-{r}" for a, r in CASES])
def test_role_action_table_on_a_persons_file(staff_client, organisation, action, role):
    client, _ = staff_client(role)
    person = PersonFactory(organisation=organisation, first_name="Awa")
    method, path, data, allowed = ACTIONS[action]
    response = getattr(client, method)(path.format(pk=person.pk), data)
    if role in allowed:
        assert response.status_code in (200, 302), response.status_code
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("action", [a for a in ACTIONS if "{pk}" in ACTIONS[a][1]])
def test_another_organisations_person_is_not_found_whatever_the_action(manager_client, action):
    stranger = PersonFactory()
    method, path, data, _ = ACTIONS[action]
    response = getattr(manager_client, method)(path.format(pk=stranger.pk), data)
    assert response.status_code == 404
