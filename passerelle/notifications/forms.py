from django import forms
from django.utils.translation import gettext_lazy as _

from passerelle.notifications.enums import Channel, Status
from passerelle.notifications.events import Event

ALL = [("", _("Tous"))]


class MessageFilterForm(forms.Form):
    etat = forms.ChoiceField(label=_("État"), choices=ALL + Status.choices, required=False)
    canal = forms.ChoiceField(label=_("Canal"), choices=ALL + Channel.choices, required=False)
    message = forms.ChoiceField(label=_("Message"), choices=ALL + Event.choices, required=False)


class EventSettingsForm(forms.Form):
    events = forms.MultipleChoiceField(
        label=_("Messages envoyés"),
        choices=Event.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Décochez un message pour ne plus l'envoyer à personne."),
    )
