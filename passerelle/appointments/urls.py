from django.urls import path

from passerelle.appointments import views

app_name = "appointments"

urlpatterns = [
    path("", views.home, name="home"),
    path("creneaux/", views.slot_finder, name="slots"),
    path("reserver/", views.book, name="book"),
    path("agenda/", views.agenda, name="agenda"),
    path("horaires/", views.opening_hours, name="opening_hours"),
    path("services/", views.service_settings, name="services"),
    path("rdv/<int:pk>/", views.detail, name="detail"),
    path("rdv/<int:pk>/etat/", views.set_status, name="set_status"),
    path("rdv/<int:pk>/arrivee/", views.arrived, name="arrived"),
    path("rdv/<int:pk>/report/", views.reschedule, name="reschedule"),
    path("file/", views.queue, name="queue"),
    path("file/ticket/", views.ticket_take, name="ticket_take"),
    path("file/appeler/", views.ticket_call, name="ticket_call"),
    path("file/tickets/<int:pk>/fin/", views.ticket_finish, name="ticket_finish"),
    path("ecran/<str:token>/", views.display, name="display"),
]
