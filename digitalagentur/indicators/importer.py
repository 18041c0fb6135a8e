"""Import measured values from CSV or XLSX: read, check (the dry-run report), then apply.

The file has a header row; columns are found by name, in German or English, in any order:
Indikator (slug or name), Stichtag (2024-12-31, 31.12.2024 or a spreadsheet date), Wert
(1234,5 or 1234.5), Kommune (optional, slug or name; empty: the whole region), Anmerkung
(optional). Every row is checked before anything is written: with one error nothing is
imported, and the report names each row's line and what is wrong or what would happen.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.tenancy.models import Municipality
from digitalagentur.tenancy.permissions import Access

from . import services
from .models import FIRST_DATE, LAST_DATE, Indicator, IndicatorValue
from .numbers import parse_decimal
from .rules import value_write_denial

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
COLUMNS = {
    "indicator": ("indikator", "indicator", "kennzahl"),
    "date": ("stichtag", "datum", "date"),
    "value": ("wert", "value", "messwert"),
    "town": ("kommune", "gemeinde", "stadt", "town", "municipality"),
    "note": ("anmerkung", "notiz", "note", "bemerkung"),
}
REQUIRED = ("indicator", "date", "value")
ACTIONS = {
    "created": gettext_lazy("neu"),
    "updated": gettext_lazy("geändert"),
    "unchanged": gettext_lazy("unverändert"),
}


class ImportFileError(Exception):
    """The file as a whole cannot be read (a German sentence for the user)."""


@dataclass
class ImportRow:
    line: int
    raw: dict
    indicator: Indicator | None = None
    date: datetime.date | None = None
    value: Decimal | None = None
    town: Municipality | None = None
    note: str = ""
    action: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def action_display(self) -> str:
        return str(ACTIONS.get(self.action, ""))


@dataclass
class ImportReport:
    rows: list[ImportRow]
    applied: bool = False

    @property
    def errors(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.errors)

    def summary(self) -> dict[str, int]:
        return {
            "rows": len(self.rows),
            "created": self.count("created"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "errors": len(self.errors),
        }


# -- reading --------------------------------------------------------------------------------


def read_table(name: str, content: bytes) -> list[list]:
    """The rows of a CSV (UTF-8, with or without BOM, ; or , separated) or XLSX file."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("Die Datei ist größer als 2 MB."))
    if name.lower().endswith(".xlsx"):
        return read_xlsx(content)
    if name.lower().endswith((".csv", ".txt")):
        return read_csv(content)
    raise ImportFileError(_("Bitte laden Sie eine CSV- oder XLSX-Datei hoch."))


