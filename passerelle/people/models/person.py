"""The people the centre supports (bénéficiaires) and their programmes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from passerelle.core.enums import AgeBand, EmploymentStatus
from passerelle.core.models import Organisation, Site, TimeStampedModel
from passerelle.core.utils import age_band_for
from passerelle.people import enums, search_index
from passerelle.people.search import name_key, parse_query, search_text_for


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> PersonQuerySet:
        """People of the user's organisation. Files are shared across its sites."""
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        return self.filter(organisation_id=user.organisation_id, is_anonymised=False)

    def search(self, query: str) -> PersonQuerySet:
        terms = parse_query(query)
        if not terms:
            return self.none()
        qs = self
        for term in terms:
            qs = qs.filter(search_text__contains=term.text)
        # On SQLite, the candidates from the trigram index first (people/search_index.py).
        phrases = search_index.match_query(term.text for term in terms)
        if phrases and search_index.available(self.db):
            qs = qs.filter(
                pk__in=RawSQL(
                    f"SELECT rowid FROM {search_index.TABLE} WHERE {search_index.TABLE} MATCH %s",
                    (phrases,),
                )
            )
        # Whole words and word starts first ("mar" finds Martin before Omar).
        first = terms[0]
        return qs.annotate(
            starts_word=models.Case(
                models.When(search_text__contains=f" {first.text}", then=0),
                default=1,
                output_field=models.IntegerField(),
            )
        ).order_by("starts_word", "last_name", "first_name", "pk")


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
    # Only the year is known (a file brought from La Coop, which keeps the year alone): the
    # date is then 1 July of that year, shown as the year only, for the age band.
    birth_year_only = models.BooleanField(_("seule l'année de naissance est connue"), default=False)
    gender = models.CharField(
        _("genre"), max_length=10, choices=enums.Gender.choices, default=enums.Gender.UNKNOWN
    )
    phone = PhoneNumberField(_("téléphone portable"), blank=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    # The commune's INSEE code (not the postcode: one postcode can cover several communes),
    # chosen from the postcode; the Coop's export and beneficiaries file need it.
    insee_code = models.CharField(_("code INSEE de la commune"), max_length=5, blank=True)
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
    # A file made by the public booking page: reception checks it (same person as another?).
    created_online = models.BooleanField(_("créée en ligne, à vérifier"), default=False)
    # The right to object (GDPR art. 21): not named in any list of a programme's people
    # handed to a funder or partner (counted, never named).
    refuses_named_lists = models.BooleanField(
        _("refuse d'être nommé(e) dans les listes remises aux financeurs"), default=False
    )
    # The information notice (GDPR art. 13) given when the file was opened, and by whom.
    notice_given_on = models.DateField(_("notice d'information remise le"), null=True, blank=True)
    notice_given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("notice remise par"),
    )
    # Derived from names, phone and birth date on save, for search and duplicate detection on
    # every database (no unaccent on SQLite).
    search_text = models.CharField(max_length=400, editable=False, default="")
    name_key = models.CharField(max_length=200, editable=False, default="", db_index=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(
                fields=["organisation", "last_name", "first_name"], name="person_org_name"
            ),
            models.Index(fields=["organisation", "phone"], name="person_org_phone"),
            # The kiosk finds a person by birth date (then first name).
            models.Index(fields=["organisation", "birth_date"], name="person_org_birth"),
            # "Aujourd'hui" counts the files made online, never the 40,000 others.
            models.Index(
                fields=["organisation"],
                condition=Q(created_online=True),
                name="person_created_online",
            ),
            # Covers the search: the LIKE runs on the index alone, not on the wide rows.
            models.Index(
                fields=["organisation", "is_anonymised", "search_text", "last_name", "first_name"],
                name="person_search",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name.upper()}"

    def save(self, *args, **kwargs):
        self.refresh_derived_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "name_key"}
        super().save(*args, **kwargs)

    def refresh_derived_fields(self) -> None:
        self.search_text = search_text_for(
            first_name=self.first_name,
            last_name=self.last_name,
            phone=self.phone,
            birth_date=self.birth_date,
        )[:400]
        self.name_key = name_key(self.first_name, self.last_name)[:200]

    @property
    def short_name(self) -> str:
        """What a volunteer sees: first name and the initial of the last name."""
        initial = f" {self.last_name[:1].upper()}." if self.last_name else ""
        return f"{self.first_name}{initial}"

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

    @property
    def is_current(self) -> bool:
        from passerelle.core.utils import local_today

        return self.end_date is None or self.end_date >= local_today()
