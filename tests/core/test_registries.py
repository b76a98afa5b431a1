"""Registries: apps announce what they add; core reads the registry and imports no app."""

import io

import pytest
from django.core.management import call_command

from passerelle.accounts.enums import Role
from passerelle.core.navigation import NAVIGATION
from passerelle.core.periodic import DAILY_TASKS
from passerelle.core.registry import Registry


def test_a_registry_lists_by_order_then_by_registration():
    registry = Registry("test")
    registry.register("late", order=200)
    registry.register("first")
    registry.register("second")
    registry.register("early", order=0)
    assert list(registry) == ["early", "first", "second", "late"]


def test_registering_the_same_item_twice_keeps_one():
    registry = Registry("test")
    registry.register(len)
    registry.register(len)
    assert list(registry) == [len]


def test_the_menu_is_announced_by_the_apps_in_capability_order():
    assert [entry.slug for entry in NAVIGATION] == [
        "aujourdhui",
        "personnes",
        "ateliers",
        "permanences",
        "file-attente",
        "salle",
        "pret",
        "demarches",
        "messages",
        "statistiques",
    ]


def test_the_daily_tasks_run_windows_before_reminders_and_statistics_last():
    assert [task.name for task in DAILY_TASKS] == [
        "deadline_windows",
        "room_sweep",
        "reminders",
        "interrupted_messages",
        "message_retention",
        "online_requests",
        "inactive_staff",
        "retention",
        "unconfirmed_imports",
        "rate_counters",
        "search_index",
        "database_statistics",
    ]


@pytest.mark.django_db
def test_the_periodic_command_says_what_each_task_did():
    out = io.StringIO()
    call_command("periodic", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(DAILY_TASKS)
    assert lines[0].startswith("Échéances : 0 fenêtres ajoutées")
    assert lines[-1] == "Statistiques de la base mises à jour."


def test_a_social_worker_sees_every_entry_a_volunteer_does_not(staff_client):
    client, _ = staff_client(Role.SOCIAL_WORKER)
    labels = [item["label"] for item in client.get("/").context["navigation"]]
    assert "Permanences" in labels and "Messages" in labels
    client, _ = staff_client(Role.VOLUNTEER)
    labels = [item["label"] for item in client.get("/").context["navigation"]]
    assert "Permanences" not in labels and "Statistiques" not in labels
