"""The README speaks to people who install Passerelle: every file it names is in the
repository, and it never points outside it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_names_only_files_of_the_repository():
    text = (ROOT / "README.md").read_text()
    named = re.findall(r"`((?:\.\./|docs/|deploy/|bench/)[^`\s]*)`", text)
    assert named, "the README names its docs"
    outside = [path for path in named if path.startswith("../")]
    missing = [path for path in named if not (ROOT / path).exists()]
    assert outside == [] and missing == []
