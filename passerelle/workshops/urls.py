from django.urls import path

from passerelle.workshops import views

app_name = "workshops"

urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("semaine/", views.week, name="week"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/nouveau/", views.workshop_edit, name="workshop_create"),
    path("catalogue/<int:pk>/", views.workshop_edit, name="workshop_edit"),
    path("seances/nouvelle/", views.session_create, name="session_create"),
    path("seances/<int:pk>/", views.session_detail, name="session"),
    path("seances/<int:pk>/modifier/", views.session_edit, name="session_edit"),
    path("seances/<int:pk>/annuler/", views.cancel, name="cancel"),
    path("seances/<int:pk>/inscrire/", views.register, name="register"),
    path(
        "seances/<int:pk>/inscriptions/<int:registration_pk>/annuler/",
        views.unregister,
        name="unregister",
    ),
    path(
        "seances/<int:pk>/inscriptions/<int:registration_pk>/presence/",
        views.mark_attendance,
        name="attendance",
    ),
    path("seances/<int:pk>/cloturer/", views.close, name="close"),
    path("seances/<int:pk>/emargement.pdf", views.attendance_sheet, name="attendance_sheet"),
    path("personne/<int:person_pk>/", views.register_from_person, name="register_person"),
]
