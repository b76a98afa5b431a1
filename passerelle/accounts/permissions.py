"""Who may do what: every rule is a small named pure function (Mon Suivi Social's way).

Views, templates and querysets all ask these functions; the role × action table in
tests/accounts/test_permissions.py is their specification.
"""

from __future__ import annotations

from passerelle.accounts.enums import Role

STAFF_ROLES = frozenset(Role.values)
# Roles that work with people's files beyond first name, contact and digital path.
FILE_ROLES = frozenset({Role.MANAGER, Role.SOCIAL_WORKER, Role.MEDIATOR, Role.RECEPTION})


def _is_staff_member(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.organisation_id is not None
        and user.role in STAFF_ROLES
    )


def _has_role(user, *roles: Role) -> bool:
    return _is_staff_member(user) and user.role in roles


def can_manage_staff(user) -> bool:
    return _has_role(user, Role.MANAGER)


def can_manage_sites(user) -> bool:
    return _has_role(user, Role.MANAGER)


def can_manage_catalogues(user) -> bool:
    """Workshop, procedure and diagnostic catalogues."""
    return _has_role(user, Role.MANAGER)


def can_view_statistics(user) -> bool:
    return _has_role(user, Role.MANAGER, Role.SOCIAL_WORKER, Role.MEDIATOR, Role.RECEPTION)


def can_export(user) -> bool:
    return _has_role(user, Role.MANAGER)


def can_view_audit_journal(user) -> bool:
    return _has_role(user, Role.MANAGER)


def can_register_person(user) -> bool:
    return _has_role(user, *FILE_ROLES)


def can_manage_directory(user) -> bool:
    """Describing the centre's offer for data·inclusion's directories."""
    return _has_role(user, Role.MANAGER)


def can_import_people(user) -> bool:
    """Bringing in a whole file of people (La Coop's beneficiaries): those who follow them."""
    return _has_role(user, Role.MANAGER, Role.SOCIAL_WORKER, Role.MEDIATOR)


def can_view_full_profile(user) -> bool:
    """Birth date, programmes, income, household…: all but volunteers."""
    return _has_role(user, *FILE_ROLES)


def can_read_social_notes(user) -> bool:
    return _has_role(user, Role.SOCIAL_WORKER)


def can_see_health_data(user) -> bool:
    """Disability-related data (AAH, MDPH) touches health (GDPR art. 9): social workers and
    managers only."""
    return _has_role(user, Role.MANAGER, Role.SOCIAL_WORKER)


def can_answer_data_rights(user) -> bool:
    """A person's rights under the GDPR (access, erasure) go through a manager."""
    return _has_role(user, Role.MANAGER)


def can_merge_people(user) -> bool:
    return _has_role(user, Role.MANAGER)


def can_book_appointments(user) -> bool:
    return _has_role(user, Role.MANAGER, Role.SOCIAL_WORKER, Role.RECEPTION)


def can_hold_consultations(user) -> bool:
    return _has_role(user, Role.SOCIAL_WORKER)


def can_run_room(user) -> bool:
    return _has_role(user, *STAFF_ROLES)


def can_lend_equipment(user) -> bool:
    """Lend a device and take it back: the desk and the mediators (a file is opened)."""
    return _has_role(user, *FILE_ROLES)


def can_record_procedures(user) -> bool:
    return _has_role(user, Role.MANAGER, Role.SOCIAL_WORKER, Role.MEDIATOR)


def can_edit_person(user) -> bool:
    """Identity, contact, profile, programmes and consent."""
    return _has_role(user, *FILE_ROLES)


def can_write_notes(user) -> bool:
    return _has_role(user, *FILE_ROLES)


def can_record_digital_path(user) -> bool:
    """Run a diagnostic, add or move a goal: volunteers help with the digital path too."""
    return _is_staff_member(user)


def can_view_person(user, person) -> bool:
    return (
        _is_staff_member(user)
        and person.organisation_id == user.organisation_id
        and not person.is_anonymised
    )


def can_view_procedure_catalogue(user) -> bool:
    return _is_staff_member(user)


def can_follow_deadlines(user) -> bool:
    """Follow a person's recurring deadlines, see who is at risk, mark a window done."""
    return _has_role(user, *FILE_ROLES)


def can_register_to_workshops(user) -> bool:
    """Sign people up, take attendance, add walk-ins."""
    return _is_staff_member(user)


def can_plan_workshops(user) -> bool:
    """Create, change and cancel sessions and series."""
    return _has_role(user, Role.MANAGER, Role.MEDIATOR)


def can_view_messages(user) -> bool:
    """The log of SMS and e-mails sent to people, and the failures to phone."""
    return _has_role(user, *FILE_ROLES)


def can_configure_messages(user) -> bool:
    return _has_role(user, Role.MANAGER)
