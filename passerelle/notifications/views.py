"""The messages sent to people: the log, the failures to phone, the settings and previews,
and the address where the SMS provider posts delivery reports and STOP replies."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotFound
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.core.shortcuts import int_or_none, query_without_page
from passerelle.notifications import selectors, services, sms
from passerelle.notifications.events import Event, sample_context
from passerelle.notifications.forms import EventSettingsForm, MessageFilterForm
from passerelle.notifications.models import Message
from passerelle.people.models import Person

PAGE_SIZE = 50
FAILURES_SHOWN = 20  # the most recent first; the log's "Échec" filter lists them all


@require(permissions.can_view_messages)
def log(request):
    form = MessageFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    person = None
    person_id = int_or_none(request.GET.get("personne"))
    if person_id is not None:
        person = get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)
    listed = selectors.messages_log(user=request.user, filters=filters, person=person)
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    failures, more_failures = selectors.failures_to_phone(user=request.user, limit=FAILURES_SHOWN)
    return render(
        request,
        "notifications/log.html",
        {
            "form": form,
            "page": page,
            "person": person,
            "failures": failures,
            "more_failures": more_failures,
            "can_configure": permissions.can_configure_messages(request.user),
            "query_without_page": query_without_page(request),
        },
    )


@require_POST
@require(permissions.can_view_messages)
def handled(request, pk: int):
    message = get_object_or_404(Message.objects.visible_to(request.user), pk=pk)
    services.message_mark_handled(message=message, by=request.user)
    messages.success(request, _("Noté : %(person)s a été prévenu(e).") % {"person": message.person})
    return redirect("notifications:log")


@require(permissions.can_configure_messages)
def configure(request):
    organisation = request.user.organisation
    current = services.enabled_events(organisation)
    if request.method == "POST":
        form = EventSettingsForm(request.POST)
        if form.is_valid():
            services.enabled_events_set(
                organisation=organisation, enabled=form.cleaned_data["events"], by=request.user
            )
            messages.success(request, _("Réglages des messages enregistrés."))
            return redirect("notifications:configure")
    else:
        form = EventSettingsForm(initial={"events": [event for event, on in current.items() if on]})
    previews = []
    for event in Event:
        try:
            _subject, text = services.render(event, sample_context(event))
        except services.MissingVariable as error:  # a template out of step with its spec
            text = _("Texte incomplet : il manque %(names)s.") % {"names": error}
        folded = services.sms_text(text)
        previews.append(
            {"event": event, "enabled": current[event], "text": folded, "count": sms.count(folded)}
        )
    return render(request, "notifications/configure.html", {"form": form, "previews": previews})


@csrf_exempt
@login_not_required
@require_POST
def provider_report(request, token: str):
    expected = settings.SMS_WEBHOOK_TOKEN
    if not expected or not constant_time_compare(token, expected):
        return HttpResponseNotFound()
    try:
        payload = json.loads(request.body or b"{}")
    except ValueError:
        return HttpResponseBadRequest("invalid JSON")
    items = payload if isinstance(payload, list) else [payload]
    for item in items[:100]:
        if isinstance(item, dict):
            services.provider_report(payload=item)
    return HttpResponse("ok")
