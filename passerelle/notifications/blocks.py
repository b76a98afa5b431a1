from passerelle.accounts import permissions
from passerelle.notifications import selectors

PERSON_SECTION_SIZE = 5


def person_file_section(request, person) -> dict | None:
    if not permissions.can_view_messages(request.user):
        return None
    recent, has_more = selectors.person_messages(
        user=request.user, person=person, limit=PERSON_SECTION_SIZE
    )
    return {
        "template": "notifications/includes/person_section.html",
        "messages_sent": recent,
        "has_more": has_more,
        "person": person,
    }
