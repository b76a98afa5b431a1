from passerelle.accounts import permissions
from passerelle.notifications.models import Message

PERSON_SECTION_SIZE = 5


def person_file_section(request, person) -> dict | None:
    if not permissions.can_view_messages(request.user):
        return None
    recent = list(
        Message.objects.visible_to(request.user)
        .filter(person=person)
        .order_by("-created_at", "-pk")[: PERSON_SECTION_SIZE + 1]
    )
    return {
        "template": "notifications/includes/person_section.html",
        "messages_sent": recent[:PERSON_SECTION_SIZE],
        "has_more": len(recent) > PERSON_SECTION_SIZE,
        "person": person,
    }
