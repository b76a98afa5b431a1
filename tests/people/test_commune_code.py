"""The person's commune: its INSEE code from the postcode, a choice where several share it."""

import pytest

from passerelle.people.models import Person

CREATE = "/personnes/nouvelle/"


@pytest.fixture
def reception(staff_client):
    return staff_client("reception")[0]


def create(client, **fields):
    return client.post(CREATE, {"first_name": "Awa", "last_name": "Koné", **fields})


def test_the_postcode_alone_fills_the_commune_and_its_insee_code(reception):
    create(reception, postcode="94400")
    person = Person.objects.get()
    assert (person.commune, person.insee_code) == ("Vitry-sur-Seine", "94081")


def test_a_shared_postcode_asks_which_commune(reception):
    page = create(reception, postcode="94440")
    assert "couvre plusieurs communes : Marolles-en-Brie, Santeny, Villecresnes" in page.text
    assert not Person.objects.exists()


def test_the_commune_written_picks_among_a_shared_postcode(reception):
    create(reception, postcode="94440", commune="santeny")
    person = Person.objects.get()
    assert (person.commune, person.insee_code) == ("Santeny", "94070")


def test_a_commune_that_does_not_match_the_postcode_is_refused(reception):
    page = create(reception, postcode="94000", commune="Vitry-sur-Seine")
    assert "Le code postal 94000 est celui de Créteil." in page.text


def test_a_postcode_unknown_to_la_poste_is_kept_without_insee_code(reception):
    create(reception, postcode="94999", commune="Créteil Cedex")
    person = Person.objects.get()
    assert (person.commune, person.postcode, person.insee_code) == ("Créteil Cedex", "94999", "")


def test_changing_the_postcode_changes_the_insee_code(reception):
    create(reception, postcode="94400")
    person = Person.objects.get()
    form = reception.get(f"/personnes/{person.pk}/modifier/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "phone"}
    data.update(postcode="94200", commune="")
    reception.post(f"/personnes/{person.pk}/modifier/", data)
    person.refresh_from_db()
    assert (person.commune, person.insee_code) == ("Ivry-sur-Seine", "94041")
