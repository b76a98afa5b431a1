"""Writes go through services that are keyword-only and atomic (HackSoft's styleguide).

Modules named `services` (and `services_*`, and the write modules of a `services/` package)
hold writes only; reads live in selectors, pure rules beside them.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "passerelle"
# Not a write, or not one transaction on purpose, each for a reason said in its docstring.
EXCEPTIONS = {
    "deliver",  # claims the message, calls the provider with no lock held, saves the outcome
    "deliver_message",  # the worker's task: calls deliver
    "send_code",  # calls the SMS provider at once and writes nothing
    "register_reminder_source",  # fills a registry at start-up
    "set_password_path",  # a signed link; writes nothing
    "people_import_run",  # the worker's task: reads with its progress shown, writes in one go
}
PURE = {"rules.py", "rendering.py", "__init__.py"}  # notifications/services/: no writes


def service_modules() -> list[Path]:
    found = [p for p in ROOT.rglob("services*.py") if "migrations" not in p.parts]
    found += [p for p in ROOT.rglob("services/*.py") if p.name not in PURE]
    return sorted(found)


def public_functions(path: Path):
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            yield node


@pytest.mark.parametrize("path", service_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_service_is_keyword_only_and_atomic(path):
    wrong = []
    for node in public_functions(path):
        if node.name in EXCEPTIONS:
            continue
        if node.args.posonlyargs or node.args.args:
            wrong.append(f"{node.name}: positional arguments")
        if not any("atomic" in ast.unparse(d) for d in node.decorator_list):
            wrong.append(f"{node.name}: not @transaction.atomic")
    assert wrong == []
