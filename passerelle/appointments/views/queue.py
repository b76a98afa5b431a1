"""The walk-in queue: tickets, calling the next person, and the waiting-room screen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.appointments import selectors, services
from passerelle.appointments.enums import TicketStatus
from passerelle.appointments.models import (
    QueueTicket,
    Service,
)
from passerelle.core.models import Site
from passerelle.core.shortcuts import int_or_none
from passerelle.people.shortcuts import person_or_none

# --- Walk-in queue ---------------------------------------------------------------------

DESK_SESSION_KEY = "passerelle_desk"


QUEUE_SITE_SESSION_KEY = "passerelle_queue_site"


def _queue_site(request):
    """The user's sites and the one asked for (`lieu`); a site the user does not work at is
    a 404, never silently another site's queue. Without `lieu`: the site last opened, else
    the one where the user holds consultation hours today, else where people wait."""
    sites = list(Site.objects.visible_to(request.user).filter(is_active=True))
    wanted = request.GET.get("lieu") or request.POST.get("lieu") or ""
    if not wanted:
        return sites, _default_site(request, sites)
    chosen = next((s for s in sites if str(s.pk) == wanted), None)
    if chosen is None:
        raise Http404
    request.session[QUEUE_SITE_SESSION_KEY] = chosen.pk
    return sites, chosen


def _default_site(request, sites):
    if len(sites) < 2:
        return sites[0] if sites else None
    by_pk = {site.pk: site for site in sites}
    remembered = by_pk.get(request.session.get(QUEUE_SITE_SESSION_KEY))
    if remembered is not None:
        return remembered
    today = timezone.localdate()
    working_here = selectors.sites_where_working(worker=request.user, day=today)
    for site in sites:
        if site.pk in working_here:
            return site
    waiting = selectors.waiting_by_site(site_ids=list(by_pk), day=today)
    if waiting:
        return by_pk[max(waiting, key=waiting.get)]
    return sites[0]


@require(permissions.can_book_appointments)
def queue(request):
    sites, site = _queue_site(request)
    if site is None:
        raise PermissionDenied
    today = timezone.localdate()
    tickets = QueueTicket.objects.filter(site=site, day=today).select_related("service", "person")
    waiting_elsewhere = selectors.waiting_by_site(
        site_ids=[s.pk for s in sites if s != site], day=today
    )
    context = {
        "sites": sites,
        "site": site,
        "elsewhere": [(s, waiting_elsewhere[s.pk]) for s in sites if s.pk in waiting_elsewhere],
        "waiting": [t for t in tickets if t.status == TicketStatus.WAITING],
        "called": [t for t in tickets if t.status == TicketStatus.CALLED],
        "done_count": sum(t.status in (TicketStatus.SEEN, TicketStatus.LEFT) for t in tickets),
        "services": Service.objects.visible_to(request.user).filter(is_active=True),
        "estimated_wait": selectors.estimated_wait_minutes(site=site),
        "desk": request.session.get(DESK_SESSION_KEY, ""),
        "display_url": request.build_absolute_uri(
            reverse("appointments:display", args=[site.display_token])
        ),
        "person": person_or_none(request, request.GET.get("personne")),
        "now": timezone.now(),
    }
    template = "appointments/queue.html"
    if request.htmx:  # the waiting list refreshing itself (kiosk tickets appear live)
        template += "#waiting"
    return render(request, template, context)


@require(permissions.can_book_appointments)
@require_POST
def ticket_take(request):
    _sites, site = _queue_site(request)
    service = (
        Service.objects.visible_to(request.user)
        .filter(pk=int_or_none(request.POST.get("service")))
        .first()
    )
    person = person_or_none(request, request.POST.get("personne"))
    ticket = services.ticket_take(site=site, by=request.user, service=service, person=person)
    messages.success(
        request,
        _("Ticket n° %(number)s. Attente estimée : %(minutes)s minutes.")
        % {"number": ticket.number, "minutes": selectors.estimated_wait_minutes(site=site)},
    )
    return redirect(f"{reverse('appointments:queue')}?lieu={site.pk}")


@require(permissions.can_book_appointments)
@require_POST
def ticket_call(request):
    _sites, site = _queue_site(request)
    desk = (request.POST.get("desk") or "").strip()
    if not desk:
        messages.error(request, _("Indiquez votre bureau : il s'affiche sur l'écran de la salle."))
        return redirect(f"{reverse('appointments:queue')}?lieu={site.pk}")
    request.session[DESK_SESSION_KEY] = desk[:30]
    ticket = services.ticket_call_next(site=site, desk=desk, by=request.user)
    if ticket is None:
        messages.info(request, _("Personne n'attend."))
    else:
        messages.success(
            request,
            _("Ticket n° %(number)s appelé au %(desk)s.")
            % {"number": ticket.number, "desk": ticket.desk},
        )
    return redirect(f"{reverse('appointments:queue')}?lieu={site.pk}")


@require(permissions.can_book_appointments)
@require_POST
def ticket_finish(request, pk: int):
    ticket = get_object_or_404(QueueTicket.objects.visible_to(request.user), pk=pk)
    try:
        services.ticket_finish(
            ticket=ticket, status=request.POST.get("status", ""), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{reverse('appointments:queue')}?lieu={ticket.site_id}")


@login_not_required
def display(request, token: str):
    """The waiting-room screen: ticket numbers and desks, never a name. Refreshes itself."""
    site = Site.objects.filter(display_token=token, is_active=True).first()
    if site is None:
        raise Http404
    today = timezone.localdate()
    tickets = QueueTicket.objects.filter(site=site, day=today)
    context = {
        "site": site,
        "called": list(
            tickets.filter(status__in=[TicketStatus.CALLED, TicketStatus.SEEN])
            .exclude(called_at__isnull=True)
            .order_by("-called_at")[:5]
            .values("number", "desk")
        ),
        "waiting_count": tickets.filter(status=TicketStatus.WAITING).count(),
        "estimated_wait": selectors.estimated_wait_minutes(site=site),
    }
    template = "appointments/display.html"
    if request.htmx:
        template += "#board"
    return render(request, template, context)
