import datetime as dt

import pytest

from passerelle.people import selectors
from tests.factories import ActivityFactory, NoteFactory, PersonFactory, UserFactory


@pytest.fixture
def person(organisation):
    return PersonFactory(organisation=organisation)


def test_timeline_mixes_activities_and_notes_newest_first(organisation, site, person):
    reader = UserFactory(organisation=organisation, sites=[site])
    old = ActivityFactory(
        organisation=organisation, site=site, person=person, date=dt.date(2026, 1, 5)
    )
    note = NoteFactory(person=person, date=dt.date(2026, 2, 1))
    new = ActivityFactory(
        organisation=organisation, site=site, person=person, date=dt.date(2026, 3, 1)
    )
    items, cursor = selectors.timeline_page(person=person, user=reader)
    assert [i.obj for i in items] == [new, note, old]
    assert cursor is None


def test_timeline_pages_cover_everything_once(organisation, site, person):
    reader = UserFactory(organisation=organisation, sites=[site])
    for day in range(1, 26):
        ActivityFactory(
            organisation=organisation, site=site, person=person, date=dt.date(2026, 1, day)
        )
        NoteFactory(person=person, date=dt.date(2026, 1, day))
    seen, cursor = [], None
    while True:
        items, cursor = selectors.timeline_page(person=person, user=reader, cursor=cursor)
        seen += [(i.kind, i.pk) for i in items]
        if cursor is None:
            break
    assert len(seen) == 50
    assert len(set(seen)) == 50


def test_timeline_filters_by_kind(organisation, site, person):
    reader = UserFactory(organisation=organisation, sites=[site])
    ActivityFactory(organisation=organisation, site=site, person=person, kind="diagnostic")
    ActivityFactory(organisation=organisation, site=site, person=person, kind="walk_in")
    NoteFactory(person=person)
    items, _ = selectors.timeline_page(person=person, user=reader, kind="diagnostic")
    assert [i.kind for i in items] == ["diagnostic"]
    items, _ = selectors.timeline_page(person=person, user=reader, kind="note")
    assert [i.kind for i in items] == ["note"]


def test_timeline_shows_a_social_note_to_social_workers_only(organisation, site, person):
    NoteFactory(person=person, visibility="social")
    mediator = UserFactory(organisation=organisation, sites=[site], role="mediator")
    social_worker = UserFactory(organisation=organisation, sites=[site], role="social_worker")
    assert selectors.timeline_page(person=person, user=mediator)[0] == []
    assert len(selectors.timeline_page(person=person, user=social_worker)[0]) == 1


def test_volunteers_see_the_digital_path_only(organisation, site, person):
    volunteer = UserFactory(organisation=organisation, sites=[site], role="volunteer")
    ActivityFactory(organisation=organisation, site=site, person=person, kind="diagnostic")
    ActivityFactory(organisation=organisation, site=site, person=person, kind="appointment")
    NoteFactory(person=person)
    items, _ = selectors.timeline_page(person=person, user=volunteer)
    assert [i.kind for i in items] == ["diagnostic"]


def test_next_page_through_htmx_returns_items_only(staff_client, organisation, site, person):
    client, _ = staff_client("mediator")
    for day in range(1, 25):
        ActivityFactory(
            organisation=organisation, site=site, person=person, date=dt.date(2026, 1, day)
        )
    first = client.get(f"/personnes/{person.pk}/chronologie/", headers={"HX-Request": "true"})
    cursor = first.context["next_cursor"]
    response = client.get(
        f"/personnes/{person.pk}/chronologie/", {"avant": cursor}, headers={"HX-Request": "true"}
    )
    assert "<section" not in response.text
    assert response.text.count('class="timeline-item') == 24 - selectors.TIMELINE_PAGE


def test_broken_cursor_starts_from_the_top(staff_client, person):
    client, _ = staff_client("mediator")
    response = client.get(f"/personnes/{person.pk}/chronologie/", {"avant": "n'importe quoi"})
    assert response.status_code == 200
