"""The dependency picture stays a clean stack (docs/architecture.md):

    core ← accounts ← people ← capability apps ← reports      (demo seeds them all)

No app imports one above it; capability apps reach a sibling only through its public
modules (selectors, services, extensions, events, enums), and never in a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "passerelle"
LAYER = {
    "core": 0,
    "accounts": 1,
    "people": 2,
    "workshops": 3,
    "appointments": 3,
    "room": 3,
    "procedures": 3,
    "notifications": 3,
    "privacy": 3,
    "equipment": 3,
    "reports": 4,
    "directory": 4,
    "kiosk": 4,
    "public": 4,
    "demo": 5,
}
# What an app may use of a sibling of its own layer, or what reports may read of the apps.
PUBLIC = {"selectors", "services", "extensions", "events", "enums"}
READ_ONLY = {"selectors", "enums"}
# The people's doors (the kiosk, their own link) act through the apps' own services:
# one rule, several doors.
DOORS = {"kiosk", "public"}
DOOR_MODULES = READ_ONLY | {"services"}


def imports_of(app: str) -> list[tuple[str, str, int]]:
    """(file, imported passerelle module without the prefix, line) for every import."""
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("passerelle."):
                parts = node.module.split(".")[1:]
                if len(parts) == 1:  # from passerelle.room import selectors
                    modules = [f"{parts[0]}.{alias.name}" for alias in node.names]
                else:
                    modules = [".".join(parts[:2])]
            elif isinstance(node, ast.Import):
                modules = [
                    alias.name.split(".", 1)[1]
                    for alias in node.names
                    if alias.name.startswith("passerelle.")
                ]
            else:
                continue
            rel = str(path.relative_to(ROOT.parent))
            found.extend((rel, module, node.lineno) for module in modules)
    return found


def offences(app: str) -> list[str]:
    wrong = []
    for where, module, line in imports_of(app):
        target, _, part = module.partition(".")
        if target == app or target not in LAYER:
            continue
        here = f"{where}:{line} imports passerelle.{module}"
        if LAYER[target] > LAYER[app]:
            wrong.append(f"{here} (upward)")
        elif app == "demo":
            continue
        elif LAYER[target] == LAYER[app] and part.split(".")[0] not in PUBLIC:
            wrong.append(f"{here} (a sibling's internals)")
        elif app in DOORS and LAYER[target] == 3:
            if part.split(".")[0] not in DOOR_MODULES:
                wrong.append(f"{here} (a door uses the apps' services and selectors only)")
        elif LAYER[app] == 4 and LAYER[target] == 3 and part.split(".")[0] not in READ_ONLY:
            wrong.append(f"{here} ({app} only reads)")
    return wrong


@pytest.mark.parametrize("app", sorted(LAYER))
def test_an_app_imports_only_below_it_or_a_siblings_public_modules(app):
    assert offences(app) == []


def test_every_app_has_a_place_in_the_stack():
    apps = {p.name for p in ROOT.iterdir() if (p / "apps.py").exists()}
    assert apps == set(LAYER)


def test_siblings_never_import_each_other_in_a_circle():
    graph: dict[str, set[str]] = {app: set() for app in LAYER if LAYER[app] == 3}
    for app in graph:
        for _where, module, _line in imports_of(app):
            target = module.split(".")[0]
            if target in graph and target != app:
                graph[app].add(target)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph[start] - seen:
            if nxt == goal or reaches(nxt, goal, seen | {nxt}):
                return True
        return False

    assert [app for app in graph if reaches(app, app, set())] == []
