from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passerelle.accounts import permissions, services, throttle, two_factor
from passerelle.accounts.decorators import require, sensitive
from passerelle.accounts.forms import LoginForm, StaffForm, TokenForm
from passerelle.accounts.models import CalendarFeed, User
from passerelle.core.network import client_ip
from passerelle.core.shortcuts import safe_return


def _safe_next(request, default: str) -> str:
    return safe_return(request, default, name="next")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if throttle.address_over_ceiling(client_ip(request)):
            return lockout(request)
        return super().post(request, *args, **kwargs)


def lockout(request, response=None, credentials=None):
    """Shown when axes locks a login: the same page, the same words for every address."""
    return render(
        request,
        "accounts/login.html",
        {"form": LoginForm(request), "locked_out": True, "next": _safe_next(request, "")},
        status=429,
    )


def otp_verify(request):
    next_url = _safe_next(request, reverse("core:today"))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request=request, token=form.cleaned_data["token"]):
            return redirect(next_url)
        form.add_error(
            "token", _("Ce code n'est pas valable. Saisissez le code affiché maintenant.")
        )
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


def otp_enrol(request):
    if two_factor.has_device(request.user):
        return redirect("accounts:profile")
    device = two_factor.pending_totp_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.enrol_confirm(
            request=request, device=device, token=form.cleaned_data["token"]
        )
        if codes is not None:
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "fresh": True})
        form.add_error(
            "token",
            _(
                "Ce code ne correspond pas. Vérifiez l'heure du téléphone "
                "et saisissez le nouveau code."
            ),
        )
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "secret": two_factor.readable_secret(device),
            "next": _safe_next(request, reverse("core:today")),
        },
    )


def otp_qr(request):
    device = two_factor.pending_totp_device(request.user)
    response = HttpResponse(two_factor.qr_code_svg(device), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@sensitive
def recovery_codes(request):
    if not two_factor.has_device(request.user):
        return redirect("accounts:otp_enrol")
    if request.method == "POST":
        codes = two_factor.recovery_codes_regenerate(user=request.user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "fresh": False})
    return render(request, "accounts/recovery_codes_confirm.html")


@login_not_required
@require_POST
def session_extend(request):
    """Called by the session-expiry warning: the session is saved, its expiry pushed back."""
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    request.session.modified = True
    return HttpResponse(status=204)


def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {"has_2fa": two_factor.has_device(request.user), "sites": request.user.sites.all()},
    )


class SetPasswordView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/set_password.html"
    post_reset_login = False

    def get_success_url(self):
        messages.success(self.request, _("Votre mot de passe est enregistré. Connectez-vous."))
        return reverse("accounts:login")


@require(permissions.can_manage_staff)
def staff_list(request):
    staff = (
        User.objects.visible_to(request.user)
        .prefetch_related("sites")
        .order_by("-is_active", "last_name", "first_name")
    )
    return render(request, "accounts/staff_list.html", {"staff": staff})


@require(permissions.can_manage_staff)
@sensitive
def staff_create(request):
    form = StaffForm(request.POST or None, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        user = services.staff_create(
            organisation=request.user.organisation,
            by=request.user,
            request=request,
            **{k: form.cleaned_data[k] for k in ("email", "first_name", "last_name", "role")},
            sites=form.cleaned_data["sites"],
        )
        messages.success(request, _("Le compte de %(name)s est créé.") % {"name": user})
        return redirect("accounts:staff_detail", pk=user.pk)
    return render(request, "accounts/staff_form.html", {"form": form, "creating": True})


@require(permissions.can_manage_staff)
@sensitive
def staff_detail(request, pk: int):
    member = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    form = StaffForm(request.POST or None, instance=member, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        services.staff_update(user=member, by=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Les changements sont enregistrés."))
        return redirect("accounts:staff_detail", pk=member.pk)
    link = None
    if not member.has_usable_password() or request.GET.get("lien"):
        link = request.build_absolute_uri(services.set_password_path(user=member))
    return render(
        request,
        "accounts/staff_form.html",
        {
            "form": form,
            "member": member,
            "creating": False,
            "set_password_link": link,
            "member_has_2fa": two_factor.has_device(member),
        },
    )


@require(permissions.can_manage_staff)
@sensitive
@require_POST
def staff_toggle_active(request, pk: int):
    member = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    if member == request.user:
        messages.error(request, _("Vous ne pouvez pas désactiver votre propre compte."))
    else:
        services.staff_set_active(
            user=member, active=not member.is_active, by=request.user, request=request
        )
        if member.is_active:
            messages.success(request, _("Le compte est réactivé."))
        else:
            messages.success(request, _("Le compte est désactivé. Son historique est conservé."))
    return redirect("accounts:staff_detail", pk=member.pk)


@require(permissions.can_manage_staff)
@sensitive
@require_POST
def staff_reset_2fa(request, pk: int):
    member = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    two_factor.reset(user=member, by=request.user, request=request)
    messages.success(
        request,
        _(
            "La double authentification est réinitialisée : "
            "elle sera demandée à la prochaine connexion."
        ),
    )
    return redirect("accounts:staff_detail", pk=member.pk)


def calendar(request):
    """The secret address of one's calendar, and a way to change it if it leaked."""
    feed = CalendarFeed.objects.filter(user=request.user).first()
    if request.method == "POST":
        services.calendar_feed_renew(user=request.user)
        if feed is None:
            messages.success(request, _("Votre adresse d'agenda est créée."))
        else:
            messages.success(request, _("Nouvelle adresse créée : l'ancienne ne fonctionne plus."))
        return redirect("accounts:calendar")
    url = request.build_absolute_uri(reverse("accounts:ics", args=[feed.token])) if feed else ""
    return render(request, "accounts/calendar.html", {"feed_url": url})


@login_not_required
def ics_feed(request, token: str):
    import datetime as dt

    from django.http import Http404
    from django.utils import timezone

    from passerelle.accounts.models import CalendarFeed
    from passerelle.core.calendar import calendar_for

    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404
    body = calendar_for(
        user=feed.user,
        since=timezone.now() - dt.timedelta(days=30),
        name=f"Passerelle — {feed.user.get_full_name()}",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
