from django.conf import settings

from passerelle.core.navigation import navigation_for


def passerelle(request):
    user = getattr(request, "user", None)
    organisation = getattr(user, "organisation", None) if user and user.is_authenticated else None
    return {
        "organisation_name": organisation.name if organisation else "Passerelle",
        "navigation": navigation_for(request),
        "demo_mode": settings.PASSERELLE_DEMO,
        "session_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
    }
