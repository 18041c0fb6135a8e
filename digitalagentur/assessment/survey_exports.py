"""A survey's raw answers as files (staff only): CSV and Excel.

One row per counted submission (e-mail surveys: confirmed ones), one column per question
(the questions of every revision grouped as in the results: assessment/survey_results.py), and no
personal data: a running number, the questionnaire revision and the day of the answer, never
the keyed hashes or the time of day. CSV as the other exports of the platform: UTF-8 with
BOM, ";" separated, numbers with a decimal comma; text cells go through
core.text.spreadsheet_safe, so that no answer is ever evaluated as a formula. In Excel,
numbers and scale points are numbers.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.core.text import spreadsheet_safe

from .models import QuestionKind, SubmissionAnswer, Survey
from .survey_results import counted, question_key, survey_questions

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def columns(survey: Survey) -> tuple[list[tuple[str, str]], dict[int, tuple[str, str]], dict]:
    """(ordered column keys, question pk -> key, key -> (text, kind))."""
    current, older = survey_questions(survey)
    keys, key_of, info = [], {}, {}
    for question in [*current, *older]:
        key = question_key(question)
        key_of[question.pk] = key
        if key not in info:
            info[key] = (question.text, question.kind)
            keys.append(key)
    return keys, key_of, info


def cell_value(kind: str, value, *, for_csv: bool):
    """A stored value as a cell: numbers as Decimal/int (Excel) or German text (CSV)."""
    if value is None or value == "" or value == []:
        return "" if for_csv else None
    if kind == QuestionKind.YESNO:
        return _("ja") if value else _("nein")
    if kind == QuestionKind.MULTIPLE:
        items = value if isinstance(value, list) else [value]
        return spreadsheet_safe(", ".join(str(v) for v in items))
    if kind == QuestionKind.SCALE:
        return str(value) if for_csv else int(value)
    if kind == QuestionKind.NUMBER:
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return spreadsheet_safe(str(value))
        # Stored numbers may carry trailing zeros ("1.1250": answers.number_text keeps them
        # so that the text does not read as a thousands dot); cells show the number itself.
        if number.is_finite():
            number = number.normalize()
            number = number.quantize(Decimal(1)) if number == number.to_integral() else number
        return format(number, "f").replace(".", ",") if for_csv else number
    return spreadsheet_safe(str(value))


def table(survey: Survey, *, for_csv: bool) -> tuple[list[str], list[list]]:
    """Header and rows (three queries and one per older revision set, whatever the size)."""
    keys, key_of, info = columns(survey)
    header = [_("Nr."), _("Fassung"), _("Datum")] + [info[k][0] for k in keys]
    submissions = list(
        counted(survey)
        .select_related("questionnaire")
        .order_by("created", "pk")
        .values_list("pk", "questionnaire__revision", "created")
    )
    values: dict[int, dict] = {pk: {} for pk, _rev, _created in submissions}
    answers = SubmissionAnswer.objects.filter(submission__in=counted(survey)).values_list(
        "submission_id", "question_id", "value"
    )
    for submission_id, question_id, value in answers:
        key = key_of.get(question_id)
        if key is not None and submission_id in values:
            values[submission_id][key] = value
    rows = []
    for number, (pk, revision, created) in enumerate(submissions, start=1):
        day = timezone.localtime(created).date()
        row = [number, revision, day.strftime("%d.%m.%Y") if for_csv else day]
        for key in keys:
            row.append(cell_value(info[key][1], values[pk].get(key), for_csv=for_csv))
        rows.append(row)
    return header, rows


def as_csv(survey: Survey) -> bytes:
    header, rows = table(survey, for_csv=True)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([spreadsheet_safe(h) for h in header])
    for row in rows:
        writer.writerow(row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(survey: Survey) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    header, rows = table(survey, for_csv=False)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Antworten")
    sheet.append([spreadsheet_safe(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(row)
        sheet.cell(row=sheet.max_row, column=3).number_format = "DD.MM.YYYY"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_file(survey: Survey, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the raw answers as "csv" or "xlsx"."""
    name = f"umfrage-{survey.slug}-antworten"
    if fmt == "xlsx":
        return as_xlsx(survey), XLSX, f"{name}.xlsx"
    return as_csv(survey), CSV, f"{name}.csv"
