from django.urls import path

from passerelle.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.log, name="log"),
    path("<int:pk>/traite/", views.handled, name="handled"),
    path("reglages/", views.configure, name="configure"),
    path("prestataire/<str:token>/", views.provider_report, name="provider_report"),
]
