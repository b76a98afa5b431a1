"""Lending equipment: the desk's page (what is out, what is late, lend, take back), the loan
agreement to sign, and the manager's inventory."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.core.forms import attach_errors
from passerelle.core.services import catalogue_entry_save
from passerelle.equipment import documents, selectors, services
from passerelle.equipment.forms import (
    DeviceForm,
    LoanForm,
    ReferralForm,
    ReferralOutcomeForm,
    ReturnForm,
)
from passerelle.equipment.models import Device, Loan, Referral
from passerelle.people.shortcuts import person_for


@require(permissions.can_lend_equipment)
def desk(request):
    """Reception's page: the loans out, the late ones first, and what can go out."""
    context = {
        **selectors.loans_for_desk(user=request.user),
        "devices": selectors.lendable_devices(user=request.user),
        "can_manage": permissions.can_manage_catalogues(request.user),
        "referrals_pending": selectors.referrals_pending(user=request.user),
    }
    return render(request, "equipment/desk.html", context)


@require(permissions.can_lend_equipment)
def lend(request, person_pk: int):
    person = person_for(request, person_pk)
    form = LoanForm(request.POST or None, devices=selectors.lendable_devices(user=request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            loan = services.loan_create(
                device=data["device"],
                person=person,
                due_on=data["due_on"],
                deposit_euros=data["deposit_euros"],
                deposit_received=data["deposit_received"],
                by=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("Prêt noté. Imprimez la convention et faites-la signer."),
            )
            return redirect("equipment:loan", pk=loan.pk)
    return render(request, "equipment/lend.html", {"person": person, "form": form})


def _loan_for(request, pk: int) -> Loan:
    loan = get_object_or_404(
        Loan.objects.visible_to(request.user).select_related("device__site", "person"), pk=pk
    )
    person_for(request, loan.person_id)  # the file's own rule (sites, roles)
    return loan


@require(permissions.can_lend_equipment)
def loan_detail(request, pk: int):
    loan = _loan_for(request, pk)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and loan.returned_on is None:
        services.loan_return(
            loan=loan,
            condition=form.cleaned_data["condition_back"],
            notes=form.cleaned_data["return_notes"],
            by=request.user,
        )
        messages.success(request, _("Retour noté : le matériel peut être prêté à nouveau."))
        return redirect("equipment:desk")
    return render(request, "equipment/loan.html", {"loan": loan, "form": form})


@require(permissions.can_lend_equipment)
def agreement(request, pk: int):
    loan = _loan_for(request, pk)
    response = HttpResponse(documents.agreement_pdf(loan=loan), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="convention-de-pret-{loan.pk}.pdf"'
    return response


@require(permissions.can_manage_catalogues)
def inventory(request, pk: int | None = None):
    """The manager's list of devices, and the form to add or change one."""
    organisation_id = request.user.organisation_id
    device = get_object_or_404(Device, pk=pk, organisation_id=organisation_id) if pk else None
    form = DeviceForm(request.POST or None, instance=device, organisation_id=organisation_id)
    if request.method == "POST" and form.is_valid():
        catalogue_entry_save(entry=form.instance, by=request.user)
        messages.success(request, _("Matériel enregistré."))
        return redirect("equipment:inventory")
    devices = Device.objects.filter(organisation_id=organisation_id).select_related("site")
    out = set(Loan.objects.open().filter(device__in=devices).values_list("device_id", flat=True))
    return render(
        request,
        "equipment/inventory.html",
        {
            "form": form,
            "device": device,
            "rows": [(d, d.pk in out) for d in devices],
            "action": reverse("equipment:device", args=[pk]) if pk else "",
        },
    )


@require(permissions.can_lend_equipment)
def refer(request, person_pk: int):
    """Send the person on to a solidarity offer, and note what came of earlier ones."""
    person = person_for(request, person_pk)
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_create(person=person, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Orientation notée. Notez la réponse quand vous l'aurez."))
            return redirect("equipment:refer", person_pk=person.pk)
    referrals = [
        (referral, ReferralOutcomeForm(initial={"outcome": referral.outcome}, prefix=referral.pk))
        for referral in selectors.person_referrals(person=person)
    ]
    return render(
        request,
        "equipment/refer.html",
        {"person": person, "form": form, "referrals": referrals},
    )


@require(permissions.can_lend_equipment)
@require_POST
def referral_outcome(request, pk: int):
    referral = get_object_or_404(Referral, pk=pk, organisation_id=request.user.organisation_id)
    person = person_for(request, referral.person_id)
    form = ReferralOutcomeForm(request.POST, prefix=referral.pk)
    if form.is_valid():
        services.referral_outcome(
            referral=referral, outcome=form.cleaned_data["outcome"], by=request.user
        )
        messages.success(request, _("Résultat noté."))
    else:
        messages.error(request, _("Choisissez un résultat dans la liste."))
    return redirect("equipment:refer", person_pk=person.pk)
