"""Accent- and case-insensitive search of people by name, phone or birth date.

Every database compares plain ASCII lower-case text: each person keeps a folded
`search_text` (names, phone digits, birth date), and the query is folded the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import phonenumbers

from passerelle.core.utils import fold

SEPARATORS = re.compile(r"[\s\-'’‐.,_]+")
DATE_PATTERNS = [
    re.compile(r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
]
PHONE_CHARS = re.compile(r"^\+?[\d\s.\-()]{4,}$")
MIN_PHONE_DIGITS = 4


def name_words(*names: str) -> list[str]:
    return [word for name in names for word in SEPARATORS.split(fold(name)) if word]


def name_key(first_name: str, last_name: str) -> str:
    """Same key for "Lefèvre Josiane" and "josiane LEFEVRE": names sorted, accents gone."""
    return " ".join(sorted(name_words(first_name, last_name)))


def national_digits(phone) -> str:
    """A French number as dialled at home: 0612345678 (other countries: as stored)."""
    if not phone:
        return ""
    national = str(phone.national_number)
    return "0" + national if phone.country_code == 33 else str(phone).lstrip("+")


def search_text_for(*, first_name, last_name, phone, birth_date) -> str:
    words = name_words(first_name, last_name)
    # "N'Diaye" is found as "ndiaye" and "n diaye"; "Jean-Pierre" as "jeanpierre" too.
    compact = [
        re.sub(SEPARATORS, "", fold(name))
        for name in (first_name, last_name)
        if SEPARATORS.search(name.strip())
    ]
    parts = [*words, *compact, national_digits(phone)]
    if birth_date:
        parts.append(birth_date.strftime("%d/%m/%Y"))
    return " " + " ".join(p for p in parts if p) + " "


@dataclass(frozen=True)
class Term:
    """One thing the user typed, in the form it has in search_text."""

    text: str
    kind: str  # "name", "phone" or "date"


def parse_query(query: str) -> list[Term]:
    query = query.strip()[:100]
    if not query:
        return []
    date = _parse_date(query)
    if date is not None:
        return [Term(date.strftime("%d/%m/%Y"), "date")]
    if PHONE_CHARS.match(query) and sum(c.isdigit() for c in query) >= MIN_PHONE_DIGITS:
        digits = re.sub(r"\D", "", query)
        if query.startswith("+33") or digits.startswith("33") and len(digits) == 11:
            digits = "0" + digits[2:]
        return [Term(digits, "phone")]
    terms = []
    for word in query.split():
        date = _parse_date(word)
        if date is not None:
            terms.append(Term(date.strftime("%d/%m/%Y"), "date"))
        else:
            terms.extend(Term(w, "name") for w in name_words(word))
    return terms


def _parse_date(text: str) -> dt.date | None:
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


class NotAMobile(ValueError):
    """A valid number that cannot receive an SMS (a landline)."""


def mobile_e164(text: str) -> str:
    """A French mobile number in any usual form ("06.12.34.56.78", "612345678" from a
    spreadsheet that dropped the 0, "+33 6…") as E.164. Raises ValueError when it is not a
    phone number, NotAMobile when it is a landline."""
    text = (text or "").strip()
    if text.isdigit() and len(text) == 9:
        text = "0" + text
    try:
        number = phonenumbers.parse(text, "FR")
    except phonenumbers.NumberParseException as error:
        raise ValueError(text) from error
    if not phonenumbers.is_valid_number(number):
        raise ValueError(text)
    kinds = phonenumbers.PhoneNumberType
    if phonenumbers.number_type(number) not in (kinds.MOBILE, kinds.FIXED_LINE_OR_MOBILE):
        raise NotAMobile(text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
