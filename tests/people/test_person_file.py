import datetime as dt

import pytest
from django.utils import timezone

from passerelle.core.models import AuditEntry
from passerelle.people.models import Consent, Person, ProgrammeMembership
from tests.factories import NoteFactory, PersonFactory

CREATE = "/personnes/nouvelle/"


def valid(**overrides):
    data = {
        "first_name": "Awa",
        "last_name": "Koné",
        "gender": "female",
        "preferred_language": "fr",
        "french_level": "unknown",
        "employment_status": "unknown",
        "education_level": "unknown",
        "income_situation": "unknown",
        "household": "unknown",
    }
    return {**data, **overrides}


@pytest.fixture
def reception(staff_client):
    return staff_client("reception")[0]


def test_only_the_names_are_needed_to_register_someone(reception):
    response = reception.post(CREATE, {"first_name": "Awa", "last_name": "Koné"})
    person = Person.objects.get()
    assert response["Location"] == f"/personnes/{person.pk}/"
    assert person.phone == ""
    assert person.birth_date is None


def test_registration_stores_the_mobile_in_e164_with_programmes_and_consents(reception):
    reception.post(
        CREATE,
        valid(phone="06 12 34 56 78", programmes=["insertion"], consents=["sms", "follow_up"]),
    )
    person = Person.objects.get()
    assert str(person.phone) == "+33612345678"
    assert list(person.programmes.values_list("programme", flat=True)) == ["insertion"]
    assert set(person.consents.values_list("scope", flat=True)) == {"sms", "follow_up"}
    assert AuditEntry.objects.filter(action="person_created", person_id=person.pk).exists()


def test_each_field_says_why_it_is_asked(reception):
    html = reception.get(CREATE).text
    assert "Pour distinguer deux homonymes" in html
    assert "les SMS de rappel" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "Saisissez un numéro de portable valide"),
        ("phone", "01 45 67 89 10", "Ce numéro n&#x27;est pas un portable"),
        ("birth_date", "2999-01-01", "ne peut pas être dans le futur"),
        ("birth_date", "1890-01-01", "plus de 120 ans"),
        ("birth_date", "1990-02-30", "Saisissez une date valide"),
        ("first_name", "<script>alert(1)</script>", "Utilisez seulement des lettres"),
        ("last_name", "Koné2", "Utilisez seulement des lettres"),
        ("last_name", "K" * 101, "au plus 100 caractères"),
        ("postcode", "9440", "Le code postal compte 5 chiffres"),
        ("email", "pas-une-adresse", "Saisissez une adresse e-mail valide"),
    ],
)
def test_bad_input_gets_a_french_message_and_saves_nothing(reception, field, value, message):
    response = reception.post(CREATE, valid(**{field: value}))
    assert response.status_code == 200
    assert message in response.text
    assert f'id="id_{field}_error"' in response.text
    assert Person.objects.count() == 0


def test_html_typed_in_a_field_is_never_rendered_unescaped(reception):
    response = reception.post(CREATE, valid(first_name="<b>Awa</b>"))
    assert "<b>Awa</b>" not in response.text
    assert "&lt;b&gt;Awa&lt;/b&gt;" in response.text


def test_likely_duplicate_is_shown_before_saving(reception, organisation):
    existing = PersonFactory(
        organisation=organisation,
        first_name="Awa",
        last_name="Koné",
        birth_date=dt.date(1980, 1, 2),
    )
    response = reception.post(
        CREATE, valid(first_name="KONE", last_name="awa", birth_date="1980-01-02")
    )
    assert response.status_code == 200
    assert "Cette personne a peut-être déjà une fiche" in response.text
    assert f'href="/personnes/{existing.pk}/"' in response.text
    assert Person.objects.count() == 1


def test_same_phone_is_a_likely_duplicate(reception, organisation):
    PersonFactory(organisation=organisation, first_name="Mamadou", phone="+33612345678")
    response = reception.post(CREATE, valid(phone="0612345678"))
    assert "Cette personne a peut-être déjà une fiche" in response.text


