"""NarrowPages: a long ordered list paginated by its keys first, then the page's rows."""

from django.core.paginator import Paginator

from passerelle.core.shortcuts import NarrowPages
from passerelle.people.models import Person
from tests.factories import PersonFactory


def test_pages_keep_the_lists_order_and_count(organisation):
    for name in ["Zoé", "Adam", "Malik", "Inès", "Bruno"]:
        PersonFactory(organisation=organisation, first_name=name)
    ordered = Person.objects.order_by("first_name")
    pages = Paginator(NarrowPages(ordered, lambda keys: Person.objects.filter(pk__in=keys)), 2)
    assert pages.count == 5
    names = [p.first_name for n in pages.page_range for p in pages.page(n).object_list]
    assert names == ["Adam", "Bruno", "Inès", "Malik", "Zoé"]


def test_a_page_reads_its_rows_in_one_query(organisation, django_assert_num_queries):
    PersonFactory.create_batch(6, organisation=organisation)
    rows = NarrowPages(
        Person.objects.order_by("pk"), lambda keys: Person.objects.filter(pk__in=keys)
    )
    with django_assert_num_queries(2):  # the keys, then the rows
        assert len(rows[2:5]) == 3


def test_a_short_list_is_counted_and_paged_from_one_query_of_its_keys(
    organisation, django_assert_num_queries
):
    PersonFactory.create_batch(6, organisation=organisation)
    pages = Paginator(
        NarrowPages(Person.objects.order_by("pk"), lambda keys: Person.objects.filter(pk__in=keys)),
        4,
    )
    with django_assert_num_queries(3):  # the keys; then each page's rows
        assert pages.count == 6
        assert len(pages.page(1).object_list) == 4
        assert len(pages.page(2).object_list) == 2


def test_a_list_longer_than_the_keys_held_is_counted_and_its_pages_keyed_alone(
    organisation, django_assert_num_queries
):
    for name in ["Zoé", "Adam", "Malik", "Inès", "Bruno"]:
        PersonFactory(organisation=organisation, first_name=name)
    rows = NarrowPages(
        Person.objects.order_by("first_name"),
        lambda keys: Person.objects.filter(pk__in=keys),
        held=3,
    )
    pages = Paginator(rows, 2)
    with django_assert_num_queries(2):  # the keys up to the bound, then a COUNT
        assert pages.count == 5
    with django_assert_num_queries(2):  # the page's keys, then its rows
        assert [p.first_name for p in pages.page(3).object_list] == ["Zoé"]
