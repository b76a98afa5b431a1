"""The procedure catalogue, assisted procedures, and the recurring deadlines of each person."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelle.core.enums import AdminProcedureTheme, Autonomy, RedirectionStructure, Theme
from passerelle.core.models import (
    ChoiceDisplayMixin,
    Organisation,
    OrganisationScopedQuerySet,
    Site,
    TimeStampedModel,
)
from passerelle.people.models import Goal, Person
from passerelle.procedures.enums import CampaignKind, DeadlineKind, Outcome, PermitKind

CREDENTIALS = re.compile(
    r"(mot\s*de\s*passe|mdp|password|passwd|code\s*(secret|confidentiel|pin)|identifiant)\s*[:=]",
    re.IGNORECASE,
)


def refuse_credentials(value: str) -> None:
    """A person's passwords and codes are never written in Passerelle."""
    if CREDENTIALS.search(value or ""):
        raise ValidationError(
            _("N'écrivez jamais de mot de passe, d'identifiant ni de code de la personne.")
        )


class ProcedureQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"


class Procedure(TimeStampedModel):
    """An online procedure of the catalogue (démarche), explained step by step."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="procedures"
    )
    name = models.CharField(_("démarche"), max_length=200)
    agency = models.CharField(_("organisme"), max_length=100)
    category = models.CharField(_("catégorie"), max_length=40, choices=AdminProcedureTheme.choices)
    theme = models.CharField(
        _("thème"), max_length=50, choices=Theme.choices, default=Theme.ADMIN_PROCEDURES
    )
    url = models.URLField(_("adresse du site officiel"), max_length=300)
    service_public_ref = models.CharField(
        _("fiche service-public.fr"),
        max_length=10,
        blank=True,
        validators=[
            RegexValidator(r"^[FNR]\d{1,6}$", _("Une fiche s'écrit F, N ou R puis des chiffres."))
        ],
        help_text=_("Par exemple F1637."),
    )
    typical_minutes = models.PositiveSmallIntegerField(
        _("durée habituelle (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(480)],
    )
    needs_email = models.BooleanField(_("adresse e-mail nécessaire"), default=False)
    needs_mobile = models.BooleanField(_("téléphone portable nécessaire"), default=False)
    franceconnect = models.BooleanField(_("possible avec FranceConnect"), default=False)
    documents = models.TextField(_("à apporter"), blank=True, help_text=_("Un document par ligne."))
    steps = models.TextField(_("étapes"), help_text=_("Une action par ligne, en phrases courtes."))
    last_checked_on = models.DateField(_("vérifiée le"), default=timezone.localdate)
    is_active = models.BooleanField(_("proposée"), default=True)
    health_related = models.BooleanField(
        _("touche à la santé ou au handicap"),
        default=False,
        help_text=_(
            "AAH, MDPH… : les démarches notées ne sont vues que des travailleurs sociaux et des "
            "responsables."
        ),
    )

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("démarche")
        verbose_name_plural = _("catalogue des démarches")
        ordering = ["category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="procedure_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]

    @property
    def service_public_url(self) -> str:
        if not self.service_public_ref:
            return ""
        return f"https://www.service-public.fr/particuliers/vosdroits/{self.service_public_ref}"


class AssistedProcedureQuerySet(OrganisationScopedQuerySet):
    organisation_path = "person__organisation"


class AssistedProcedure(TimeStampedModel):
    """A procedure done with (or for) a person: what, who helped, how long, how it ended."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="procedures")
    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="+", verbose_name=_("démarche")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("par")
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("temps passé (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(480)]
    )
    outcome = models.CharField(_("résultat"), max_length=10, choices=Outcome.choices)
    blocked_reason = models.CharField(_("ce qui bloque"), max_length=300, blank=True)
    referred_to = models.CharField(_("réorienté vers"), max_length=200, blank=True)
    referral_structure = models.CharField(
        _("type de structure"), max_length=40, choices=RedirectionStructure.choices, blank=True
    )
    autonomy = models.CharField(_("autonomie"), max_length=30, choices=Autonomy.choices)
    follow_up_on = models.DateField(_("à revoir le"), null=True, blank=True)
    note = models.CharField(
        _("remarque"), max_length=500, blank=True, validators=[refuse_credentials]
    )
    # Acting with someone's credentials needs a mandate (Aidants Connect): its reference,
    # never a credential.
    mandate_reference = models.CharField(
        _("référence du mandat Aidants Connect"),
        max_length=60,
        blank=True,
        validators=[refuse_credentials],
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="procedures",
        verbose_name=_("objectif du parcours"),
    )

    objects = AssistedProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("démarche accompagnée")
        verbose_name_plural = _("démarches accompagnées")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["person", "date"], name="assisted_person_date"),
            models.Index(fields=["site", "date", "outcome"], name="assisted_site_date_outcome"),
            models.Index(fields=["follow_up_on"], name="assisted_follow_up"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.REFERRED) | ~Q(referred_to=""),
                name="assisted_referred_says_where",
                violation_error_message=_("Dites vers quel partenaire la personne est orientée."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.BLOCKED) | ~Q(blocked_reason=""),
                name="assisted_blocked_says_why",
                violation_error_message=_("Dites ce qui bloque."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure} ({self.date:%d/%m/%Y})"


