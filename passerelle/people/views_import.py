"""Importing the people a centre already follows, from its spreadsheet: upload, check the
columns, read the problems and the duplicates, import in the background, undo."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.core import spreadsheets
from passerelle.people import services_import
from passerelle.people.enums import ImportDecision, ImportKind, ImportStatus
from passerelle.people.forms import ColumnMappingForm, PeopleFileForm
from passerelle.people.models import PeopleImport


@require(permissions.can_import_people)
def import_start(request):
    form = PeopleFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services_import.people_import_check(
                uploaded=form.cleaned_data["file"], by=request.user, kind=form.cleaned_data["kind"]
            )
        except spreadsheets.Refused as refused:
            form.add_error("file", str(refused))
        else:
            return redirect("people:import_detail", batch.pk)
    imports = PeopleImport.objects.visible_to(request.user).defer("content")[:10]
    return render(
        request, "people/import_start.html", {"form": form, "imports": imports, "checked": None}
    )


def _decisions(request, batch) -> dict:
    return {
        str(number): request.POST.get(f"row_{number}", ImportDecision.SKIP)
        for number, *_rest in batch.summary.get("duplicates", [])
    }


@require(permissions.can_import_people)
def import_detail(request, pk: int):
    batch = get_object_or_404(PeopleImport.objects.visible_to(request.user).defer("content"), pk=pk)
    summary = batch.summary
    mapping_form = ColumnMappingForm(
        request.POST if request.POST.get("action") == "mapping" else None,
        headers=summary.get("headers", []),
        mapping=batch.mapping,
        kind=batch.kind,
    )
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        if action == "mapping" and mapping_form.is_valid():
            batch = PeopleImport.objects.get(pk=batch.pk)
            services_import.people_import_remap(batch=batch, mapping=mapping_form.mapping())
            messages.success(request, _("Le fichier est vérifié avec ces colonnes."))
            return redirect("people:import_detail", batch.pk)
        if action == "start":
            services_import.people_import_start(
                batch=batch, decisions=_decisions(request, batch), by=request.user
            )
            return redirect("people:import_detail", batch.pk)
        if action == "drop":
            services_import.people_import_drop(batch=batch)
            messages.success(request, _("L'import est abandonné : le fichier est oublié."))
            return redirect("people:import")
        if action == "undo":
            removed = services_import.people_import_undo(
                batch=batch, by=request.user, request=request
            )
            if batch.kind == ImportKind.HISTORY:
                said = ngettext(
                    "L'import est annulé : %(count)s activité retirée.",
                    "L'import est annulé : %(count)s activités retirées.",
                    removed,
                )
            else:
                said = ngettext(
                    "L'import est annulé : %(count)s fiche retirée.",
                    "L'import est annulé : %(count)s fiches retirées.",
                    removed,
                )
            messages.success(request, said % {"count": removed})
            return redirect("people:import_detail", batch.pk)
    except (ValidationError, spreadsheets.Refused) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("people:import_detail", batch.pk)
    busy = batch.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)
    template = "people/import_detail.html"
    if request.htmx and request.method == "GET":
        template += "#progress"
    context = {
        "batch": batch,
        "summary": summary,
        "mapping_form": mapping_form,
        "busy": busy,
        "decisions": ImportDecision.choices,
    }
    return render(request, template, context)
