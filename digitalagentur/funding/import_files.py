"""Reading export files of programmes and their cells (pure functions, no database): the
first half of funding/importer.py.

CSV: UTF-8 with or without BOM (else Windows-1252), `;`, `,` or tab as the delimiter
(whichever the header uses most), cells that span lines counted by their first line. JSON: a
list of objects, or an object holding that list (under "programme", "items", ...); numbers are
read as exact decimals.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from digitalagentur.core.text import german_slugify

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
# A web request must end within the server's timeout (30 s): larger files go to the command.
WEB_MAX_ROWS = 1000
RATE_STEP = Decimal("0.0001")
# Where a JSON export keeps its list of programmes (normalised keys).
LIST_KEYS = ("programme", "programmes", "programs", "foerderprogramme", "items", "data")


class ImportFileError(Exception):
    """The file as a whole cannot be imported (a German sentence for the user)."""


# -- reading --------------------------------------------------------------------------------


@dataclass
class Table:
    unit: str
    columns: list  # column ids: indexes (CSV) or keys (JSON), in file order
    names: dict  # column id -> its name in the file
    records: list[tuple[int, dict | None]]  # (line or position, column id -> cell)


def decode(content: bytes) -> str:
    if b"\x00" in content:  # UTF-16, a spreadsheet or another binary file
        raise ImportFileError(
            _(
                "Die Datei ist keine Textdatei in UTF-8 oder Windows-1252. Bitte speichern Sie "
                "sie als CSV (UTF-8) oder JSON."
            )
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def read_table(name: str, content: bytes, max_rows: int | None = None) -> Table:
    """The file's records; at most `max_rows` (default MAX_ROWS)."""
    max_rows = max_rows or MAX_ROWS
    if len(content) > MAX_BYTES:
        raise ImportFileError(
            _("Die Datei ist größer als %(mb)s MB; bitte teilen Sie sie auf.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    lower = name.lower()
    if lower.endswith(".json"):
        return read_json(content, max_rows)
    if lower.endswith((".csv", ".txt")):
        return read_csv(content, max_rows)
    if content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{"):
        return read_json(content, max_rows)
    return read_csv(content, max_rows)


def too_many_rows(max_rows: int) -> ImportFileError:
    if max_rows < MAX_ROWS:
        return ImportFileError(
            _(
                "Die Datei enthält mehr als %(max)s Programme. Bitte teilen Sie sie auf oder "
                "importieren Sie sie mit dem Befehl „digitalagentur import_programmes“."
            )
            % {"max": max_rows}
        )
    return ImportFileError(
        _("Die Datei enthält mehr als %(max)s Programme; bitte teilen Sie sie auf.")
        % {"max": max_rows}
    )


def read_csv(content: bytes, max_rows: int) -> Table:
    text = decode(content)
    header_line = text.lstrip("\r\n").split("\n", 1)[0]
    # The header names no text with commas, so its most frequent separator is the delimiter.
    delimiter = max((";", ",", "\t"), key=header_line.count)
    # strict: an unclosed quote is an error, not the rest of the file in one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records = []
    try:
        header = next(reader, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(reader, None)
        if header is None:
            raise ImportFileError(_("Die Datei ist leer."))
        start = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                records.append((start, dict(enumerate(cells))))
                if len(records) > max_rows:
                    raise too_many_rows(max_rows)
            start = reader.line_num + 1  # a quoted cell may span several lines
    except csv.Error as exc:
        raise ImportFileError(
            _("Die CSV-Datei ist nicht lesbar (Zeile %(line)s): %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from exc
    return Table(
        unit=_("Zeile"),
        columns=list(range(len(header))),
        names=dict(enumerate(header)),
        records=records,
    )


def read_json(content: bytes, max_rows: int) -> Table:
    try:
        data = json.loads(decode(content), parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            _("Die JSON-Datei ist nicht lesbar (Zeile %(line)s, Spalte %(column)s).")
            % {"line": exc.lineno, "column": exc.colno}
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise ImportFileError(_("Die JSON-Datei ist nicht lesbar.")) from exc
    items = data if isinstance(data, list) else find_list(data)
    if items is None:
        raise ImportFileError(
            _(
                "Die JSON-Datei enthält keine Liste von Programmen (erwartet: eine Liste von "
                "Objekten oder ein Objekt mit einer solchen Liste unter „programme“ oder „items“)."
            )
        )
    if len(items) > max_rows:
        raise too_many_rows(max_rows)
    columns: dict = {}
    for item in items:
        if isinstance(item, dict):
            columns.update(dict.fromkeys(item))
    records = [
        (position, item if isinstance(item, dict) else None)
        for position, item in enumerate(items, start=1)
    ]
    return Table(
        unit=_("Eintrag"), columns=list(columns), names={k: k for k in columns}, records=records
    )


def find_list(data) -> list | None:
    if not isinstance(data, dict):
        return None
    lists = {column_key(k): v for k, v in data.items() if isinstance(v, list)}
    for key in LIST_KEYS:
        if key in lists:
            return lists[key]
    return next(iter(lists.values())) if len(lists) == 1 else None


def column_key(name) -> str:
    return german_slugify(str(name).replace("\ufeff", "")).replace("-", "_")


# -- parsing single cells (pure) --------------------------------------------------------------


def as_text(value) -> str:
    """A cell as text: JSON lists are joined with commas, objects by their values."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(text for text in (as_text(v) for v in value) if text)
    if isinstance(value, dict):
        return ", ".join(text for text in (as_text(v) for v in value.values()) if text)
    # JSON may spell a NUL ("\\u0000"), which PostgreSQL cannot store in text.
    return normalize_newlines(str(value)).replace("\x00", "").strip()


_GERMAN_AMOUNT = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")  # 15.000.000,00
_PLAIN_AMOUNT = re.compile(r"-?\d+(?:\.\d+)?")  # 15000000.00
_CURRENCY = re.compile(r"\s*(?:€|eur|euro)\s*$", re.IGNORECASE)
_SCALED = re.compile(r"(.+?)\s*(mio|millionen|mrd|milliarden)\.?", re.IGNORECASE)
SCALES = {"mio": 10**6, "millionen": 10**6, "mrd": 10**9, "milliarden": 10**9}


def parse_amount(value) -> Decimal | None:
    """Euros as written in the export or by hand: 15.000.000, 15.000.000,00 €, 15000000.00,
    15 Mio. €; None when it is no number (places and range are checked by the caller)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value) if Decimal(value).is_finite() else None
    text = _CURRENCY.sub("", as_text(value).replace("\u00a0", " "))
    scale = 1
    scaled = _SCALED.fullmatch(text)
    if scaled:
        text, scale = scaled.group(1), SCALES[scaled.group(2).lower()]
    text = text.replace(" ", "")
    if _GERMAN_AMOUNT.fullmatch(text):
        number = Decimal(text.replace(".", "").replace(",", "."))
    elif _PLAIN_AMOUNT.fullmatch(text):
        number = Decimal(text)
    else:
        return None
    return number * scale


_RATE = re.compile(r"\d+(?:[.,]\d+)?")


def parse_rate(value) -> Decimal | None:
    """A funding rate as a fraction: "65 %", "65" and "0,65" are all 0.65 (a number above 1
    is read as per cent); None when it is no share from 0 to 100 % with at most 4 places."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        number, percent = Decimal(value), False
    else:
        text = as_text(value).replace("\u00a0", " ")
        percent = text.endswith("%")
        text = text.rstrip("%").strip()
        if not _RATE.fullmatch(text):
            return None
        number = Decimal(text.replace(",", "."))
    if not number.is_finite() or number < 0:
        return None
    if percent or number > 1:
        number = number / 100
    if number > 1 or number != number.quantize(RATE_STEP):
        return None
    return number


_MONTHS = re.compile(r"(\d{1,4})\s*(monate?|mon\.?|jahre?)?", re.IGNORECASE)


def parse_months(value) -> int | None:
    """A duration in months: 48, "48 Monate" or "4 Jahre"; None when it is none from 1 to 1200."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        months = value
    elif isinstance(value, Decimal):
        if value != value.to_integral_value():
            return None
        months = int(value)
    else:
        match = _MONTHS.fullmatch(as_text(value))
        if not match:
            return None
        months = int(match.group(1)) * (12 if (match.group(2) or "").lower()[:1] == "j" else 1)
    return months if 1 <= months <= 1200 else None


def parse_keywords(value) -> str:
    """Keywords separated by commas (as funding/matching.py reads them), without repeats."""
    parts = value if isinstance(value, list | tuple) else re.split(r"[;,\n]", as_text(value))
    seen = {}
    for part in parts:
        text = " ".join(as_text(part).split())
        if text:
            seen.setdefault(text.lower(), text)
    return ", ".join(seen.values())


def parse_website(value) -> str:
    """The first address of the cell; "www.…" gets "https://"."""
    words = as_text(value).split()
    url = words[0] if words else ""
    return "https://" + url if url.lower().startswith("www.") else url
