from django.urls import path

from passerelle.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.settings_edit, name="settings"),
    path("notice/", views.notice, name="notice"),
    path("registre/", views.register, name="register"),
    path("fiches-a-archiver/", views.archive_list, name="archive"),
    path("fiches-a-archiver/<int:pk>/garder/", views.archive_keep, name="archive_keep"),
    path("personnes/<int:pk>/effacer/", views.erase, name="erase"),
]
