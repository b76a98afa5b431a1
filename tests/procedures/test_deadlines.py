import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from passerelle.core.models import Activity
from passerelle.procedures import selectors, services
from passerelle.procedures.models import DeadlineOccurrence, TaxCampaign
from tests.factories import PersonFactory, SiteFactory, UserFactory

D = dt.date
TODAY = D(2026, 1, 5)


@pytest.fixture
def person(organisation, site):
    return PersonFactory(organisation=organisation, home_site=site, postcode="94400")


@pytest.fixture
def reader(organisation, site):
    return UserFactory(organisation=organisation, sites=[site], role="social_worker")


def follow(person, kind, by, reference=None, today=TODAY):
    return services.deadline_follow(
        person=person, kind=kind, by=by, reference_date=reference, today=today
    )


def test_following_stores_the_windows_of_the_coming_year(person, reader):
    followed = follow(person, "ft_actualisation", reader)
    windows = list(followed.occurrences.values_list("opens_on", "closes_on"))
    assert windows[0] == (D(2025, 12, 28), D(2026, 1, 15))
    assert len(windows) == 14  # Dec 2025 to Jan 2027 within 400 days


def test_each_window_carries_the_persons_organisation(person, reader):
    followed = follow(person, "ft_actualisation", reader)
    assert set(followed.occurrences.values_list("organisation", flat=True)) == {
        person.organisation_id
    }


def test_at_risk_leaves_out_the_windows_of_another_centre(person, reader):
    from tests.factories import OrganisationFactory

    elsewhere = OrganisationFactory()
    other = PersonFactory(organisation=elsewhere, home_site=SiteFactory(organisation=elsewhere))
    follow(other, "ft_actualisation", UserFactory(organisation=elsewhere, role="social_worker"))
    follow(person, "ft_actualisation", reader)
    at_risk = selectors.at_risk(user=reader, within_days=3, today=D(2026, 1, 13))
    assert [o.followed.person for o in at_risk] == [person]


def test_at_risk_lists_windows_closing_within_the_chosen_days(person, reader):
    follow(person, "ft_actualisation", reader)
    assert selectors.at_risk(user=reader, within_days=3, today=D(2026, 1, 5)).count() == 0
    at_risk = list(selectors.at_risk(user=reader, within_days=3, today=D(2026, 1, 13)))
    assert [(o.followed.person, o.closes_on) for o in at_risk] == [(person, D(2026, 1, 15))]


def test_a_window_done_is_no_longer_at_risk_and_writes_an_activity(person, reader, site):
    follow(person, "ft_actualisation", reader)
    occurrence = DeadlineOccurrence.objects.get(closes_on=D(2026, 1, 15))
    services.occurrence_mark_done(
        occurrence=occurrence, by=reader, autonomy="autonome", site=site, day=D(2026, 1, 14)
    )
    assert selectors.at_risk(user=reader, within_days=3, today=D(2026, 1, 14)).count() == 0
    activity = Activity.objects.get()
    assert (activity.kind, activity.autonomy, activity.date) == (
        "deadline_done",
        "autonome",
        D(2026, 1, 14),
    )
    assert activity.source == occurrence


def test_marking_done_twice_writes_one_activity(person, reader):
    follow(person, "ft_actualisation", reader)
    occurrence = DeadlineOccurrence.objects.get(closes_on=D(2026, 1, 15))
    for _ in range(2):
        services.occurrence_mark_done(
            occurrence=occurrence, by=reader, autonomy="entierement_accompagne", day=D(2026, 1, 10)
        )
    assert Activity.objects.count() == 1


def test_a_window_cannot_be_done_before_it_opens(person, reader):
    follow(person, "ft_actualisation", reader)
    occurrence = DeadlineOccurrence.objects.get(closes_on=D(2026, 2, 15))
    with pytest.raises(ValidationError):
        services.occurrence_mark_done(
            occurrence=occurrence, by=reader, autonomy="entierement_accompagne", day=D(2026, 1, 10)
        )


def test_at_risk_is_limited_to_the_organisation(person, reader):
    follow(person, "ft_actualisation", reader)
    outsider = UserFactory(social_worker=True)
    assert selectors.at_risk(user=outsider, within_days=3, today=D(2026, 1, 13)).count() == 0


