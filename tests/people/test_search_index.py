"""The trigram index of the search, on SQLite (people/search_index.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from passerelle.people import search_index, selectors
from passerelle.people.models import Person
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="a SQLite index; PostgreSQL reads the names as before"
)


@pytest.fixture
def searcher(organisation, site):
    return UserFactory(organisation=organisation, sites=[site])


def found(user, query):
    return list(selectors.search_people(user=user, query=query)[0])


def indexed(text):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {search_index.TABLE} WHERE {search_index.TABLE} MATCH %s",
            [search_index.match_query([text])],
        )
        return {pk for (pk,) in cursor.fetchall()}


def test_a_search_takes_its_candidates_from_the_trigram_index(searcher, organisation):
    martin = PersonFactory(organisation=organisation, first_name="Jean", last_name="Martin")
    with CaptureQueriesContext(connection) as queries:
        assert found(searcher, "martin") == [martin]
    assert any(f"{search_index.TABLE} MATCH" in query["sql"] for query in queries)


def test_the_index_follows_new_renamed_and_deleted_people(organisation):
    person = PersonFactory(organisation=organisation, first_name="Jean", last_name="Martin")
    assert indexed("martin") == {person.pk}
    person.last_name = "Dupont"
    person.save()
    assert indexed("martin") == set()
    assert indexed("dupont") == {person.pk}
    Person.objects.filter(pk=person.pk).delete()
    assert indexed("dupont") == set()


def test_two_letters_are_found_without_the_index(searcher, organisation):
    martin = PersonFactory(organisation=organisation, first_name="Jean", last_name="Martin")
    with CaptureQueriesContext(connection) as queries:
        assert found(searcher, "ma") == [martin]
    assert not any("MATCH" in query["sql"] for query in queries)


def test_every_word_of_three_letters_or_more_must_be_in_the_index(searcher, organisation):
    jean = PersonFactory(organisation=organisation, first_name="Jean", last_name="Martin")
    PersonFactory(organisation=organisation, first_name="Paul", last_name="Martin")
    assert found(searcher, "martin jean") == [jean]


def test_a_quote_typed_in_the_search_is_text_not_syntax(searcher, organisation):
    PersonFactory(organisation=organisation, first_name="Jean", last_name="Martin")
    assert found(searcher, 'mar"tin') == []
    assert search_index.match_query(["ab", 'mar"tin']) == '"mar""tin"'


def test_the_index_and_its_triggers_come_back_after_a_migration_dropped_them(organisation):
    # Django's SQLite schema editor rebuilds a table for many changes: its triggers go.
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {search_index.TABLE}_insert")
    missed = PersonFactory(organisation=organisation, first_name="Awa", last_name="Koné")
    assert indexed("kone") == set()
    search_index.post_migrate(sender=None, using="default")
    assert indexed("kone") == {missed.pk}
    later = PersonFactory(organisation=organisation, first_name="Inès", last_name="Konaté")
    assert indexed("kon") == {missed.pk, later.pk}


def test_the_daily_compaction_keeps_the_index_answering(organisation):
    person = PersonFactory(organisation=organisation, first_name="Jean", last_name="Martin")
    person.last_name = "Dupont"
    person.save()
    assert search_index.optimise() == "Index de recherche des personnes compacté."
    assert indexed("martin") == set()
    assert indexed("dupont") == {person.pk}


def test_an_anonymised_name_leaves_the_index(organisation):
    from passerelle.privacy import services as privacy

    person = PersonFactory(organisation=organisation, first_name="Josiane", last_name="Lefèvre")
    privacy.person_anonymise(person=person, reason="test")
    assert indexed("lefevre") == set()
    assert indexed("josiane") == set()
