"""Notifications: the one function the apps call (`notify`), and what the worker does with it.

- `rules`: consent, per-structure switches, quiet hours, mobile numbers, refusals;
- `rendering`: the words of each message, folded for SMS;
- `delivery`: writing a message (`notify`) and sending it (`deliver`, the worker's task);
- `provider`: delivery reports and STOP replies posted by the SMS provider;
- `reminders`: the sources apps register and the daily task that queues them.

The notifications app knows no capability app: apps pass plain values in `context`, and a
person is read only through `people.selectors.contact_for` (contact and consents).
"""

from passerelle.notifications import backends, sms
from passerelle.notifications.services.codes import send_code
from passerelle.notifications.services.delivery import (
    BACKOFF_MINUTES,
    MAX_ATTEMPTS,
    deliver,
    deliver_message,
    message_mark_handled,
    notify,
)
from passerelle.notifications.services.provider import STOP_WORDS, opt_out, provider_report
from passerelle.notifications.services.reminders import (
    Notice,
    register_reminder_source,
    reminders_schedule,
)
from passerelle.notifications.services.rendering import (
    MissingVariable,
    email_text,
    render,
    sms_text,
)
from passerelle.notifications.services.retention import messages_forget_texts
from passerelle.notifications.services.rules import (
    enabled_events,
    enabled_events_set,
    event_enabled,
    in_quiet_hours,
    is_mobile,
    morning_of,
    next_allowed,
    would_reach,
)

__all__ = [
    "send_code",
    "BACKOFF_MINUTES",
    "MAX_ATTEMPTS",
    "STOP_WORDS",
    "MissingVariable",
    "Notice",
    "backends",
    "deliver",
    "deliver_message",
    "email_text",
    "enabled_events",
    "enabled_events_set",
    "event_enabled",
    "in_quiet_hours",
    "is_mobile",
    "message_mark_handled",
    "messages_forget_texts",
    "morning_of",
    "would_reach",
    "next_allowed",
    "notify",
    "opt_out",
    "provider_report",
    "register_reminder_source",
    "reminders_schedule",
    "render",
    "sms",
    "sms_text",
]
