"""Answer values of the questionnaire engine: cleaning raw input and showing values.

Values by question kind: scale int 1..5; single str (one of the options); multiple list[str]
(distinct, in the options' order); number str (a decimal, "1234.5"); text str (stripped, at
most 5000 characters); yesno bool. `None` means unanswered. The same cleaning is used by the
forms (staff and public), the API and imports, so messages are the same everywhere.

Numbers follow the one rule of the project for typed numbers (indicators/numbers.py):
"12,5" or "12.5", no thousands separators ("1.500" could mean 1,5 or 1500 and is refused),
at most 4 decimal places; they are shown the German way ("1.500", "1.234,5").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from digitalagentur.indicators.numbers import display, fits, parse_decimal, plain

from .models import SCALE_MAX, SCALE_MIN, QuestionKind

TEXT_MAX_LENGTH = 5000
YES_WORDS = {"ja", "true", "1", "yes", "j", "y", "on"}
NO_WORDS = {"nein", "false", "0", "no", "n", "off"}


def number_message() -> str:
    """Why a typed number is refused: the message of the staff forms' DecimalInput
    (staff/forms_indicators.py), which follows the same rule."""
    return _(
        "Bitte eine Zahl mit höchstens 4 Nachkommastellen und höchstens 11 Stellen "
        "davor angeben (z. B. 12,5 oder 1650; ohne Tausenderpunkte)."
    )


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
    """A Decimal from what a person typed ("12,5", "12.5", " 1 650 "), an int, a float or a
    Decimal, by indicators.numbers.parse_decimal; None if it is no number, has a thousands
    separator that could be misread ("1.500", "1.234,5"), more than 4 decimal places or more
    than 11 digits before the point."""
    if isinstance(raw, Decimal):
        return raw if fits(raw) else None
    return parse_decimal(raw)


def number_text(number: Decimal) -> str:
    """The stored form: decimal point, no exponent, no trailing zeros, and always one that
    parse_number reads back as the same number (forms hand cleaned values on to services that
    clean them again): 1.125 is kept as "1.1250", because "1.125" reads as a thousands dot."""
    text = format(number.normalize(), "f")
    if text in ("-0", "+0"):
        return "0"
    if parse_number(text) != number:
        text += "0"
    return text


def _clean_number(question, raw):
    number = parse_number(raw)
    if number is None:
        raise ValidationError(number_message(), code="number")
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


def stored_number(value: Any) -> Decimal | None:
    """The Decimal of a stored number value ("1234.5", "1.1250"), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | float | str):
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def german_number(value: Any, *, grouping: bool = True) -> str:
    """A stored number for people (indicators.numbers.display: "1.234,5" in German, every
    decimal place kept), or without thousands dots for an input field (indicators.numbers.plain:
    "1234,5", read back by parse_number)."""
    number = stored_number(value)
    if number is None:
        return str(value)
    if not grouping:
        return plain(number)
    return display(number, max(0, -number.normalize().as_tuple().exponent))


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
