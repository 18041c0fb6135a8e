"""Open data files: the datasets of public/opendata.py written as CSV, JSON and XLSX.

CSV and JSON are streamed while they are sent; XLSX is written to a temporary file first.
"""

from __future__ import annotations

import csv
import datetime
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from digitalagentur.core.text import spreadsheet_safe

from .opendata import Dataset, Value, licence

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Kept in memory up to this size, then on disk (the XLSX file).
XLSX_IN_MEMORY = 5 * 1024 * 1024


# --- cells -----------------------------------------------------------------------------------


def json_value(value: Value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)  # as the API writes amounts: exact, no binary fraction
    if isinstance(value, Promise):
        return str(value)
    return value


def csv_value(value: Value) -> str:
    """A CSV cell: ISO dates, true/false, "" for nothing; text never a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return json_value(value)
    return spreadsheet_safe(value)


def xlsx_value(sheet, value: Value):
    """A spreadsheet cell of a write-only `sheet`: numbers, dates and booleans as such, text
    as a string cell (never a formula, whatever it starts with, and shown as it is) without
    the control characters a workbook cannot hold."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or isinstance(value, bool | int | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    if isinstance(value, datetime.date):
        return value
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    # openpyxl takes text starting with "=" for a formula: a string cell it is.
    cell.data_type = "s"
    return cell


# --- files -----------------------------------------------------------------------------------


class _Echo:
    """csv.writer's target that hands each formatted line back instead of storing it."""

    def write(self, line: str) -> str:
        return line


def csv_lines(dataset: Dataset, region, base_url: str) -> Iterator[str]:
    """Header (the column keys) and one line per row, RFC 4180 (comma, UTF-8)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(dataset.keys)
    for record in dataset.records(region, base_url):
        yield writer.writerow([csv_value(record[key]) for key in dataset.keys])


def json_chunks(dataset: Dataset, region, base_url: str) -> Iterator[str]:
    """{"license": ..., "dataset": ..., "items": [...]} written item by item."""
    head = {
        "license": licence(),
        "dataset": {
            **dataset.meta(region),
            "source": base_url + reverse("public:opendata"),
            "generated": timezone.localtime().isoformat(timespec="seconds"),
        },
    }
    text = json.dumps(head, ensure_ascii=False)
    yield text[:-1] + ', "items": ['
    separator = "\n"
    for record in dataset.records(region, base_url):
        item = {key: json_value(record[key]) for key in dataset.keys}
        yield separator + json.dumps(item, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


def xlsx_file(dataset: Dataset, region, base_url: str):
    """The dataset as an Excel workbook in a temporary file (rewound, to be sent and closed).

    A ZIP archive cannot be streamed while it is written (its directory comes last), so the
    workbook is written first: openpyxl's write-only mode keeps only the current row in
    memory, and the file stays in memory up to XLSX_IN_MEMORY bytes, on disk beyond.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(dataset.title)[:31])
    bold = Font(bold=True)
    header = []
    for key in dataset.keys:
        cell = WriteOnlyCell(sheet, value=key)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for record in dataset.records(region, base_url):
        sheet.append([xlsx_value(sheet, record[key]) for key in dataset.keys])
    about = book.create_sheet(_("Lizenz"))
    terms = licence()
    for row in (
        [_("Datensatz"), str(dataset.title)],
        [_("Beschreibung"), str(dataset.description)],
        [_("Region"), region.name if region is not None else ""],
        [_("Lizenz"), terms["name"]],
        [_("Lizenztext"), terms["url"]],
        [_("Quelle"), base_url + reverse("public:opendata")],
        [_("Stand"), timezone.now()],
    ):
        about.append([xlsx_value(about, v) for v in row])
    about.append([])
    about.append([_("Spalte"), _("Bedeutung")])
    for column in dataset.columns:
        about.append([column.key, xlsx_value(about, str(column.label))])
    out = tempfile.SpooledTemporaryFile(max_size=XLSX_IN_MEMORY)  # noqa: SIM115 - FileResponse closes it
    book.save(out)
    out.seek(0)
    return out


def download_name(dataset: Dataset, region, fmt: str) -> str:
    prefix = f"{region.slug}-" if region is not None else ""
    return f"{prefix}{dataset.filename}.{fmt}"


def licence_link() -> str:
    return f'<{licence()["url"]}>; rel="license"'


def file_response(dataset: Dataset, region, fmt: str, base_url: str):
    """The dataset as a download: CSV and JSON streamed (StreamingHttpResponse), XLSX as a
    FileResponse of a temporary file. Rows are read in the request's language."""
    language = translation.get_language()

    def in_language(chunks: Callable[[], Iterable[str]]) -> Iterator[str]:
        # Runs while the server sends the answer, after the view (and its language) ended.
        with translation.override(language):
            yield from chunks()

    name = download_name(dataset, region, fmt)
    if fmt == "xlsx":
        response = FileResponse(
            xlsx_file(dataset, region, base_url),
            as_attachment=True,
            filename=name,
            content_type=CONTENT_TYPES["xlsx"],
        )
    else:
        writer = csv_lines if fmt == "csv" else json_chunks
        response = StreamingHttpResponse(
            in_language(lambda: writer(dataset, region, base_url)),
            content_type=CONTENT_TYPES[fmt],
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Link"] = licence_link()
    return response