def test_confirming_after_the_warning_creates_the_file(reception, organisation):
    PersonFactory(organisation=organisation, first_name="Awa", last_name="Koné", birth_date=None)
    warned = reception.post(CREATE, valid())
    assert 'name="not_a_duplicate" value="True"' in warned.text
    reception.post(CREATE, valid(not_a_duplicate="True"))
    assert Person.objects.count() == 2


def test_homonym_with_another_birth_date_is_not_a_duplicate(reception, organisation):
    PersonFactory(
        organisation=organisation,
        first_name="Awa",
        last_name="Koné",
        birth_date=dt.date(1970, 1, 1),
    )
    response = reception.post(CREATE, valid(birth_date="1990-05-05"))
    assert response.status_code == 302


def test_opening_a_file_is_journaled(reception, organisation):
    person = PersonFactory(organisation=organisation)
    reception.get(f"/personnes/{person.pk}/")
    entry = AuditEntry.objects.get(action="person_viewed")
    assert entry.person_id == person.pk


def test_another_organisations_file_is_not_found(reception):
    stranger = PersonFactory()
    assert reception.get(f"/personnes/{stranger.pk}/").status_code == 404


def test_volunteer_sees_first_name_contact_and_digital_path_only(staff_client, organisation):
    client, _ = staff_client("volunteer")
    person = PersonFactory(
        organisation=organisation,
        first_name="Josiane",
        last_name="Lefèvre",
        birth_date=dt.date(1951, 3, 14),
        phone="+33612345678",
    )
    NoteFactory(person=person, text="Une note générale")
    html = client.get(f"/personnes/{person.pk}/").text
    assert "Josiane L." in html
    assert "LEFÈVRE" not in html
    assert "1951" not in html
    assert "06 12 34 56 78" in html
    assert "Une note générale" not in html
    assert "Parcours numérique" in html
    assert "Ressources principales" not in html


def test_volunteer_cannot_edit_a_file(staff_client, organisation):
    client, _ = staff_client("volunteer")
    person = PersonFactory(organisation=organisation)
    assert client.get(f"/personnes/{person.pk}/modifier/").status_code == 403
    assert client.get(CREATE).status_code == 403


