"""A site's public booking page (`/reserver/<site>/`, no account): the reasons and workshops a
manager opened online, free slots and seats, the person's names and mobile, the six digits
sent by SMS, then the booking — and the A4 poster with its QR code for the reception wall.

The pages never say whether someone already has a file; nothing is booked without a
verified mobile; they can be embedded in the association's website (`?integre=1`)."""

from __future__ import annotations

import datetime as dt
import functools

import segno
from csp.decorators import csp_replace
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.appointments import selectors as appointment_selectors
from passerelle.core.forms import attach_errors
from passerelle.core.links import personal_link
from passerelle.core.models import Site
from passerelle.core.network import client_ip
from passerelle.core.ratelimit import over_limit
from passerelle.notifications.services import send_code
from passerelle.public import booking
from passerelle.public.forms import BookingForm, CodeForm
from passerelle.public.models import PhoneCheck
from passerelle.workshops import selectors as workshop_selectors


def public_page(view):
    """A page of the public booking: no account, embeddable, limited per address, in
    French (the page is the association's own words).

    No CSRF check: in the association's website the page sits in a frame of another site,
    where browsers do not send its cookies (SameSite); a forged request could only ask for a
    code to be sent, within the same ceilings, and nothing is booked without that code."""

    @csrf_exempt
    @login_not_required
    @never_cache
    @xframe_options_exempt
    @csp_replace({"frame-ancestors": settings.PUBLIC_EMBED_ANCESTORS})
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with translation.override("fr"):
            if over_limit(
                f"public-booking:{client_ip(request) or 'unknown'}",
                limit=settings.PUBLIC_LIMITS["booking_per_minute"],
                seconds=60,
            ):
                return render(request, "public/too_many.html", _base(request), status=429)
            return view(request, *args, **kwargs)

    return wrapped


def _base(request, site=None) -> dict:
    embedded = request.GET.get("integre") == "1" or request.POST.get("integre") == "1"
    return {"lang": "fr", "rtl": False, "languages": [], "site": site, "embedded": embedded}


def _site(site_id) -> Site:
    site = Site.objects.filter(pk=site_id, is_active=True).select_related("organisation").first()
    if site is None:
        raise Http404
    return site


def _keep(request, url: str, **query) -> str:
    if request.GET.get("integre") == "1" or request.POST.get("integre") == "1":
        query["integre"] = "1"
    return f"{url}?{urlencode(query)}" if query else url


@public_page
def site_page(request, site_id: int):
    site = _site(site_id)
    reasons = appointment_selectors.online_reasons(site=site)
    sessions = workshop_selectors.online_sessions(site_id=site.pk)
    if not reasons and not sessions:
        raise Http404
    context = {
        **_base(request, site),
        "reasons": [
            (r, _keep(request, reverse("public:booking_slots", args=[site.pk, r.pk])))
            for r in reasons
        ],
        "sessions": [
            (s, _keep(request, reverse("public:booking_form", args=[site.pk]), seance=s.pk))
            for s in sessions
        ],
    }
    return render(request, "public/booking_site.html", context)


@public_page
def slots(request, site_id: int, reason_id: int):
    site = _site(site_id)
    reason = appointment_selectors.online_reason(site=site, reason_id=reason_id)
    if reason is None:
        raise Http404
    days: dict[dt.date, list] = {}
    form_url = reverse("public:booking_form", args=[site.pk])
    for slot in appointment_selectors.online_slots(reason=reason, site=site):
        local = timezone.localtime(slot.starts_at)
        days.setdefault(local.date(), []).append(
            (
                local,
                _keep(
                    request,
                    form_url,
                    motif=reason.pk,
                    debut=slot.starts_at.isoformat(),
                    intervenant=slot.worker_id,
                ),
            )
        )
    context = {**_base(request, site), "reason": reason, "days": sorted(days.items())}
    return render(request, "public/booking_slots.html", context)


