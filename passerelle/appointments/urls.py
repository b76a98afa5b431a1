from django.urls import path

from passerelle.appointments.views import booking, hours, queue, setup

app_name = "appointments"

urlpatterns = [
    path("", booking.home, name="home"),
    path("creneaux/", booking.slot_finder, name="slots"),
    path("reserver/", booking.book, name="book"),
    path("agenda/", hours.agenda, name="agenda"),
    path("horaires/", hours.opening_hours, name="opening_hours"),
    path("services/", setup.service_settings, name="services"),
    path("services/<int:pk>/", setup.service_edit, name="service_edit"),
    path("motifs/<int:pk>/", setup.reason_edit, name="reason_edit"),
    path("rdv/<int:pk>/", booking.detail, name="detail"),
    path("rdv/<int:pk>/etat/", booking.set_status, name="set_status"),
    path("rdv/<int:pk>/arrivee/", booking.arrived, name="arrived"),
    path("rdv/<int:pk>/nouvelle-date/", booking.reschedule, name="reschedule"),
    path("file/", queue.queue, name="queue"),
    path("file/ticket/", queue.ticket_take, name="ticket_take"),
    path("file/appeler/", queue.ticket_call, name="ticket_call"),
    path("file/tickets/<int:pk>/fin/", queue.ticket_finish, name="ticket_finish"),
    path("ecran/<str:token>/", queue.display, name="display"),
]
