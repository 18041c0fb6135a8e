"""An application's financing plan and budget overview as files: Excel (openpyxl) and CSV.

Excel: amounts are numbers (exact euros, number format '#,##0.00 €'), shares numbers with
'0.0 %'; every value is the figure the page shows, unrounded where the page rounds only for
display (the workbook's formats round the same way), so nothing differs from the screen.
CSV as the other exports of the platform (public/exports.py, staff/exports.py): UTF-8 with
BOM, ";" separated; amounts with a decimal comma and no thousands separator ("35500,00"),
as German spreadsheets read them. Text cells go through core.text.spreadsheet_safe, so that
no label is ever evaluated as a formula. Titles and headers in the active language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from digitalagentur.core.text import spreadsheet_safe

from .display import BudgetTable, budget_table, german_decimal, plain_amount, share_value
from .finance import total_of
from .models import Application, BudgetLine, LineKind
from .overview import Overview

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
EURO_FORMAT = "#,##0.00 €"
PERCENT_FORMAT = "0.0 %"
HUNDRED = Decimal(100)


# --- the figures, as rows -------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A value with its kind: "text", "euro", "percent" (a fraction: 0.6 for 60,0 %),
    "int" or "empty"."""

    value: object
    kind: str = "text"


EMPTY = Cell(None, "empty")


def text(value) -> Cell:
    return Cell("" if value is None else str(value), "text")


def euro_cell(value: Decimal) -> Cell:
    return Cell(value, "euro")


def budget_header() -> list[str]:
    return [_("Teilprojekt"), _("investiv (€)"), _("konsumtiv (€)"), _("gesamt (€)")]


def budget_overview_rows(table: BudgetTable) -> list[list[Cell]]:
    """Seed 003's table: the rows, the totals, the shares, the grant and the own share, then
    the further figures of the financing plan."""
    plan = table.plan
    rows = [
        [text(r.label), euro_cell(r.investive), euro_cell(r.consumptive), euro_cell(r.total)]
        for r in table.rows
    ]
    totals = table.totals
    rows.append(
        [
            text(_("Summe")),
            euro_cell(totals.investive),
            euro_cell(totals.consumptive),
            euro_cell(totals.total),
        ]
    )
    rows.append(
        [
            text(_("Anteil")),
            Cell(share_value(plan.investive, plan.total) / HUNDRED, "percent"),
            Cell(share_value(plan.consumptive, plan.total) / HUNDRED, "percent"),
            Cell(Decimal(1) if plan.total else Decimal(0), "percent"),
        ]
    )
    rows.append([text(table.grant_label), EMPTY, EMPTY, euro_cell(plan.grant)])
    rows.append([text(table.own_share_label), EMPTY, EMPTY, euro_cell(plan.own_share)])
    rows.append([EMPTY, EMPTY, EMPTY, EMPTY])
    for label, value in (
        (_("förderfähige Kosten"), plan.eligible_total),
        (_("angerechnete Mittel Dritter"), plan.third_party),
        (_("kommunaler Eigenanteil (mit nicht förderfähigen Kosten)"), plan.municipal_own_share),
    ):
        rows.append([text(label), EMPTY, EMPTY, euro_cell(value)])
    return rows


def plan_lines(application: Application) -> list[BudgetLine]:
    """Every budget line of the application with its sub-project (one query)."""
    return list(
        BudgetLine.objects.filter(
            subproject__application=application, region_id=application.region_id
        )
        .select_related("subproject")
        .order_by("subproject__position", "subproject_id", "year", "kind", "pk")
    )


def plan_header() -> list[str]:
    return [
        _("Teilprojekt"),
        _("Bezeichnung"),
        _("Jahr"),
        _("Art"),
        _("förderfähig"),
        _("Betrag (€)"),
    ]


