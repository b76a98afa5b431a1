from django.urls import path

from passerelle.public import booking_views, views

app_name = "public"

urlpatterns = [
    # A person's own link, short for an SMS: /r/<token>
    path("r/<str:token>", views.personal_link, name="link"),
    path("r/<str:token>/agenda.ics", views.personal_link_ics, name="link_ics"),
    # A site's public booking page
    path("reserver/<int:site_id>/", booking_views.site_page, name="booking_site"),
    path(
        "reserver/<int:site_id>/motif/<int:reason_id>/",
        booking_views.slots,
        name="booking_slots",
    ),
    path(
        "reserver/<int:site_id>/vos-coordonnees/", booking_views.booking_form, name="booking_form"
    ),
    path("reserver/code/<str:token>/", booking_views.code, name="booking_code"),
    path("reserver/<int:site_id>/affiche/", booking_views.poster, name="booking_poster"),
]
