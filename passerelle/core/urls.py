from django.urls import path

from passerelle.core import views

app_name = "core"

urlpatterns = [
    path("", views.today, name="today"),
    path("healthz", views.healthz, name="healthz"),
    # Capabilities whose issue is not done yet: each app replaces its line when it lands.
    path(
        "statistiques/",
        views.coming_soon,
        {"slug": "statistiques"},
        name="coming_soon_reports",
    ),
]