def test_at_risk_filters_by_site_and_referent(organisation, site, reader):
    other_site = SiteFactory(organisation=organisation)
    here = PersonFactory(organisation=organisation, home_site=site, referent=reader)
    there = PersonFactory(organisation=organisation, home_site=other_site)
    for someone in (here, there):
        follow(someone, "ft_actualisation", reader)
    by_site = selectors.at_risk(user=reader, within_days=3, today=D(2026, 1, 13), site_id=site.pk)
    assert [o.followed.person for o in by_site] == [here]
    by_referent = selectors.at_risk(
        user=reader, within_days=3, today=D(2026, 1, 13), referent_id=reader.pk
    )
    assert [o.followed.person for o in by_referent] == [here]


def test_caf_quarterly_windows_follow_the_opening_month(person, reader):
    follow(person, "caf_quarterly", reader, reference=D(2025, 11, 17))
    opens = list(DeadlineOccurrence.objects.values_list("opens_on", flat=True))
    assert opens[:4] == [D(2026, 2, 1), D(2026, 5, 1), D(2026, 8, 1), D(2026, 11, 1)]


@pytest.mark.parametrize(
    ("kind", "reference", "message"),
    [
        ("residence_permit", D(2025, 12, 1), "déjà passée"),
        ("identity_document", D(2025, 12, 1), "déjà passée"),
        ("caf_quarterly", D(2026, 3, 1), "doit être passé"),
        ("caf_quarterly", D(1980, 1, 1), "doit être passé"),
        ("css_renewal", None, "Indiquez la date"),
    ],
)
def test_impossible_references_are_refused(person, reader, kind, reference, message):
    with pytest.raises(ValidationError) as error:
        follow(person, kind, reader, reference=reference)
    assert message in str(error.value)
    assert not DeadlineOccurrence.objects.exists()


def test_the_same_procedure_cannot_be_followed_twice(person, reader):
    follow(person, "ft_actualisation", reader)
    with pytest.raises(ValidationError):
        follow(person, "ft_actualisation", reader)


def test_tax_return_uses_the_campaign_and_the_persons_departement(person, reader, organisation):
    follow(person, "tax_return", reader)
    assert not DeadlineOccurrence.objects.exists()  # no dates typed yet
    services.tax_campaign_save(
        campaign=TaxCampaign(
            organisation=organisation,
            year=2026,
            opens_on=D(2026, 4, 10),
            zone1_closes_on=D(2026, 5, 21),
            zone2_closes_on=D(2026, 5, 28),
            zone3_closes_on=D(2026, 6, 4),
        ),
        today=TODAY,
    )
    occurrence = DeadlineOccurrence.objects.get()
    assert (occurrence.opens_on, occurrence.closes_on) == (D(2026, 4, 10), D(2026, 6, 4))


def test_windows_closed_before_following_started_are_not_missed(person, reader):
    follow(person, "ft_actualisation", reader, today=D(2026, 11, 29))
    assert not selectors.missed_recently(user=reader, today=D(2026, 11, 29))


def test_stopping_removes_future_windows_and_keeps_what_was_done(person, reader):
    followed = follow(person, "ft_actualisation", reader)
    done = DeadlineOccurrence.objects.get(closes_on=D(2026, 1, 15))
    services.occurrence_mark_done(
        occurrence=done, by=reader, autonomy="entierement_accompagne", day=TODAY
    )
    services.deadline_stop(followed=followed, today=TODAY)
    assert list(DeadlineOccurrence.objects.all()) == [done]


def test_extending_twice_creates_nothing_twice(person, reader):
    follow(person, "ft_actualisation", reader)
    before = DeadlineOccurrence.objects.count()
    call_command("periodic")
    after_first = DeadlineOccurrence.objects.count()
    call_command("periodic")
    assert DeadlineOccurrence.objects.count() == after_first >= before


def test_reminders_due_names_openings_and_closings_in_two_days(person, reader):
    follow(person, "ft_actualisation", reader)
    due = selectors.reminders_due(on=D(2026, 1, 28))
    assert [o.closes_on for o in due["window_opens"]] == [D(2026, 2, 15)]
    due = selectors.reminders_due(on=D(2026, 1, 13))
    assert [o.closes_on for o in due["closes_in_two_days"]] == [D(2026, 1, 15)]


def test_at_risk_page_is_printable_with_phones(staff_client, organisation, site, monkeypatch):
    client, user = staff_client("reception")
    someone = PersonFactory(organisation=organisation, home_site=site, phone="+33612345678")
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 1, 13))
    services.deadline_follow(person=someone, kind="ft_actualisation", by=user)
    page = client.get("/demarches/a-risque/")
    assert page.status_code == 200
    assert "06 12 34 56 78" in page.text
    assert "no-print" in page.text


