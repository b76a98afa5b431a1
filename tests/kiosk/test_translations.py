"""The kiosk's languages: every string of the person's screens is translated, and the
committed .mo files say what the .po files say (no gettext needed at install)."""

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "passerelle" / "kiosk" / "locale"
SCREENS = Path(__file__).resolve().parents[2] / "passerelle" / "kiosk" / "templates" / "kiosk"
STAFF_PAGES = {"manage.html", "edit.html"}


def entries(language: str) -> list[dict]:
    """Each entry of the .po: its references, msgid, msgid_plural and msgstr(s)."""
    found, current, key = [], None, None
    for line in (LOCALE / language / "LC_MESSAGES" / "django.po").read_text().splitlines():
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


def screen_entries(language: str) -> list[dict]:
    return [
        e
        for e in entries(language)
        if any(
            ref.startswith("templates/kiosk/")
            and ref.split("/")[2].split(":")[0] not in STAFF_PAGES
            for ref in e["refs"]
        )
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_string_of_the_persons_screens_is_translated(language):
    untranslated = [
        e["msgid"] for e in screen_entries(language) if not (e.get("msgstr") or e.get("msgstr[0]"))
    ]
    assert screen_entries(language) and untranslated == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_committed_mo_file_says_what_the_po_file_says(language):
    with translation.override(language):
        stale = [
            e["msgid"]
            for e in entries(language)
            if e.get("msgstr") and translation.gettext(e["msgid"]) != e["msgstr"]
        ]
    assert stale == []


def test_every_screen_template_is_covered_by_the_translation_files():
    covered = {
        ref.split("/")[2].split(":")[0]
        for e in entries("ar")
        for ref in e["refs"]
        if ref.startswith("templates/kiosk/")
    }
    screens = {p.name for p in SCREENS.glob("*.html")} - STAFF_PAGES
    assert screens <= covered
