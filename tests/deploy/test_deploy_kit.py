"""The deployment kit (deploy/) parses with the real tools: systemd's units
(`systemd-analyze verify`), Caddy's file (`caddy validate`), nginx's (`nginx -t`); the
container builds its Python layer as `make install` does (hash-pinned, the same pins).
Where a tool is missing the test is skipped locally; in CI (.ci/run installs them) it fails."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def tool(name: str) -> str:
    path = shutil.which(name) or ""
    if not path and Path(f"/usr/sbin/{name}").exists():
        path = f"/usr/sbin/{name}"
    if not path:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: .ci/run installs it")
        pytest.skip(f"{name} is not installed")
    return path


def test_the_systemd_units_verify(tmp_path):
    analyze = tool("systemd-analyze")
    # The units name /opt/passerelle; here the checkout and its venv stand in for it.
    for unit in (DEPLOY / "systemd").iterdir():
        text = unit.read_text().replace("/opt/passerelle", str(ROOT))
        (tmp_path / unit.name).write_text(text)
    units = sorted(str(p) for p in tmp_path.iterdir())
    assert len(units) == 6
    result = subprocess.run([analyze, "verify", *units], capture_output=True, text=True)
    problems = [line for line in result.stderr.splitlines() if "passerelle" in line]
    assert result.returncode == 0 and problems == [], result.stderr


def test_the_units_run_as_an_unprivileged_user_with_the_environment_file():
    for unit in (DEPLOY / "systemd").glob("*.service"):
        text = unit.read_text()
        assert "User=passerelle" in text, unit.name
        assert "EnvironmentFile=/etc/passerelle/passerelle.env" in text, unit.name
        assert "NoNewPrivileges=yes" in text, unit.name


def test_the_caddyfile_validates(tmp_path):
    caddy = tool("caddy")
    text = (
        (DEPLOY / "Caddyfile")
        .read_text()
        .replace("/var/log/caddy/passerelle.log", str(tmp_path / "caddy.log"))
    )
    (tmp_path / "Caddyfile").write_text(text)
    result = subprocess.run(
        [caddy, "validate", "--config", str(tmp_path / "Caddyfile"), "--adapter", "caddyfile"],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_nginx_configuration_passes_nginx_t(tmp_path):
    nginx = tool("nginx")
    openssl = tool("openssl")
    subprocess.run(
        [
            openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=passerelle.exemple.org",
            "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    live = "/etc/letsencrypt/live/passerelle.exemple.org"
    site = (
        (DEPLOY / "nginx.conf")
        .read_text()
        .replace(f"{live}/fullchain.pem", str(tmp_path / "cert.pem"))
        .replace(f"{live}/privkey.pem", str(tmp_path / "key.pem"))
    )
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path}; "
        f"include {tmp_path}/site.conf; }}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def _pins(path: Path) -> dict[str, str]:
    return dict(re.findall(r"^([a-z0-9_.\-\[\]]+)==([^ \\\n]+)", path.read_text(), re.M))


def test_the_container_installs_python_packages_as_make_install_does():
    containerfile = (DEPLOY / "Containerfile").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet --disable-pip-version-check --require-hashes -r" in makefile
    assert "pip install --quiet --require-hashes -r requirements.txt" in containerfile
    assert "USER passerelle" in containerfile
    production, development = _pins(ROOT / "requirements.txt"), _pins(ROOT / "requirements-dev.txt")
    assert production, "requirements.txt pins nothing"
    # What runs in production is exactly what the tests ran with.
    different = {
        name: (version, development.get(name))
        for name, version in production.items()
        if development.get(name) != version
    }
    assert different == {}


def test_the_environment_template_lists_every_setting_read_from_the_environment():
    settings = (ROOT / "passerelle" / "settings" / "base.py").read_text()
    read = set(re.findall(r'env_(?:str|int|bool|list)\("([A-Z_0-9]+)"', settings))
    read -= {"PASSERELLE_BENCH"}  # the benchmark's own switch
    template = (DEPLOY / "passerelle.env.example").read_text()
    listed = set(re.findall(r"^#?([A-Z_0-9]+)=", template, re.M))
    assert read - listed == set()
