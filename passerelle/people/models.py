"""The people the centre supports (bénéficiaires) and their programmes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from passerelle.core.enums import AgeBand, EmploymentStatus
from passerelle.core.models import Organisation, Site, TimeStampedModel
from passerelle.core.utils import age_band_for, fold
from passerelle.people import enums


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> PersonQuerySet:
        """People of the user's organisation. Files are shared across its sites."""
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        return self.filter(organisation_id=user.organisation_id, is_anonymised=False)


class Person(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="people", verbose_name=_("structure")
    )
    home_site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lieu habituel"),
    )
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    birth_date = models.DateField(_("date de naissance"), null=True, blank=True)
    gender = models.CharField(
        _("genre"), max_length=10, choices=enums.Gender.choices, default=enums.Gender.UNKNOWN
    )
    phone = PhoneNumberField(_("téléphone portable"), blank=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    preferred_language = models.CharField(
        _("langue préférée"),
        max_length=10,
        choices=enums.Language.choices,
        default=enums.Language.FRENCH,
    )
    french_level = models.CharField(
        _("niveau de français"),
        max_length=10,
        choices=enums.FrenchLevel.choices,
        default=enums.FrenchLevel.UNKNOWN,
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referred_people",
        verbose_name=_("référent"),
    )
    # Profile used for reports (INSEE's most affected groups).
    employment_status = models.CharField(
        _("situation professionnelle"),
        max_length=12,
        choices=EmploymentStatus.choices,
        default=EmploymentStatus.UNKNOWN,
    )
    education_level = models.CharField(
        _("niveau de diplôme"),
        max_length=15,
        choices=enums.EducationLevel.choices,
        default=enums.EducationLevel.UNKNOWN,
    )
    income_situation = models.CharField(
        _("ressources principales"),
        max_length=25,
        choices=enums.IncomeSituation.choices,
        default=enums.IncomeSituation.UNKNOWN,
    )
    household = models.CharField(
        _("composition du foyer"),
        max_length=25,
        choices=enums.Household.choices,
        default=enums.Household.UNKNOWN,
    )
    has_smartphone = models.BooleanField(_("a un smartphone"), null=True, blank=True)
    has_computer = models.BooleanField(_("a un ordinateur à domicile"), null=True, blank=True)
    has_internet = models.BooleanField(_("a internet à domicile"), null=True, blank=True)
    is_anonymised = models.BooleanField(_("anonymisée"), default=False)
    # Folded names, phone digits and birth date: accent-insensitive search on every database.
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(
                fields=["organisation", "last_name", "first_name"], name="person_org_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name.upper()}"

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        parts = [fold(self.first_name), fold(self.last_name)]
        if self.phone:
            national = str(self.phone.national_number)
            parts.append("0" + national if len(national) == 9 else national)
        if self.birth_date:
            parts.append(self.birth_date.strftime("%d/%m/%Y"))
        return " ".join(p for p in parts if p)[:400]

    def age_band(self, on: dt.date | None = None) -> AgeBand:
        return age_band_for(self.birth_date, on)


class ProgrammeMembership(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="programmes")
    programme = models.CharField(_("dispositif"), max_length=20, choices=enums.Programme.choices)
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"), null=True, blank=True)

    class Meta:
        verbose_name = _("dispositif suivi")
        verbose_name_plural = _("dispositifs suivis")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="programme_ends_after_start",
                violation_error_message=_("La fin doit être après le début."),
            )
        ]

    def __str__(self) -> str:
        return self.get_programme_display()
