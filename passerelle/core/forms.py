"""Pages that hold several forms (opening hours, absences and closed days; rooms and stations…).

Each form posts a hidden `formulaire` field with its name (`includes/form_body.html` writes
it); only that form is bound, the others stay empty, and the page knows which one to
reopen with its errors. Each form's ids carry its name (`id_salle_name`), so that no id is
repeated on the page and every label points at its own field.

    forms = PageForms(request, salle=lambda data: RoomForm(data, user=user),
                      poste=lambda data: StationForm(data, user=user))
    if (posted := forms.posted_valid()) is not None:
        ...  # posted.name, posted.form
    render(..., {**forms.context(room_form="salle", station_form="poste")})
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms as django_forms

FIELD = "formulaire"


@dataclass(frozen=True)
class Posted:
    name: str
    form: django_forms.BaseForm


class PageForms:
    def __init__(self, request, **builders: Callable[[dict | None], django_forms.BaseForm]):
        self.submitted = request.POST.get(FIELD, "") if request.method == "POST" else ""
        self.forms = {
            name: build(request.POST if name == self.submitted else None)
            for name, build in builders.items()
        }
        for name, form in self.forms.items():
            # Ids unique on the page: each label points at its own form's field.
            form.auto_id = f"id_{name}_%s"

    def __getitem__(self, name: str) -> django_forms.BaseForm:
        return self.forms[name]

    def posted(self) -> Posted | None:
        """The form that was sent, if any (whether valid or not)."""
        if self.submitted in self.forms:
            return Posted(self.submitted, self.forms[self.submitted])
        return None

    def posted_valid(self) -> Posted | None:
        posted = self.posted()
        return posted if posted is not None and posted.form.is_valid() else None

    def context(self, **names: str) -> dict:
        """The forms under their template names, and `submitted`."""
        return {key: self.forms[name] for key, name in names.items()} | {
            "submitted": self.submitted
        }


def attach_errors(form: django_forms.BaseForm, error) -> None:
    """A service's ValidationError shown where it belongs: by its field when the form has it,
    else at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
