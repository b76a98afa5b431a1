"""Starting a real centre: the "Mise en route" checklist and the sites."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.core.getting_started import checklist
from passerelle.core.models import Site
from passerelle.core.services import catalogue_entry_save


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = ["name", "address", "postcode", "commune", "is_active"]
        help_texts = {
            "name": gettext_lazy("Le nom que l'équipe et le public connaissent."),
            "address": gettext_lazy("Pour les convocations, les annuaires et les SMS."),
        }

    def clean_postcode(self) -> str:
        value = self.cleaned_data.get("postcode", "").strip()
        if value and not (len(value) == 5 and value.isdigit()):
            raise forms.ValidationError(_("Le code postal compte 5 chiffres."))
        return value


@require(permissions.can_manage_staff)
def getting_started(request):
    steps = checklist(request.user.organisation_id)
    done = sum(step["done"] for step in steps)
    return render(
        request,
        "accounts/getting_started.html",
        {"steps": steps, "done": done, "total": len(steps)},
    )


@require(permissions.can_manage_staff)
def site_list(request):
    sites = Site.objects.filter(organisation_id=request.user.organisation_id).order_by(
        "-is_active", "name"
    )
    return render(request, "accounts/site_list.html", {"sites": sites})


@require(permissions.can_manage_staff)
def site_edit(request, pk: int | None = None):
    organisation = request.user.organisation
    site = (
        get_object_or_404(Site, organisation=organisation, pk=pk)
        if pk
        else Site(organisation=organisation)
    )
    form = SiteForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        catalogue_entry_save(entry=form.instance, by=request.user)
        messages.success(request, _("Le lieu %(name)s est enregistré.") % {"name": site.name})
        return redirect("accounts:sites")
    return render(request, "accounts/site_form.html", {"form": form, "site": site})


# The steps found done are remembered for a while and not asked again (a step is seldom
# undone); those left are asked on each visit, so a step just done shows done at once. Once
# every step is done, a centre long set up asks nothing on its visits of "Aujourd'hui".
SET_UP_REMEMBERED_SECONDS = 600
ALL_DONE = "all"


def today_block(request) -> dict | None:
    """Managers see the checklist on "Aujourd'hui" until every step is done."""
    if not permissions.can_manage_staff(request.user):
        return None
    remembered = f"getting-started-done-steps:{request.user.organisation_id}"
    known_done = cache.get(remembered, frozenset())
    if known_done == ALL_DONE:
        return None
    steps = checklist(request.user.organisation_id, known_done=known_done)
    done = frozenset(step["key"] for step in steps if step["done"])
    left = [step for step in steps if not step["done"]]
    if done != known_done:
        cache.set(remembered, ALL_DONE if not left else done, SET_UP_REMEMBERED_SECONDS)
    if not left:
        return None
    return {
        "template": "accounts/includes/getting_started_block.html",
        "left": left,
        "done": len(steps) - len(left),
        "total": len(steps),
    }
