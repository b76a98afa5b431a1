import pytest
from django.test import RequestFactory

from passerelle.core.shortcuts import int_or_none, safe_return


@pytest.mark.parametrize(
    "raw", ["abc", "-3", "0", "1.5", "١٢", "99999999999999999999999", "", None, "12\x00"]
)
def test_an_id_that_is_no_database_id_is_none(raw):
    assert int_or_none(raw) is None


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/personnes/3/", "/personnes/3/"),
        ("https://exemple.invalid/", "/"),
        ("//exemple.invalid/", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
    ],
)
def test_a_return_address_stays_on_passerelle(target, expected):
    request = RequestFactory().post("/", {"retour": target})
    assert safe_return(request, "/") == expected
