import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from passerelle.accounts.enums import Role
from passerelle.accounts.models import User
from passerelle.core.models import Activity, Organisation
from passerelle.demo import seed as demo
from passerelle.people.models import Person


class Rollback(Exception):
    pass


def seeded_names() -> list[tuple[str, str]]:
    return list(Person.objects.order_by("pk").values_list("first_name", "last_name"))


def test_seed_creates_the_centre_with_one_demo_account_per_role(db):
    demo.seed(people=20, years=1)
    assert Organisation.objects.get().name == "Emmaüs Alternatives"
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    assert Person.objects.count() == 23  # 20 + three named personas
    assert Activity.objects.exists()


def test_demo_accounts_log_in_with_the_printed_password(db):
    demo.seed(people=0, years=1)
    for account in demo.demo_accounts():
        assert User.objects.get(email=account["email"]).check_password(account["password"])


def test_seed_is_deterministic(db):
    with pytest.raises(Rollback), transaction.atomic():
        demo.seed(people=30, years=1)
        first = seeded_names()
        raise Rollback
    demo.seed(people=30, years=1)
    assert seeded_names() == first


def test_people_have_varied_profiles(db):
    demo.seed(people=200, years=1)
    people = Person.objects.all()
    assert people.values("income_situation").distinct().count() >= 5
    assert people.values("household").distinct().count() >= 4
    assert people.values("commune").distinct().count() >= 5


def test_seed_demo_command_runs_once(db, capsys, settings):
    settings.PASSERELLE_DEMO = True
    call_command("seed_demo", people=5, years=1)
    call_command("seed_demo", people=5, years=1)
    assert Organisation.objects.count() == 1
    assert "déjà présentes" in capsys.readouterr().out


def test_seed_demo_refuses_outside_demonstration(db, settings):
    settings.PASSERELLE_DEMO = False
    with pytest.raises(CommandError, match="PASSERELLE_DEMO=1"):
        call_command("seed_demo", people=5, years=1)
    assert not Organisation.objects.exists()
