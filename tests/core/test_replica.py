"""The optional read replica: inside the statistics and the exports (and while an export
streams) reads go to it; everything else, and every write, to the primary. Here a stand-in
replica is declared in the router's view of the databases; the pages' own reads are checked
to happen inside the replica's context."""

import datetime as dt

import pytest
from django.db import connection, connections
from django.urls import reverse

from passerelle.core import routers
from passerelle.core.models import Activity
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db
MARCH = {"periode": "mois", "jour": "2026-03-10"}


@pytest.fixture
def replica_declared(monkeypatch):
    monkeypatch.setitem(connections.databases, routers.REPLICA, connections.databases["default"])


def test_reads_go_to_the_replica_only_inside_its_pages(replica_declared):
    router = routers.ReplicaRouter()
    assert router.db_for_read(Activity) is None
    with routers.from_replica():
        assert router.db_for_read(Activity) == "replica"
        assert router.db_for_write(Activity) == "default"


def test_without_a_replica_everything_reads_from_the_primary():
    with routers.from_replica():
        assert routers.ReplicaRouter().db_for_read(Activity) is None


def test_the_replica_is_never_migrated():
    assert routers.ReplicaRouter().allow_migrate("replica", "core") is False


class ReadsContext:
    """Which queries ran inside the replica's context."""

    def __init__(self):
        self.inside, self.outside = [], []

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("SELECT"):
            (self.inside if routers._reading.get() else self.outside).append(sql)
        return execute(sql, params, many, context)


def test_the_dashboards_reads_are_the_replicas(manager_client, organisation, site):
    ActivityFactory(organisation=organisation, site=site, date=dt.date(2026, 3, 4))
    spy = ReadsContext()
    with connection.execute_wrapper(spy):
        manager_client.get(reverse("reports:dashboard"), MARCH)
    assert any("core_activity" in sql for sql in spy.inside)
    assert not any("core_activity" in sql for sql in spy.outside)


def test_a_streamed_export_keeps_reading_from_the_replica_while_it_streams(
    manager_client, organisation, site
):
    ActivityFactory(organisation=organisation, site=site, date=dt.date(2026, 3, 4))
    spy = ReadsContext()
    with connection.execute_wrapper(spy):
        response = manager_client.get(reverse("reports:export", args=["csv"]), MARCH)
        b"".join(response.streaming_content)
    assert any("core_activity" in sql for sql in spy.inside)
    assert not any("core_activity" in sql for sql in spy.outside)


def test_a_person_file_reads_from_the_primary(manager_client, organisation):
    from tests.factories import PersonFactory

    person = PersonFactory(organisation=organisation)
    spy = ReadsContext()
    with connection.execute_wrapper(spy):
        manager_client.get(reverse("people:detail", args=[person.pk]))
    assert spy.outside and not spy.inside


def test_postgresql_connections_come_from_the_pool_when_it_is_on(settings):
    """make test-pg runs the whole suite pooled (PASSERELLE_DB_POOL=1), streamed exports
    included."""
    if connection.vendor != "postgresql" or "pool" not in settings.DATABASES["default"].get(
        "OPTIONS", {}
    ):
        pytest.skip("the pool is PostgreSQL's, and on in make test-pg")
    connection.ensure_connection()
    assert connection.pool is not None


def test_the_room_usage_groups_ask_the_router_where_to_read(monkeypatch, manager_client, site):
    """Its grouped query is raw SQL: it reads from the database the router names (the
    replica inside the statistics pages), like the ORM's queries."""
    from django.db import router

    from passerelle.room.models import Room, StationSession

    room = Room.objects.create(site=site, name="Salle numérique")
    asked = []
    db_for_read = router.db_for_read

    def recording(model, **hints):
        asked.append((model, routers._reading.get()))
        return db_for_read(model, **hints)

    monkeypatch.setattr(router, "db_for_read", recording)
    response = manager_client.get(reverse("room:statistics", args=[room.pk]))
    assert response.status_code == 200
    assert (StationSession, True) in asked
