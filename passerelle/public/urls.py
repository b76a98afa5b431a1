from django.urls import path

from passerelle.public import views

app_name = "public"

# Short, for an SMS: /r/<token>
urlpatterns = [
    path("<str:token>", views.personal_link, name="link"),
    path("<str:token>/agenda.ics", views.personal_link_ics, name="link_ics"),
]
