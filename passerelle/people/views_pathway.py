"""The digital path on a person's file: diagnostics and goals; the questionnaire editor."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.core.charts import Series, bar_chart, line_chart
from passerelle.core.services import catalogue_entry_save
from passerelle.people import pix, selectors, services_pathway
from passerelle.people.forms import (
    AssessmentForm,
    GoalForm,
    GoalUpdateForm,
    PixFileForm,
    PixMappingForm,
    SkillAreaForm,
    SkillQuestionForm,
)
from passerelle.people.models import SkillArea, SkillQuestion
from passerelle.people.shortcuts import person_for, person_url


@require(permissions.can_record_digital_path)
def assessment_create(request, pk: int):
    person = person_for(request, pk)
    services_pathway.questionnaire_install_default(organisation=person.organisation)
    form = AssessmentForm(request.POST or None, organisation=person.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services_pathway.assessment_create(
                person=person,
                staff=request.user,
                site=selectors.activity_site(user=request.user, person=person),
                answers=form.answers(),
                duration_minutes=form.cleaned_data["duration_minutes"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Le diagnostic est enregistré."))
            return redirect("people:assessments", pk=person.pk)
    return render(request, "people/assessment_form.html", {"person": person, "form": form})


def assessment_list(request, pk: int):
    """Every diagnostic of the person, the latest by area, and progress over time."""
    person = person_for(request, pk)
    results = selectors.person_assessments(person)
    latest = results[-1] if results else None
    context = {
        "person": person,
        "results": results,
        "latest": latest,
        "pix_id": pix.external_id(person.pk),
    }
    if latest is not None:
        context["latest_chart"] = bar_chart(items=[(r.area.name, r.percent) for r in latest.areas])
        context["suggestions"] = selectors.suggestions_for(person, latest)
    if len(results) > 1:
        area_names = [r.area.name for r in latest.areas]
        by_area = {
            name: [
                next((r.percent for r in result.areas if r.area.name == name), None)
                for result in results
            ]
            for name in area_names
        }
        context["progress_chart"] = line_chart(
            x_labels=[f"{r.assessment.assessed_on:%d/%m/%y}" for r in results],
            series=[Series(_("Ensemble"), [r.overall for r in results])]
            + [Series(name, values) for name, values in by_area.items()],
        )
        context["progress_rows"] = [
            (name, values) for name, values in [(_("Ensemble"), [r.overall for r in results])]
        ] + list(by_area.items())
    return render(request, "people/assessment_list.html", context)


@require(permissions.can_record_digital_path)
def goal_create(request, pk: int):
    person = person_for(request, pk)
    services_pathway.questionnaire_install_default(organisation=person.organisation)
    form = GoalForm(request.POST or None, organisation=person.organisation)
    if request.method == "POST" and form.is_valid():
        services_pathway.goal_create(
            person=person,
            by=request.user,
            template=form.cleaned_data["template"],
            title=form.cleaned_data["title"],
            target_date=form.cleaned_data["target_date"],
        )
        messages.success(request, _("L'objectif est ajouté au parcours."))
        return redirect(f"{person_url(person)}#parcours")
    return render(request, "people/goal_form.html", {"person": person, "form": form})


@require(permissions.can_record_digital_path)
def goal_update(request, pk: int, goal_pk: int):
    person = person_for(request, pk)
    goal = get_object_or_404(person.goals, pk=goal_pk)
    form = GoalUpdateForm(request.POST or None, goal=goal)
    if request.method == "POST" and form.is_valid():
        services_pathway.goal_update(
            goal=goal,
            by=request.user,
            site=selectors.activity_site(user=request.user, person=person),
            **form.cleaned_data,
        )
        messages.success(request, _("L'objectif est mis à jour."))
        return redirect(f"{person_url(person)}#parcours")
    updates = goal.updates.select_related("by")
    return render(
        request,
        "people/goal_update.html",
        {"person": person, "goal": goal, "form": form, "updates": updates},
    )


@require(permissions.can_manage_catalogues)
def questionnaire(request):
    organisation = request.user.organisation
    services_pathway.questionnaire_install_default(organisation=organisation)
    areas = SkillArea.objects.filter(organisation=organisation).prefetch_related("questions")
    return render(
        request,
        "people/questionnaire.html",
        {
            "areas": areas,
            "question_form": SkillQuestionForm(organisation=organisation),
            "area_form": SkillAreaForm(),
        },
    )


@require(permissions.can_manage_catalogues)
def question_edit(request, question_pk: int | None = None):
    organisation = request.user.organisation
    question = (
        get_object_or_404(SkillQuestion, pk=question_pk, area__organisation=organisation)
        if question_pk
        else None
    )
    form = SkillQuestionForm(request.POST or None, instance=question, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        catalogue_entry_save(entry=form.instance, by=request.user)
        messages.success(request, _("La question est enregistrée."))
        return redirect("people:questionnaire")
    return render(request, "people/question_form.html", {"form": form, "question": question})


@require(permissions.can_manage_catalogues)
def area_create(request):
    form = SkillAreaForm(request.POST or None)
    form.instance.organisation = request.user.organisation
    if request.method == "POST" and form.is_valid():
        catalogue_entry_save(entry=form.instance, by=request.user)
        messages.success(request, _("Le domaine est ajouté."))
        return redirect("people:questionnaire")
    return render(request, "people/area_form.html", {"form": form})


# A Pix file's participants wait in the session between the check and the "Importer" click.
PIX_SESSION_KEY = "pix_import"


@require(permissions.can_import_people)
def pix_import(request):
    """Pix Orga results into diagnostics: check the file, show each participant, import."""
    if request.method == "POST" and request.POST.get("confirm"):
        return _pix_confirm(request)
    form = PixFileForm(request.POST or None, request.FILES or None)
    context = {"form": form, "rows": None}
    if request.method == "POST" and form.is_valid():
        organisation = request.user.organisation
        try:
            campaign = pix.read(form.cleaned_data["file"])
        except pix.FileRefused as refused:
            form.add_error("file", str(refused))
        else:
            pix.match(campaign, organisation=organisation)
            chosen = pix.mapping(organisation)
            rows = [
                (participant, pix.area_scores(participant.levels, chosen))
                for participant in campaign.participants
            ]
            ready = [p for p, scores in rows if not p.problem and scores]
            request.session[PIX_SESSION_KEY] = {
                "reference": campaign.reference,
                "name": campaign.name,
                "participants": [
                    {**asdict(p), "shared_on": p.shared_on.isoformat() if p.shared_on else None}
                    for p in ready
                ],
            }
            context.update(campaign=campaign, rows=rows, ready=len(ready))
    return render(request, "people/pix_import.html", context)


def _pix_confirm(request):
    pending = request.session.pop(PIX_SESSION_KEY, None)
    if not pending:
        messages.error(request, _("Rien à importer : choisissez à nouveau le fichier."))
        return redirect("people:pix_import")
    participants = []
    for data in pending["participants"]:
        shared_on = data.pop("shared_on")
        participant = pix.Participant(**data, shared_on=None)
        participant.shared_on = dt.date.fromisoformat(shared_on) if shared_on else None
        participants.append(participant)
    campaign = pix.Campaign(pending["reference"], pending["name"], participants)
    organisation = request.user.organisation
    pix.match(campaign, organisation=organisation)  # again: nothing imported twice
    created = services_pathway.pix_results_record(
        campaign=campaign,
        participants=campaign.participants,
        organisation=organisation,
        staff=request.user,
    )
    messages.success(
        request,
        ngettext(
            "Les résultats Pix de %(count)s personne sont dans son diagnostic.",
            "Les résultats Pix de %(count)s personnes sont dans leur diagnostic.",
            created,
        )
        % {"count": created},
    )
    return redirect("people:pix_import")


@require(permissions.can_manage_catalogues)
def pix_mapping(request):
    """Which domain of the diagnostic each Pix competence feeds."""
    organisation = request.user.organisation
    services_pathway.questionnaire_install_default(organisation=organisation)
    form = PixMappingForm(
        request.POST or None, organisation=organisation, current=pix.mapping(organisation)
    )
    if request.method == "POST" and form.is_valid():
        services_pathway.pix_mapping_save(organisation=organisation, choices=form.choices())
        messages.success(request, _("Les correspondances Pix sont enregistrées."))
        return redirect("people:pix_import")
    return render(request, "people/pix_mapping.html", {"form": form})
