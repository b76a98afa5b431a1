"""The messages Passerelle can send: one entry per event, with its template and sample.

The apps call `notify(person=…, event="appointment_booked", context={...})` with plain
values (text, dates); this module knows the words, never the apps' models. Each template lives in
`templates/notifications/messages/<event>.txt` and is short enough for one SMS segment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    APPOINTMENT_BOOKED = "appointment_booked", _("Rendez-vous pris")
    APPOINTMENT_CHANGED = "appointment_changed", _("Rendez-vous déplacé")
    APPOINTMENT_CANCELLED = "appointment_cancelled", _("Rendez-vous annulé")
    APPOINTMENT_CANCELLED_BY_PERSON = (
        "appointment_cancelled_by_person",
        _("Rendez-vous annulé par la personne (réponse ANNULER)"),
    )
    NOTHING_TO_CANCEL = "nothing_to_cancel", _("Réponse ANNULER sans rendez-vous à venir")
    APPOINTMENT_REMINDER_2D = "appointment_reminder_2d", _("Rappel de rendez-vous, 2 jours avant")
    APPOINTMENT_REMINDER_DAY = "appointment_reminder_day", _("Rappel de rendez-vous, le matin")
    WORKSHOP_REGISTERED = "workshop_registered", _("Inscription à un atelier")
    WORKSHOP_REMINDER_2D = "workshop_reminder_2d", _("Rappel d'atelier, 2 jours avant")
    WORKSHOP_REMINDER_DAY = "workshop_reminder_day", _("Rappel d'atelier, le matin")
    WORKSHOP_PROMOTED = "workshop_promoted", _("Place libérée à un atelier (liste d'attente)")
    WORKSHOP_CANCELLED = "workshop_cancelled", _("Séance d'atelier annulée")
    LOAN_DUE_2D = "loan_due_2d", _("Prêt de matériel : à rendre dans 2 jours")
    LOAN_DUE_DAY = "loan_due_day", _("Prêt de matériel : à rendre aujourd'hui")
    DEADLINE_OPENS = "deadline_opens", _("Échéance : la période s'ouvre")
    DEADLINE_CLOSING = "deadline_closing", _("Échéance : plus que 2 jours")


def _sample_when(hour: int = 14, minute: int = 30) -> dt.datetime:
    # The longest date French can write ("mercredi 30 septembre"), so that a preview that
    # fits one SMS fits it every day of the year.
    return timezone.make_aware(dt.datetime.combine(dt.date(2026, 9, 30), dt.time(hour, minute)))


@dataclass(frozen=True)
class Spec:
    subject: str
    required: tuple[str, ...]
    sample: dict = field(default_factory=dict)


_APPOINTMENT = ("when", "service", "place")
_WORKSHOP = ("when", "title", "place")
_DEADLINE = ("label", "closes_on", "place")
_LOAN = ("label", "due_on", "place")


def sample_link() -> str:
    """A personal link as long as the real ones will be on this server."""
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/r/{'x' * 22}"


def _appointment_sample() -> dict:
    return {
        "when": _sample_when(),
        "service": "Permanence sociale",
        "place": "Emmaüs Alternatives, 12 rue de la Paix, Montreuil",
        "short_place": "Emmaüs Alternatives Montreuil",
        "bring": "votre carte Vitale",
        "code": "482913",
        "link": sample_link(),
    }


def _workshop_sample() -> dict:
    return {
        "when": _sample_when(hour=10, minute=0),
        "title": "Découvrir sa boîte mail",
        "place": "Emmaüs Alternatives, 12 rue de la Paix, Montreuil",
        "short_place": "Emmaüs Alternatives Montreuil",
        "bring": "votre téléphone",
        "link": sample_link(),
    }


def _deadline_sample() -> dict:
    # A real closing date: France Travail's actualisation closes on the 15th (F1637), and
    # "mercredi 15 septembre" is as long as a French date gets.
    return {
        "label": "Actualisation France Travail",
        "closes_on": dt.date(2027, 9, 15),
        "place": "Emmaüs Alternatives, Montreuil",
    }


SPECS: dict[str, Spec] = {
    Event.APPOINTMENT_BOOKED: Spec(_("Votre rendez-vous"), _APPOINTMENT),
    Event.APPOINTMENT_CHANGED: Spec(_("Votre rendez-vous a changé"), _APPOINTMENT),
    Event.APPOINTMENT_CANCELLED: Spec(_("Votre rendez-vous est annulé"), _APPOINTMENT),
    Event.APPOINTMENT_CANCELLED_BY_PERSON: Spec(_("Rendez-vous annulé"), _APPOINTMENT),
    Event.NOTHING_TO_CANCEL: Spec(_("Aucun rendez-vous à annuler"), ("place",)),
    Event.APPOINTMENT_REMINDER_2D: Spec(_("Rappel : votre rendez-vous"), _APPOINTMENT),
    Event.APPOINTMENT_REMINDER_DAY: Spec(_("Rappel : rendez-vous aujourd'hui"), _APPOINTMENT),
    Event.WORKSHOP_REGISTERED: Spec(_("Votre inscription à un atelier"), _WORKSHOP),
    Event.WORKSHOP_REMINDER_2D: Spec(_("Rappel : votre atelier"), _WORKSHOP),
    Event.WORKSHOP_REMINDER_DAY: Spec(_("Rappel : atelier aujourd'hui"), _WORKSHOP),
    Event.WORKSHOP_PROMOTED: Spec(_("Une place s'est libérée"), _WORKSHOP),
    Event.WORKSHOP_CANCELLED: Spec(_("Atelier annulé"), _WORKSHOP),
    Event.LOAN_DUE_2D: Spec(_("Matériel prêté : à rendre bientôt"), _LOAN),
    Event.LOAN_DUE_DAY: Spec(_("Matériel prêté : à rendre aujourd'hui"), _LOAN),
    Event.DEADLINE_OPENS: Spec(_("C'est le moment de votre démarche"), _DEADLINE),
    Event.DEADLINE_CLOSING: Spec(_("Plus que 2 jours pour votre démarche"), _DEADLINE),
}


def sample_context(event: str) -> dict:
    if event == Event.NOTHING_TO_CANCEL:
        return {"place": "Emmaüs Alternatives"}
    if event.startswith("appointment"):
        return _appointment_sample()
    if event.startswith("workshop"):
        return _workshop_sample()
    if event.startswith("loan"):
        return {
            "label": "Ordinateur portable",
            "due_on": dt.date(2027, 9, 15),
            "place": "Emmaüs Alternatives, 12 rue de la Paix, Montreuil",
            "short_place": "Emmaüs Alternatives Montreuil",
        }
    return _deadline_sample()
