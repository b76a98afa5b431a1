"""Protection des données: the settings, the information notice to give each person (plain
and easy-to-read versions, printable and as a tagged PDF) and the register of processing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.core.documents import pdf_from_html
from passerelle.core.shortcuts import query_without_page
from passerelle.people.shortcuts import person_for
from passerelle.privacy import documents, selectors, services
from passerelle.privacy.forms import PrivacySettingsForm


@require(permissions.can_answer_data_rights)
def settings_edit(request):
    options = selectors.settings_for(request.user.organisation)
    form = PrivacySettingsForm(request.POST or None, instance=options)
    if request.method == "POST" and form.is_valid():
        services.privacy_settings_save(options=form.instance, by=request.user)
        messages.success(request, _("Les réglages sont enregistrés."))
        return redirect("privacy:settings")
    return render(request, "privacy/settings.html", {"form": form})


def notice(request):
    """Every staff member prints the notice for the person in front of them."""
    easy = request.GET.get("version") == "facile"
    context = {**documents.context_for(request.user.organisation), "easy": easy}
    if request.GET.get("format") == "pdf":
        html = render_to_string("privacy/notice_document.html", context)
        response = HttpResponse(pdf_from_html(html), content_type="application/pdf")
        name = "notice-facile" if easy else "notice"
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
        return response
    return render(request, "privacy/notice.html", context)


@require(permissions.can_answer_data_rights)
def register(request):
    return render(
        request, "privacy/register.html", documents.context_for(request.user.organisation)
    )


@require(permissions.can_answer_data_rights)
def archive_list(request):
    """ "Fiches à archiver": files whose retention period ends within 30 days or has ended,
    with the last contact; keep one for a stated reason, or anonymise it now."""
    today = timezone.localdate()
    organisation = request.user.organisation
    due = selectors.files_to_archive(organisation=organisation, today=today)
    page = Paginator(due, 50).get_page(request.GET.get("page"))
    rows = [
        (
            person,
            selectors.retention_end(organisation=organisation, last_contact=person.last_contact),
        )
        for person in page.object_list
    ]
    return render(
        request,
        "privacy/archive_list.html",
        {
            "rows": rows,
            "page": page,
            "today": today,
            "options": selectors.settings_for(organisation),
            "query_without_page": query_without_page(request),
        },
    )


@require(permissions.can_answer_data_rights)
@require_POST
def archive_keep(request, pk: int):
    person = person_for(request, pk)
    try:
        services.retention_hold(
            person=person, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("La fiche de %(name)s est gardée un an de plus.") % {"name": person}
        )
    return redirect("privacy:archive")


@require(permissions.can_answer_data_rights)
def erase(request, pk: int):
    """ "Effacer la fiche" (GDPR art. 17, or the end of retention brought forward): ask
    first, saying what is kept for the statistics and why, then anonymise at once."""
    person = person_for(request, pk)
    if request.method == "POST":
        reason = request.POST.get("motif") or "demande"
        services.person_anonymise(
            person=person,
            by=request.user,
            reason=str(ERASE_REASONS.get(reason, ERASE_REASONS["demande"])),
        )
        messages.success(
            request,
            _("La fiche est effacée : il ne reste que des chiffres sans nom."),
        )
        return redirect("privacy:archive" if reason == "conservation" else "people:list")
    return render(request, "privacy/erase.html", {"person": person})


ERASE_REASONS = {
    "demande": gettext_lazy("Demande de la personne (droit à l'effacement)"),
    "conservation": gettext_lazy("Durée de conservation dépassée (anonymisée par un responsable)"),
}
