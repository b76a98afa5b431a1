from django.urls import path

from passerelle.core import views

app_name = "core"

urlpatterns = [
    path("", views.today, name="today"),
    path("healthz", views.healthz, name="healthz"),
]