def read_csv(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFileError(
            _("Die CSV-Datei ist nicht lesbar: %(error)s") % {"error": exc}
        ) from exc


def read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    rows = []
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            # Read-only mode parses the sheet while iterating: damage shows up only here.
            for row in workbook.worksheets[0].iter_rows(values_only=True):
                rows.append(list(row))
                if len(rows) > MAX_ROWS + 1:
                    break
        finally:
            workbook.close()
    except Exception as exc:  # openpyxl and its XML parser raise many kinds for damaged files
        raise ImportFileError(_("Die XLSX-Datei ist nicht lesbar.")) from exc
    return rows


def header_map(header: list) -> dict[str, int]:
    names = [str(cell or "").strip().lower() for cell in header]
    found = {}
    for key, aliases in COLUMNS.items():
        for index, name in enumerate(names):
            if name in aliases:
                found[key] = index
                break
    missing = [COLUMNS[key][0].capitalize() for key in REQUIRED if key not in found]
    if missing:
        raise ImportFileError(
            _("Es fehlen Spalten: %(columns)s. Die erste Zeile muss die Spaltennamen enthalten.")
            % {"columns": ", ".join(missing)}
        )
    return found


# -- parsing single cells -------------------------------------------------------------------

_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_date(cell) -> datetime.date | None:
    if isinstance(cell, datetime.datetime):
        cell = cell.date()
    if isinstance(cell, datetime.date):
        return cell if FIRST_DATE <= cell <= LAST_DATE else None
    text = str(cell or "").strip()
    try:
        match = _GERMAN_DATE.fullmatch(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
            text = datetime.date(year, month, day).isoformat()
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return day if FIRST_DATE <= day <= LAST_DATE else None


def parse_value(cell) -> Decimal | None:
    """A number as written in German or English (indicators/numbers.py)."""
    return parse_decimal(cell)


# -- checking -------------------------------------------------------------------------------


def check(region, access: Access, name: str, content: bytes) -> ImportReport:
    """The dry-run report: every row parsed and checked, nothing written."""
    table = read_table(name, content)
    while table and not any(str(c or "").strip() for c in table[-1]):
        table.pop()
    if not table:
        raise ImportFileError(_("Die Datei ist leer."))
    columns = header_map(table[0])
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(
            _("Die Datei hat mehr als %(max)s Zeilen; bitte teilen Sie sie auf.")
            % {"max": MAX_ROWS}
        )
    indicators = Lookup(Indicator.objects.filter(region=region))
    towns = Lookup(Municipality.objects.filter(region=region))
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(str(c or "").strip() for c in cells):
            continue
        raw = {
            key: (cells[index] if index < len(cells) else None) for key, index in columns.items()
        }
        rows.append(check_row(ImportRow(line=line, raw=raw), indicators, towns, access))
    plan_actions(rows)
    return ImportReport(rows)


class Lookup:
    """Objects by slug or name, compared without case: a slug wins over a name, and a name
    that several objects share finds none of them (an error, not a guess)."""

    AMBIGUOUS = object()

    def __init__(self, queryset):
        self.by_slug, self.by_name = {}, {}
        for obj in queryset:
            self.by_slug[obj.slug.lower()] = obj
            name = obj.name.strip().lower()
            self.by_name[name] = self.AMBIGUOUS if name in self.by_name else obj

    def get(self, key: str):
        """The object, None when unknown, or Lookup.AMBIGUOUS."""
        return self.by_slug.get(key) or self.by_name.get(key)


def check_row(row: ImportRow, indicators: dict, towns: dict, access: Access) -> ImportRow:
    raw = row.raw
    key = str(raw.get("indicator") or "").strip().lower()
    row.indicator = indicators.get(key)
    if row.indicator is Lookup.AMBIGUOUS:
        row.indicator = None
        row.errors.append(
            _("Mehrere Indikatoren heißen „%(name)s“; bitte das Kürzel angeben.") % {"name": key}
        )
    elif row.indicator is None:
        row.errors.append(
            _("Indikator „%(name)s“ gibt es in dieser Region nicht.") % {"name": key}
            if key
            else _("Der Indikator fehlt.")
        )
    row.date = parse_date(raw.get("date"))
    if row.date is None:
        row.errors.append(
            _(
                "Der Stichtag ist kein Datum zwischen %(first)s und %(last)s "
                "(z. B. 31.12.2024 oder 2024-12-31)."
            )
            % {"first": FIRST_DATE.year, "last": LAST_DATE.year}
        )
    row.value = parse_value(raw.get("value"))
    if row.value is None:
        row.errors.append(
            _(
                "Der Wert ist keine Zahl mit höchstens 4 Nachkommastellen und höchstens "
                "11 Stellen davor (z. B. 12,5 oder 1650; ohne Tausenderpunkte)."
            )
        )
    town_key = str(raw.get("town") or "").strip().lower()
    if town_key:
        row.town = towns.get(town_key)
        if row.town is Lookup.AMBIGUOUS or row.town is None:
            row.town = None
            row.errors.append(
                _("Die Kommune „%(name)s“ gibt es in dieser Region nicht.") % {"name": town_key}
            )
    if not (town_key and row.town is None):
        denial = value_write_denial(access, row.town.pk if row.town else None)
        if denial:
            row.errors.append(denial)
    row.note = str(raw.get("note") or "").strip()
    if len(row.note) > 300:
        row.errors.append(_("Die Anmerkung ist länger als 300 Zeichen."))
    return row


def plan_actions(rows: list[ImportRow]) -> None:
    """What each valid row would do, and rows that give the same value twice (one query)."""
    valid = [row for row in rows if not row.errors]
    existing = {}
    indicator_ids = {row.indicator.pk for row in valid}
    for value in IndicatorValue.objects.filter(indicator_id__in=indicator_ids):
        existing[(value.indicator_id, value.municipality_id, value.date)] = value
    seen = {}
    for row in valid:
        key = (row.indicator.pk, row.town.pk if row.town else None, row.date)
        if key in seen:
            row.errors.append(
                _("Derselbe Wert steht schon in Zeile %(line)s.") % {"line": seen[key]}
            )
            continue
        seen[key] = row.line
        current = existing.get(key)
        if current is None:
            row.action = "created"
        elif current.value == row.value and (not row.note or current.note == row.note):
            row.action = "unchanged"
        else:
            row.action = "updated"


# -- applying -------------------------------------------------------------------------------


@transaction.atomic
def apply(region, access: Access, name: str, content: bytes, *, user=None) -> ImportReport:
    """Check the file again and, without any error, write every row (all or nothing)."""
    report = check(region, access, name, content)
    if not report.ok:
        return report
    reason = _("Import aus %(file)s") % {"file": name[:200]}
    try:
        for row in report.rows:
            row.action = services.put_value(
                row.indicator,
                date=row.date,
                value=row.value,
                municipality=row.town,
                note=row.note,
                user=user,
                reason=reason,
                validate=False,  # check() applied the model's rules to every row
            )
    except ValidationError as exc:
        transaction.set_rollback(True)
        row.errors.extend(exc.messages)
        return report
    report.applied = True
    return report
