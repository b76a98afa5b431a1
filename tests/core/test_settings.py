"""Production settings pass `check --deploy`; demo and debug refuse a public host."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "PASSERELLE_DEMO": "0",
    "SECRET_KEY": "k3y-Zp9q!vR2wX7yT4uS8oN1mL6jH5gF0dC3bA9eK2iU7rW4-Qe8Lx",
    "ALLOWED_HOSTS": "passerelle.exemple.org",
    "DJANGO_SETTINGS_MODULE": "passerelle.settings.base",
    "DATABASE_URL": "sqlite:///:memory:",
}


def clean_environment() -> dict:
    return {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }


def manage(*args, **env):
    clean = clean_environment()
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_any_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_demo_mode_refuses_to_start_on_a_public_host():
    result = manage("check", PASSERELLE_DEMO="1")
    assert result.returncode != 0
    assert "only allowed on a local host" in result.stderr


def test_debug_refuses_to_start_on_a_public_host():
    result = manage("check", DEBUG="1")
    assert result.returncode != 0
    assert "only allowed on a local host" in result.stderr


def test_web_server_refuses_to_start_without_a_secret_key():
    code = "import passerelle.wsgi"
    clean = clean_environment()
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **PRODUCTION, "SECRET_KEY": ""},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
