import datetime as dt

import pytest

from passerelle.core.models import Activity, AuditEntry
from passerelle.people import services
from passerelle.people.models import (
    Consent,
    Goal,
    Note,
    Person,
    ProgrammeMembership,
    SkillAssessment,
)
from passerelle.people.services_pathway import assessment_create, goal_create
from tests.factories import ActivityFactory, ConsentFactory, NoteFactory, PersonFactory, UserFactory


@pytest.fixture
def pair(organisation, site, questionnaire, manager):
    survivor = PersonFactory(
        organisation=organisation, first_name="Awa", last_name="Koné", birth_date=None
    )
    duplicate = PersonFactory(
        organisation=organisation,
        first_name="Awa",
        last_name="Kone",
        birth_date=dt.date(1980, 1, 2),
        phone="+33612345678",
    )
    for person in (survivor, duplicate):
        ActivityFactory(organisation=organisation, site=site, person=person)
        NoteFactory(person=person)
        ConsentFactory(person=person)
        ProgrammeMembership.objects.create(
            person=person, programme="insertion", start_date=dt.date(2026, 1, 5)
        )
        goal_create(person=person, by=manager, title="Créer une adresse e-mail")
        assessment_create(person=person, staff=manager, answers={q.pk: 1 for q in questionnaire})
    return survivor, duplicate


def test_merge_moves_every_related_row_to_the_survivor(pair, manager):
    survivor, duplicate = pair
    services.person_merge(survivor=survivor, duplicate=duplicate, by=manager)
    for model in (Activity, Note, Consent, ProgrammeMembership, Goal, SkillAssessment):
        assert set(model.objects.values_list("person_id", flat=True)) == {survivor.pk}, model
    assert Activity.objects.count() == 4  # one support + one diagnostic each
    assert not Person.objects.filter(pk=duplicate.pk).exists()


def test_merge_fills_the_survivors_blanks_from_the_duplicate(pair, manager):
    survivor, duplicate = pair
    merged = services.person_merge(survivor=survivor, duplicate=duplicate, by=manager)
    assert merged.birth_date == dt.date(1980, 1, 2)
    assert str(merged.phone) == "+33612345678"
    assert merged.first_name == "Awa"


def test_merge_is_journaled_under_both_files(pair, manager):
    survivor, duplicate = pair
    old_pk = duplicate.pk
    services.person_merge(survivor=survivor, duplicate=duplicate, by=manager)
    merged_for = set(
        AuditEntry.objects.filter(action="person_merged").values_list("person_id", flat=True)
    )
    assert merged_for == {survivor.pk, old_pk}


def test_merge_with_another_organisations_file_is_refused(organisation, manager):
    mine = PersonFactory(organisation=organisation)
    theirs = PersonFactory()
    with pytest.raises(ValueError):
        services.person_merge(survivor=mine, duplicate=theirs, by=manager)


def test_merge_is_all_or_nothing(pair, manager, monkeypatch):
    survivor, duplicate = pair

    def fail(*args, **kwargs):
        raise RuntimeError("journal down")

    monkeypatch.setattr(services, "audit_log", fail)
    with pytest.raises(RuntimeError):
        services.person_merge(survivor=survivor, duplicate=duplicate, by=manager)
    assert Person.objects.filter(pk=duplicate.pk).exists()
    assert Note.objects.filter(person=duplicate).count() == 1


def test_merge_page_compares_then_merges(manager_client, pair):
    survivor, duplicate = pair
    page = manager_client.get(f"/personnes/{survivor.pk}/fusion/", {"duplicate": duplicate.pk})
    assert "Vérifiez avant de fusionner" in page.text
    response = manager_client.post(f"/personnes/{survivor.pk}/fusion/", {"duplicate": duplicate.pk})
    assert response["Location"] == f"/personnes/{survivor.pk}/"
    assert not Person.objects.filter(pk=duplicate.pk).exists()


def test_merge_page_suggests_likely_duplicates(manager_client, pair):
    survivor, duplicate = pair
    page = manager_client.get(f"/personnes/{survivor.pk}/fusion/")
    assert duplicate in page.context["candidates"]


def test_only_managers_may_merge(staff_client, organisation):
    client, _ = staff_client("social_worker")
    a, b = PersonFactory.create_batch(2, organisation=organisation)
    assert client.post(f"/personnes/{a.pk}/fusion/", {"duplicate": b.pk}).status_code == 403
    assert Person.objects.count() == 2


def test_merging_a_file_into_another_organisations_file_is_not_possible(
    manager_client, organisation
):
    mine = PersonFactory(organisation=organisation)
    theirs = PersonFactory(organisation=UserFactory().organisation)
    response = manager_client.post(f"/personnes/{mine.pk}/fusion/", {"duplicate": theirs.pk})
    assert response.status_code == 200
    assert Person.objects.filter(pk=theirs.pk).exists()


def person_unique_relations() -> set:
    """Models pointing to Person whose unique rules include that pointer: moving the
    duplicate's rows onto the survivor could break them."""
    from django.db import models

    found = set()
    for relation in Person._meta.related_objects:
        model, field = relation.related_model, relation.field
        if relation.one_to_one or field.unique:
            found.add(model)
        rules = [
            c.fields for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)
        ] + list(model._meta.unique_together)
        if any(field.name in rule for rule in rules):
            found.add(model)
    return found


def test_the_model_graph_finds_the_unique_rules_on_a_person():
    labels = {model._meta.label for model in person_unique_relations()}
    assert {"workshops.Registration", "procedures.FollowedDeadline"} <= labels


def test_every_unique_rule_on_a_person_has_a_merge_rule():
    from passerelle.people.extensions import MERGE_HOOKS

    covered = {model for hook in MERGE_HOOKS for model in hook.models}
    missing = {m._meta.label for m in person_unique_relations() - covered}
    assert missing == set()
