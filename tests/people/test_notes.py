import pytest

from passerelle.accounts.enums import Role
from passerelle.people.models import Note
from tests.factories import NoteFactory, PersonFactory, UserFactory

VISIBLE = {
    # role: (general, social, private of someone else)
    Role.MANAGER: (True, False, False),
    Role.SOCIAL_WORKER: (True, True, False),
    Role.MEDIATOR: (True, False, False),
    Role.RECEPTION: (True, False, False),
    Role.VOLUNTEER: (False, False, False),
}


@pytest.fixture
def notes(organisation):
    person = PersonFactory(organisation=organisation)
    return {
        visibility: NoteFactory(person=person, visibility=visibility)
        for visibility in ("general", "social", "private")
    }


@pytest.mark.parametrize("role", list(VISIBLE))
def test_note_visibility_by_role(organisation, notes, role):
    reader = UserFactory(organisation=organisation, role=role)
    seen = set(Note.objects.visible_to(reader).values_list("visibility", flat=True))
    general, social, private = VISIBLE[role]
    assert ("general" in seen) is general
    assert ("social" in seen) is social
    assert ("private" in seen) is private


def test_private_note_is_visible_to_its_author_only(organisation, notes):
    author = notes["private"].author
    author.role = Role.MEDIATOR
    author.save()
    assert notes["private"] in Note.objects.visible_to(author)


def test_notes_of_another_organisation_are_never_visible(notes):
    outsider = UserFactory(social_worker=True)
    assert not Note.objects.visible_to(outsider).exists()


def test_only_social_workers_may_write_a_social_note(staff_client, organisation):
    client, _ = staff_client(Role.MEDIATOR)
    person = PersonFactory(organisation=organisation)
    response = client.post(f"/personnes/{person.pk}/notes/", {"visibility": "social", "text": "x"})
    assert response.status_code == 200
    assert (
        "n&#x27;est pas un choix valide" in response.text
        or "Sélectionnez un choix valide" in response.text
    )
    assert not Note.objects.exists()


def test_social_worker_writes_a_social_note(staff_client, organisation):
    client, user = staff_client(Role.SOCIAL_WORKER)
    person = PersonFactory(organisation=organisation)
    client.post(f"/personnes/{person.pk}/notes/", {"visibility": "social", "text": "Dossier CSS"})
    note = Note.objects.get()
    assert (note.author, note.visibility) == (user, "social")


def test_overlong_note_is_refused_with_a_message(staff_client, organisation):
    client, _ = staff_client(Role.MEDIATOR)
    person = PersonFactory(organisation=organisation)
    response = client.post(
        f"/personnes/{person.pk}/notes/", {"visibility": "general", "text": "x" * 5001}
    )
    assert "au plus 5000 caractères" in response.text
    assert not Note.objects.exists()


def test_volunteer_cannot_write_notes(staff_client, organisation):
    client, _ = staff_client(Role.VOLUNTEER)
    person = PersonFactory(organisation=organisation)
    assert (
        client.post(
            f"/personnes/{person.pk}/notes/", {"visibility": "general", "text": "x"}
        ).status_code
        == 403
    )
