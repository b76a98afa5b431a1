"""The communes table: La Poste's postcodes and INSEE's commune codes."""

from passerelle.core import communes


def test_a_postcode_of_one_commune_gives_its_insee_code():
    assert [c.insee_code for c in communes.for_postcode("94000")] == ["94028"]


def test_a_postcode_shared_by_several_communes_lists_them_by_name():
    names = [c.name for c in communes.for_postcode("94440")]
    assert names == ["Marolles-en-Brie", "Santeny", "Villecresnes"]


def test_a_commune_with_several_postcodes_writes_them_as_the_coop_does():
    assert communes.by_insee("94068").postcodes_text == "94100, 94210, 94340"


def test_names_match_without_case_accents_hyphens_or_saint_abbreviated():
    assert communes.find("st maur des fosses", "94210").insee_code == "94068"


def test_a_name_that_is_not_the_postcode_s_commune_finds_nothing():
    assert communes.find("Créteil", "94400") is None


def test_a_name_shared_by_several_communes_without_postcode_finds_nothing():
    assert len(communes.named("Saint-Denis")) > 1
    assert communes.find("Saint-Denis") is None


def test_the_commune_list_of_a_postcode_is_offered_to_the_form(staff_client):
    client, _ = staff_client("reception")
    page = client.get("/communes/", {"postcode": "94520"})
    assert page.text.count("<option") == 2
    assert 'value="Périgny"' in page.text
