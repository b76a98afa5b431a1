from django.urls import path

from passerelle.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.settings_edit, name="settings"),
    path("notice/", views.notice, name="notice"),
    path("registre/", views.register, name="register"),
]