# How the file and the messages name each kind of title.
PERMIT_SHORT = {
    PermitKind.ANEF: _("en ligne, ANEF"),
    PermitKind.PREFECTURE: _("en préfecture"),
    PermitKind.EU_LONG_TERM: _("résident longue durée UE"),
}


class FollowedDeadlineQuerySet(models.QuerySet):
    def active(self) -> FollowedDeadlineQuerySet:
        return self.filter(is_active=True)


class FollowedDeadline(TimeStampedModel):
    """A person is followed for one recurring procedure so that no window is missed."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("démarche suivie"), max_length=30, choices=DeadlineKind.choices)
    reference_date = models.DateField(_("date de référence"), null=True, blank=True)
    label = models.CharField(
        _("précision"), max_length=100, blank=True, help_text=_("Par exemple : passeport.")
    )
    # What the official rules need to know about this person's case.
    permit_kind = models.CharField(
        _("type de titre de séjour"), max_length=12, choices=PermitKind.choices, blank=True
    )
    files_on_paper = models.BooleanField(_("déclare sur papier"), default=False)
    automatic_renewal = models.BooleanField(
        _("renouvellement automatique (RSA, ASPA, ASI)"), default=False
    )
    agenda_due_on = models.DateField(
        _("date limite vue dans « Mon agenda » de la CAF"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(_("suivie"), default=True)

    objects = FollowedDeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("échéance suivie")
        verbose_name_plural = _("échéances suivies")
        ordering = ["kind", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "label"],
                condition=Q(is_active=True),
                name="deadline_followed_once",
                violation_error_message=_("Cette démarche est déjà suivie pour la personne."),
            )
        ]

    def __str__(self) -> str:
        # The enum's label, not get_kind_display(): this runs for every row of the
        # "à risque" list, and get_FOO_display rebuilds its choices dict on each call.
        label = str(DeadlineKind(self.kind).label)
        details = [self.label] if self.label else []
        if self.kind == DeadlineKind.RESIDENCE_PERMIT and self.permit_kind:
            details.append(str(PERMIT_SHORT[self.permit_kind]))
        if self.kind == DeadlineKind.TAX_RETURN and self.files_on_paper:
            details.append(str(_("sur papier")))
        return f"{label} ({', '.join(details)})" if details else label


class DeadlineOccurrenceQuerySet(models.QuerySet):
    def open_on(self, day) -> DeadlineOccurrenceQuerySet:
        return self.filter(opens_on__lte=day, closes_on__gte=day)

    def pending(self) -> DeadlineOccurrenceQuerySet:
        return self.filter(done_on__isnull=True)


class DeadlineOccurrence(ChoiceDisplayMixin, models.Model):
    """One window of a followed deadline (stored ahead so that "at risk" is one query)."""

    followed = models.ForeignKey(
        FollowedDeadline, on_delete=models.CASCADE, related_name="occurrences"
    )
    # The person's organisation, copied when the window is written (a file never changes
    # organisation): the at-risk lists start from it, so that one centre's lists read its
    # own windows and not those of every centre an instance hosts.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    opens_on = models.DateField(_("ouverture"))
    # The date to do it by (what the "à risque" list and the reminders use)…
    closes_on = models.DateField(_("à faire avant le"))
    # …and, where later is still possible (late, at a risk), the last day it can be done:
    # the end of the rights or of the document's validity. None: closes_on.
    last_day = models.DateField(_("dernier jour possible"), null=True, blank=True)
    done_on = models.DateField(_("faite le"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    autonomy = models.CharField(_("autonomie"), max_length=30, choices=Autonomy.choices, blank=True)

    objects = DeadlineOccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("échéance")
        verbose_name_plural = _("échéances")
        ordering = ["closes_on", "pk"]
        indexes = [
            models.Index(fields=["closes_on", "done_on"], name="occurrence_closing"),
            # Covers the at-risk lists' windows (a month's 4,800 read without the table).
            models.Index(
                fields=["organisation", "closes_on", "done_on", "opens_on", "followed"],
                name="occurrence_org_closing_cover",
            ),
            models.Index(fields=["opens_on"], name="occurrence_opening"),
            # Covers the late windows still possible (the last day to come, the closing
            # day gone): read from the index alone, about 0.4 ms instead of 3 on the bench.
            models.Index(
                fields=["organisation", "last_day", "done_on", "closes_on"],
                name="occurrence_org_late_cover",
                condition=Q(last_day__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["followed", "opens_on"], name="occurrence_once"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="occurrence_window_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.followed} {self.opens_on:%d/%m} → {self.closes_on:%d/%m/%Y}"

    @property
    def final_day(self):
        return self.last_day or self.closes_on


class TaxCampaign(models.Model):
    """This year's income tax return dates, typed by a manager when they are published."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="tax_campaigns"
    )
    year = models.PositiveSmallIntegerField(
        _("année de la déclaration"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    opens_on = models.DateField(_("ouverture du service en ligne"))
    paper_closes_on = models.DateField(
        _("date limite de la déclaration sur papier"),
        null=True,
        blank=True,
        help_text=_("Elle vient avant les dates limites en ligne."),
    )
    zone1_closes_on = models.DateField(_("date limite, départements 01 à 19"))
    zone2_closes_on = models.DateField(_("date limite, départements 20 à 54"))
    zone3_closes_on = models.DateField(_("date limite, départements 55 à 976"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("campagne de déclaration de revenus")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="tax_campaign_once")
        ]

    def __str__(self) -> str:
        return f"Campagne {self.year}"

    def clean(self) -> None:
        for zone in (1, 2, 3):
            closes = getattr(self, f"zone{zone}_closes_on")
            if self.opens_on and closes and closes <= self.opens_on:
                raise ValidationError(
                    {f"zone{zone}_closes_on": _("La date limite doit suivre l'ouverture.")}
                )
        online = [getattr(self, f"zone{zone}_closes_on") for zone in (1, 2, 3)]
        if self.paper_closes_on and self.opens_on and self.paper_closes_on <= self.opens_on:
            raise ValidationError({"paper_closes_on": _("La date limite doit suivre l'ouverture.")})
        if self.paper_closes_on and all(online) and self.paper_closes_on > min(online):
            raise ValidationError(
                {
                    "paper_closes_on": _(
                        "La déclaration sur papier se termine avant les dates limites en ligne."
                    )
                }
            )

    def closes_on_for_zone(self, zone: int | None):
        # Without a postcode, the earliest deadline: better early than too late.
        return getattr(self, f"zone{zone or 1}_closes_on")

    def closes_on_for(self, *, zone: int | None, on_paper: bool):
        """The paper date for a paper filer (the earliest online date while it is unknown)."""
        if on_paper:
            return self.paper_closes_on or min(self.closes_on_for_zone(z) for z in (1, 2, 3))
        return self.closes_on_for_zone(zone)


class Campaign(ChoiceDisplayMixin, models.Model):
    """A yearly campaign other than the tax return (the chèque énergie request), whose dates a
    manager types when they are published."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="campaigns"
    )
    kind = models.CharField(_("campagne"), max_length=20, choices=CampaignKind.choices)
    year = models.PositiveSmallIntegerField(
        _("année d'ouverture"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    opens_on = models.DateField(_("ouverture"))
    closes_on = models.DateField(_("date limite"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("campagne")
        ordering = ["kind", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "year"], name="campaign_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on <= self.opens_on:
            raise ValidationError({"closes_on": _("La date limite doit suivre l'ouverture.")})


class DeadlineSettings(models.Model):
    """What the sources leave open, set by each organisation's manager."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="deadline_settings"
    )
    caf_closing_day = models.PositiveSmallIntegerField(
        _("jour limite de la déclaration CAF"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Vide : jusqu'à la fin du mois. Non confirmé officiellement."),
    )
    aah_lead_months = models.PositiveSmallIntegerField(
        _("AAH : commencer combien de mois avant la fin des droits"),
        default=12,
        validators=[MinValueValidator(2), MaxValueValidator(18)],
        help_text=_("Plus d'un an avant, la MDPH peut refuser la demande."),
    )
    aah_file_by_months = models.PositiveSmallIntegerField(
        _("AAH : déposer au plus tard combien de mois avant la fin des droits"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("La MDPH met jusqu'à 4 mois à répondre ; rien n'est rattrapé après la fin."),
    )
    identity_lead_months = models.PositiveSmallIntegerField(
        _("Pièces d'identité : commencer combien de mois avant l'expiration"),
        default=6,
        validators=[MinValueValidator(2), MaxValueValidator(12)],
    )
    identity_file_by_weeks = models.PositiveSmallIntegerField(
        _("Pièces d'identité : avoir pris rendez-vous combien de semaines avant"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
        help_text=_("Le délai pour obtenir un rendez-vous en mairie, puis la carte."),
    )
    domiciliation_lead_months = models.PositiveSmallIntegerField(
        _("Domiciliation : demander le renouvellement combien de mois avant la fin"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    at_risk_days = models.PositiveSmallIntegerField(
        _("« À risque » : fenêtres qui ferment dans combien de jours"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )

    class Meta:
        verbose_name = _("réglages des échéances")

    def __str__(self) -> str:
        return str(self.organisation)

    def clean(self) -> None:
        if self.aah_file_by_months and self.aah_lead_months <= self.aah_file_by_months:
            raise ValidationError(
                {"aah_lead_months": _("Commencez avant la date limite de dépôt.")}
            )
        if self.identity_lead_months * 4 <= self.identity_file_by_weeks:
            raise ValidationError(
                {"identity_lead_months": _("Commencez avant la date du rendez-vous.")}
            )
