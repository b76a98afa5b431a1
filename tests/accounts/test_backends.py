"""The account read back on each request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_a_page_reads_the_signed_in_account_with_its_organisation(manager_client):
    manager_client.get("/compte/")  # a first visit may slide the session
    with CaptureQueriesContext(connection) as page:
        response = manager_client.get("/compte/")
    assert response.status_code == 200
    alone = [q["sql"] for q in page.captured_queries if 'FROM "core_organisation"' in q["sql"]]
    assert alone == []
    assert any('JOIN "core_organisation"' in q["sql"] for q in page.captured_queries)


def test_a_deactivated_account_is_signed_out_on_its_next_request(manager_client, manager):
    manager.is_active = False
    manager.save(update_fields=["is_active"])
    response = manager_client.get("/compte/")
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]
