"""Procedures: the catalogue, recording an assisted procedure, deadlines and who is at risk."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.accounts.models import User
from passerelle.core.enums import AdminProcedureTheme
from passerelle.core.forms import PageForms, attach_errors
from passerelle.core.models import Site
from passerelle.core.services import catalogue_entry_save
from passerelle.core.shortcuts import NarrowPages, query_without_page, safe_return
from passerelle.people.selectors import activity_site, search_people
from passerelle.people.shortcuts import person_for, person_url
from passerelle.procedures import rules, selectors, services
from passerelle.procedures.enums import CampaignKind, DeadlineKind
from passerelle.procedures.forms import (
    AssistedProcedureForm,
    AtRiskFilterForm,
    CampaignForm,
    DeadlineEditForm,
    DeadlineSettingsForm,
    FollowDeadlineForm,
    MarkDoneForm,
    ProcedureForm,
    TaxCampaignForm,
)
from passerelle.procedures.models import (
    Campaign,
    DeadlineOccurrence,
    FollowedDeadline,
    Procedure,
    TaxCampaign,
)

AT_RISK_PAGE = 50


@require(permissions.can_view_procedure_catalogue)
def catalogue(request):
    query = request.GET.get("q", "")[:100]
    category = request.GET.get("categorie", "")
    if category not in AdminProcedureTheme.values:
        category = ""
    can_edit = permissions.can_manage_catalogues(request.user)
    stale_only = can_edit and request.GET.get("a_verifier") == "1"
    procedures = selectors.catalogue(
        user=request.user, query=query, category=category, stale_only=stale_only
    )
    groups: dict[str, list] = {}
    for procedure in procedures:
        groups.setdefault(procedure.get_category_display(), []).append(procedure)
    context = {
        "groups": sorted(groups.items()),
        "query": query,
        "category": category,
        "categories": AdminProcedureTheme.choices,
        "count": len(procedures),
        "can_edit": can_edit,
        "stale_only": stale_only,
        "stale_count": selectors.stale_procedures(user=request.user).count() if can_edit else 0,
        "catalogue_empty": not procedures
        and not stale_only
        and not query
        and not category
        and not Procedure.objects.visible_to(request.user).exists(),
        "can_follow": permissions.can_follow_deadlines(request.user),
    }
    if request.htmx:
        return render(request, "procedures/catalogue.html#results", context)
    return render(request, "procedures/catalogue.html", context)


@require(permissions.can_manage_catalogues)
@require_POST
def catalogue_install(request):
    """A new structure starts from the default catalogue, on a manager's request."""
    added = services.catalogue_install_default(
        organisation=request.user.organisation, by=request.user
    )
    if added:
        messages.success(
            request, _("%(count)s démarches ajoutées au catalogue.") % {"count": added}
        )
    return redirect("procedures:catalogue")


@require(permissions.can_view_procedure_catalogue)
def procedure_detail(request, pk: int):
    procedure = get_object_or_404(Procedure.objects.visible_to(request.user), pk=pk)
    can_record = permissions.can_record_procedures(request.user)
    query = request.GET.get("q", "")[:100] if can_record else ""
    people = search_people(user=request.user, query=query)[0] if query else []
    return render(
        request,
        "procedures/procedure_detail.html",
        {
            "procedure": procedure,
            "can_edit": permissions.can_manage_catalogues(request.user),
            "can_record": can_record,
            "query": query,
            "people": people,
        },
    )


@require(permissions.can_manage_catalogues)
def procedure_edit(request, pk: int | None = None):
    procedure = get_object_or_404(Procedure.objects.visible_to(request.user), pk=pk) if pk else None
    form = ProcedureForm(request.POST or None, instance=procedure)
    form.instance.organisation = request.user.organisation
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["checked_today"]:
            form.instance.last_checked_on = timezone.localdate()
        try:
            saved = catalogue_entry_save(entry=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("La fiche est enregistrée."))
            return redirect("procedures:detail", pk=saved.pk)
    return render(request, "procedures/procedure_form.html", {"form": form, "procedure": procedure})


