"""What the people app keeps about a person, for the right of access (GDPR art. 15): the
file itself, consents, programmes, notes, the digital path and the activity history. Other
apps register their own part (`extensions.register_person_data`)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passerelle.core.models import Activity
from passerelle.core.readable import readable, value_text
from passerelle.people.extensions import PersonData, register_person_data
from passerelle.people.models import (
    Consent,
    Goal,
    Note,
    Person,
    ProgrammeMembership,
    SkillAssessment,
)

PERSON_FIELDS = [
    "first_name",
    "last_name",
    "birth_date",
    "birth_year_only",
    "gender",
    "phone",
    "email",
    "commune",
    "postcode",
    "insee_code",
    "home_site",
    "preferred_language",
    "french_level",
    "referent",
    "employment_status",
    "education_level",
    "income_situation",
    "household",
    "has_smartphone",
    "has_computer",
    "has_internet",
    "refuses_named_lists",
    "notice_given_on",
    "created_at",
]


def _file(person):
    return [readable(person, PERSON_FIELDS)]


def _consents(person):
    return [
        readable(c, ["scope", "given_on", "recorded_by", "withdrawn_at"])
        for c in Consent.objects.filter(person=person).select_related("recorded_by")
    ]


def _programmes(person):
    return [
        readable(m, ["programme", "start_date", "end_date"])
        for m in ProgrammeMembership.objects.filter(person=person)
    ]


def _notes(person):
    return [
        readable(n, ["date", "visibility", "author", "text"])
        for n in Note.objects.filter(person=person).select_related("author").order_by("date")
    ]


def _path(person):
    rows = []
    for assessment in (
        SkillAssessment.objects.filter(person=person)
        .select_related("staff", "site")
        .prefetch_related("answers__question__area")
        .order_by("assessed_on")
    ):
        row = readable(assessment, ["assessed_on", "staff", "site", "comment"])
        row[_("Réponses")] = "; ".join(
            f"{a.question.text} : {a.get_score_display()}" for a in assessment.answers.all()
        )
        rows.append(row)
    for goal in Goal.objects.filter(person=person).prefetch_related("updates").order_by("pk"):
        row = readable(goal, ["title", "theme", "status", "autonomy", "target_date", "created_at"])
        steps = [
            f"{value_text(u.date)} : {u.get_status_display()}" + (f" ({u.note})" if u.note else "")
            for u in goal.updates.all()
        ]
        if steps:
            row[_("Étapes")] = "; ".join(steps)
        rows.append(row)
    return rows


def _activities(person):
    return [
        readable(a, ["date", "kind", "site", "staff", "duration_minutes", "theme", "label"])
        for a in Activity.objects.filter(person=person)
        .select_related("site", "staff")
        .order_by("date", "pk")
    ]


def _anonymise_file(person):
    """Names, contact, language and notice go; what the statistics count stays (gender,
    situation, commune, programmes); the birth date is replaced by a stand-in that gives the
    same age band at every activity (set by privacy before this runs)."""
    person.first_name = str(gettext_lazy("Personne"))
    person.last_name = str(gettext_lazy("anonymisée"))
    person.phone = ""
    person.email = ""
    person.referent = None
    person.preferred_language = Person._meta.get_field("preferred_language").default
    person.french_level = Person._meta.get_field("french_level").default
    person.notice_given_on = None
    person.notice_given_by = None
    person.is_anonymised = True
    person.save()


def _anonymise_consents(person):
    Consent.objects.filter(person=person).delete()


def _anonymise_notes(person):
    Note.objects.filter(person=person).delete()


def _anonymise_path(person):
    from passerelle.people.models import GoalUpdate

    SkillAssessment.objects.filter(person=person).update(comment="")
    for goal in Goal.objects.filter(person=person).select_related("template"):
        goal.title = goal.template.title if goal.template else str(gettext_lazy("Objectif"))
        goal.save(update_fields=["title"])
    GoalUpdate.objects.filter(goal__person=person).update(note="")


def register() -> None:
    for data in (
        PersonData(
            "fiche",
            gettext_lazy("La fiche"),
            gettext_lazy(
                "Pour vous accueillir, vous retrouver et adapter l'accompagnement ; les "
                "informations sur votre situation servent aussi aux statistiques, sans votre nom."
            ),
            (Person,),
            _file,
            _anonymise_file,
        ),
        PersonData(
            "consentements",
            gettext_lazy("Vos accords"),
            gettext_lazy("Ce que vous avez accepté (SMS, photos…) et quand, ou retiré."),
            (Consent,),
            _consents,
            _anonymise_consents,
        ),
        PersonData(
            "dispositifs",
            gettext_lazy("Les dispositifs qui vous accompagnent"),
            gettext_lazy("Pour savoir quel service de l'association vous suit."),
            (ProgrammeMembership,),
            _programmes,
        ),
        PersonData(
            "notes",
            gettext_lazy("Les notes de suivi"),
            gettext_lazy("Ce que l'équipe a noté pour assurer votre suivi."),
            (Note,),
            _notes,
            _anonymise_notes,
        ),
        PersonData(
            "parcours",
            gettext_lazy("Votre parcours numérique"),
            gettext_lazy("Vos diagnostics et vos objectifs, pour mesurer vos progrès."),
            (SkillAssessment, Goal),
            _path,
            _anonymise_path,
        ),
        PersonData(
            "activites",
            gettext_lazy("L'historique de ce qui a été fait avec vous"),
            gettext_lazy("Chaque rendez-vous, atelier, démarche… avec sa date et sa durée."),
            (Activity,),
            _activities,
        ),
    ):
        register_person_data(data, order=10)
