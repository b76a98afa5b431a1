"""The deadline rules checked against the official texts (2026-11-30): each case with the
official dates written out, not computed by the code under test."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from passerelle.procedures import selectors, services
from passerelle.procedures.models import Campaign, DeadlineOccurrence, TaxCampaign
from tests.factories import PersonFactory, UserFactory

D = dt.date
TODAY = D(2026, 11, 30)


@pytest.fixture
def person(organisation, site):
    return PersonFactory(organisation=organisation, home_site=site, postcode="94400")


@pytest.fixture
def worker(organisation, site):
    return UserFactory(organisation=organisation, sites=[site], role="social_worker")


def windows(followed) -> list[tuple]:
    return list(
        followed.occurrences.order_by("opens_on").values_list("opens_on", "closes_on", "last_day")
    )


def test_a_prefecture_title_in_its_last_two_months_is_at_risk_not_missed(person, worker):
    services.deadline_follow(
        person=person,
        kind="residence_permit",
        by=worker,
        reference_date=D(2027, 1, 20),
        permit_kind="prefecture",
        today=TODAY,
    )
    assert not selectors.missed_recently(user=worker, today=D(2027, 1, 18))
    at_risk = selectors.at_risk(user=worker, within_days=3, today=D(2027, 1, 18))
    assert [o.closes_on for o in at_risk] == [D(2027, 1, 19)]


def test_an_anef_title_past_its_60th_day_is_late_but_still_possible(person, worker):
    followed = services.deadline_follow(
        person=person,
        kind="residence_permit",
        by=worker,
        reference_date=D(2027, 2, 28),
        permit_kind="anef",
        today=TODAY,
    )
    assert windows(followed) == [(D(2026, 10, 31), D(2026, 12, 30), D(2027, 2, 27))]
    assert not selectors.missed_recently(user=worker, today=D(2027, 1, 15))
    late = selectors.at_risk(user=worker, within_days=3, today=D(2027, 1, 15))
    assert [o.closes_on for o in late] == [D(2026, 12, 30)]


def test_a_residence_permit_needs_the_kind_of_title(person, worker):
    with pytest.raises(ValidationError, match="quel titre"):
        services.deadline_follow(
            person=person,
            kind="residence_permit",
            by=worker,
            reference_date=D(2027, 2, 28),
            today=TODAY,
        )


def test_a_paper_filer_uses_the_paper_date_of_the_campaign(person, worker, organisation):
    followed = services.deadline_follow(
        person=person, kind="tax_return", by=worker, files_on_paper=True, today=D(2026, 1, 5)
    )
    services.tax_campaign_save(
        campaign=TaxCampaign(
            organisation=organisation,
            year=2026,
            opens_on=D(2026, 4, 9),
            paper_closes_on=D(2026, 5, 19),
            zone1_closes_on=D(2026, 5, 21),
            zone2_closes_on=D(2026, 5, 28),
            zone3_closes_on=D(2026, 6, 4),
        ),
        today=D(2026, 1, 5),
    )
    assert windows(followed) == [(D(2026, 4, 9), D(2026, 5, 19), None)]


def test_the_paper_date_must_come_before_the_online_dates(organisation):
    campaign = TaxCampaign(
        organisation=organisation,
        year=2026,
        opens_on=D(2026, 4, 9),
        paper_closes_on=D(2026, 5, 22),
        zone1_closes_on=D(2026, 5, 21),
        zone2_closes_on=D(2026, 5, 28),
        zone3_closes_on=D(2026, 6, 4),
    )
    with pytest.raises(ValidationError, match="avant les dates limites en ligne"):
        services.tax_campaign_save(campaign=campaign, today=D(2026, 1, 5))


def test_aah_is_at_risk_from_the_date_to_file_by_not_the_end_of_rights(person, worker):
    followed = services.deadline_follow(
        person=person,
        kind="aah_renewal",
        by=worker,
        reference_date=D(2027, 9, 30),
        today=TODAY,
    )
    assert windows(followed) == [(D(2026, 9, 30), D(2027, 3, 30), D(2027, 9, 29))]
    at_risk = selectors.at_risk(user=worker, within_days=3, today=D(2027, 3, 28))
    assert [o.closes_on for o in at_risk] == [D(2027, 3, 30)]


def test_aah_without_time_limit_means_nothing_to_follow(person, worker):
    with pytest.raises(ValidationError, match="sans limitation de durée"):
        services.deadline_follow(
            person=person,
            kind="aah_renewal",
            by=worker,
            reference_date=D(2027, 9, 30),
            aah_without_limit=True,
            today=TODAY,
        )


def test_an_adult_id_card_of_2004_to_2013_counts_five_more_years(person, worker):
    followed = services.deadline_follow(
        person=person,
        kind="identity_document",
        by=worker,
        reference_date=D(2024, 5, 20),
        id_card_extended=True,
        today=TODAY,
    )
    assert followed.reference_date == D(2029, 5, 20)
    assert "5 ans de plus" in followed.label


def test_an_rsa_recipients_css_renews_itself_and_raises_no_alert(person, worker):
    followed = services.deadline_follow(
        person=person,
        kind="css_renewal",
        by=worker,
        reference_date=D(2027, 3, 31),
        automatic_renewal=True,
        today=TODAY,
    )
    assert followed.automatic_renewal
    assert windows(followed) == []


def test_the_date_typed_from_the_caf_agenda_replaces_the_estimate(person, worker):
    followed = services.deadline_follow(
        person=person,
        kind="caf_quarterly",
        by=worker,
        reference_date=D(2025, 3, 1),
        today=TODAY,
    )
    assert windows(followed)[0] == (D(2026, 12, 1), D(2026, 12, 31), None)
    services.deadline_update(followed=followed, agenda_due_on=D(2026, 12, 10), today=TODAY)
    assert windows(followed)[:2] == [
        (D(2026, 12, 1), D(2026, 12, 10), None),
        (D(2027, 3, 1), D(2027, 3, 10), None),
    ]


def test_the_energy_voucher_follows_the_campaign_typed_by_the_manager(person, worker, organisation):
    followed = services.deadline_follow(
        person=person, kind="energy_voucher", by=worker, today=D(2025, 10, 1)
    )
    services.campaign_save(
        campaign=Campaign(
            organisation=organisation,
            kind="energy_voucher",
            year=2025,
            opens_on=D(2025, 10, 15),
            closes_on=D(2026, 2, 28),
        ),
        today=D(2025, 10, 1),
    )
    assert windows(followed) == [(D(2025, 10, 15), D(2026, 2, 28), None)]


def test_a_social_housing_request_is_renewed_before_its_anniversary(person, worker):
    followed = services.deadline_follow(
        person=person,
        kind="social_housing",
        by=worker,
        reference_date=D(2025, 6, 12),
        today=TODAY,
    )
    assert windows(followed)[0] == (D(2027, 5, 12), D(2027, 6, 11), None)


def test_changing_the_aah_settings_moves_the_windows_still_to_come(
    person, worker, organisation, manager
):
    followed = services.deadline_follow(
        person=person,
        kind="aah_renewal",
        by=worker,
        reference_date=D(2027, 9, 30),
        today=TODAY,
    )
    options = selectors.deadline_settings_for(organisation)
    options.aah_file_by_months = 8
    services.deadline_settings_save(options=options, by=manager, today=TODAY)
    assert DeadlineOccurrence.objects.filter(followed=followed).count() == 1
    assert windows(followed)[0][1] == D(2027, 1, 30)


def test_the_follow_page_asks_the_kind_of_title_in_french(staff_client, organisation):
    client, _ = staff_client("social_worker")
    person = PersonFactory(organisation=organisation)
    response = client.post(
        f"/demarches/personne/{person.pk}/suivre/",
        {"kind": "residence_permit", "reference_date": "2027-06-30"},
    )
    assert "Dites de quel titre il s" in response.text
    assert not person.deadlines.exists()


def test_the_file_names_the_kind_of_title_and_the_last_possible_day(staff_client, organisation):
    client, user = staff_client("social_worker")
    person = PersonFactory(organisation=organisation)
    expiry = timezone.localdate() + dt.timedelta(days=200)
    services.deadline_follow(
        person=person, kind="residence_permit", by=user, reference_date=expiry, permit_kind="anef"
    )
    page = client.get(f"/personnes/{person.pk}/")
    assert "Renouvellement du titre de séjour (en ligne, ANEF)" in page.text
    last_day = date_format(expiry - dt.timedelta(days=1), "j F Y")
    assert f"Après le {last_day}, il sera trop tard" in page.text


def test_staff_type_the_date_seen_in_the_caf_agenda(staff_client, organisation):
    client, user = staff_client("social_worker")
    person = PersonFactory(organisation=organisation)
    followed = services.deadline_follow(
        person=person, kind="caf_quarterly", by=user, reference_date=D(2025, 3, 1)
    )
    assert "Date estimée" in client.get(f"/personnes/{person.pk}/").text
    due = timezone.localdate() + dt.timedelta(days=10)
    response = client.post(
        f"/demarches/suivis/{followed.pk}/modifier/",
        {"agenda_due_on": due.isoformat(), "reference_date": "2025-03-01"},
    )
    assert response.status_code == 302
    followed.refresh_from_db()
    assert followed.agenda_due_on == due
    assert "Date estimée" not in client.get(f"/personnes/{person.pk}/").text


def test_a_manager_types_the_energy_voucher_campaign(manager_client, organisation):
    year = timezone.localdate().year
    response = manager_client.post(
        "/demarches/reglages/",
        {
            "formulaire": "energie",
            "energie-year": str(year),
            "energie-opens_on": f"{year}-10-15",
            "energie-closes_on": f"{year + 1}-02-28",
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert (campaign.kind, campaign.closes_on) == ("energy_voucher", D(year + 1, 2, 28))


def test_a_mandate_reference_is_only_for_a_procedure_done_for_the_person(
    staff_client, organisation
):
    from passerelle.procedures.models import AssistedProcedure, Procedure

    client, _ = staff_client("social_worker")
    person = PersonFactory(organisation=organisation)
    procedure = Procedure.objects.create(
        organisation=organisation,
        name="Actualisation",
        agency="France Travail",
        category="travail_formation",
        theme="insertion_professionnelle",
        url="https://www.francetravail.fr",
        steps="Se connecter.",
    )
    data = {
        "procedure": procedure.pk,
        "date": "2026-11-30",
        "duration_minutes": 15,
        "outcome": "done",
        "autonomy": "entierement_accompagne",
        "mandate_reference": "AC-2026-0042",
    }
    response = client.post(f"/demarches/personne/{person.pk}/noter/", data)
    assert "Un mandat ne sert que" in response.text
    data["autonomy"] = "done_for"
    client.post(f"/demarches/personne/{person.pk}/noter/", data)
    assert AssistedProcedure.objects.get().mandate_reference == "AC-2026-0042"
