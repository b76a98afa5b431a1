from django.urls import path

from passerelle.equipment import views

app_name = "equipment"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("preter/<int:person_pk>/", views.lend, name="lend"),
    path("prets/<int:pk>/", views.loan_detail, name="loan"),
    path("prets/<int:pk>/convention.pdf", views.agreement, name="agreement"),
    path("orienter/<int:person_pk>/", views.refer, name="refer"),
    path("orientations/<int:pk>/resultat/", views.referral_outcome, name="referral_outcome"),
    path("inventaire/", views.inventory, name="inventory"),
    path("inventaire/<int:pk>/", views.inventory, name="device"),
]
