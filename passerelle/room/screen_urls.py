from django.urls import path

from passerelle.room import screen

app_name = "station_screen"

urlpatterns = [
    path("<str:token>/", screen.screen, name="screen"),
    path("<str:token>/code/", screen.unlock, name="unlock"),
    path("<str:token>/plus/", screen.extend, name="extend"),
    path("<str:token>/fin/", screen.end, name="end"),
    path("<str:token>/api/etat", screen.api_state, name="api_state"),
    path("<str:token>/api/code", screen.api_unlock, name="api_unlock"),
    path("<str:token>/api/plus", screen.api_extend, name="api_extend"),
    path("<str:token>/api/fin", screen.api_end, name="api_end"),
]
