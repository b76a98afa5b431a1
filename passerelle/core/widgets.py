"""The browser's own date and time pickers, the same on every form.

Native inputs (`type="date"`, `"time"`, `"datetime-local"`) are the most accessible pickers
there are: keyboard, screen readers and phones handle them. Dates are bounded to the range
Passerelle accepts (core.utils.FIRST_DAY … LAST_DAY).
"""

from __future__ import annotations

from django import forms

from passerelle.core.utils import FIRST_DAY, LAST_DAY


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        bounds = {"min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat()}
        super().__init__(attrs={**bounds, **(attrs or {})}, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")
