from django.urls import path

from passerelle.room import views

app_name = "room"

urlpatterns = [
    path("", views.board, name="board"),
    path("reglages/", views.setup, name="setup"),
    path("<int:pk>/reglages/", views.room_edit, name="room_edit"),
    path("<int:pk>/impressions/", views.print_add, name="print"),
    path("<int:pk>/", views.board, name="board_of"),
    path("<int:pk>/attente/", views.waiting_add, name="waiting_add"),
    path("<int:pk>/statistiques/", views.statistics, name="statistics"),
    path("attente/<int:entry_pk>/servi/", views.waiting_served, name="waiting_served"),
    path("<int:pk>/pass-invites/", views.guest_passes, name="guest_passes"),
    path("<int:pk>/pass-invites/<str:batch>.pdf", views.guest_pass_sheet, name="guest_pass_sheet"),
    path(
        "<int:pk>/pass-invites/<str:batch>/arreter/",
        views.guest_pass_cancel,
        name="guest_pass_cancel",
    ),
    path("postes/<int:station_pk>/", views.station, name="station"),
    path("postes/<int:station_pk>/ecran/", views.station_screen, name="station_screen"),
    path("postes/<int:station_pk>/arrivee/", views.check_in, name="check_in"),
    path("postes/<int:station_pk>/panne/", views.fault, name="fault"),
    path("postes/<int:station_pk>/reserver/", views.reserve, name="reserve"),
    path("sessions/<int:session_pk>/depart/", views.check_out, name="check_out"),
    path("sessions/<int:session_pk>/prolonger/", views.extend, name="extend"),
]
