"""factory_boy factories shared by every test module."""

from __future__ import annotations

import datetime as dt

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from passerelle.accounts.enums import Role
from passerelle.accounts.models import User
from passerelle.core import enums as core_enums
from passerelle.core.models import Activity, Organisation, Site
from passerelle.people.models import Person


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Association {n}")


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Lieu {n}")
    commune = "Vitry-sur-Seine"
    postcode = "94400"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"agent{n}@exemple.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEDIATOR
    password = factory.django.Password("mot-de-passe-de-test")

    class Params:
        manager = factory.Trait(role=Role.MANAGER)
        social_worker = factory.Trait(role=Role.SOCIAL_WORKER)
        mediator = factory.Trait(role=Role.MEDIATOR)
        reception = factory.Trait(role=Role.RECEPTION)
        volunteer = factory.Trait(role=Role.VOLUNTEER)

    @factory.post_generation
    def sites(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is not None:
            self.sites.set(extracted)
        elif self.role != Role.MANAGER:
            self.sites.set([SiteFactory(organisation=self.organisation)])


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Application d'authentification"
    confirmed = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    birth_date = dt.date(1960, 5, 17)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    organisation = factory.SubFactory(OrganisationFactory)
    site = factory.SubFactory(SiteFactory, organisation=factory.SelfAttribute("..organisation"))
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))
    kind = core_enums.ActivityKind.INDIVIDUAL_SUPPORT
    date = factory.LazyFunction(dt.date.today)
    duration_minutes = 30
    theme = core_enums.Theme.ADMIN_PROCEDURES


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "people.Note"

    person = factory.SubFactory(PersonFactory)
    author = factory.SubFactory(
        UserFactory, organisation=factory.SelfAttribute("..person.organisation")
    )
    visibility = "general"
    text = "Vient le mardi."


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "people.Consent"

    person = factory.SubFactory(PersonFactory)
    scope = "sms"
    recorded_by = factory.SubFactory(
        UserFactory, organisation=factory.SelfAttribute("..person.organisation")
    )


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "appointments.Service"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Permanence {n}")


class ReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "appointments.Reason"

    service = factory.SubFactory(ServiceFactory)
    name = "Déclaration"
    duration_minutes = 30


class AppointmentFactory(factory.django.DjangoModelFactory):
    """A half-hour appointment; give it a person, a worker, a reason, a site and a start."""

    class Meta:
        model = "appointments.Appointment"

    service = factory.SelfAttribute("reason.service")
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=30))


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.Workshop"

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Atelier {n}")
    theme = "email"
    level = "debutant"
    duration_minutes = 60
