"""SMS text: GSM 03.38 alphabet, segment counting, and folding to stay in one segment.

One segment holds 160 characters of the GSM alphabet (a character of its extension table,
such as € or [, takes two), or 70 characters when any character is outside it (the whole
message then goes as UCS-2). Longer messages are cut in segments of 153 or 67 characters.
é, è, à, ù are in the GSM alphabet; ê, â, î, ô, û, ç, ë, ï, œ and the typographic apostrophe
are not, so one of them would divide a segment's room by more than two: `fold` replaces them
by their closest GSM character.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")

# What French text needs that GSM lacks, mapped to its closest GSM character(s).
FOLDS = {
    "ê": "e",
    "ë": "e",
    "â": "a",
    "î": "i",
    "ï": "i",
    "ô": "o",
    "û": "u",
    "ç": "c",
    "œ": "oe",
    "Œ": "OE",
    "À": "A",
    "Â": "A",
    "È": "E",
    "Ê": "E",
    "Ë": "E",
    "Î": "I",
    "Ï": "I",
    "Ô": "O",
    "Ù": "U",
    "Û": "U",
    "’": "'",
    "‘": "'",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "–": "-",
    "—": "-",
    "…": "...",
    "\u00a0": " ",
    "\u202f": " ",
}


@dataclass(frozen=True)
class Count:
    characters: int
    segments: int
    encoding: str  # "GSM-7" or "UCS-2"


def is_gsm(text: str) -> bool:
    return all(char in GSM_BASIC or char in GSM_EXTENSION for char in text)


def fold(text: str) -> str:
    """The same message in the GSM alphabet where a close character exists."""
    out = []
    for char in text:
        if char in GSM_BASIC or char in GSM_EXTENSION:
            out.append(char)
        elif char in FOLDS:
            out.append(FOLDS[char])
        else:
            # Other accented letters lose their accent; anything else is kept (and then
            # the message goes as UCS-2, which is still readable).
            bare = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            out.append(bare if bare and is_gsm(bare) else char)
    return "".join(out)


def count(text: str) -> Count:
    if is_gsm(text):
        units = sum(2 if char in GSM_EXTENSION else 1 for char in text)
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        # UCS-2 counts UTF-16 code units: an emoji takes two.
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, "UCS-2"
    if units == 0:
        return Count(0, 0, encoding)
    segments = 1 if units <= single else math.ceil(units / multi)
    return Count(units, segments, encoding)
