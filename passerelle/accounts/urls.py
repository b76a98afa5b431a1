from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from passerelle.accounts import views, views_setup

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("connexion/", login_not_required(views.LoginView.as_view()), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("verification/", views.otp_verify, name="otp_verify"),
    path("double-authentification/", views.otp_enrol, name="otp_enrol"),
    path("double-authentification/qr.svg", views.otp_qr, name="otp_qr"),
    path("codes-de-secours/", views.recovery_codes, name="recovery_codes"),
    path("session/prolonger/", views.session_extend, name="session_extend"),
    path(
        "mot-de-passe/<uidb64>/<token>/",
        login_not_required(views.SetPasswordView.as_view()),
        name="set_password",
    ),
    path("agenda/", views.calendar, name="calendar"),
    path("agenda/<str:token>.ics", views.ics_feed, name="ics"),
    path("mise-en-route/", views_setup.getting_started, name="getting_started"),
    path("lieux/", views_setup.site_list, name="sites"),
    path("lieux/nouveau/", views_setup.site_edit, name="site_create"),
    path("lieux/<int:pk>/", views_setup.site_edit, name="site_edit"),
    path("equipe/", views.staff_list, name="staff_list"),
    path("equipe/nouveau/", views.staff_create, name="staff_create"),
    path("equipe/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("equipe/<int:pk>/activation/", views.staff_toggle_active, name="staff_toggle_active"),
    path("equipe/<int:pk>/double-authentification/", views.staff_reset_2fa, name="staff_reset_2fa"),
]
