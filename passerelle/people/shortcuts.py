"""What the views of every app use to open a person's file safely."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from passerelle.accounts import permissions
from passerelle.core.shortcuts import object_or_404
from passerelle.people.models import Person


def person_for(request, pk: int, *, related: tuple[str, ...] = ()) -> Person:
    """The person, if the user may open their file; 404 otherwise (no hint it exists).
    `related`: what the page reads with the person (`select_related`)."""
    people = Person.objects.visible_to(request.user)
    if related:  # (select_related() without names would follow every foreign key)
        people = people.select_related(*related)
    person = get_object_or_404(people, pk=pk)
    if not permissions.can_view_person(request.user, person):
        raise PermissionDenied
    return person


def person_or_none(request, pk) -> Person | None:
    """The person chosen in a form or a link (`?personne=`), if any; 404 for an id the user
    may not see."""
    if not pk:
        return None
    return object_or_404(Person.objects.visible_to(request.user), pk)


def person_url(person: Person) -> str:
    return reverse("people:detail", args=[person.pk])
