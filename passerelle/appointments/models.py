"""Social workers' consultation hours (permanences): services, reasons, opening hours,
absences and appointments."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from passerelle.appointments.enums import (
    ACTIVE_STATUSES,
    AnswerVia,
    AppointmentStatus,
    BookableBy,
    ExceptionKind,
    Pictogram,
    TicketStatus,
)
from passerelle.core.enums import Theme
from passerelle.core.models import (
    ChoiceDisplayMixin,
    Organisation,
    OrganisationScopedQuerySet,
    Site,
    TimeStampedModel,
    new_link_token,
)
from passerelle.people.models import Person

WEEKDAYS = [
    (0, _("Lundi")),
    (1, _("Mardi")),
    (2, _("Mercredi")),
    (3, _("Jeudi")),
    (4, _("Vendredi")),
    (5, _("Samedi")),
    (6, _("Dimanche")),
]


class ServiceQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"


class Service(TimeStampedModel):
    """A consultation service ("Permanence CAF", "Accès aux droits", "Logement"…)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("permanence"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_active = models.BooleanField(_("ouverte"), default=True)
    pictogram = models.CharField(
        _("image à la borne"),
        max_length=20,
        choices=Pictogram.choices,
        default=Pictogram.OTHER,
        help_text=_("L'image que la borne d'accueil montre à côté de cette permanence."),
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("permanence")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="service_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Reason(TimeStampedModel):
    """Why a person comes (motif), with how long it takes."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="reasons")
    name = models.CharField(_("motif"), max_length=100)
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), default=30, validators=[MinValueValidator(10), MaxValueValidator(180)]
    )
    theme = models.CharField(
        _("thème"), max_length=50, choices=Theme.choices, default=Theme.ADMIN_PROCEDURES
    )
    bookable_by = models.CharField(
        _("qui peut réserver"), max_length=10, choices=BookableBy.choices, default=BookableBy.STAFF
    )
    online_booking = models.BooleanField(
        _("réservable en ligne"),
        default=False,
        help_text=_("La page publique du lieu propose ce motif ; la personne confirme par SMS."),
    )
    online_from_days = models.PositiveSmallIntegerField(
        _("en ligne : au plus tôt dans (jours)"),
        default=1,
        validators=[MaxValueValidator(60)],
    )
    online_until_days = models.PositiveSmallIntegerField(
        _("en ligne : au plus tard dans (jours)"),
        default=28,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
    )
    # What to bring comes from the procedure's entry of the catalogue (the person's link
    # and the confirmation say it).
    procedure = models.ForeignKey(
        "procedures.Procedure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("démarche du catalogue"),
        help_text=_("Les documents à apporter de sa fiche sont dits à la personne."),
    )
    is_active = models.BooleanField(_("proposé"), default=True)

    class Meta:
        verbose_name = _("motif")
        ordering = ["service", "name"]

    def __str__(self) -> str:
        return self.name


class OpeningHours(TimeStampedModel):
    """A worker's weekly hours for one service at one site."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="opening_hours",
        verbose_name=_("intervenant"),
    )
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="opening_hours")
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="+", verbose_name=_("lieu")
    )
    weekday = models.PositiveSmallIntegerField(_("jour"), choices=WEEKDAYS)
    start_time = models.TimeField(_("de"))
    end_time = models.TimeField(_("à"))
    valid_from = models.DateField(_("à partir du"))
    valid_until = models.DateField(_("jusqu'au"), null=True, blank=True)

    class Meta:
        verbose_name = _("horaire de permanence")
        ordering = ["worker", "weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="opening_hours_end_after_start",
                violation_error_message=_("L'heure de fin doit suivre l'heure de début."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}-{self.end_time:%H:%M}"


class OpeningException(TimeStampedModel):
    """One day that differs: extra hours, or closed (all day when no times are given)."""

    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="exceptions")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=10, choices=ExceptionKind.choices)
    start_time = models.TimeField(_("de"), null=True, blank=True)
    end_time = models.TimeField(_("à"), null=True, blank=True)

    class Meta:
        verbose_name = _("exception aux horaires")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"


