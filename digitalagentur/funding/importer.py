"""Import funding programmes from an export of the Förderdatenbank des Bundes (CSV or JSON):
read, check (the dry-run report), then apply, all rows or none.

CSV with a header row, or JSON (funding/import_files.py reads both). Columns and keys are
found by name, German or English, in any case and order; unknown ones are ignored (the export
has many).

A programme is recognised by its Kennung (external_id) when the row has one, else by its name
within the region (compared without case); a row with a Kennung that is not known yet also
finds a programme of the same name that has no Kennung (and gives it one). Empty cells leave
the existing value as it is. The funder is found by name or short name in the region, or
created. New programmes are drafts (published=False); existing ones keep their state.

Every row is checked before anything is written: with one rejected row nothing is imported,
and the report says for each row what would happen (new, changed with which fields,
unchanged) or what is wrong, naming the field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core.services import EditConflict
from digitalagentur.core.text import same_text
from digitalagentur.tenancy.permissions import Access

from . import services
from .import_files import (
    MAX_BYTES,
    MAX_ROWS,
    WEB_MAX_ROWS,
    ImportFileError,
    Table,
    as_text,
    column_key,
    parse_amount,
    parse_keywords,
    parse_months,
    parse_rate,
    parse_website,
    read_table,
)
from .models import MAX_AMOUNT, Funder, Programme
from .rules import programme_write_denial

CENT = Decimal("0.01")

# Field -> accepted column names, normalised (see column_key): lower case, umlauts written
# out, everything else that is not a letter or digit a single "_".
COLUMNS = {
    "external_id": ("id", "kennung", "external_id", "foerderdatenbank_id", "fdb_id"),
    "name": ("titel", "name", "title", "programm", "programmname", "foerderprogramm"),
    "funder": ("foerdergeber", "funder", "geldgeber", "mittelgeber"),
    "funding_type": ("foerderart", "funding_type"),
    "funding_area": ("foerderbereich", "funding_area"),
    "funding_region": ("foerdergebiet", "funding_region"),
    "eligible_recipients": ("foerderberechtigte", "eligible_recipients"),
    "legal_basis": ("rechtsgrundlage", "legal_basis"),
    "contact": ("ansprechpunkt", "ansprechpartner", "kontakt", "contact"),
    "summary": ("kurztext", "kurzbeschreibung", "kurzzusammenfassung", "summary"),
    "website": ("url", "link", "website", "webseite", "internetadresse"),
    "keywords": ("schlagwoerter", "schlagworte", "stichwoerter", "keywords"),
    "funding_rate": ("foerdersatz", "foerderquote", "funding_rate"),
    "max_grant": ("hoechstbetrag", "hoechstbetrag_je_antrag", "foerderhoechstbetrag", "max_grant"),
    "total_volume": ("gesamtvolumen", "foerdervolumen", "total_volume"),
    "max_months": (
        "laufzeit",
        "laufzeit_in_monaten",
        "laufzeit_monate",
        "hoechste_laufzeit",
        "hoechste_laufzeit_monate",
        "max_months",
    ),
}
REQUIRED = ("name", "funder")
# Single-line texts: runs of whitespace (line breaks too) become one space.
LINE_FIELDS = (
    "external_id",
    "name",
    "funder",
    "funding_type",
    "funding_area",
    "funding_region",
    "eligible_recipients",
    "legal_basis",
)
AMOUNT_FIELDS = ("max_grant", "total_volume")
ACTIONS = {
    "created": gettext_lazy("neu"),
    "updated": gettext_lazy("geändert"),
    "unchanged": gettext_lazy("unverändert"),
}

Progress = Callable[[int, int], None]
__all__ = ["MAX_BYTES", "MAX_ROWS", "WEB_MAX_ROWS", "ImportFileError", "apply", "check"]


def label(name: str) -> str:
    if name == "funder":
        return str(Funder._meta.verbose_name)
    return str(Programme._meta.get_field(name).verbose_name)


def max_length(name: str) -> int | None:
    model = Funder if name == "funder" else Programme
    return model._meta.get_field("name" if name == "funder" else name).max_length


@dataclass
class ProgrammeRow:
    line: int
    raw: dict  # field -> the cell as text, for the report
    values: dict = field(default_factory=dict)  # field -> parsed value (non-empty cells only)
    funder: Funder | None = None
    new_funder: bool = False
    programme: Programme | None = None
    action: str = ""
    changed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)  # fields whose cell was refused

    @property
    def name(self) -> str:
        return self.values.get("name") or self.raw.get("name", "")

    @property
    def funder_name(self) -> str:
        return self.funder.name if self.funder else self.values.get("funder", "")

    @property
    def action_display(self) -> str:
        return str(ACTIONS.get(self.action, ""))

    @property
    def changed_labels(self) -> list[str]:
        return [label(name) for name in self.changed]


@dataclass
class ImportReport:
    rows: list[ProgrammeRow]
    unit: str = ""  # "Zeile" (CSV) or "Eintrag" (JSON)
    ignored_columns: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def errors(self) -> list[ProgrammeRow]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors

    @property
    def new_funders(self) -> list[str]:
        names = {}
        for row in self.rows:
            if row.new_funder and not row.errors:
                names.setdefault(name_key(row.values["funder"]), row.values["funder"])
        return list(names.values())

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.errors)

    def summary(self) -> dict[str, int]:
        return {
            "rows": len(self.rows),
            "created": self.count("created"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "errors": len(self.errors),
            "funders": len(self.new_funders),
        }


def header_map(table: Table) -> tuple[dict, list[str]]:
    """{field: column id} and the names of the ignored columns."""
    keys = {column: column_key(table.names[column]) for column in table.columns}
    found = {}
    for name, aliases in COLUMNS.items():
        for column in table.columns:
            if keys[column] in aliases:
                found[name] = column
                break
    missing = [label(name) for name in REQUIRED if name not in found]
    if missing:
        raise ImportFileError(
            _(
                "Es fehlen Spalten: %(columns)s. Die erste Zeile (bei JSON: die Schlüssel) muss "
                "die Spaltennamen enthalten, z. B. Titel;Fördergeber;Förderart."
            )
            % {"columns": ", ".join(missing)}
        )
    used = set(found.values())
    ignored = [
        str(table.names[c]) for c in table.columns if c not in used and str(table.names[c]).strip()
    ]
    return found, ignored


# -- checking -------------------------------------------------------------------------------


def check(
    region,
    access: Access,
    name: str,
    content: bytes,
    *,
    max_rows: int | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """The dry-run report: every row parsed and checked, nothing written (two queries)."""
    denial = programme_write_denial(access)
    if denial:
        raise ImportFileError(denial)
    table = read_table(name, content, max_rows)
    columns, ignored = header_map(table)
    if not table.records:
        raise ImportFileError(_("Die Datei enthält keine Programme."))
    programmes = ProgrammeIndex(Programme.objects.filter(region=region).select_related("funder"))
    funders = FunderIndex(Funder.objects.filter(region=region))
    rows = []
    total = len(table.records)
    for done, (line, record) in enumerate(table.records, start=1):
        row = parse_row(line, record, columns)
        if not row.errors:
            plan_row(row, programmes, funders)
        rows.append(row)
        if progress:
            progress(done, total)
    mark_duplicates(rows, table.unit)
    return ImportReport(rows, unit=table.unit, ignored_columns=ignored)


def parse_row(line: int, record: dict | None, columns: dict) -> ProgrammeRow:
    if record is None:
        row = ProgrammeRow(line=line, raw={})
        row.errors.append(_('Der Eintrag ist kein Objekt mit Feldern (z. B. {"Titel": …}).'))
        return row
    cells = {name: record.get(column) for name, column in columns.items()}
    row = ProgrammeRow(line=line, raw={name: as_text(cell) for name, cell in cells.items()})
    for name, cell in cells.items():
        if row.raw[name] == "":
            continue  # an empty cell leaves the existing value as it is
        error = parse_cell(row, name, cell)
        if error:
            row.errors.append(error)
            row.failed.add(name)
    missing = []
    if not row.values.get("name") and "name" not in row.failed:
        missing.append(_("Der Name des Programms fehlt (Spalte „Titel“ oder „Name“)."))
    if not row.values.get("funder") and "funder" not in row.failed:
        missing.append(_("Der Fördergeber fehlt (Spalte „Fördergeber“)."))
    row.errors[:0] = missing
    grant, volume = row.values.get("max_grant"), row.values.get("total_volume")
    if grant is not None and volume is not None and grant > volume:
        row.errors.append(
            _("„%(grant)s“ ist größer als „%(volume)s“.")
            % {"grant": label("max_grant"), "volume": label("total_volume")}
        )
    check_model_rules(row)
    return row


def parse_cell(row: ProgrammeRow, name: str, cell) -> str | None:
    """Parse one non-empty cell into row.values; the German message when it is invalid."""
    field_label = label(name)
    if name in AMOUNT_FIELDS:
        amount = parse_amount(cell)
        if amount is None:
            return _(
                "„%(field)s“ ist kein Betrag in Euro (z. B. 15.000.000, 15000000,00 oder "
                "15 Mio. €)."
            ) % {"field": field_label}
        if amount < 0:
            return _("„%(field)s“ darf nicht negativ sein.") % {"field": field_label}
        if amount >= MAX_AMOUNT:
            return _("„%(field)s“ muss unter einer Billion Euro liegen.") % {"field": field_label}
        if amount != amount.quantize(CENT):
            return _("„%(field)s“ hat mehr als zwei Nachkommastellen.") % {"field": field_label}
        row.values[name] = amount.quantize(CENT)
        return None
    if name == "funding_rate":
        rate = parse_rate(cell)
        if rate is None:
            return _(
                "„%(field)s“ ist kein Anteil zwischen 0 und 100 %% (z. B. 65 %%, 65 oder 0,65; "
                "höchstens zwei Nachkommastellen in Prozent)."
            ) % {"field": field_label}
        row.values[name] = rate
        return None
    if name == "max_months":
        months = parse_months(cell)
        if months is None:
            return _(
                "„%(field)s“ ist keine Zahl von Monaten zwischen 1 und 1200 (z. B. 48 oder "
                "4 Jahre)."
            ) % {"field": field_label}
        row.values[name] = months
        return None
    if name == "keywords":
        text = parse_keywords(cell)
    elif name == "website":
        text = parse_website(cell)
    elif name in LINE_FIELDS:
        text = " ".join(as_text(cell).split())
    else:
        text = as_text(cell)
    limit = max_length(name)
    if limit and len(text) > limit:
        return _("„%(field)s“ ist mit %(length)s Zeichen zu lang (höchstens %(max)s).") % {
            "field": field_label,
            "length": len(text),
            "max": limit,
        }
    if name == "website":
        try:
            URLValidator(schemes=["http", "https"])(text)
        except ValidationError:
            return _(
                "„%(field)s“ ist keine gültige Internetadresse (beginnend mit https:// oder "
                "http://)."
            ) % {"field": field_label}
    row.values[name] = text
    return None


def check_model_rules(row: ProgrammeRow) -> None:
    """The model's own field rules, as a safety net behind the checks above (no queries)."""
    names = [n for n in row.values if n != "funder"]
    if not names:
        return
    probe = Programme(**{n: row.values[n] for n in names})
    exclude = [f.name for f in Programme._meta.fields if f.name not in names]
    try:
        probe.clean_fields(exclude=exclude)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                row.errors.append(
                    _("„%(field)s“: %(message)s") % {"field": label(name), "message": message}
                )