def _wanted(request, site) -> tuple[dict, str] | None:
    """What the person asked for (a free slot of an online reason, or a session with a free
    seat), checked again; None when it is no longer offered."""
    source = request.GET  # the form posts back to its own address, query included
    if source.get("seance"):
        session = workshop_selectors.online_session(site_id=site.pk, session_id=source["seance"])
        if session is None:
            return None
        label = _("Atelier « %(title)s », le %(day)s à %(time)s") % {
            "title": session.workshop.title,
            "day": timezone.localtime(session.starts_at).strftime("%d/%m/%Y"),
            "time": timezone.localtime(session.starts_at).strftime("%H:%M"),
        }
        return {"session": session.pk, "full": session.free_seats <= 0}, label
    reason = appointment_selectors.online_reason(site=site, reason_id=source.get("motif"))
    try:
        starts_at = dt.datetime.fromisoformat(source.get("debut", ""))
    except ValueError:
        return None
    if reason is None or timezone.is_naive(starts_at):
        return None
    free = {
        (s.starts_at, str(s.worker_id))
        for s in appointment_selectors.online_slots(reason=reason, site=site)
    }
    if (starts_at, source.get("intervenant", "")) not in free:
        return None
    local = timezone.localtime(starts_at)
    label = _("%(service)s — %(reason)s, le %(day)s à %(time)s") % {
        "service": reason.service.name,
        "reason": reason.name,
        "day": local.strftime("%d/%m/%Y"),
        "time": local.strftime("%H:%M"),
    }
    wanted = {
        "reason": reason.pk,
        "worker": int(source["intervenant"]),
        "starts_at": starts_at.isoformat(),
        "full": False,
    }
    return wanted, label


@public_page
def booking_form(request, site_id: int):
    site = _site(site_id)
    found = _wanted(request, site)
    if found is None:
        context = {
            **_base(request, site),
            "back": _keep(request, reverse("public:booking_site", args=[site.pk])),
        }
        return render(request, "public/booking_gone.html", context, status=410)
    wanted, label = found
    form = BookingForm(request.POST or None)
    if wanted.pop("full"):
        form = None
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        wanted.update(
            first_name=data["first_name"],
            last_name=data["last_name"],
            partner_name=data["partner_name"],
            partner_organisation=data["partner_organisation"],
            partner_contact=data["partner_contact"],
        )
        try:
            check, code = booking.booking_request(
                site=site, phone=data["phone"], wanted=wanted, ip_address=client_ip(request)
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            sent = send_code(to=check.phone, code=code, sender_name=site.organisation.name)
            if not sent:
                form.add_error(
                    "phone",
                    _("Le SMS n'a pas pu partir. Vérifiez le numéro ou appelez l'accueil."),
                )
            else:
                return redirect(_keep(request, reverse("public:booking_code", args=[check.token])))
    context = {**_base(request, site), "form": form, "label": label}
    return render(
        request, "public/booking_form.html", context, status=400 if form and form.errors else 200
    )


@public_page
def code(request, token: str):
    check = get_object_or_404(PhoneCheck.objects.select_related("site__organisation"), token=token)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = booking.booking_confirm(check=check, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", " ".join(error.messages))
        else:
            return render(
                request,
                "public/booking_done.html",
                {
                    **_base(request, check.site),
                    "result": result,
                    "waiting": getattr(result, "status", "") == "waiting",
                    "link": personal_link(result.link_token),
                },
            )
    context = {**_base(request, check.site), "form": form, "phone_end": check.phone[-2:]}
    return render(request, "public/booking_code.html", context, status=400 if form.errors else 200)


@require(permissions.can_book_appointments)
def poster(request, site_id: int):
    """The A4 poster for the reception wall: the page's address, its QR code, a short link."""
    site = get_object_or_404(Site.objects.visible_to(request.user), pk=site_id)
    url = f"{settings.PUBLIC_BASE_URL.rstrip('/')}{reverse('public:booking_site', args=[site.pk])}"
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=8, dark="#000", light="#fff", omitsize=True)
    context = {
        "site": site,
        "url": url,
        "qr": mark_safe(svg),  # noqa: S308 — generated here from our own address
        "embed": (
            f'<iframe src="{url}?integre=1" title="{site.name}" width="100%" height="900"></iframe>'
        ),
    }
    return render(request, "public/poster.html", context)
