from django.contrib import admin

from passerelle.core.models import Activity, AuditEntry, Organisation, Site


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "commune", "is_active"]
    list_filter = ["organisation", "is_active"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "person_id", "summary"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "theme", "site", "staff", "duration_minutes"]
    list_filter = ["kind", "theme"]
    raw_id_fields = ["person", "staff"]
    date_hierarchy = "date"