def name_key(text: str) -> str:
    """Names compare without case and runs of whitespace (the import collapses them)."""
    return " ".join(text.split()).casefold()


class ProgrammeIndex:
    """The region's programmes by Kennung and by name (without case)."""

    def __init__(self, queryset):
        self.by_id, self.by_name = {}, {}
        for programme in queryset:
            if programme.external_id:
                self.by_id[programme.external_id] = programme
            self.by_name.setdefault(name_key(programme.name), []).append(programme)

    def find(self, row: ProgrammeRow) -> tuple[Programme | None, str | None]:
        """The programme the row updates (None: a new one) or why that is unclear."""
        external_id = row.values.get("external_id", "")
        if external_id and external_id in self.by_id:
            return self.by_id[external_id], None
        candidates = self.by_name.get(name_key(row.values["name"]), [])
        if external_id:
            candidates = [p for p in candidates if not p.external_id]
        if len(candidates) > 1:
            return None, _(
                "Mehrere Programme der Region heißen „%(name)s“; bitte die Kennung angeben."
            ) % {"name": row.values["name"]}
        return (candidates[0] if candidates else None), None


class FunderIndex:
    """The region's funders by name, else by short name (without case)."""

    def __init__(self, queryset):
        self.by_name, self.by_short = {}, {}
        for funder in queryset:
            self.by_name[name_key(funder.name)] = funder
            if funder.short_name:
                self.by_short.setdefault(name_key(funder.short_name), []).append(funder)

    def find(self, text: str) -> tuple[Funder | None, str | None]:
        key = name_key(text)
        if key in self.by_name:
            return self.by_name[key], None
        matches = self.by_short.get(key, [])
        if len(matches) > 1:
            return None, _(
                "Mehrere Fördergeber haben das Kürzel „%(name)s“; bitte den vollen Namen angeben."
            ) % {"name": text}
        return (matches[0] if matches else None), None


