"""The manager's pages describing the offer, and the public data·inclusion feed."""

from __future__ import annotations

import json
import math

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.core.models import Site
from passerelle.core.ratelimit import per_address
from passerelle.core.services import catalogue_entry_save
from passerelle.directory import feed
from passerelle.directory.enums import COMMON_DEFAULTS, DEFAULTS, ServiceKind
from passerelle.directory.forms import ListingForm, OfferForm
from passerelle.directory.models import Listing, Offer

PAGE_SIZE, MAX_PAGE_SIZE = 100, 500
# data·inclusion collects once a day, page by page: a minute's ceiling per address far above it.
FEED_CALLS_PER_MINUTE = 60


def _sites(request):
    return Site.objects.filter(organisation_id=request.user.organisation_id).order_by("name")


@require(permissions.can_manage_directory)
def overview(request):
    """Each site: published or not, its services, what data·inclusion will read and the
    quality score the official package gives each service."""
    today = feed.today()
    sites = list(_sites(request).filter(is_active=True))
    listings = {l.site_id: l for l in Listing.objects.filter(site__in=sites)}  # noqa: E741
    offers: dict[int, dict[str, Offer]] = {}
    for offer in Offer.objects.filter(site__in=sites).select_related("site"):
        offers.setdefault(offer.site_id, {})[offer.kind] = offer
    rows = []
    for site in sites:
        listing = listings.get(site.pk)
        checked = feed.check_structure(feed.structure(listing, today=today)) if listing else None
        services = []
        for kind in ServiceKind:
            offer = offers.get(site.pk, {}).get(kind)
            result = (
                feed.check_service(feed.service(offer, listing, today=today)) if offer else None
            )
            services.append(
                {
                    "kind": kind,
                    "offer": offer,
                    "checked": result,
                    "json": json.dumps(result.data, ensure_ascii=False, indent=2) if result else "",
                }
            )
        rows.append(
            {
                "site": site,
                "listing": listing,
                "checked": checked,
                "json": json.dumps(checked.data, ensure_ascii=False, indent=2) if checked else "",
                "services": services,
            }
        )
    return render(request, "directory/overview.html", {"rows": rows, "source": feed.source()})


@require(permissions.can_manage_directory)
def listing_edit(request, site_pk: int):
    site = get_object_or_404(_sites(request), pk=site_pk)
    listing = Listing.objects.filter(site=site).first() or Listing(site=site)
    form = ListingForm(request.POST or None, instance=listing)
    if request.method == "POST" and form.is_valid():
        catalogue_entry_save(entry=form.instance, by=request.user)
        messages.success(request, _("Le lieu %(site)s est décrit.") % {"site": site.name})
        return redirect("directory:overview")
    return render(request, "directory/listing_form.html", {"form": form, "site": site})


@require(permissions.can_manage_directory)
def offer_edit(request, site_pk: int, kind: str):
    site = get_object_or_404(_sites(request), pk=site_pk)
    if kind not in ServiceKind.values:
        raise Http404
    offer = Offer.objects.filter(site=site, kind=kind).first()
    if offer is None:
        offer = Offer(site=site, kind=kind, **COMMON_DEFAULTS, **DEFAULTS[ServiceKind(kind)])
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        catalogue_entry_save(entry=form.instance, by=request.user)
        messages.success(request, _("Le service « %(name)s » est décrit.") % {"name": offer.name})
        return redirect("directory:overview")
    context = {"form": form, "site": site, "kind": ServiceKind(kind)}
    return render(request, "directory/offer_form.html", context)


# The public feed: read-only, versioned, paginated as data·inclusion's own API is
# ({"items", "total", "page", "size", "pages"}).


def _page(request, queryset, build):
    try:
        page = int(request.GET.get("page", 1))
        size = int(request.GET.get("size", PAGE_SIZE))
    except ValueError:
        page = size = 0
    if page < 1 or not 1 <= size <= MAX_PAGE_SIZE:
        return JsonResponse(
            {
                "detail": _(
                    "« page » est un entier à partir de 1 et « size » un entier de 1 à %(max)s."
                )
                % {"max": MAX_PAGE_SIZE}
            },
            status=400,
        )
    total = queryset.count()
    chunk = queryset[(page - 1) * size : page * size]
    return JsonResponse(
        {
            "items": build(chunk),
            "total": total,
            "page": page,
            "size": size,
            "pages": math.ceil(total / size),
        },
        json_dumps_params={"ensure_ascii": False},
    )


@login_not_required
@require_GET
@per_address(limit=FEED_CALLS_PER_MINUTE)
@cache_control(public=True, max_age=3600)
def api_structures(request):
    today = feed.today()
    return _page(
        request,
        feed.published_listings(),
        lambda chunk: [feed.structure(listing, today=today) for listing in chunk],
    )


@login_not_required
@require_GET
@per_address(limit=FEED_CALLS_PER_MINUTE)
@cache_control(public=True, max_age=3600)
def api_services(request):
    today = feed.today()

    def build(chunk):
        offers = list(chunk)
        listings = {
            l.site_id: l  # noqa: E741
            for l in Listing.objects.filter(site_id__in=[o.site_id for o in offers])  # noqa: E741
        }
        return [feed.service(o, listings.get(o.site_id), today=today) for o in offers]

    return _page(request, feed.published_offers(), build)
