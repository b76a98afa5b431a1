from django.urls import path

from passerelle.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("impact/", views.impact_view, name="impact"),
    path("export/<str:fmt>/", views.export, name="export"),
    path("bilan/", views.funder_new, name="funder_new"),
    path("bilan/<int:pk>/", views.funder_detail, name="funder_detail"),
    path("bilan/<int:pk>/pdf/", views.funder_pdf, name="funder_pdf"),
]
