"""The exchange formats of radars, read and written from plain values (no ORM).

- Thoughtworks Build-Your-Own-Radar CSV: header `name,ring,quadrant,isNew,description`
  (`status` accepted when present; `;` as separator accepted too), UTF-8.
- BYOR JSON: a list of objects with the same keys.
- Zalando tech-radar: `{"entries": [{"label", "quadrant", "ring", "moved", "link"}]}` with
  quadrant and ring as 0-based indexes (export only).

Reading never raises for bad content: each bad row, or the file as a whole (row None), becomes a
`Rejection` with a German reason, so that the dry-run report can name them all. `isNew` and
`status` are read for checking only: "new" and "moved" are derived from the editions
(radar/movement.py). Cells written to CSV are guarded against formula injection
(core.text.spreadsheet_safe); the guard's apostrophe is taken off again on reading, so that a
radar's own export reads back unchanged.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from digitalagentur.core.text import FORMULA_STARTS, spreadsheet_safe

from .models import DESCRIPTION_MAX, NAME_MAX

BYOR_CSV = "byor-csv"
BYOR_JSON = "byor-json"
ZALANDO = "zalando"
IMPORT_FORMATS = (BYOR_CSV, BYOR_JSON)
EXPORT_FORMATS = (BYOR_CSV, BYOR_JSON, ZALANDO)

HEADER = ("name", "ring", "quadrant", "isNew", "description")
REQUIRED = ("name", "ring", "quadrant")
KNOWN = (*HEADER, "status")
FLAG_VALUES = {"": None, "true": True, "false": False}


@dataclass(frozen=True)
class Rejection:
    row: int | None  # CSV: the row as a spreadsheet counts it (header 1); JSON: from 1
    reason: str

    def as_dict(self) -> dict:
        return {"row": self.row, "reason": self.reason}


@dataclass(frozen=True)
class ImportRow:
    row: int
    name: str
    ring: str
    quadrant: str
    description: str | None  # None: the file has no description (keep the entry's)


@dataclass
class ParsedFile:
    rows: list[ImportRow] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


@dataclass(frozen=True)
class ExportEntry:
    name: str
    quadrant: str
    ring: str
    quadrant_index: int
    ring_index: int
    description: str
    is_new: bool
    moved: int
    link: str = ""


# ---- reading --------------------------------------------------------------------------------


def parse(content: bytes, fmt: str, *, max_bytes: int, max_rows: int) -> ParsedFile:
    """The rows of an import file, or the reasons it or its rows cannot be read."""
    if len(content) > max_bytes:
        return file_error(
            _("Die Datei ist zu groß: höchstens %(size)s.") % {"size": size_label(max_bytes)}
        )
    if fmt == BYOR_CSV:
        return parse_byor_csv(content, max_rows=max_rows)
    if fmt == BYOR_JSON:
        return parse_byor_json(content, max_rows=max_rows)
    return file_error(_("Unbekanntes Format."))


def size_label(size: int) -> str:
    if size >= 1_000_000 and size % 1_000_000 == 0:
        return f"{size // 1_000_000} MB"
    if size >= 1000:
        return f"{size // 1000} kB"
    return f"{size} Bytes"


def file_error(reason: str) -> ParsedFile:
    return ParsedFile(rejected=[Rejection(None, reason)])


def too_many_rows(max_rows: int) -> ParsedFile:
    return file_error(_("Die Datei hat zu viele Einträge: höchstens %(max)d.") % {"max": max_rows})


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM); Windows-1252 as spreadsheets on German PCs save it."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def unguard(text: str) -> str:
    """The cell without the apostrophe spreadsheet_safe put before a formula character."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def parse_byor_csv(content: bytes, *, max_rows: int) -> ParsedFile:
    text = decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error:
        header = None
    if not header or not any(cell.strip() for cell in header):
        return file_error(_("Die Datei ist leer: die Kopfzeile fehlt."))
    columns = [unguard(cell).strip() for cell in header]
    problem = header_problem(columns)
    if problem:
        return ParsedFile(rejected=[Rejection(1, problem)])
    parsed = ParsedFile()
    number = 1
    try:
        for cells in reader:
            number += 1
            if not any(cell.strip() for cell in cells):
                continue
            if number - 1 > max_rows:
                return too_many_rows(max_rows)
            if len(cells) != len(columns):
                parsed.rejected.append(
                    Rejection(
                        number,
                        _("Die Zeile hat %(found)d statt %(expected)d Spalten.")
                        % {"found": len(cells), "expected": len(columns)},
                    )
                )
                continue
            read_row(parsed, number, dict(zip(columns, (unguard(c) for c in cells), strict=True)))
    except csv.Error as error:
        parsed.rejected.append(
            Rejection(number, _("Die Zeile ist kein gültiges CSV (%(error)s).") % {"error": error})
        )
    return parsed


