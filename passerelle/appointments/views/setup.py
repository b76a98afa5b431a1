"""The consultation services and their reasons, for the manager."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.appointments.forms import (
    ReasonForm,
    ServiceForm,
)
from passerelle.appointments.models import (
    Reason,
    Service,
)
from passerelle.core.forms import PageForms
from passerelle.core.models import Site
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
            "sites": Site.objects.visible_to(request.user).filter(is_active=True),
            **forms.context(service_form="permanence", reason_form="motif"),
        },
    )


@require(permissions.can_manage_catalogues)
def service_edit(request, pk: int):
    """Change a service: its name, its picture at the kiosk, open or closed."""
    service = get_object_or_404(Service.objects.visible_to(request.user), pk=pk)
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        catalogue_entry_save(entry=form.instance, by=request.user)
        messages.success(request, _("La permanence est enregistrée."))
        return redirect("appointments:services")
    return render(request, "appointments/catalogue_edit.html", {"form": form, "entry": service})


@require(permissions.can_manage_catalogues)
def reason_edit(request, pk: int):
    """Change a reason: its duration, its procedure, whether people may book it online."""
    reason = get_object_or_404(
        Reason.objects.filter(service__in=Service.objects.visible_to(request.user)), pk=pk
    )
    form = ReasonForm(request.POST or None, instance=reason, user=request.user)
    if request.method == "POST" and form.is_valid():
        catalogue_entry_save(entry=form.instance, by=request.user)
        messages.success(request, _("Le motif est enregistré."))
        return redirect("appointments:services")
    return render(request, "appointments/catalogue_edit.html", {"form": form, "entry": reason})
