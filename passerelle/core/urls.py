from django.urls import path

from passerelle.core import views

app_name = "core"

urlpatterns = [
    path("", views.today, name="today"),
    path("communes/", views.communes_for_postcode, name="communes"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico where a page names no icon (a PDF opened in a tab).
    path("favicon.ico", views.favicon, name="favicon"),
]
