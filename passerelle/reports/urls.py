from django.urls import path

from passerelle.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("impact/", views.impact_view, name="impact"),
    path("export/<str:fmt>/", views.export, name="export"),
]
