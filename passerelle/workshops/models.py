"""Digital workshops: the catalogue, sessions (one-off or in a weekly series), sign-ups."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from passerelle.core.enums import Theme, WorkshopLevel
from passerelle.core.models import (
    Organisation,
    OrganisationScopedQuerySet,
    Site,
    TimeStampedModel,
    new_link_token,
)
from passerelle.people.models import Person, SkillArea
from passerelle.workshops.enums import Attendance, RegistrationStatus, SessionStatus


class WorkshopQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"


class Workshop(TimeStampedModel):
    """A workshop of the catalogue ("Créer et utiliser sa boîte mail")."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="workshops"
    )
    title = models.CharField(_("titre"), max_length=150)
    theme = models.CharField(_("thème"), max_length=50, choices=Theme.choices)
    level = models.CharField(_("niveau"), max_length=20, choices=WorkshopLevel.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), default=90, validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    description = models.TextField(
        _("description"), max_length=1000, help_text=_("En mots simples, ce qu'on y apprend.")
    )
    what_to_bring = models.CharField(_("à apporter"), max_length=300, blank=True)
    online_signup = models.BooleanField(
        _("inscription en ligne"),
        default=False,
        help_text=_("La page publique du lieu propose ses séances ; la personne confirme par SMS."),
    )
    skill_areas = models.ManyToManyField(
        SkillArea,
        blank=True,
        related_name="workshops",
        verbose_name=_("domaines du diagnostic travaillés"),
    )
    is_active = models.BooleanField(_("proposé"), default=True)

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        verbose_name = _("atelier")
        verbose_name_plural = _("catalogue des ateliers")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "title"], name="workshop_unique_title")
        ]

    def __str__(self) -> str:
        return self.title


class WorkshopSeries(TimeStampedModel):
    """Sessions every N weeks until a date, French public holidays skipped."""

    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, related_name="series")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    every_weeks = models.PositiveSmallIntegerField(
        _("toutes les (semaines)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    until = models.DateField(_("jusqu'au"))
    skipped = models.JSONField(_("dates sautées"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("série de séances")

    def __str__(self) -> str:
        return f"{self.workshop} (série)"


class SessionQuerySet(OrganisationScopedQuerySet):
    organisation_path = "workshop__organisation"
    site_path = "site"

    def planned(self) -> SessionQuerySet:
        return self.filter(status=SessionStatus.PLANNED)

    def with_counts(self) -> SessionQuerySet:
        """Seats taken and people waiting, as correlated subqueries: computed for the rows a
        page shows, not for every session (a GROUP BY over 200,000 registrations). Written
        as SQL (the session is the outer query's table): built from querysets with OuterRef,
        resolving and compiling the two subqueries cost more than the rest of the query on
        every list of sessions."""
        sql = (
            f"SELECT COUNT(*) FROM {Registration._meta.db_table} r "
            f"WHERE r.session_id = {self.model._meta.db_table}.id AND r.status = %s"
        )
        return self.annotate(
            confirmed_count=RawSQL(
                sql, (RegistrationStatus.CONFIRMED.value,), output_field=models.IntegerField()
            ),
            waiting_count=RawSQL(
                sql, (RegistrationStatus.WAITING.value,), output_field=models.IntegerField()
            ),
        )


class WorkshopSession(TimeStampedModel):
    workshop = models.ForeignKey(
        Workshop, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("atelier")
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("lieu")
    )
    room_label = models.CharField(_("salle"), max_length=100, blank=True)
    room = models.ForeignKey(
        "room.Room",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("salle informatique"),
        help_text=_("Les postes de la salle sont réservés à l'atelier pendant la séance."),
    )
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    status = models.CharField(
        _("état"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    series = models.ForeignKey(
        WorkshopSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_sessions",
        verbose_name=_("animé par"),
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["site", "starts_at"], name="session_site_start"),
            # The workshops holding a computer room now (the room's board, every check-in).
            models.Index(fields=["room", "starts_at"], name="session_room_start"),
            models.Index(fields=["starts_at"], name="session_start"),
            models.Index(fields=["status", "starts_at"], name="session_status_start"),
            models.Index(
                fields=["workshop", "status", "starts_at"], name="session_next_of_workshop"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("La fin doit être après le début."),
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_has_seats"),
        ]

    def __str__(self) -> str:
        return f"{self.workshop} — {localtime(self.starts_at):%d/%m/%Y %H:%M}"

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def free_seats(self) -> int:
        """Seats left; needs the `with_counts()` annotation."""
        return max(self.capacity - self.confirmed_count, 0)


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> RegistrationQuerySet:
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self) -> RegistrationQuerySet:
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self) -> RegistrationQuerySet:
        """The waiting list, in the order people joined it."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")


class Registration(TimeStampedModel):
    session = models.ForeignKey(
        WorkshopSession, on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(_("inscription"), max_length=10, choices=RegistrationStatus.choices)
    attendance = models.CharField(
        _("présence"), max_length=10, choices=Attendance.choices, blank=True
    )
    is_walk_in = models.BooleanField(_("venu(e) sans inscription"), default=False)
    registered_online = models.BooleanField(_("inscrit(e) en ligne"), default=False)
    # "" when staff pointed; "borne Entrée" when the person said so at a kiosk.
    attendance_door = models.CharField(_("présence signalée à"), max_length=60, blank=True)
    # The person's own link in every message about this seat (public app): 128 random bits.
    link_token = models.CharField(max_length=32, unique=True, null=True, editable=False)  # noqa: DJ001 (unique; past rows have none)
    confirmed_by_person_at = models.DateTimeField(_("confirmé par la personne le"), null=True)
    cancelled_by_person = models.BooleanField(_("désinscrit(e) par la personne"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        ordering = ["created_at", "pk"]
        constraints = [
            # Never twice on one session (a cancelled sign-up may be followed by a new one).
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_once_per_session",
                violation_error_message=_("Cette personne est déjà inscrite à cette séance."),
            ),
        ]
        indexes = [
            models.Index(fields=["person", "status"], name="registration_person"),
            models.Index(fields=["session", "status"], name="registration_session"),
        ]

    def save(self, *args, **kwargs):
        if self.link_token is None:
            self.link_token = new_link_token()
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.person} → {self.session}"
