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
