from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from passerelle.core import selectors
from passerelle.core.today import blocks_for


def today(request):
    context = selectors.today_summary(user=request.user)
    context["blocks"] = blocks_for(request)
    return render(request, "core/today.html", context)


@login_not_required
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
