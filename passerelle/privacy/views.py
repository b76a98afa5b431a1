"""Protection des données: the settings, the information notice to give each person (plain
and easy-to-read versions, printable and as a tagged PDF) and the register of processing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.core.documents import pdf_from_html
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