def plan_row(row: ProgrammeRow, programmes: ProgrammeIndex, funders: FunderIndex) -> None:
    """What the valid row would do: create, update (which fields) or leave unchanged."""
    row.funder, error = funders.find(row.values["funder"])
    if error:
        row.errors.append(error)
        return
    row.new_funder = row.funder is None
    row.programme, error = programmes.find(row)
    if error:
        row.errors.append(error)
        return
    if row.programme is None:
        row.action = "created"
        return
    row.changed = [n for n in row.values if differs(row.programme, n, row.values[n], row)]
    row.action = "updated" if row.changed else "unchanged"


def differs(programme: Programme, name: str, value, row: ProgrammeRow) -> bool:
    if name == "funder":
        return row.funder is None or row.funder.pk != programme.funder_id
    current = getattr(programme, name)
    if isinstance(value, str):
        return not same_text(current or "", value)
    return current is None or current != value


def mark_duplicates(rows: list[ProgrammeRow], unit: str) -> None:
    """A programme may appear once per file: the same Kennung, the same existing programme,
    or (for rows without Kennung) the same name as an earlier row is an error."""
    by_id, by_pk, by_name, by_name_without_id = {}, {}, {}, {}
    for row in rows:
        if row.errors:
            continue
        external_id = row.values.get("external_id", "")
        name = name_key(row.values["name"])
        earlier = by_pk.get(row.programme.pk) if row.programme else None
        if external_id:
            earlier = earlier or by_id.get(external_id) or by_name_without_id.get(name)
        else:
            earlier = earlier or by_name.get(name)
        if earlier:
            row.errors.append(
                _("Dasselbe Programm steht schon in %(unit)s %(line)s.")
                % {"unit": unit, "line": earlier}
            )
            continue
        if row.programme:
            by_pk[row.programme.pk] = row.line
        if external_id:
            by_id[external_id] = row.line
        else:
            by_name_without_id.setdefault(name, row.line)
        by_name.setdefault(name, row.line)


