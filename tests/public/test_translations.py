"""The languages of the pages people use themselves (the kiosk, their own link): every string
they read is translated, and the committed .mo files say what the .po files say (no gettext
needed at install)."""

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

APPS = Path(__file__).resolve().parents[2] / "passerelle"
# The templates people read in three languages, per app; the kiosk's manager pages and the
# public booking page (the association's own words, in French) are left out.
FRENCH_ONLY = ("manage.html", "edit.html", "booking_", "poster.html")
SCREENS = {
    "kiosk": (["templates/kiosk/"], FRENCH_ONLY),
    "public": (["templates/public/", "templates/doors/"], FRENCH_ONLY),
}
CASES = [(app, language) for app in SCREENS for language in ("en", "ar")]


def entries(app: str, language: str) -> list[dict]:
    """Each entry of the .po: its references, msgid, msgid_plural and msgstr(s)."""
    found, current, key = [], None, None
    path = APPS / app / "locale" / language / "LC_MESSAGES" / "django.po"
    for line in path.read_text().splitlines():
        if line.startswith("#:"):
            if current is None or "msgid" in current:
                current = {"refs": []}
                found.append(current)
            current["refs"] += line[2:].split()
        elif match := re.match(r"^(msgid|msgid_plural|msgstr(?:\[\d\])?) (\".*\")$", line):
            if current is None:
                current = {"refs": []}
                found.append(current)
            key = match.group(1)
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and current is not None and key:
            current[key] += ast.literal_eval(line)
    return [e for e in found if e.get("msgid")]


def is_screen(app: str, ref: str) -> bool:
    folders, french_only = SCREENS[app]
    name = ref.rsplit("/", 1)[-1].split(":")[0]
    return ref.startswith(tuple(folders)) and not name.startswith(french_only)


@pytest.mark.parametrize("app, language", CASES)
def test_every_string_people_read_is_translated(app, language):
    screens = [e for e in entries(app, language) if any(is_screen(app, r) for r in e["refs"])]
    untranslated = [e["msgid"] for e in screens if not (e.get("msgstr") or e.get("msgstr[0]"))]
    assert screens and untranslated == []


@pytest.mark.parametrize("app, language", CASES)
def test_the_committed_mo_file_says_what_the_po_file_says(app, language):
    with translation.override(language):
        stale = [
            e["msgid"]
            for e in entries(app, language)
            if e.get("msgstr") and translation.gettext(e["msgid"]) != e["msgstr"]
        ]
    assert stale == []


@pytest.mark.parametrize("app", SCREENS)
def test_every_template_people_read_is_in_the_translation_files(app):
    folders, french_only = SCREENS[app]
    covered = {
        ref.split(":")[0] for e in entries(app, "ar") for ref in e["refs"] if is_screen(app, ref)
    }
    templates = {
        str(path.relative_to(APPS / app))
        for folder in folders
        for path in (APPS / app / folder).glob("*.html")
        if not path.name.startswith(french_only)
    }
    assert templates <= covered
