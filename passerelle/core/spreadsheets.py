"""Reading the spreadsheets centres already keep: CSV (UTF-8 or Windows-1252, line by line,
with or without BOM, `;`, `,` or tab) and XLSX, streamed row by row, with the checks that
refuse what is not a table (too big, a zip bomb, too many columns) before anything is read.

What a cell means is the importer's business (people/imports.py); here a row is a list of
values: text, numbers, dates, or `Formula` for a formula, which is never evaluated.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_COLUMNS = 100
HEADER_SEARCH_ROWS = 10


class Refused(Exception):
    """Not a table Passerelle can read: the message says why, in French."""


@dataclass(frozen=True)
class Formula:
    text: str


def check_size(uploaded, limit: int = MAX_BYTES) -> None:
    if uploaded.size == 0:
        raise Refused(_("Le fichier est vide."))
    if uploaded.size > limit:
        raise Refused(
            _("Le fichier pèse %(size)s Mo : la limite est %(limit)s Mo.")
            % {"size": round(uploaded.size / 1024 / 1024), "limit": limit // 1024 // 1024}
        )


def is_xlsx(uploaded) -> bool:
    uploaded.seek(0)
    found = zipfile.is_zipfile(uploaded)
    uploaded.seek(0)
    return found


def check_xlsx(uploaded, unpacked_limit: int = MAX_UNPACKED_BYTES) -> None:
    """An .xlsx is a zip: refuse one that is not a workbook or unpacks far beyond its size."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as error:
        raise Refused(_("Ce fichier n'est pas un classeur Excel (.xlsx).")) from error
    finally:
        uploaded.seek(0)
    if "xl/workbook.xml" not in {entry.filename for entry in entries}:
        raise Refused(_("Ce fichier n'est pas un classeur Excel (.xlsx)."))
    unpacked = sum(entry.file_size for entry in entries)
    worst = max((e.file_size / max(e.compress_size, 1) for e in entries), default=0)
    if unpacked > unpacked_limit or worst > MAX_RATIO:
        raise Refused(
            _(
                "Ce classeur se déplie en un volume anormal (%(size)s Mo) : il n'est pas lu. "
                "Enregistrez à nouveau le tableau dans Excel ou LibreOffice."
            )
            % {"size": round(unpacked / 1024 / 1024)}
        )


def header_key(text) -> str:
    """A header compared without case, accents, punctuation or extra spaces."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def _decode(raw: bytes) -> str:
    """A line in UTF-8, else in Windows-1252 (Excel's French CSV): each line on its own, so a
    file pasted together from two sources is read right line by line."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _lines(uploaded) -> Iterator[str]:
    uploaded.seek(0)
    for number, raw in enumerate(uploaded):
        if number == 0 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        yield _decode(raw)


def _csv_rows(uploaded) -> Iterator[list]:
    uploaded.seek(0)
    head = uploaded.read(64 * 1024)
    uploaded.seek(0)
    if b"\x00" in head:  # a PDF, a picture, an old .xls: text has no NUL byte
        raise Refused(
            _(
                "Ce fichier n'est ni un classeur Excel (.xlsx) ni un CSV. Dans votre tableur, "
                "enregistrez-le au format .xlsx ou .csv."
            )
        )
    sample = _decode(head)
    try:
        delimiter = csv.Sniffer().sniff(sample[:16384], delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    yield from csv.reader(_lines(uploaded), delimiter=delimiter)


def _xlsx_rows(uploaded) -> Iterator[list]:
    from openpyxl import load_workbook

    check_xlsx(uploaded)
    try:
        book = load_workbook(uploaded, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        message = _("Ce classeur est abîmé ou protégé : il ne peut pas être lu.")
        raise Refused(message) from error
    try:
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [
                Formula(v) if isinstance(v, str) and v.startswith("=") and len(v) > 1 else v
                for v in row
            ]
    finally:
        book.close()


@dataclass
class Table:
    headers: list[str]
    header_row: int  # 1-based, the row of the headers in the file
    rows: Iterator[tuple[int, list]]  # (row number in the file, values)


def open_table(uploaded, *, recognised: set[str]) -> Table:
    """The first sheet (or the CSV) as headers and a stream of rows. The header row is the
    first of the first ten rows holding a recognised header (a title row above it is
    skipped), else the first non-empty one."""
    check_size(uploaded)
    source = _xlsx_rows(uploaded) if is_xlsx(uploaded) else _csv_rows(uploaded)
    try:
        first = []
        for number, values in enumerate(source, start=1):
            first.append((number, values))
            if len(first) == HEADER_SEARCH_ROWS:
                break
    except csv.Error as error:
        raise Refused(_("Ce fichier n'est pas un tableau lisible (CSV ou Excel).")) from error
    filled = [(n, v) for n, v in first if any(_text(x) for x in v)]
    if not filled:
        raise Refused(_("Le fichier est vide."))
    header_at, headers = next(
        ((n, v) for n, v in filled if any(header_key(x) in recognised for x in v)), filled[0]
    )
    headers = [_text(x) for x in headers]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise Refused(
            _(
                "Le tableau a %(count)s colonnes : un fichier de personnes en a moins de "
                "%(max)s. Gardez les colonnes utiles et réessayez."
            )
            % {"count": len(headers), "max": MAX_COLUMNS}
        )

    def rows() -> Iterator[tuple[int, list]]:
        for number, values in first:
            if number > header_at:
                yield number, values
        for number, values in enumerate(source, start=len(first) + 1):
            yield number, values

    return Table(headers, header_at, rows())


def _text(value) -> str:
    if value is None or isinstance(value, Formula):
        return ""
    return str(value).strip()


EXCEL_EPOCH = dt.date(1899, 12, 30)
DATE_PATTERNS = [
    re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"),
    re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$"),
]
ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")


def parse_date(value, *, today: dt.date) -> dt.date | None:
    """dd/mm/yyyy, d/m/yy (a year after this one's two digits is the 1900s), ISO, an Excel
    date cell or serial number. Raises ValueError when it is not a date."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 80_000:
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(value)
    text = str(value).strip()
    if text.isdigit() and len(text) <= 5:
        return parse_date(int(text), today=today)
    if match := ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    for pattern in DATE_PATTERNS:
        if match := pattern.match(text):
            day, month, year = (int(g) for g in match.groups())
            if year < 100:
                year += 1900 if year > today.year % 100 else 2000
            return dt.date(year, month, day)
    raise ValueError(text)
