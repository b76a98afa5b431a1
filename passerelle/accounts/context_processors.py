"""`may` in every template: the permission functions of accounts.permissions, asked for the
user of the request. `{% if may.manage_staff %}` calls `can_manage_staff(request.user)`, so a
template never compares roles itself."""

from __future__ import annotations

from passerelle.accounts import permissions


class Permissions:
    def __init__(self, user) -> None:
        self._user = user
        self._answers: dict[str, bool] = {}

    def __getitem__(self, action: str) -> bool:
        if action not in self._answers:
            rule = getattr(permissions, f"can_{action}", None)
            if rule is None:  # a typo must fail loudly, not hide a button silently
                raise KeyError(f"No permission function can_{action}")
            self._answers[action] = bool(rule(self._user))
        return self._answers[action]


def may(request) -> dict:
    return {"may": Permissions(getattr(request, "user", None))}
