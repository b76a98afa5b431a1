"""Ids typed in a URL or posted by a form are never a 500."""

import pytest


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/permanences/creneaux/", {"motif": "abc"}),
        ("get", "/permanences/reserver/", {"motif": "1", "intervenant": "x", "debut": "nope"}),
        ("get", "/permanences/", {"personne": "1;drop"}),
        ("get", "/permanences/file/", {"personne": "abc"}),
        ("post", "/permanences/file/ticket/", {"service": "abc"}),
        ("get", "/permanences/horaires/", {"intervenant": "abc"}),
        ("get", "/salle/postes/999999/arrivee/", {"personne": "abc"}),
        ("get", "/ateliers/semaine/", {"semaine": "31/02", "lieu": "zz"}),
        ("get", "/permanences/agenda/", {"jour": "hier", "intervenant": "x", "lieu": "x"}),
        ("get", "/demarches/a-risque/", {"jours": "-4", "lieu": "x", "tri": "?"}),
        ("get", "/personnes/1/chronologie/", {"avant": "x|y|z|w"}),
        ("get", "/demarches/personne/1/noter/", {"demarche": "abc"}),
    ],
)
def test_bad_ids_get_a_page_not_a_server_error(manager_client, method, path, data):
    manager_client.raise_request_exception = False
    response = getattr(manager_client, method)(path, data)
    assert response.status_code in (200, 302, 400, 403, 404)