def test_editing_keeps_other_fields_and_is_journaled(reception, organisation):
    person = PersonFactory(
        organisation=organisation, first_name="Awa", last_name="Koné", commune="Ivry-sur-Seine"
    )
    form = reception.get(f"/personnes/{person.pk}/modifier/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "phone"}
    data.update(has_smartphone="true", birth_date="1960-05-17")
    reception.post(f"/personnes/{person.pk}/modifier/", data)
    person.refresh_from_db()
    assert person.has_smartphone is True
    assert person.commune == "Ivry-sur-Seine"
    assert AuditEntry.objects.filter(action="person_updated", person_id=person.pk).exists()


def test_withdrawing_a_consent_is_one_click_and_stops_it_everywhere(reception, organisation):
    from passerelle.people.selectors import has_consent

    person = PersonFactory(organisation=organisation)
    reception.post(
        f"/personnes/{person.pk}/consentements/",
        {"scope": "sms", "given_on": timezone.localdate().isoformat()},
    )
    assert has_consent(person=person, scope="sms")
    reception.post(f"/personnes/{person.pk}/consentements/sms/retrait/")
    assert not has_consent(person=person, scope="sms")
    consent = Consent.objects.get()
    assert consent.withdrawn_at is not None  # kept, with its history


def test_consent_in_the_future_is_refused(reception, organisation):
    person = PersonFactory(organisation=organisation)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    reception.post(
        f"/personnes/{person.pk}/consentements/", {"scope": "sms", "given_on": tomorrow.isoformat()}
    )
    assert not Consent.objects.exists()


def test_programme_with_end_before_start_is_refused(reception, organisation):
    person = PersonFactory(organisation=organisation)
    response = reception.post(
        f"/personnes/{person.pk}/dispositifs/",
        {"programme": "insertion", "start_date": "2026-05-01", "end_date": "2026-04-01"},
        follow=True,
    )
    assert "La fin doit être après le début." in response.text
    assert not ProgrammeMembership.objects.exists()


def test_person_file_query_count_does_not_grow_with_history(
    reception, organisation, site, django_assert_max_num_queries
):
    from tests.factories import ActivityFactory

    person = PersonFactory(organisation=organisation)
    ActivityFactory.create_batch(3, organisation=organisation, site=site, person=person)
    with django_assert_max_num_queries(40) as few:
        reception.get(f"/personnes/{person.pk}/")
    ActivityFactory.create_batch(40, organisation=organisation, site=site, person=person)
    NoteFactory.create_batch(10, person=person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        reception.get(f"/personnes/{person.pk}/")


def test_the_referent_is_read_with_the_person(
    reception, organisation, site, django_assert_max_num_queries
):
    from tests.factories import UserFactory

    alone = PersonFactory(organisation=organisation)
    reception.get(f"/personnes/{alone.pk}/")  # what a first page caches (content types…)
    with django_assert_max_num_queries(40) as without:
        reception.get(f"/personnes/{alone.pk}/")
    referent = UserFactory(organisation=organisation, first_name="Nadia", last_name="Belkacem")
    followed = PersonFactory(organisation=organisation, referent=referent)
    with django_assert_max_num_queries(len(without.captured_queries)):
        page = reception.get(f"/personnes/{followed.pk}/")
    assert "Nadia Belkacem" in page.text


def test_managers_see_who_opened_a_file(manager_client, organisation):
    person = PersonFactory(organisation=organisation)
    manager_client.get(f"/personnes/{person.pk}/")
    page = manager_client.get(f"/personnes/{person.pk}/journal/")
    assert len(page.context["entries"]) == 1
    assert "Fiche consultée" in page.text


def test_other_roles_do_not_see_the_access_journal(reception, organisation):
    person = PersonFactory(organisation=organisation)
    assert "Journal des accès" not in reception.get(f"/personnes/{person.pk}/").text
    assert reception.get(f"/personnes/{person.pk}/journal/").status_code == 403


def _history(*, person, organisation, site, staff, n: int, first: int = 0):
    """`n` more appointments, workshop sign-ups and assisted procedures for `person`."""
    from passerelle.procedures import services as procedures
    from passerelle.procedures.models import Procedure
    from passerelle.workshops import services as workshops
    from tests.factories import AppointmentFactory, ReasonFactory, WorkshopFactory

    reason = ReasonFactory(service__organisation=organisation, service__name=f"Permanence {first}")
    workshop = WorkshopFactory(organisation=organisation, title=f"Atelier {first}")
    procedure = Procedure.objects.filter(organisation=organisation).order_by("pk").first()
    for index in range(first, first + n):
        starts = timezone.now() + dt.timedelta(days=index - 2, hours=1)
        AppointmentFactory(person=person, worker=staff, reason=reason, site=site, starts_at=starts)
        session = workshops.session_create(
            workshop=workshop, site=site, starts_at=starts, capacity=8
        )
        past = starts < timezone.now()  # signed up on the spot, then
        workshops.registration_create(session=session, person=person, by=staff, walk_in=past)
        procedures.assisted_procedure_record(
            person=person,
            procedure=procedure,
            staff=staff,
            duration_minutes=20,
            outcome="done",
            autonomy="entierement_accompagne",
        )


def test_person_file_query_count_does_not_grow_with_appointments_workshops_and_procedures(
    manager_client, manager, organisation, site, django_assert_max_num_queries
):
    from passerelle.procedures import services as procedures

    procedures.catalogue_install_default(organisation=organisation)
    person = PersonFactory(organisation=organisation, home_site=site)
    _history(person=person, organisation=organisation, site=site, staff=manager, n=1)
    with django_assert_max_num_queries(40) as few:
        manager_client.get(f"/personnes/{person.pk}/")
    _history(person=person, organisation=organisation, site=site, staff=manager, n=5, first=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = manager_client.get(f"/personnes/{person.pk}/")
    assert "Atelier 1" in page.text  # the sessions of the second round
    assert "Permanence 1" in page.text  # its appointments
