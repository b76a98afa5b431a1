"""The procedures' part of a person's data (right of access)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passerelle.core.readable import readable, value_text
from passerelle.people.extensions import PersonData, register_person_data
from passerelle.procedures.models import AssistedProcedure, FollowedDeadline


def _procedures(person):
    return [
        readable(
            p,
            [
                "date",
                "procedure",
                "site",
                "staff",
                "duration_minutes",
                "outcome",
                "blocked_reason",
                "referred_to",
                "autonomy",
                "follow_up_on",
                "note",
                "mandate_reference",
            ],
        )
        for p in AssistedProcedure.objects.filter(person=person)
        .select_related("procedure", "site", "staff")
        .order_by("date", "pk")
    ]


def _deadlines(person):
    rows = []
    for followed in (
        FollowedDeadline.objects.filter(person=person)
        .prefetch_related("occurrences")
        .order_by("kind", "pk")
    ):
        row = readable(
            followed,
            [
                "kind",
                "label",
                "reference_date",
                "permit_kind",
                "files_on_paper",
                "automatic_renewal",
                "agenda_due_on",
                "is_active",
                "created_at",
            ],
        )
        windows = [
            f"{value_text(o.opens_on)} → {value_text(o.closes_on)}"
            + (f" ({_('faite le')} {value_text(o.done_on)})" if o.done_on else "")
            for o in followed.occurrences.all()
        ]
        if windows:
            row[_("Échéances")] = "; ".join(windows)
        rows.append(row)
    return rows


def _anonymise_procedures(person):
    """Free text goes; a blocked procedure must still say that something blocked it."""
    from django.db.models import Case, Value, When

    from passerelle.procedures.enums import Outcome

    AssistedProcedure.objects.filter(person=person).update(
        note="",
        mandate_reference="",
        blocked_reason=Case(
            When(outcome=Outcome.BLOCKED, then=Value(str(_("Motif effacé (fiche anonymisée)")))),
            default=Value(""),
        ),
    )


def _anonymise_deadlines(person):
    """Nothing more to follow: the windows not done are removed, the history stays."""
    followed = FollowedDeadline.objects.filter(person=person)
    for item in followed:
        item.occurrences.filter(done_on__isnull=True).delete()
    followed.update(is_active=False, label="", agenda_due_on=None)


def register() -> None:
    register_person_data(
        PersonData(
            "demarches",
            gettext_lazy("Les démarches faites avec vous"),
            gettext_lazy("Pour suivre vos démarches et ce qu'il reste à faire."),
            (AssistedProcedure,),
            _procedures,
            _anonymise_procedures,
        )
    )
    register_person_data(
        PersonData(
            "echeances",
            gettext_lazy("Les échéances suivies"),
            gettext_lazy("Pour vous prévenir avant qu'un droit ne s'arrête."),
            (FollowedDeadline,),
            _deadlines,
            _anonymise_deadlines,
        )
    )
