"""Reads of the messages log: what reception sees and phones about."""

from __future__ import annotations

from passerelle.notifications.models import Message

# What a row of the log shows: the message and its person's name and phone, not the
# person's thirty columns (building and converting them was a fifth of the page).
LOG_ROW_FIELDS = (
    "created_at",
    "event",
    "channel",
    "body",
    "segments",
    "status",
    "reason",
    "send_after",
    "person__first_name",
    "person__last_name",
    "person__phone",
)


def messages_log(*, user, filters: dict, person=None):
    """The log, newest first, filtered by state, channel, kind of message and person."""
    listed = Message.objects.visible_to(user).select_related("person").only(*LOG_ROW_FIELDS)
    if filters.get("etat"):
        listed = listed.filter(status=filters["etat"])
    if filters.get("canal"):
        listed = listed.filter(channel=filters["canal"])
    if filters.get("message"):
        listed = listed.filter(event=filters["message"])
    if person is not None:
        listed = listed.filter(person=person)
    return listed.order_by("-created_at", "-pk")


def failures_to_phone(*, user, limit: int) -> tuple[list[Message], int]:
    """The latest failures nobody has phoned about yet, and how many more there are."""
    to_phone = Message.objects.visible_to(user).failures_to_phone()
    failures = list(
        to_phone.select_related("person").only(*LOG_ROW_FIELDS).order_by("-created_at")[:limit]
    )
    more = to_phone.count() - len(failures) if len(failures) == limit else 0
    return failures, more


def person_messages(*, user, person, limit: int) -> tuple[list[Message], bool]:
    """A person's latest messages, and whether there are older ones."""
    recent = list(
        Message.objects.visible_to(user)
        .filter(person=person)
        .order_by("-created_at", "-pk")[: limit + 1]
    )
    return recent[:limit], len(recent) > limit


def latest_message_day():
    """In a query on people: the day of the person's latest message (for retention)."""
    from django.db.models import DateField, OuterRef, Subquery
    from django.db.models.functions import TruncDate

    return Subquery(
        Message.objects.filter(person_id=OuterRef("pk"))
        .order_by("-created_at")
        .annotate(day=TruncDate("created_at"))
        .values("day")[:1],
        output_field=DateField(),
    )
