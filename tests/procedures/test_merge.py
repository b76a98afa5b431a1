"""Merging two files of one person whose deadlines were followed twice."""

import pytest

from passerelle.people.services import person_merge
from passerelle.procedures import services
from passerelle.procedures.models import FollowedDeadline
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_deadline_both_files_follow_is_followed_once_after_the_merge(organisation, manager):
    survivor = PersonFactory(organisation=organisation, last_name="Koné")
    duplicate = PersonFactory(organisation=organisation, last_name="Kone")
    for person in (survivor, duplicate):
        services.deadline_follow(person=person, kind="ft_actualisation", by=manager)

    person_merge(survivor=survivor, duplicate=duplicate, by=manager)

    followed = FollowedDeadline.objects.filter(person=survivor)
    assert followed.count() == 2  # the duplicate's is kept as history, with its windows
    assert followed.active().count() == 1
