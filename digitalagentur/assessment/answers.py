"""Answer values of the questionnaire engine: cleaning raw input and showing values.

Values by question kind: scale int 1..5; single str (one of the options); multiple list[str]
(distinct, in the options' order); number str (a decimal, "1234.5"); text str (stripped, at
most 5000 characters); yesno bool. `None` means unanswered. The same cleaning is used by the
forms (staff and public), the API and imports, so messages are the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import SCALE_MAX, SCALE_MIN, QuestionKind

TEXT_MAX_LENGTH = 5000
YES_WORDS = {"ja", "true", "1", "yes", "j", "y", "on"}
NO_WORDS = {"nein", "false", "0", "no", "n", "off"}
_THOUSANDS_DOTS = re.compile(r"^[+-]?\d{1,3}(\.\d{3}){2,}$")
_THOUSANDS_DOTS_COMMA = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+,\d*$")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def is_empty(raw: Any) -> bool:
    """None, "" (or only whitespace), [] and () count as unanswered."""
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list | tuple):
        return not any(not is_empty(item) for item in raw)
    return False


def clean_value(question, raw: Any) -> Any:
    """The stored value of `raw` for `question`, or None when unanswered.

    Raises ValidationError with a German message for a bad value (e.g. "Bitte einen Wert
    von 1 bis 5 wählen.").
    """
    if is_empty(raw):
        return None
    cleaner = _CLEANERS.get(question.kind)
    if cleaner is None:  # pragma: no cover - the model's choices rule this out
        raise ValidationError(_("Unbekannte Fragenart."), code="invalid")
    return cleaner(question, raw)


def _clean_scale(question, raw):
    message = _("Bitte einen Wert von %(min)s bis %(max)s wählen.") % {
        "min": SCALE_MIN,
        "max": SCALE_MAX,
    }
    value = None
    if isinstance(raw, bool):
        value = None
    elif isinstance(raw, int):
        value = raw
    elif isinstance(raw, float | Decimal):
        if _finite(raw) and raw == int(raw):
            value = int(raw)
    elif isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit():
        value = int(raw.strip())
    if value is None or not SCALE_MIN <= value <= SCALE_MAX:
        raise ValidationError(message, code="scale")
    return value


def _finite(number) -> bool:
    try:
        return Decimal(str(number)).is_finite()
    except InvalidOperation:
        return False


def _clean_single(question, raw):
    options = [o for o in (question.options or []) if isinstance(o, str)]
    if isinstance(raw, str):
        text = raw.strip()
        if text in options:
            return text
        if raw in options:
            return raw
    raise ValidationError(_("Bitte eine der angebotenen Antworten wählen."), code="choice")


def _clean_multiple(question, raw):
    options = [o for o in (question.options or []) if isinstance(o, str)]
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple | set | frozenset):
        raise ValidationError(_("Bitte nur angebotene Antworten wählen."), code="choice")
    chosen = set()
    for item in items:
        if is_empty(item):
            continue
        if not isinstance(item, str) or (item not in options and item.strip() not in options):
            raise ValidationError(_("Bitte nur angebotene Antworten wählen."), code="choice")
        chosen.add(item if item in options else item.strip())
    if not chosen:
        return None
    return [o for o in dict.fromkeys(options) if o in chosen]


def parse_number(raw: Any) -> Decimal | None:
    """A Decimal from an int, Decimal, float or text ("1234,5", "1.234,5", "1234.5",
    "1.234.567"); None if it is no number."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | Decimal):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(str(raw))
    elif isinstance(raw, str):
        text = raw.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        text = text.replace("\u2212", "-")
        if _THOUSANDS_DOTS_COMMA.match(text) or _THOUSANDS_DOTS.match(text):
            text = text.replace(".", "")
        if not _PLAIN_NUMBER.match(text):
            return None
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            return None
    else:
        return None
    if not number.is_finite():
        return None
    return number


def number_text(number: Decimal) -> str:
    """The canonical stored form: plain decimal point, no exponent, no trailing zeros."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "+0") else text


def _clean_number(question, raw):
    number = parse_number(raw)
    if number is None:
        raise ValidationError(_("Bitte eine Zahl eingeben, z. B. 12 oder 3,5."), code="number")
    if abs(number) >= Decimal(10) ** 15 or -number.as_tuple().exponent > 6:
        raise ValidationError(
            _("Bitte eine Zahl mit höchstens 15 Stellen vor und 6 nach dem Komma eingeben."),
            code="number",
        )
    low, high = question.min_value, question.max_value
    if low is not None and number < low:
        raise ValidationError(
            _("Bitte eine Zahl von mindestens %(min)s eingeben.") % {"min": german_number(low)},
            code="min_value",
        )
    if high is not None and number > high:
        raise ValidationError(
            _("Bitte eine Zahl von höchstens %(max)s eingeben.") % {"max": german_number(high)},
            code="max_value",
        )
    return number_text(number)


def _clean_text(question, raw):
    if not isinstance(raw, str):
        raise ValidationError(_("Bitte einen Text eingeben."), code="text")
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > TEXT_MAX_LENGTH:
        raise ValidationError(
            _("Bitte höchstens %(max)s Zeichen eingeben (jetzt %(count)s).")
            % {"max": TEXT_MAX_LENGTH, "count": len(text)},
            code="max_length",
        )
    return text


def _clean_yesno(question, raw):
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
    raise ValidationError(_("Bitte „ja“ oder „nein“ wählen."), code="yesno")


_CLEANERS = {
    QuestionKind.SCALE: _clean_scale,
    QuestionKind.SINGLE: _clean_single,
    QuestionKind.MULTIPLE: _clean_multiple,
    QuestionKind.NUMBER: _clean_number,
    QuestionKind.TEXT: _clean_text,
    QuestionKind.YESNO: _clean_yesno,
}


def german_number(value: Any, *, grouping: bool = True) -> str:
    """A number in German notation: "1.234,5" (thousands dots unless `grouping` is off)."""
    number = value if isinstance(value, Decimal) else parse_number(value)
    if number is None:
        return str(value)
    text = number_text(number)
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, _dot, fraction = text.partition(".")
    if grouping:
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = ".".join([whole, *groups])
    return sign + whole + ("," + fraction if fraction else "")


def scale_label(question, value: int) -> str:
    labels = question.scale_labels or []
    if isinstance(value, int) and 1 <= value <= len(labels):
        label = labels[value - 1]
        if isinstance(label, str) and label.strip():
            return label.strip()
    return ""


def display_value(question, value: Any) -> str:
    """German text of a stored value: "ja"/"nein", "4 – hoch" (scale with labels),
    "a, b" (multiple choice), "1.234,5" (numbers); "" when unanswered."""
    if value is None or value == "" or value == []:
        return ""
    kind = question.kind
    if kind == QuestionKind.SCALE:
        label = scale_label(question, value)
        return f"{value} – {label}" if label else str(value)
    if kind == QuestionKind.YESNO:
        return _("ja") if value else _("nein")
    if kind == QuestionKind.MULTIPLE:
        items = value if isinstance(value, list | tuple) else [value]
        return ", ".join(str(item) for item in items)
    if kind == QuestionKind.NUMBER:
        return german_number(value)
    return str(value)


def criterion_scores(
    questions_by_pk: Mapping[int, Any], answers: Iterable[Any]
) -> dict[int | None, dict[str, Fraction]]:
    """Per field of action (field pk; None outside per-field questionnaires) the mean of the
    scale answers of each criterion's questions: {field_id: {criterion_key: Fraction}}.

    `questions_by_pk` maps question pks to Question objects (with `criterion` loaded);
    `answers` are Answer objects or mappings with "question", "field" and "value" (pks, as in
    ResponseRevision.answers). Criteria without any scale answer are absent.
    """
    sums: dict[int | None, dict[str, list[int]]] = {}
    for answer in answers:
        if isinstance(answer, Mapping):
            question_id, field_id, value = answer["question"], answer.get("field"), answer["value"]
        else:
            question_id, field_id, value = answer.question_id, answer.field_id, answer.value
        question = questions_by_pk.get(question_id)
        if question is None or question.kind != QuestionKind.SCALE:
            continue
        if question.criterion_id is None or isinstance(value, bool) or not isinstance(value, int):
            continue
        if not SCALE_MIN <= value <= SCALE_MAX:
            continue
        total = sums.setdefault(field_id, {}).setdefault(question.criterion.key, [0, 0])
        total[0] += value
        total[1] += 1
    return {
        field_id: {key: Fraction(total, count) for key, (total, count) in per_key.items()}
        for field_id, per_key in sums.items()
    }
