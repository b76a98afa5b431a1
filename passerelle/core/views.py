from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from passerelle.core import communes, health, selectors
from passerelle.core.today import blocks_for


def today(request):
    context = selectors.today_summary(user=request.user)
    context["blocks"] = blocks_for(request)
    return render(request, "core/today.html", context)


@login_not_required
@never_cache
def healthz(request):
    """For monitoring: 200 when the database accepts writes and the worker keeps up, else 503
    with the reason (passerelle/core/health.py)."""
    status, body = health.health()
    return JsonResponse(body, status=status)


@login_not_required
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


@login_not_required
def error_404(request, exception=None):
    return render(request, "404.html", status=404)


@login_not_required
def error_400(request, exception=None):
    # Standalone (no context processors): the request itself may be what is wrong (its host).
    from django.http import HttpResponseBadRequest
    from django.template import loader

    return HttpResponseBadRequest(loader.get_template("400.html").render())


@login_not_required
def error_403(request, exception=None):
    return render(request, "403.html", status=403)


@login_not_required
def error_500(request):
    # No context processors: the database may be what failed.
    import sys

    from django.http import HttpResponseServerError
    from django.template import loader

    from passerelle.core.busy import busy_response, is_busy

    # Django calls this handler while handling the exception: a busy database is a 503.
    if is_busy(sys.exc_info()[1]):
        return busy_response(request)
    return HttpResponseServerError(loader.get_template("500.html").render())


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico where a page names no icon (a PDF opened in a tab)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def communes_for_postcode(request):
    """The communes a postcode serves, as the options of the commune field's list."""
    found = communes.for_postcode(request.GET.get("postcode", ""))
    return render(request, "core/commune_options.html", {"communes": found})
