from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from passerelle.directory.urls import api_urlpatterns

urlpatterns = [
    path("", include("passerelle.core.urls")),
    path("compte/", include("passerelle.accounts.urls")),
    path("personnes/", include("passerelle.people.urls")),
    path("demarches/", include("passerelle.procedures.urls")),
    path("ateliers/", include("passerelle.workshops.urls")),
    path("permanences/", include("passerelle.appointments.urls")),
    path("salle/", include("passerelle.room.urls")),
    path("pret/", include("passerelle.equipment.urls")),
    path("messages/", include("passerelle.notifications.urls")),
    path("statistiques/", include("passerelle.reports.urls")),
    path("donnees-personnelles/", include("passerelle.privacy.urls")),
    path("annuaires/", include("passerelle.directory.urls")),
    path("kiosque/", include("passerelle.kiosk.urls")),
    path("poste/", include("passerelle.room.screen_urls")),
    path("", include("passerelle.public.urls")),
    path("api/data-inclusion/v1/", include((api_urlpatterns, "directory_api"))),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler400 = "passerelle.core.views.error_400"
handler403 = "passerelle.core.views.error_403"
handler404 = "passerelle.core.views.error_404"
handler500 = "passerelle.core.views.error_500"