def header_problem(columns: list[str]) -> str:
    """Why the header cannot be read (German), or ""."""
    seen = set()
    for column in columns:
        if column not in KNOWN:
            return _("Unbekannte Spalte „%(column)s“ (erwartet: %(columns)s).") % {
                "column": column[:50],
                "columns": ", ".join(KNOWN),
            }
        if column in seen:
            return _("Die Spalte „%(column)s“ steht zweimal in der Kopfzeile.") % {"column": column}
        seen.add(column)
    missing = [c for c in REQUIRED if c not in seen]
    if missing:
        return _("Es fehlt die Spalte %(columns)s.") % {
            "columns": ", ".join(f"„{c}“" for c in missing)
        }
    return ""


def parse_byor_json(content: bytes, *, max_rows: int) -> ParsedFile:
    try:
        data = json.loads(decode(content))
    except (ValueError, RecursionError):
        return file_error(_("Der Inhalt ist kein gültiges JSON."))
    if not isinstance(data, list):
        return file_error(_("Erwartet wird eine Liste von Einträgen (JSON-Array)."))
    if len(data) > max_rows:
        return too_many_rows(max_rows)
    parsed = ParsedFile()
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            parsed.rejected.append(Rejection(number, _("Der Eintrag ist kein JSON-Objekt.")))
            continue
        unknown = [key for key in item if key not in KNOWN]
        if unknown:
            parsed.rejected.append(
                Rejection(
                    number,
                    _("Unbekannte Angabe „%(key)s“ (erlaubt: %(keys)s).")
                    % {"key": str(unknown[0])[:50], "keys": ", ".join(KNOWN)},
                )
            )
            continue
        missing = [key for key in REQUIRED if key not in item]
        if missing:
            parsed.rejected.append(
                Rejection(
                    number,
                    _("Es fehlt die Angabe %(keys)s.")
                    % {"keys": ", ".join(f"„{k}“" for k in missing)},
                )
            )
            continue
        wrong = [
            key
            for key, value in item.items()
            if not isinstance(value, str) and not (key == "isNew" and isinstance(value, bool))
        ]
        if wrong:
            parsed.rejected.append(
                Rejection(
                    number,
                    _("„%(key)s“ muss ein Text sein.") % {"key": wrong[0]}
                    if wrong[0] != "isNew"
                    else _("„isNew“ muss true oder false sein."),
                )
            )
            continue
        read_row(parsed, number, {k: v if isinstance(v, str) else str(v) for k, v in item.items()})
    return parsed


def read_row(parsed: ParsedFile, number: int, cells: dict[str, str]) -> None:
    """Check one row's values and add it (or its rejection) to `parsed`."""
    if any(not printable(value) for value in cells.values()):
        parsed.rejected.append(Rejection(number, _("Die Zeile enthält ungültige Zeichen.")))
        return
    name = " ".join(cells["name"].split())
    ring = " ".join(cells["ring"].split())
    quadrant = " ".join(cells["quadrant"].split())
    description = cells.get("description")
    if description is not None:
        description = description.strip()
    reason = ""
    if not name:
        reason = _("Der Name fehlt.")
    elif len(name) > NAME_MAX:
        reason = _("Der Name ist zu lang: höchstens %(max)d Zeichen.") % {"max": NAME_MAX}
    elif not ring:
        reason = _("Der Ring fehlt.")
    elif not quadrant:
        reason = _("Der Quadrant fehlt.")
    elif description is not None and len(description) > DESCRIPTION_MAX:
        reason = _("Die Beschreibung ist zu lang: höchstens %(max)d Zeichen.") % {
            "max": DESCRIPTION_MAX
        }
    elif cells.get("isNew", "").strip().lower() not in FLAG_VALUES:
        reason = _("„isNew“ muss TRUE, FALSE oder leer sein.")
    if reason:
        parsed.rejected.append(Rejection(number, reason))
        return
    parsed.rows.append(ImportRow(number, name, ring, quadrant, description))


def printable(text: str) -> bool:
    """No NUL and no lone surrogate (from JSON escapes): what a database cannot store."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# ---- writing --------------------------------------------------------------------------------


def flag(value: bool) -> str:
    return "TRUE" if value else "FALSE"


def byor_rows(entries: Iterable[ExportEntry]) -> list[dict]:
    return [
        {
            "name": e.name,
            "ring": e.ring,
            "quadrant": e.quadrant,
            "isNew": flag(e.is_new),
            "description": e.description,
        }
        for e in entries
    ]


def byor_csv(entries: Iterable[ExportEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in byor_rows(entries):
        writer.writerow([spreadsheet_safe(row[key]) for key in HEADER])
    return out.getvalue()


def byor_json(entries: Iterable[ExportEntry]) -> list[dict]:
    """As BYOR's own JSON examples write it: isNew as "TRUE" or "FALSE"."""
    return byor_rows(entries)


def zalando(entries: Iterable[ExportEntry]) -> dict:
    return {
        "entries": [
            {
                "label": e.name,
                "quadrant": e.quadrant_index,
                "ring": e.ring_index,
                "moved": e.moved,
                "link": e.link,
            }
            for e in entries
        ]
    }
