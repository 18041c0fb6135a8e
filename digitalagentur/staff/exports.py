"""The staff project list as a file: the columns on screen, as CSV (semicolons, UTF-8 with
BOM, as German spreadsheets expect) or as an Excel workbook (openpyxl)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.core.text import spreadsheet_safe


def header() -> list[str]:
    return [
        _("Kennung"),
        _("Titel"),
        _("Sichtbarkeit"),
        _("Leuchtturmprojekt"),
        _("Art"),
        _("Handlungsfeld"),
        _("Kommunen"),
        _("Status"),
        _("Fortschritt (%)"),
        _("zuletzt aktualisiert"),
    ]


def rows(projects: Iterable[tuple]) -> Iterable[list]:
    """One row per (project, towns label) as the list shows them."""
    for project, towns in projects:
        yield [
            project.code,
            project.title,
            _("veröffentlicht") if project.published else _("Entwurf"),
            _("ja") if project.is_lighthouse else _("nein"),
            _("Strategieprojekt") if project.is_strategy_project else _("lokales Projekt"),
            project.field.name if project.field else "",
            towns,
            project.get_status_display(),
            project.progress,
            timezone.localtime(project.last_activity).replace(tzinfo=None, microsecond=0),
        ]


def as_csv(projects: Iterable[tuple]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header())
    for row in rows(projects):
        row[-1] = row[-1].strftime("%d.%m.%Y %H:%M")
        writer.writerow([v if isinstance(v, int) else spreadsheet_safe(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(projects: Iterable[tuple]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Projekte"))
    for letter, width in zip("ABCDEFGHIJ", (10, 50, 16, 10, 16, 30, 40, 16, 12, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)
    titles = []
    for text in header():
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        titles.append(cell)
    sheet.append(titles)
    for row in rows(projects):
        cells = [v if isinstance(v, int) else spreadsheet_safe(v) for v in row[:-1]]
        when = WriteOnlyCell(sheet, value=row[-1])
        when.number_format = "DD.MM.YYYY HH:MM"
        sheet.append([*cells, when])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
