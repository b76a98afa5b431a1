import datetime as dt

from django.db import OperationalError
from django.utils import timezone

from passerelle.core.models import HealthProbe
from tests.tasks import run_worker


def test_healthz_says_ok_when_the_database_accepts_a_write(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"], body["worker"]) == ("ok", "ok", "ok")
    assert HealthProbe.objects.get().checked_at is not None


def test_healthz_answers_503_with_the_reason_when_the_database_refuses_writes(
    client, db, monkeypatch
):
    def read_only(*args, **kwargs):
        raise OperationalError("attempt to write a readonly database")

    with monkeypatch.context() as patch:
        patch.setattr("passerelle.core.health.HealthProbe.objects.filter", read_only)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "error",
        "reason": "attempt to write a readonly database",
    }


def test_healthz_answers_503_when_the_worker_lets_tasks_wait(client, db, monkeypatch):
    from passerelle.notifications.services.delivery import deliver_message

    deliver_message.enqueue(0)
    later = timezone.now() + dt.timedelta(minutes=11)
    monkeypatch.setattr("passerelle.core.health.timezone.now", lambda: later)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] == "late"
    assert "db_worker" in response.json()["reason"]


def test_healthz_is_ok_again_once_the_worker_ran(client, db, monkeypatch):
    from passerelle.notifications.services.delivery import deliver_message

    deliver_message.enqueue(0)
    run_worker()
    later = timezone.now() + dt.timedelta(minutes=11)
    monkeypatch.setattr("passerelle.core.health.timezone.now", lambda: later)
    body = client.get("/healthz").json()
    assert (body["worker"], body["tasks_late"]) == ("ok", 0)
    assert body["last_task_started"] is not None
