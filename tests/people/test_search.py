import datetime as dt

import pytest

from passerelle.people import selectors
from passerelle.people.models import Person
from tests.factories import PersonFactory, UserFactory


@pytest.fixture
def searcher(organisation, site):
    return UserFactory(organisation=organisation, sites=[site])


@pytest.fixture
def josiane(organisation):
    return PersonFactory(
        organisation=organisation,
        first_name="Josiane",
        last_name="Lefèvre",
        birth_date=dt.date(1951, 3, 14),
        phone="+33612345678",
    )


def found(user, query):
    return list(selectors.search_people(user=user, query=query)[0])


@pytest.mark.parametrize(
    "query",
    ["lefevre", "LEFÈVRE", "Lefevre", "josiane", "JOSIANE LEFEVRE", "lefevre josiane", "fèvre"],
)
def test_name_search_ignores_accents_case_and_order(searcher, josiane, query):
    assert found(searcher, query) == [josiane]


@pytest.mark.parametrize(
    "query", ["0612345678", "06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "5678"]
)
def test_phone_search_accepts_any_format(searcher, josiane, query):
    assert found(searcher, query) == [josiane]


@pytest.mark.parametrize("query", ["14/03/1951", "14/3/1951", "1951-03-14", "14.03.1951"])
def test_birth_date_search_accepts_common_formats(searcher, josiane, query):
    assert found(searcher, query) == [josiane]


@pytest.mark.parametrize(
    "query", ["jean pierre", "jean-pierre", "jeanpierre", "Jean Pierre M'Bappé"]
)
def test_hyphenated_names_are_found_with_or_without_hyphen(searcher, organisation, query):
    person = PersonFactory(organisation=organisation, first_name="Jean-Pierre", last_name="M'Bappé")
    assert found(searcher, query) == [person]


def test_apostrophe_names_are_found_glued_together(searcher, organisation):
    person = PersonFactory(organisation=organisation, first_name="Awa", last_name="N'Diaye")
    assert found(searcher, "ndiaye") == [person]
    assert found(searcher, "n'diaye") == [person]


def test_word_starts_come_before_inner_matches(searcher, organisation):
    omar = PersonFactory(organisation=organisation, first_name="Omar", last_name="Aziz")
    martin = PersonFactory(organisation=organisation, first_name="Luc", last_name="Martin")
    assert found(searcher, "mar") == [martin, omar]


def test_people_of_another_organisation_are_never_found(searcher, josiane):
    PersonFactory(first_name="Josiane", last_name="Lefèvre")
    assert found(searcher, "josiane") == [josiane]


def test_anonymised_people_are_not_found(searcher, josiane):
    Person.objects.filter(pk=josiane.pk).update(is_anonymised=True)
    assert found(searcher, "josiane") == []


def test_search_stops_at_twenty_and_says_there_are_more(searcher, organisation):
    PersonFactory.create_batch(25, organisation=organisation, last_name="Martin")
    results, more = selectors.search_people(user=searcher, query="martin")
    assert len(results) == 20
    assert more is True


def test_empty_or_blank_query_finds_nobody(searcher, josiane):
    assert found(searcher, "   ") == []


def test_search_page_returns_only_the_results_fragment_to_htmx(staff_client, josiane):
    client, _ = staff_client("reception")
    response = client.get("/personnes/", {"q": "lefevre"}, headers={"HX-Request": "true"})
    assert "<html" not in response.text
    assert 'id="results"' in response.text
    assert "Josiane" in response.text


@pytest.mark.parametrize("role", ["reception", "social_worker"])
def test_search_page_query_count_does_not_grow_with_results(
    staff_client, organisation, django_assert_max_num_queries, role
):
    client, _ = staff_client(role)
    PersonFactory.create_batch(2, organisation=organisation, last_name="Martin")
    with django_assert_max_num_queries(15) as few:
        client.get("/personnes/", {"q": "martin"})
    PersonFactory.create_batch(20, organisation=organisation, last_name="Martin")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/personnes/", {"q": "martin"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("06.12.34.56.78", "+33612345678"),
        ("612345678", "+33612345678"),
        ("+33 7 81 23 45 67", "+33781234567"),
    ],
)
def test_a_mobile_written_any_french_way_becomes_e164(text, expected):
    from passerelle.people.search import mobile_e164

    assert mobile_e164(text) == expected


def test_a_landline_is_not_a_mobile_and_garbage_is_not_a_number():
    from passerelle.people.search import NotAMobile, mobile_e164

    with pytest.raises(NotAMobile):
        mobile_e164("01 45 67 89 10")
    with pytest.raises(ValueError):
        mobile_e164("12 34")
