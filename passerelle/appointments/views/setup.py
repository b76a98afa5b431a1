"""The consultation services and their reasons, for the manager."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.appointments.forms import (
    ReasonForm,
    ServiceForm,
)
from passerelle.appointments.models import (
    Service,
)
from passerelle.core.forms import PageForms
from passerelle.core.services import catalogue_entry_save


@require(permissions.can_manage_catalogues)
def service_settings(request):
    """Services and reasons, for the manager."""
    forms = PageForms(
        request,
        permanence=lambda data: ServiceForm(data),
        motif=lambda data: ReasonForm(data, user=request.user),
    )
    forms["permanence"].instance.organisation = request.user.organisation
    if (posted := forms.posted_valid()) is not None:
        catalogue_entry_save(entry=posted.form.instance, by=request.user)
        if posted.name == "permanence":
            messages.success(request, _("La permanence est ajoutée."))
        else:
            messages.success(request, _("Le motif est ajouté."))
        return redirect("appointments:services")
    return render(
        request,
        "appointments/services.html",
        {
            "services": Service.objects.visible_to(request.user).prefetch_related("reasons"),
            **forms.context(service_form="permanence", reason_form="motif"),
        },
    )
