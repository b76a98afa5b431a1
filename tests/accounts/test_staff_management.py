from django.urls import reverse

from passerelle.accounts.enums import Role
from passerelle.accounts.models import User
from passerelle.core.models import AuditEntry
from tests.factories import SiteFactory, UserFactory


def staff_data(site, **overrides):
    data = {
        "first_name": "Awa",
        "last_name": "Koné",
        "email": "awa.kone@exemple.org",
        "role": Role.RECEPTION,
        "sites": [site.pk],
    }
    return {**data, **overrides}


def test_manager_creates_a_staff_account_with_a_set_password_link(manager_client, site):
    response = manager_client.post(reverse("accounts:staff_create"), staff_data(site))
    created = User.objects.get(email="awa.kone@exemple.org")
    assert created.role == Role.RECEPTION
    assert list(created.sites.all()) == [site]
    assert not created.has_usable_password()
    page = manager_client.get(response["Location"])
    assert "/compte/mot-de-passe/" in page.context["set_password_link"]
    assert AuditEntry.objects.filter(action="staff_created", target_id=created.pk).exists()


def test_the_set_password_link_lets_the_newcomer_choose_a_password(manager_client, site, client):
    manager_client.post(reverse("accounts:staff_create"), staff_data(site))
    link = manager_client.get(
        reverse("accounts:staff_detail", args=[User.objects.get(email="awa.kone@exemple.org").pk])
    ).context["set_password_link"]
    manager_client.logout()
    form_page = manager_client.get(link, follow=True)
    password = "une phrase assez longue 2026"
    manager_client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
    )
    assert User.objects.get(email="awa.kone@exemple.org").check_password(password)


def test_duplicate_email_is_refused_by_the_field(manager_client, manager, site):
    response = manager_client.post(
        reverse("accounts:staff_create"), staff_data(site, email=manager.email.upper())
    )
    assert response.status_code == 200
    assert "Un compte utilise déjà cette adresse e-mail." in response.text
    assert User.objects.count() == 1


def test_non_manager_role_needs_at_least_one_site(manager_client, site):
    response = manager_client.post(reverse("accounts:staff_create"), staff_data(site, sites=[]))
    assert "Choisissez au moins un lieu." in response.text


def test_another_organisations_site_cannot_be_given(manager_client, site):
    foreign = SiteFactory()
    response = manager_client.post(
        reverse("accounts:staff_create"), staff_data(site, sites=[foreign.pk])
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="awa.kone@exemple.org").exists()


def test_non_managers_cannot_manage_staff(staff_client):
    client, _ = staff_client(Role.SOCIAL_WORKER)
    assert client.get(reverse("accounts:staff_list")).status_code == 403


def test_another_organisations_staff_is_not_found(manager_client):
    outsider = UserFactory()
    response = manager_client.get(reverse("accounts:staff_detail", args=[outsider.pk]))
    assert response.status_code == 404


def test_deactivated_account_is_kept_and_can_no_longer_log_in(manager_client, organisation, site):
    member = UserFactory(organisation=organisation, sites=[site])
    manager_client.post(reverse("accounts:staff_toggle_active", args=[member.pk]))
    member.refresh_from_db()
    assert member.is_active is False


def test_manager_cannot_deactivate_their_own_account(manager_client, manager):
    manager_client.post(reverse("accounts:staff_toggle_active", args=[manager.pk]))
    manager.refresh_from_db()
    assert manager.is_active is True


def test_staff_list_query_count_does_not_grow_with_the_team(
    manager_client, organisation, site, django_assert_max_num_queries
):
    UserFactory.create_batch(3, organisation=organisation, sites=[site])
    with django_assert_max_num_queries(12) as first:
        manager_client.get(reverse("accounts:staff_list"))
    UserFactory.create_batch(20, organisation=organisation, sites=[site])
    with django_assert_max_num_queries(len(first.captured_queries)):
        manager_client.get(reverse("accounts:staff_list"))


def test_the_calendar_page_creates_no_address_until_asked(staff_client):
    from passerelle.accounts.models import CalendarFeed

    client, user = staff_client("mediator")
    page = client.get("/compte/agenda/")
    assert "Créer mon adresse d'agenda" in page.text
    assert not CalendarFeed.objects.filter(user=user).exists()
    client.post("/compte/agenda/")
    feed = CalendarFeed.objects.get(user=user)
    assert feed.token in client.get("/compte/agenda/").text


def test_a_new_account_has_no_role_chosen_and_each_role_says_what_it_sees(manager_client):
    page = manager_client.get("/compte/equipe/nouveau/")
    radios = [line for line in page.text.splitlines() if 'name="role"' in line]
    assert len(radios) == 5
    assert not any("checked" in line for line in radios)
    assert "pas les notes sociales" in page.text


def test_creating_an_account_without_a_role_is_refused_in_french(manager_client, site):
    response = manager_client.post(
        "/compte/equipe/nouveau/",
        {
            "first_name": "Lou",
            "last_name": "Martin",
            "email": "lou@exemple.org",
            "sites": [site.pk],
        },
    )
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.text
