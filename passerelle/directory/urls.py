from django.urls import path

from passerelle.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("lieux/<int:site_pk>/", views.listing_edit, name="listing"),
    path("lieux/<int:site_pk>/services/<str:kind>/", views.offer_edit, name="offer"),
]

api_urlpatterns = [
    path("structures", views.api_structures, name="api_structures"),
    path("services", views.api_services, name="api_services"),
]
