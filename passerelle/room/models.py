"""The computer room: rooms, stations, free-access sessions and reservations."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import (
    ChoiceDisplayMixin,
    OrganisationScopedQuerySet,
    Site,
    TimeStampedModel,
)
from passerelle.people.models import Person
from passerelle.room.enums import PrintPeriod, Purpose

ROOM_RULES_DEFAULT = (
    "Vous avez 1 heure. Vous pouvez demander 30 minutes de plus.\n"
    "Ne donnez jamais vos mots de passe. L'équipe ne les demande jamais.\n"
    "À la fin, déconnectez-vous de vos comptes : CAF, France Travail, e-mail.\n"
    "Besoin d'aide ? Levez la main : un médiateur vient."
)


class RoomQuerySet(OrganisationScopedQuerySet):
    organisation_path = "site__organisation"
    site_path = "site"


class Room(TimeStampedModel):
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("lieu")
    )
    name = models.CharField(_("salle"), max_length=100)
    session_minutes = models.PositiveSmallIntegerField(
        _("durée d'une session (minutes)"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    opens_at = models.TimeField(_("ouverture"), default=dt.time(9, 0))
    closes_at = models.TimeField(_("fermeture"), default=dt.time(18, 0))
    # Prints: free pages per person each day or month, then a price per page, paid at the desk.
    free_pages = models.PositiveSmallIntegerField(
        _("pages gratuites par personne"), default=10, validators=[MaxValueValidator(1000)]
    )
    free_pages_period = models.CharField(
        _("par"), max_length=5, choices=PrintPeriod.choices, default=PrintPeriod.DAY
    )
    price_black = models.DecimalField(
        _("prix d'une page noir et blanc au-delà (€)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0.10"),
        validators=[MinValueValidator(0)],
    )
    price_colour = models.DecimalField(
        _("prix d'une page couleur au-delà (€)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(0)],
    )

    # Stations that run themselves (their screen and agent): the longest a person may stay,
    # extensions included, and the rules the locked screen shows.
    max_session_minutes = models.PositiveSmallIntegerField(
        _("durée maximale d'une session, prolongations comprises (minutes)"),
        default=120,
        validators=[MinValueValidator(15), MaxValueValidator(600)],
    )
    rules = models.TextField(
        _("règles de la salle"),
        max_length=1000,
        default=ROOM_RULES_DEFAULT,
        help_text=_("Une règle par ligne, en mots simples. L'écran des postes les affiche."),
    )

    objects = RoomQuerySet.as_manager()

    class Meta:
        verbose_name = _("salle")
        ordering = ["site", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.site})"


class Station(TimeStampedModel):
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="stations", verbose_name=_("salle")
    )
    name = models.CharField(_("poste"), max_length=50)
    equipment = models.JSONField(_("équipement"), default=list, blank=True)
    is_working = models.BooleanField(_("en état de marche"), default=True)
    fault = models.CharField(_("panne"), max_length=200, blank=True)
    fault_since = models.DateField(_("en panne depuis"), null=True, blank=True)
    # The name with its numbers padded, so that "Poste 2" comes before "Poste 10".
    sort_name = models.CharField(max_length=200, editable=False, default="")
    # The station's own screen (and agent) at a secret address, revocable like a kiosk's;
    # "" while the station has none.
    screen_token = models.CharField(max_length=64, blank=True, default="", editable=False)
    screen_seen_at = models.DateTimeField(_("écran vu la dernière fois"), null=True, blank=True)

    class Meta:
        verbose_name = _("poste")
        ordering = ["room", "sort_name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["room", "name"], name="station_unique_name"),
            models.UniqueConstraint(
                fields=["screen_token"],
                condition=~Q(screen_token=""),
                name="station_unique_screen_token",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def screen_online(self) -> bool:
        """The station's screen (or agent) asked for its state in the last 90 seconds."""
        from django.utils import timezone

        return self.screen_seen_at is not None and (
            timezone.now() - self.screen_seen_at
        ) < dt.timedelta(seconds=90)

    def save(self, *args, **kwargs):
        self.sort_name = natural_key(self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_name"}
        super().save(*args, **kwargs)


def natural_key(name: str) -> str:
    """ "Poste 2" → "poste 0000000002": text order that is also number order."""
    return re.sub(r"\d+", lambda match: match.group().zfill(10), name.casefold())[:200]


class StationSessionQuerySet(models.QuerySet):
    def open(self) -> StationSessionQuerySet:
        return self.filter(ended_at__isnull=True)


class StationSession(ChoiceDisplayMixin, models.Model):
    """Someone (or an anonymous guest) at a station, from check-in to check-out."""

    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="sessions")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="station_sessions"
    )
    purpose = models.CharField(_("pour"), max_length=20, choices=Purpose.choices)
    started_at = models.DateTimeField(_("arrivée"))
    planned_end_at = models.DateTimeField(_("fin prévue"))
    ended_at = models.DateTimeField(_("départ"), null=True, blank=True)
    closed_automatically = models.BooleanField(default=False)
    note = models.CharField(_("remarque"), max_length=200, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # "" when staff installed the person; "borne Entrée" when they took it at a kiosk.
    door = models.CharField(_("pris à"), max_length=60, blank=True)
    # On a station with its own screen, the code the person types there to start (given by
    # the desk or the kiosk); the screen stays locked until then.
    unlock_code = models.CharField(_("code du poste"), max_length=8, blank=True)
    unlocked_at = models.DateTimeField(_("code tapé à"), null=True, blank=True)
    extension_requested_at = models.DateTimeField(
        _("prolongation demandée à"), null=True, blank=True
    )

    objects = StationSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session en salle")
        ordering = ["-started_at"]
        indexes = [
            # Covers the room's usage statistics (a year of a room read from the index alone:
            # 30,000 lookups into the table cost four fifths of that page's query).
            models.Index(
                fields=["station", "started_at", "ended_at", "purpose", "person"],
                name="station_session_usage",
            )
        ]
        constraints = [
            # A station holds one open session at a time: the database refuses a second.
            models.UniqueConstraint(
                fields=["station"],
                condition=Q(ended_at__isnull=True),
                name="station_one_open_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.station} {localtime(self.started_at):%d/%m %H:%M}"


class ReservationQuerySet(models.QuerySet):
    def active(self) -> ReservationQuerySet:
        return self.filter(cancelled=False)


class StationReservation(TimeStampedModel):
    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="reservations")
    starts_at = models.DateTimeField(_("de"))
    ends_at = models.DateTimeField(_("à"))
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    partner_name = models.CharField(_("pour un partenaire"), max_length=100, blank=True)
    cancelled = models.BooleanField(default=False)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ReservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("réservation de poste")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="reservation_order"
            ),
            models.UniqueConstraint(
                fields=["station", "starts_at"],
                condition=Q(cancelled=False),
                name="reservation_one_start_per_station",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.station} {localtime(self.starts_at):%d/%m %H:%M}"


class WaitingForStation(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="waiting")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    label = models.CharField(_("qui"), max_length=50, blank=True, help_text=_("Un prénom suffit."))
    created_at = models.DateTimeField()
    served_at = models.DateTimeField(null=True, blank=True)
    door = models.CharField(_("inscrit(e) à"), max_length=60, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.label or str(self.person or "")


class PrintJob(models.Model):
    """Pages printed at the desk for a person (or a guest, counted without a name): the free
    pages of the room's quota first, then the price, paid at the desk."""

    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="prints")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="prints"
    )
    pages = models.PositiveSmallIntegerField(
        _("pages"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    colour = models.BooleanField(_("couleur"), default=False)
    free_pages = models.PositiveSmallIntegerField(_("dont gratuites"))
    amount = models.DecimalField(_("payé (€)"), max_digits=7, decimal_places=2)
    printed_at = models.DateTimeField(_("le"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("impression")
        indexes = [
            models.Index(fields=["person", "printed_at"], name="print_person"),
            models.Index(fields=["room", "printed_at"], name="print_room"),
        ]

    def __str__(self) -> str:
        return f"{self.pages} p. {self.printed_at:%Y-%m-%d}"


class GuestPass(models.Model):
    """A one-time code printed on a sheet for people without a file: typed on a free
    station's screen, it opens an anonymous session of its minutes, once, until its date."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="guest_passes")
    batch = models.CharField(max_length=12, db_index=True)
    code = models.CharField(max_length=8)
    minutes = models.PositiveSmallIntegerField(
        _("durée"), validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    valid_until = models.DateField(_("valable jusqu'au"))
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    used_at = models.DateTimeField(_("utilisé le"), null=True, blank=True)
    cancelled = models.BooleanField(default=False)
    session = models.OneToOneField(
        StationSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guest_pass",
    )

    class Meta:
        verbose_name = _("pass invité")
        verbose_name_plural = _("pass invités")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["room", "code"], name="guest_pass_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code[:4]} {self.code[4:]}"
