from django.contrib import admin

from passerelle.people.models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "organisation", "commune"]
    list_filter = ["organisation"]
    search_fields = ["search_text"]
    raw_id_fields = ["referent", "home_site"]
