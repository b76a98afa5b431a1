"""The bench's cached database (bench/run.py): a build stopped half-way is never reused."""

from __future__ import annotations

import json

import pytest

from bench import run

NEW = {"demo": "d", "migrations": {"0002.py": "b", "0001.py": "a"}}
OLD = {"demo": "d", "migrations": {"0001.py": "a"}}  # a checkout without the newest one


class Stopped(Exception):
    pass


def test_a_build_stopped_half_way_is_not_taken_for_the_cached_database(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "BENCH_DIR", tmp_path)
    monkeypatch.setattr(run, "DATABASE", tmp_path / "bench.sqlite3")
    # The newest code's complete database and its marker.
    (tmp_path / "bench.sqlite3").write_text("complete")
    (tmp_path / "volume.json").write_text(json.dumps({"key": NEW, "volume": {"people": 1}}))
    calls = []

    def stopped_while_seeding(*args):
        calls.append(args[0])
        if args[0] == "migrate":
            (tmp_path / "bench.sqlite3").write_text("tables, no people yet")
        if args[0] == "seed_demo":
            raise Stopped

    monkeypatch.setattr(run, "manage", stopped_while_seeding)
    # An older checkout rebuilds it (a migration it lacks), and is stopped half-way.
    monkeypatch.setattr(run, "schema_key", lambda: OLD)
    with pytest.raises(Stopped):
        run.build_database()
    # Back on the newest code: the half-built database is built again.
    monkeypatch.setattr(run, "schema_key", lambda: NEW)
    calls.clear()
    with pytest.raises(Stopped):
        run.build_database()
    assert calls == ["migrate", "seed_demo"]
