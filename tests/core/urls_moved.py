"""The project's addresses under another prefix, for test_rows_tags."""

from django.urls import include, path

urlpatterns = [path("ailleurs/", include("passerelle.urls"))]
