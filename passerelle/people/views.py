"""The person's file: search, registration with duplicate warning, file, edit, merge."""

from __future__ import annotations

from dataclasses import asdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Window
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require, sensitive
from passerelle.core.enums import ActivityKind
from passerelle.core.models import Site
from passerelle.people import coop_beneficiaries, selectors, services
from passerelle.people.enums import ConsentScope, GoalStatus
from passerelle.people.extensions import file_sections_for
from passerelle.people.forms import (
    BeneficiariesFileForm,
    ConsentForm,
    MergeForm,
    NoteForm,
    PersonCreateForm,
    PersonForm,
    PersonSearchForm,
    ProgrammeForm,
)
from passerelle.people.models import Person
from passerelle.people.shortcuts import person_for, person_url


def person_list(request):
    form = PersonSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results, more = (
        selectors.search_people(
            user=request.user, query=query, fields=selectors.SEARCH_RESULT_FIELDS
        )
        if query
        else ([], False)
    )
    context = {
        "form": form,
        "query": query,
        "results": results,
        "more": more,
        "full_profile": permissions.can_view_full_profile(request.user),
        "can_register": permissions.can_register_person(request.user),
        "can_import": permissions.can_import_people(request.user),
        "can_edit_questionnaire": permissions.can_manage_catalogues(request.user),
    }
    if not query:
        context["followed"] = (
            Person.objects.visible_to(request.user)
            .filter(referent=request.user)
            .order_by("last_name", "first_name")[:20]
        )
    if request.htmx:
        return render(request, "people/person_list.html#results", context)
    return render(request, "people/person_list.html", context)


@require(permissions.can_register_person)
def people_created_online(request):
    """Files made by the public booking page, for reception to check: each with the files
    that look like the same person (merge them from the file), or "C'est bon"."""
    people = list(
        Person.objects.visible_to(request.user)
        .filter(created_online=True, is_anonymised=False)
        .order_by("-created_at")[:100]
    )
    rows = [
        (
            person,
            selectors.likely_duplicates(
                organisation=person.organisation,
                first_name=person.first_name,
                last_name=person.last_name,
                phone=person.phone,
                exclude=person,
            ),
        )
        for person in people
    ]
    return render(request, "people/created_online.html", {"rows": rows})


@require(permissions.can_register_person)
@require_POST
def person_checked(request, pk: int):
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    services.person_checked(person=person, by=request.user)
    messages.success(request, _("Fiche de %(name)s vérifiée.") % {"name": person})
    return redirect("people:created_online")


@require(permissions.can_register_person)
def person_create(request):
    organisation = request.user.organisation
    form = PersonCreateForm(request.POST or None, organisation=organisation)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["not_a_duplicate"]:
            duplicates = selectors.likely_duplicates(
                organisation=organisation,
                first_name=data["first_name"],
                last_name=data["last_name"],
                birth_date=data["birth_date"],
                phone=data["phone"],
            )
        if not duplicates:
            fields = {k: v for k, v in data.items() if k in PersonForm.Meta.fields}
            fields["insee_code"] = data.get("insee_code", "")
            today = timezone.localdate()
            person = services.person_create(
                organisation=organisation,
                by=request.user,
                request=request,
                programmes=[(p, today) for p in data["programmes"]],
                consents=data["consents"],
                notice_given=data["notice_given"],
                **fields,
            )
            messages.success(request, _("La fiche de %(name)s est créée.") % {"name": person})
            return redirect("people:detail", pk=person.pk)
        form.data = form.data.copy()
        form.data["not_a_duplicate"] = "True"
    return render(request, "people/person_form.html", {"form": form, "duplicates": duplicates})


def person_detail(request, pk: int):
    person = person_for(request, pk, related=("referent",))  # the file shows the referent
    services.person_viewed(person=person, by=request.user, request=request)
    user = request.user
    full = permissions.can_view_full_profile(user)
    # The latest diagnostic and how many there are, in one query.
    latest_assessment = (
        person.assessments.annotate(assessment_count=Window(Count("pk")))
        .order_by("-assessed_on", "-pk")
        .first()
    )
    latest = selectors.assessment_results([latest_assessment])[0] if latest_assessment else None
    context = {
        "person": person,
        "full_profile": full,
        "can_edit": permissions.can_edit_person(user),
        "can_write_notes": permissions.can_write_notes(user),
        "can_merge": permissions.can_merge_people(user),
        "can_record_path": permissions.can_record_digital_path(user),
        "latest_result": latest,
        "assessment_count": latest_assessment.assessment_count if latest else 0,
        "suggestions": selectors.suggestions_for(person, latest),
        "goals": person.goals.select_related("template").order_by("status", "target_date", "pk"),
        "open_statuses": [GoalStatus.TODO, GoalStatus.IN_PROGRESS],
        "can_view_access_log": permissions.can_view_audit_journal(user),
        "can_answer_data_rights": permissions.can_answer_data_rights(user),
        "sections": file_sections_for(request, person),
    }
    if full:
        context.update(
            programmes=person.programmes.all(),
            consents=person.consents.select_related("recorded_by", "withdrawn_by").order_by(
                "withdrawn_at", "scope"
            ),
        )
    return render(request, "people/person_detail.html", context)