def financing_plan_rows(lines: Iterable[BudgetLine]) -> list[list[Cell]]:
    """One row per budget line, then the total and its investive, consumptive and eligible
    parts (exact euros)."""
    lines = list(lines)
    rows = [
        [
            text(line.subproject.title),
            text(line.label),
            Cell(line.year, "int") if line.year else EMPTY,
            text(LineKind(line.kind).label),
            text(_("ja") if line.eligible else _("nein")),
            euro_cell(line.amount),
        ]
        for line in lines
    ]

    for label, amount in (
        (_("Summe"), total_of(lines)),
        (_("davon investiv"), total_of(lines, kind=LineKind.INVESTIVE)),
        (_("davon konsumtiv"), total_of(lines, kind=LineKind.CONSUMPTIVE)),
        (_("davon förderfähig"), total_of(lines, eligible_only=True)),
    ):
        rows.append([text(label), EMPTY, EMPTY, EMPTY, EMPTY, euro_cell(amount)])
    return rows


# --- writers -------------------------------------------------------------------------------


def csv_value(cell: Cell) -> str:
    if cell.kind == "empty":
        return ""
    if cell.kind == "euro":
        return plain_amount(cell.value)
    if cell.kind == "percent":
        return german_decimal((cell.value * HUNDRED).quantize(Decimal("0.1")))
    if cell.kind == "int":
        return str(cell.value)
    return spreadsheet_safe(cell.value)


def as_csv(header: list[str], rows: list[list[Cell]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([spreadsheet_safe(h) for h in header])
    for row in rows:
        writer.writerow([csv_value(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(
    sheet_title: str,
    heading: list[str],
    header: list[str],
    rows: list[list[Cell]],
    widths: list[int],
    bold_from: int,
) -> bytes:
    """One sheet: heading lines, a blank line, the bold header, the rows (those from index
    `bold_from` on in bold: totals)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title[:31]
    bold = Font(bold=True)
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    for line in heading:
        sheet.append([spreadsheet_safe(line)])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append([spreadsheet_safe(h) for h in header])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = bold
    sheet.freeze_panes = f"A{header_row + 1}"  # a coordinate: creates no cell
    for index, row in enumerate(rows):
        sheet.append([xlsx_value(cell) for cell in row])
        current = sheet.max_row
        for column, cell in enumerate(row, start=1):
            target = sheet.cell(row=current, column=column)
            if cell.kind == "euro":
                target.number_format = EURO_FORMAT
            elif cell.kind == "percent":
                target.number_format = PERCENT_FORMAT
            if index >= bold_from:
                target.font = bold
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_value(cell: Cell):
    if cell.kind == "empty":
        return None
    if cell.kind == "text":
        return spreadsheet_safe(cell.value)
    return cell.value


def heading_of(application: Application, title: str, *, public: bool = False) -> list[str]:
    """The title lines; for the public the programme only when it is published."""
    lines = [f"{title}: {application.title}"]
    programme = application.programme
    if programme is not None and (programme.published or not public):
        lines.append(_("Programm: %(name)s") % {"name": programme.name})
    lines.append(_("Status: %(status)s") % {"status": application.get_status_display()})
    return lines


# --- files ---------------------------------------------------------------------------------


def budget_overview_file(
    overview: Overview, fmt: str, *, public: bool = False
) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the budget overview as "xlsx" or "csv"
    (`public`: for the public website, naming no unpublished programme)."""
    application = overview.application
    table = budget_table(overview)
    rows = budget_overview_rows(table)
    name = f"budgetuebersicht-{application.slug}.{fmt}"
    if fmt == "csv":
        return as_csv(budget_header(), rows), CSV, name
    content = as_xlsx(
        _("Budgetübersicht"),
        heading_of(application, _("Budgetübersicht"), public=public),
        budget_header(),
        rows,
        [55, 18, 18, 18],
        bold_from=len(table.rows),
    )
    return content, XLSX, name


def financing_plan_file(application: Application, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the financing plan as "xlsx" or "csv"."""
    lines = plan_lines(application)
    rows = financing_plan_rows(lines)
    name = f"finanzierungsplan-{application.slug}.{fmt}"
    if fmt == "csv":
        return as_csv(plan_header(), rows), CSV, name
    content = as_xlsx(
        _("Finanzierungsplan"),
        heading_of(application, _("Finanzierungsplan")),
        plan_header(),
        rows,
        [45, 40, 8, 12, 12, 18],
        bold_from=len(lines),
    )
    return content, XLSX, name
