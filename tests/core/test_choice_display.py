"""`get_FOO_display()` of the project's models (core.models.ChoiceDisplayMixin): the same
answers as Django's own, translating only the label it returns."""

from django.utils import translation

from passerelle.accounts.models import User
from passerelle.notifications.enums import Status
from passerelle.notifications.models import Message


def test_display_gives_the_label_of_the_stored_value():
    assert Message(status=Status.FAILED).get_status_display() == "Échec"


def test_display_gives_the_stored_value_when_it_is_not_among_the_choices():
    assert Message(status="retired-status").get_status_display() == "retired-status"


def test_display_is_a_plain_string_translated_when_asked():
    with translation.override("fr"):
        label = Message(status=Status.QUEUED).get_status_display()
    assert type(label) is str
    assert label == "En attente d'envoi"


def test_display_of_a_model_outside_timestamped_ones_uses_it_too():
    assert User._get_FIELD_display is Message._get_FIELD_display


def test_display_follows_the_language_once_a_label_is_known(monkeypatch):
    from django.utils.translation import gettext_lazy

    field = Message._meta.get_field("status")
    monkeypatch.setattr(field, "choices", [("test-only-yes", gettext_lazy("Yes"))])
    message = Message(status="test-only-yes")
    with translation.override("en"):
        assert message.get_status_display() == "Yes"
    with translation.override("fr"):
        assert message.get_status_display() == "Oui"
    with translation.override("en"):
        assert message.get_status_display() == "Yes"