def _timeline_kind_choices(user):
    labels = dict(ActivityKind.choices) | {"note": _("Notes")}
    return [(kind, labels[kind]) for kind in selectors.timeline_kinds_for(user)]


def person_timeline(request, pk: int):
    person = person_for(request, pk)
    kind = request.GET.get("type", "")
    items, next_cursor = selectors.timeline_page(
        person=person, user=request.user, kind=kind, cursor=request.GET.get("avant")
    )
    context = {
        "person": person,
        "timeline": items,
        "next_cursor": next_cursor,
        "timeline_kind": kind,
        "timeline_kinds": _timeline_kind_choices(request.user),
        "full_profile": permissions.can_view_full_profile(request.user),
    }
    if not request.htmx:
        return render(request, "people/timeline_page.html", context)
    template = "people/includes/timeline.html"
    if request.GET.get("avant"):
        template += "#items"
    return render(request, template, context)


@require(permissions.can_answer_data_rights)
def person_data(request, pk: int):
    """ "Toutes ses données": what is kept, section by section, and the archive to give the
    person (a readable PDF and the same data as JSON, in a ZIP)."""
    person = person_for(request, pk)
    if request.method == "POST":
        archive = services.person_access_archive(person=person, by=request.user, request=request)
        response = HttpResponse(archive, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="donnees-{person.pk}.zip"'
        response["Cache-Control"] = "no-store"
        return response
    from passerelle.people import access

    return render(
        request,
        "people/person_data.html",
        {"person": person, "sections": access.sections_for(person)},
    )


@require(permissions.can_view_audit_journal)
def person_access_log(request, pk: int):
    """Who opened or changed this file: for managers, on a page of its own."""
    person = person_for(request, pk)
    entries = selectors.access_log_for(person=person, user=request.user, limit=100)
    return render(request, "people/access_log.html", {"person": person, "entries": entries})


@require(permissions.can_edit_person)
def person_edit(request, pk: int):
    person = person_for(request, pk)
    form = PersonForm(
        request.POST or None,
        instance=person,
        organisation=person.organisation,
        sees_health_data=permissions.can_see_health_data(request.user),
    )
    if request.method == "POST" and form.is_valid():
        changed = form.changed_fields()
        person.refresh_from_db()  # the form wrote into the instance; the service saves it
        services.person_update(person=person, by=request.user, request=request, **changed)
        messages.success(request, _("Les changements sont enregistrés."))
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@require(permissions.can_edit_person)
def consent_add(request, pk: int):
    person = person_for(request, pk)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.consent_give(
            person=person,
            scope=form.cleaned_data["scope"],
            by=request.user,
            given_on=form.cleaned_data["given_on"],
        )
        messages.success(request, _("L'accord est enregistré."))
        return redirect(f"{person_url(person)}#consentements")
    return render(
        request,
        "people/person_subform.html",
        {
            "person": person,
            "form": form,
            "title": _("Noter un accord"),
            "submit_label": _("Enregistrer l'accord"),
            "lead": _(
                "Lisez à la personne ce à quoi elle donne son accord. "
                "Elle peut le retirer quand elle veut."
            ),
        },
    )


@require(permissions.can_edit_person)
@require_POST
def notice_given(request, pk: int):
    person = person_for(request, pk)
    services.notice_given(person=person, by=request.user, request=request)
    messages.success(request, _("C'est noté : la notice d'information est remise."))
    return redirect(f"{person_url(person)}#consentements")


@require(permissions.can_edit_person)
@require_POST
def consent_withdraw(request, pk: int, scope: str):
    person = person_for(request, pk)
    if scope not in ConsentScope.values:
        raise PermissionDenied
    services.consent_withdraw(person=person, scope=scope, by=request.user)
    messages.success(
        request, _("L'accord « %(scope)s » est retiré.") % {"scope": ConsentScope(scope).label}
    )
    return redirect(f"{person_url(person)}#consentements")


@require(permissions.can_edit_person)
def programme_add(request, pk: int):
    person = person_for(request, pk)
    form = ProgrammeForm(request.POST or None, initial={"start_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.programme_add(person=person, **form.cleaned_data)
        messages.success(request, _("Le dispositif est ajouté."))
        return redirect(f"{person_url(person)}#dispositifs")
    return render(
        request,
        "people/person_subform.html",
        {
            "person": person,
            "form": form,
            "title": _("Ajouter un dispositif"),
            "submit_label": _("Ajouter"),
        },
    )


@require(permissions.can_edit_person)
@require_POST
def programme_end(request, pk: int, membership_pk: int):
    person = person_for(request, pk)
    membership = get_object_or_404(person.programmes, pk=membership_pk)
    try:
        services.programme_end(membership=membership, end_date=timezone.localdate())
        messages.success(request, _("Le dispositif est terminé à la date d'aujourd'hui."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{person_url(person)}#dispositifs")


@require(permissions.can_write_notes)
def note_add(request, pk: int):
    person = person_for(request, pk)
    form = NoteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.note_create(
            person=person,
            author=request.user,
            visibility=form.cleaned_data["visibility"],
            text=form.cleaned_data["text"],
        )
        messages.success(request, _("La note est enregistrée."))
        return redirect(f"{person_url(person)}#chronologie")
    return render(
        request,
        "people/person_subform.html",
        {
            "person": person,
            "form": form,
            "title": _("Écrire une note"),
            "submit_label": _("Enregistrer la note"),
        },
    )


@require(permissions.can_merge_people)
@sensitive
def person_merge(request, pk: int):
    survivor = person_for(request, pk)
    form = MergeForm(request.POST or request.GET or None, survivor=survivor, user=request.user)
    query = request.GET.get("q", "")
    candidates = []
    if query:
        candidates = [
            p
            for p in selectors.search_people(user=request.user, query=query)[0]
            if p.pk != survivor.pk
        ]
    else:
        candidates = selectors.likely_duplicates(
            organisation=survivor.organisation,
            first_name=survivor.first_name,
            last_name=survivor.last_name,
            birth_date=survivor.birth_date,
            phone=survivor.phone,
            exclude=survivor,
        )
    duplicate = form.cleaned_data["duplicate"] if form.is_bound and form.is_valid() else None
    if request.method == "POST" and duplicate is not None:
        merged = services.person_merge(
            survivor=survivor, duplicate=duplicate, by=request.user, request=request
        )
        messages.success(request, _("Les deux fiches n'en font plus qu'une."))
        return redirect("people:detail", pk=merged.pk)
    return render(
        request,
        "people/person_merge.html",
        {
            "person": survivor,
            "form": form,
            "duplicate": duplicate,
            "candidates": candidates,
            "query": query,
        },
    )


# A file's people wait in the session between the check and the "Importer" click: the file
# itself is never kept.
IMPORT_SESSION_KEY = "coop_beneficiaries_import"


@require(permissions.can_import_people)
def beneficiaries_import(request):
    """Bring in La Coop's beneficiaries file: check it, show each row, then create."""
    form = BeneficiariesFileForm(request.POST or None, request.FILES or None, user=request.user)
    context = {"form": form, "lines": None}
    if request.method == "POST" and request.POST.get("confirm"):
        return _beneficiaries_confirm(request)
    if request.method == "POST" and form.is_valid():
        try:
            lines = coop_beneficiaries.read(
                form.cleaned_data["file"], organisation=request.user.organisation
            )
        except coop_beneficiaries.FileRefused as refused:
            form.add_error("file", str(refused))
        else:
            site = form.cleaned_data["home_site"]
            request.session[IMPORT_SESSION_KEY] = {
                "site": site.pk if site else None,
                "lines": [asdict(line) for line in lines if line.importable],
            }
            context.update(
                lines=lines,
                importable=sum(line.importable for line in lines),
                rejected=sum(bool(line.errors) for line in lines),
                duplicates=sum(line.duplicate_of is not None for line in lines),
            )
    return render(request, "people/beneficiaries_import.html", context)


def _beneficiaries_confirm(request):
    pending = request.session.pop(IMPORT_SESSION_KEY, None)
    if not pending:
        messages.error(request, _("Rien à importer : choisissez à nouveau le fichier."))
        return redirect("people:import_coop")
    site = None
    if pending["site"]:
        site = Site.objects.filter(
            organisation_id=request.user.organisation_id, pk=pending["site"]
        ).first()
    lines = [coop_beneficiaries.Line(**line) for line in pending["lines"]]
    created = services.beneficiaries_import(
        lines=lines,
        organisation=request.user.organisation,
        by=request.user,
        home_site=site,
        request=request,
    )
    messages.success(
        request,
        ngettext("%(count)s fiche est créée.", "%(count)s fiches sont créées.", created)
        % {"count": created},
    )
    return redirect("people:list")