class Absence(TimeStampedModel):
    """A worker away (leave, training…), once or every week until a date."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences"
    )
    starts_at = models.DateTimeField(_("du"))
    ends_at = models.DateTimeField(_("au"))
    repeat_weekly_until = models.DateField(_("chaque semaine jusqu'au"), null=True, blank=True)
    reason = models.CharField(_("motif"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("absence")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="absence_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} {localtime(self.starts_at):%d/%m}"


class AppointmentQuerySet(OrganisationScopedQuerySet):
    organisation_path = "person__organisation"
    site_path = "site"

    def active(self) -> AppointmentQuerySet:
        return self.filter(status__in=ACTIVE_STATUSES)


class Appointment(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="appointments")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("avec"),
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    reason = models.ForeignKey(
        Reason, on_delete=models.PROTECT, related_name="+", verbose_name=_("motif")
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("le"))
    ends_at = models.DateTimeField(_("jusqu'à"))
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.UPCOMING,
    )
    note_for_worker = models.CharField(_("note pour l'intervenant"), max_length=500, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    booked_online = models.BooleanField(_("réservé en ligne"), default=False)
    partner_name = models.CharField(_("réservé par (partenaire)"), max_length=100, blank=True)
    partner_organisation = models.CharField(
        _("structure du partenaire"), max_length=100, blank=True
    )
    partner_contact = models.CharField(_("contact du partenaire"), max_length=100, blank=True)
    rescheduled_from = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="rescheduled_to"
    )
    arrived_at = models.DateTimeField(_("arrivé(e) à"), null=True, blank=True)
    arrived_door = models.CharField(_("arrivée signalée à"), max_length=60, blank=True)
    # Six digits in the confirmation SMS, typed at the kiosk to say "I have arrived".
    kiosk_code = models.CharField(_("code pour la borne"), max_length=6, blank=True)
    # The person's own link in every message about it (public app): 128 random bits.
    link_token = models.CharField(max_length=32, unique=True, null=True, editable=False)  # noqa: DJ001 (unique; past rows have none)
    confirmed_by_person_at = models.DateTimeField(_("confirmé par la personne le"), null=True)
    answered_via = models.CharField(
        _("réponse de la personne"), max_length=10, choices=AnswerVia.choices, blank=True
    )

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("rendez-vous")
        verbose_name_plural = _("rendez-vous")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["worker", "starts_at"], name="appointment_worker_start"),
            models.Index(fields=["site", "starts_at"], name="appointment_site_start"),
            models.Index(fields=["person", "starts_at"], name="appointment_person_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="appointment_end_after_start"
            ),
            # The database's own guard: one worker, one start, one active appointment.
            models.UniqueConstraint(
                fields=["worker", "starts_at"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="appointment_one_per_slot",
                violation_error_message=_("Ce créneau vient d'être pris."),
            ),
        ]

    def save(self, *args, **kwargs):
        if self.link_token is None:
            self.link_token = new_link_token()
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.person} — {localtime(self.starts_at):%d/%m/%Y %H:%M}"


class QueueTicketQuerySet(OrganisationScopedQuerySet):
    organisation_path = "site__organisation"
    site_path = "site"


class QueueTicket(ChoiceDisplayMixin, models.Model):
    """A walk-in's ticket: a number per site and day, called to a desk."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("lieu")
    )
    day = models.DateField(_("jour"))
    number = models.PositiveIntegerField(_("numéro"))
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pour"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="queue_tickets"
    )
    status = models.CharField(
        _("état"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.WAITING
    )
    desk = models.CharField(_("bureau"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("arrivé(e) à"))
    called_at = models.DateTimeField(_("appelé(e) à"), null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # "" when staff did it; "borne Entrée" when a person did it at a kiosk (kiosk app).
    door = models.CharField(_("pris à"), max_length=60, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = QueueTicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket de la file d'attente")
        ordering = ["day", "number"]
        constraints = [
            models.UniqueConstraint(fields=["site", "day", "number"], name="ticket_number_once")
        ]
        indexes = [models.Index(fields=["site", "day", "status"], name="ticket_site_day")]

    def __str__(self) -> str:
        return f"{self.number} ({self.day})"
