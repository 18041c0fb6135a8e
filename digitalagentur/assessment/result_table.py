"""A round's results as one table for CSV downloads (issue 9 §3): the staff area and the
public site export the same columns, built here once.

Numbers carry a decimal comma and two places so German spreadsheets read them; a missing
value is an empty cell. Every cell passes core.text.spreadsheet_safe: field names and
override reasons are written by people and must never run as formulas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal

from django.utils.translation import gettext as _

from digitalagentur.core.text import spreadsheet_safe

from .results import FieldRow, RoundResults, roman


def number(value: Decimal | None) -> str:
    """A Decimal with a decimal comma ("" for None)."""
    return "" if value is None else str(value).replace(".", ",")


def header(results: RoundResults) -> list[str]:
    cells = [_("Rang"), _("Handlungsfeld"), _("Kürzel")]
    for dimension in (_("Relevanz"), _("Potenzial")):
        for what in (
            _("Mittelwert"),
            _("Median"),
            _("Standardabweichung"),
            _("Minimum"),
            _("Maximum"),
            _("n"),
        ):
            cells.append(f"{dimension} {what}")
    cells += [
        _("Gesamtwert"),
        _("Prioritätengruppe (berechnet)"),
        _("Prioritätengruppe"),
        _("Begründung der Abweichung"),
        _("Antworten (n)"),
        _("Konsens"),
        _("Projekte"),
    ]
    town = results.municipality
    if town is not None:
        cells += [
            _("Relevanz (%(town)s)") % {"town": town.name},
            _("Potenzial (%(town)s)") % {"town": town.name},
        ]
    return cells


def row_cells(row: FieldRow, *, with_town: bool) -> list[str]:
    cells = [str(row.rank), row.field.name, row.field.slug]
    for summary in (row.relevance, row.potential):
        if summary is None:
            cells += ["", "", "", "", "", "0"]
        else:
            cells += [
                number(summary.mean_display),
                number(summary.median_display),
                number(summary.std),
                number(summary.min_display),
                number(summary.max_display),
                str(summary.n),
            ]
    cells += [
        number(row.combined_display),
        roman(row.computed_group),
        roman(row.group),
        row.override.reason if row.override else "",
        str(row.n),
        row.consensus_label,
        str(row.project_count),
    ]
    if with_town:
        cells += [number(row.own_relevance_display), number(row.own_potential_display)]
    return cells


def table(results: RoundResults) -> Iterator[list[str]]:
    """The header, then one row per field in rank order; every cell spreadsheet-safe."""
    yield [spreadsheet_safe(cell) for cell in header(results)]
    with_town = results.municipality is not None
    for row in results.rows:
        yield [spreadsheet_safe(cell) for cell in row_cells(row, with_town=with_town)]


CSV = "text/csv; charset=utf-8"


def as_csv(results: RoundResults) -> str:
    """The table as CSV text (with a byte order mark, ";" separated: opens in German
    spreadsheets)."""
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out, delimiter=";").writerows(table(results))
    return out.getvalue()
