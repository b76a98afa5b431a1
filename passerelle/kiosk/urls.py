from django.urls import path

from passerelle.kiosk import views

app_name = "kiosk"

# The person's screens: /kiosque/<secret>/<langue>/…
screen = [
    ("", views.start, "start_lang"),
    ("naissance/", views.birth_date, "birth_date"),
    ("rendez-vous/", views.appointment, "appointment"),
    ("rendez-vous/code/", views.appointment_code, "appointment_code"),
    ("rendez-vous/choisir/", views.appointment_choose, "appointment_choose"),
    ("ticket/", views.ticket, "ticket"),
    ("ticket/<int:number>/", views.ticket_show, "ticket_show"),
    ("atelier/", views.workshop, "workshop"),
    ("atelier/<int:session_id>/choisir/", views.workshop_choose, "workshop_choose"),
    ("atelier/<int:session_id>/sur-place/", views.workshop_walk_in, "workshop_walk_in"),
    ("ordinateur/", views.station, "station"),
    ("ordinateur/prendre/", views.station_take, "station_take"),
    ("ordinateur/attendre/", views.station_wait, "station_wait"),
    ("ordinateur/<str:purpose>/", views.station_who, "station_who"),
    ("ordinateur/<str:purpose>/prenom/", views.station_name, "station_name"),
]

urlpatterns = [
    path("bornes/", views.manage, name="manage"),
    path("bornes/<int:pk>/", views.edit, name="edit"),
    path("bornes/<int:pk>/nouvelle-adresse/", views.new_address, name="new_address"),
    path("<str:token>/", views.start, name="start"),
    *[path(f"<str:token>/<str:lang>/{route}", view, name=name) for route, view, name in screen],
]