# -- applying -------------------------------------------------------------------------------


@transaction.atomic
def apply(
    region,
    access: Access,
    name: str,
    content: bytes,
    *,
    user=None,
    max_rows: int | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Check the file again and, without any rejected row, write every row (all or nothing)
    through funding.services, with the change log."""
    report = check(region, access, name, content, max_rows=max_rows)
    if not report.ok:
        return report
    reason = _("Import aus der Förderdatenbank (%(file)s)") % {"file": name[:200]}
    new_funders: dict[str, Funder] = {}
    total = len(report.rows)
    row = None
    try:
        for done, row in enumerate(report.rows, start=1):
            write_row(region, row, new_funders, user=user, reason=reason)
            if progress:
                progress(done, total)
    except ValidationError as exc:
        transaction.set_rollback(True)
        row.errors.extend(exc.messages)
        return report
    except (EditConflict, IntegrityError):
        transaction.set_rollback(True)
        row.errors.append(
            _("Das Programm wurde während des Imports geändert; bitte erneut prüfen.")
        )
        return report
    report.applied = True
    return report


def write_row(region, row: ProgrammeRow, new_funders: dict, *, user, reason: str) -> None:
    if row.action == "unchanged":
        return
    funder = row.funder
    if funder is None:
        key = name_key(row.values["funder"])
        if key not in new_funders:
            new_funders[key] = services.create(
                Funder(region=region, name=row.values["funder"]), user=user, reason=reason
            )
        funder = new_funders[key]
    fields = {n: v for n, v in row.values.items() if n != "funder"}
    if row.action == "created":
        services.create(
            Programme(region=region, funder=funder, published=False, **fields),
            user=user,
            reason=reason,
        )
        return
    values = {n: fields[n] for n in row.changed if n != "funder"}
    if "funder" in row.changed:
        values["funder"] = funder
    services.update(
        row.programme,
        values,
        expected_version=row.programme.version,
        user=user,
        reason=reason,
    )