@require(permissions.can_record_procedures)
def assisted_create(request, person_pk: int):
    person = person_for(request, person_pk)
    initial = {}
    if request.GET.get("demarche", "").isdigit():
        initial["procedure"] = request.GET["demarche"]
    form = AssistedProcedureForm(request.POST or None, person=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assisted_procedure_record(
                person=person,
                staff=request.user,
                site=activity_site(user=request.user, person=person),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("La démarche est notée."))
            return redirect(f"{person_url(person)}#demarches")
    return render(request, "procedures/assisted_form.html", {"person": person, "form": form})


@require(permissions.can_follow_deadlines)
def deadline_follow(request, person_pk: int):
    person = person_for(request, person_pk)
    form = FollowDeadlineForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.deadline_follow(person=person, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Les échéances de cette démarche sont suivies."))
            return redirect(f"{person_url(person)}#echeances")
    return render(
        request,
        "procedures/follow_form.html",
        {"person": person, "form": form, "rules": rules.RULES.values()},
    )


@require(permissions.can_follow_deadlines)
def deadline_edit(request, pk: int):
    """Change what the rules need to know: the date seen in the CAF agenda, the kind of
    title, paper filing, automatic renewal, a new end date."""
    followed = get_object_or_404(FollowedDeadline.objects.active().select_related("person"), pk=pk)
    person = person_for(request, followed.person_id)
    form = DeadlineEditForm(request.POST or None, instance=followed)
    if request.method == "POST" and form.is_valid():
        try:
            services.deadline_update(
                followed=FollowedDeadline.objects.get(pk=followed.pk), **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("C'est noté : les prochaines échéances sont recalculées."))
            return redirect(f"{person_url(person)}#echeances")
    return render(
        request,
        "procedures/deadline_edit.html",
        {
            "person": person,
            "followed": followed,
            "form": form,
            "rule": rules.RULES[DeadlineKind(followed.kind)],
        },
    )


def _occurrence_for(request, pk: int) -> DeadlineOccurrence:
    occurrence = get_object_or_404(
        DeadlineOccurrence.objects.select_related("followed__person"), pk=pk
    )
    person_for(request, occurrence.followed.person_id)  # same organisation, or 404
    return occurrence


@require(permissions.can_follow_deadlines)
def occurrence_done(request, pk: int):
    occurrence = _occurrence_for(request, pk)
    person = occurrence.followed.person
    form = MarkDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.occurrence_mark_done(
                occurrence=occurrence,
                by=request.user,
                site=activity_site(user=request.user, person=person),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("C'est fait : l'échéance est notée comme tenue."))
            return redirect(safe_return(request, f"{person_url(person)}#echeances"))
    return render(
        request,
        "procedures/done_form.html",
        {
            "occurrence": occurrence,
            "person": person,
            "form": form,
            "back": safe_return(request, ""),
        },
    )


@require(permissions.can_follow_deadlines)
@require_POST
def deadline_stop(request, pk: int):
    followed = get_object_or_404(FollowedDeadline.objects.select_related("person"), pk=pk)
    person = person_for(request, followed.person_id)
    services.deadline_stop(followed=followed)
    messages.success(request, _("Cette démarche n'est plus suivie."))
    return redirect(f"{person_url(person)}#echeances")


@require(permissions.can_follow_deadlines)
def at_risk(request):
    user = request.user
    options = selectors.deadline_settings_for(user.organisation)
    sites = list(Site.objects.visible_to(user))
    referents = User.objects.visible_to(user).active().exclude(role="volunteer")
    form = AtRiskFilterForm(request.GET or None, sites=sites, referents=referents)
    filters = form.cleaned_data if form.is_valid() else {}
    within = filters.get("jours")
    within = options.at_risk_days if within is None else within
    site_id = filters.get("lieu")
    if site_id is None and not user.sees_all_sites and len(sites) == 1:
        site_id = sites[0].pk
    if site_id is not None and site_id not in {s.pk for s in sites}:
        raise PermissionDenied
    today = timezone.localdate()
    at_risk_list = selectors.at_risk(
        user=user,
        within_days=within,
        today=today,
        site_id=site_id,
        referent_id=filters.get("referent"),
        order=filters.get("tri") or "cloture",
    )
    rows = NarrowPages(at_risk_list, selectors.at_risk_rows)
    page = Paginator(rows, AT_RISK_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "procedures/at_risk.html",
        {
            "form": form,
            "occurrences": page.object_list,
            "page": page,
            "query_without_page": query_without_page(request),
            "back": quote(request.get_full_path(), safe=""),
            "missed": selectors.missed_recently(user=user, today=today, site_id=site_id),
            "within": within,
            "today": today,
            "follow_ups": selectors.follow_ups_due(user=user, today=today),
            "can_configure": permissions.can_manage_catalogues(user),
        },
    )


@require(permissions.can_manage_catalogues)
def settings_edit(request):
    organisation = request.user.organisation
    options = selectors.deadline_settings_for(organisation)
    year = timezone.localdate().year
    campaign = TaxCampaign.objects.filter(organisation=organisation, year=year).first()
    season = year if timezone.localdate().month >= 7 else year - 1  # chèque énergie: autumn
    energy = Campaign.objects.filter(
        organisation=organisation, kind=CampaignKind.ENERGY_VOUCHER, year=season
    ).first()
    forms = PageForms(
        request,
        reglages=lambda data: DeadlineSettingsForm(data, instance=options),
        impots=lambda data: TaxCampaignForm(
            data,
            instance=campaign or TaxCampaign(organisation=organisation, year=year),
            prefix="impots",
        ),
        energie=lambda data: CampaignForm(
            data,
            instance=energy
            or Campaign(organisation=organisation, kind=CampaignKind.ENERGY_VOUCHER, year=season),
            prefix="energie",
        ),
    )
    if (posted := forms.posted_valid()) is not None:
        if posted.name == "reglages":
            services.deadline_settings_save(options=posted.form.instance, by=request.user)
            messages.success(request, _("Les réglages sont enregistrés."))
        elif posted.name == "energie":
            services.campaign_save(campaign=posted.form.instance)
            messages.success(request, _("Les dates de la campagne sont enregistrées."))
        else:
            services.tax_campaign_save(campaign=posted.form.instance)
            messages.success(request, _("Les dates de la campagne sont enregistrées."))
        return redirect("procedures:settings")
    return render(
        request,
        "procedures/settings.html",
        {
            **forms.context(form="reglages", campaign_form="impots", energy_form="energie"),
            "campaigns": TaxCampaign.objects.filter(organisation=organisation),
            "energy_campaigns": Campaign.objects.filter(
                organisation=organisation, kind=CampaignKind.ENERGY_VOUCHER
            ),
            "rules": rules.RULES.values(),
        },
    )
