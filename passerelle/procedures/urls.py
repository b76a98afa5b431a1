from django.urls import path

from passerelle.procedures import views

app_name = "procedures"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("installer/", views.catalogue_install, name="install"),
    path("nouvelle/", views.procedure_edit, name="create"),
    path("<int:pk>/", views.procedure_detail, name="detail"),
    path("<int:pk>/modifier/", views.procedure_edit, name="edit"),
    path("a-risque/", views.at_risk, name="at_risk"),
    path("reglages/", views.settings_edit, name="settings"),
    path("personne/<int:person_pk>/noter/", views.assisted_create, name="assisted_create"),
    path("personne/<int:person_pk>/suivre/", views.deadline_follow, name="follow"),
    path("echeances/<int:pk>/faite/", views.occurrence_done, name="occurrence_done"),
    path("suivis/<int:pk>/modifier/", views.deadline_edit, name="deadline_edit"),
    path("suivis/<int:pk>/arret/", views.deadline_stop, name="stop"),
]