def test_follow_form_shows_a_french_message_by_the_field(staff_client, organisation):
    client, _ = staff_client("social_worker")
    someone = PersonFactory(organisation=organisation)
    response = client.post(
        f"/demarches/personne/{someone.pk}/suivre/",
        {"kind": "residence_permit", "reference_date": "2020-01-01"},
    )
    assert response.status_code == 200
    assert 'id="id_reference_date_error"' in response.text
    assert "déjà passée" in response.text


def test_volunteers_do_not_see_who_is_at_risk(staff_client):
    client, _ = staff_client("volunteer")
    assert client.get("/demarches/a-risque/").status_code == 403


def test_today_page_shows_the_at_risk_block(staff_client, organisation, site, monkeypatch):
    client, user = staff_client("mediator")
    someone = PersonFactory(organisation=organisation, home_site=site, first_name="Aminata")
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 1, 13))
    services.deadline_follow(person=someone, kind="ft_actualisation", by=user)
    page = client.get("/")
    assert "Échéances à risque" in page.text
    assert "Aminata" in page.text


def test_person_file_shows_upcoming_deadlines(staff_client, organisation, site):
    client, user = staff_client("social_worker")
    someone = PersonFactory(organisation=organisation, home_site=site)
    services.deadline_follow(person=someone, kind="ft_actualisation", by=user)
    page = client.get(f"/personnes/{someone.pk}/")
    assert "Échéances à ne pas manquer" in page.text
    assert "Actualisation mensuelle France Travail" in page.text


def test_at_risk_query_count_does_not_grow_with_the_list(
    staff_client, organisation, site, monkeypatch, django_assert_max_num_queries
):
    client, user = staff_client("social_worker")
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 1, 13))
    for _ in range(2):
        services.deadline_follow(
            person=PersonFactory(organisation=organisation, home_site=site),
            kind="ft_actualisation",
            by=user,
        )
    with django_assert_max_num_queries(30) as few:
        client.get("/demarches/a-risque/")
    for _ in range(10):
        services.deadline_follow(
            person=PersonFactory(organisation=organisation, home_site=site),
            kind="ft_actualisation",
            by=user,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/demarches/a-risque/")


def test_at_risk_rows_missed_windows_and_follow_ups_take_no_query_each(
    staff_client, organisation, site, catalogue, monkeypatch, django_assert_max_num_queries
):
    from passerelle.procedures.models import AssistedProcedure, DeadlineOccurrence

    client, user = staff_client("social_worker")
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 1, 13))
    procedure = next(iter(catalogue.values()))

    def followed(count):
        for n in range(count):
            person = PersonFactory(
                organisation=organisation, home_site=site, referent=user, phone=f"+336123456{n:02d}"
            )
            deadline = services.deadline_follow(person=person, kind="ft_actualisation", by=user)
            DeadlineOccurrence.objects.create(
                followed=deadline,
                organisation=organisation,
                opens_on=D(2025, 12, 1),
                closes_on=D(2026, 1, 5),
            )
            AssistedProcedure.objects.create(
                person=person,
                procedure=procedure,
                staff=user,
                date=D(2026, 1, 2),
                outcome="waiting",
                autonomy="done_for",
                duration_minutes=20,
                follow_up_on=D(2026, 1, 12),
            )

    followed(2)
    with django_assert_max_num_queries(30) as few:
        client.get("/demarches/a-risque/")
    followed(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/demarches/a-risque/")
    assert page.text.count(user.get_full_name()) >= 12
    assert (len(page.context["missed"]), len(page.context["follow_ups"])) == (12, 12)


@pytest.mark.parametrize(
    ("role", "sees_the_other_site"),
    [("manager", True), ("social_worker", False)],
    ids=["a-manager-sees-every-site", "someone-at-one-site-sees-that-site"],
)
def test_today_block_lists_the_people_of_the_sites_one_sees(
    staff_client, organisation, site, monkeypatch, role, sees_the_other_site
):
    client, user = staff_client(role)
    elsewhere = SiteFactory(organisation=organisation)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 1, 13))
    for name, home in (("Aminata", site), ("Bérénice", elsewhere)):
        someone = PersonFactory(organisation=organisation, home_site=home, first_name=name)
        services.deadline_follow(person=someone, kind="ft_actualisation", by=user)
    page = client.get("/").text
    assert "Aminata" in page
    assert ("Bérénice" in page) is sees_the_other_site
