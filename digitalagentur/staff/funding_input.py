"""Amounts, rates and times as people type them into the staff forms of funding (pure
functions; one rule for the forms and static/js/funding-plan.js, which reads amounts alike).

Amounts: "1.234,56", "1234,56", "1234.56", "1.234" (German thousands), "15 Mio.", with or
without a euro sign; exact to the cent, never negative, below 10^12 euros. Rates: per cent
("65", "65 %", "62,5") kept as the fraction with four places (0.6500). Times: "14:00", and
"24:00" for the end of a day (as calls write their deadlines).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitalagentur.funding.models import MAX_AMOUNT, end_of_day

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
MILLION = Decimal(1_000_000)

_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 1.234 / 1.234,56 / 12.345.678,9
_COMMA = re.compile(r"\d+(?:,\d+)?")  # 1234 / 1234,56
_POINT = re.compile(r"\d+\.\d{1,2}")  # 1234.56 / 1234.5 (never 1.234: that is German)
_MILLIONS = re.compile(r"(?i)\s*mio\.?$")
_CURRENCY = re.compile(r"(?i)\s*(?:€|euro|eur)\s*")

AMOUNT_INVALID = _("Bitte einen Betrag in Euro angeben, z. B. 1.234,56 oder 1234,56.")
AMOUNT_NEGATIVE = _("Der Betrag darf nicht negativ sein.")
AMOUNT_CENTS = _("Bitte höchstens zwei Nachkommastellen (Cent) angeben.")
AMOUNT_TOO_LARGE = _("Der Betrag muss unter einer Billion Euro liegen.")


class AmountError(ValueError):
    """Why a text is no amount: `message` is the German text for the person who typed it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def parse_amount(text: str) -> Decimal:
    """The euros `text` spells, exact to the cent (AmountError otherwise).

    Accepted: 1.234,56 / 1234,56 / 1234.56 / 1.234 (German thousands) / 15 Mio. / 1,5 Mio. €,
    spaces and a euro sign anywhere around the number. Refused: negative amounts, more than
    two decimal places, anything from one trillion (10^12) euros on, "1,234.56".
    """
    text = (text or "").replace("\u00a0", " ").replace("\u202f", " ").strip()
    text = _CURRENCY.sub("", text)
    factor = Decimal(1)
    if _MILLIONS.search(text):
        text, factor = _MILLIONS.sub("", text), MILLION
    text = text.replace(" ", "")
    negative = text.startswith(("-", "−"))
    if negative or text.startswith("+"):
        text = text[1:]
    if _GROUPED.fullmatch(text) or _COMMA.fullmatch(text):
        number = text.replace(".", "").replace(",", ".")
    elif _POINT.fullmatch(text):
        number = text
    else:
        raise AmountError(AMOUNT_INVALID)
    try:
        value = Decimal(number) * factor
    except InvalidOperation as exc:  # pragma: no cover - the patterns admit only digits
        raise AmountError(AMOUNT_INVALID) from exc
    if negative and value:
        raise AmountError(AMOUNT_NEGATIVE)
    if value != value.quantize(CENT):
        raise AmountError(AMOUNT_CENTS)
    if value >= MAX_AMOUNT:
        raise AmountError(AMOUNT_TOO_LARGE)
    return value.quantize(CENT)


RATE_INVALID = _("Bitte einen Satz in Prozent angeben, z. B. 65 oder 62,5.")
RATE_RANGE = _("Der Satz liegt zwischen 0 und 100 %.")
RATE_PLACES = _("Bitte höchstens zwei Nachkommastellen angeben.")
RATE_AMBIGUOUS = _(
    "Bitte in Prozent angeben: 65 für 65 %. Ist wirklich weniger als 1 % gemeint, bitte mit "
    "Prozentzeichen schreiben (z. B. „0,5 %“)."
)
_PERCENT = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def parse_rate(text: str) -> Decimal:
    """A rate typed in per cent ("65", "65 %", "62,5") as a fraction with four places (0.6500);
    AmountError otherwise. A number below 1 without a per-cent sign is refused: "0,65" may
    mean 65 % (a fraction) as well as 0,65 %."""
    text = (text or "").replace("\u00a0", " ").strip()
    has_sign = text.endswith("%")
    text = text.rstrip("%").strip().replace(" ", "")
    if not _PERCENT.fullmatch(text):
        raise AmountError(RATE_INVALID)
    value = Decimal(text.replace(",", "."))
    if value < 0 or value > HUNDRED:
        raise AmountError(RATE_RANGE)
    if 0 < value < 1 and not has_sign:
        raise AmountError(RATE_AMBIGUOUS)
    rate = value / HUNDRED
    if rate != rate.quantize(Decimal("0.0001")):
        raise AmountError(RATE_PLACES)
    return rate.quantize(Decimal("0.0001"))


def rate_as_percent(rate: Decimal) -> str:
    """0.6500 -> "65", 0.625 -> "62,5" (how a stored rate is shown in a form)."""
    value = (rate * HUNDRED).normalize()
    return format(value, "f").replace(".", ",")


TIME_INVALID = _("Bitte eine Uhrzeit wie 12:00 oder 24:00 angeben.")
_TIME = re.compile(r"(?i)(\d{1,2})(?:[:.](\d{2}))?(?:\s*uhr)?")


def parse_time(text: str) -> datetime.time | None:
    """ "12:00", "9.30", "14 Uhr" as a time; "24:00" gives None (the end of the day)."""
    match = _TIME.fullmatch((text or "").strip())
    if not match:
        raise AmountError(TIME_INVALID)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour == 24 and minute == 0:
        return None
    if hour > 23 or minute > 59:
        raise AmountError(TIME_INVALID)
    return datetime.time(hour, minute)


DATE_RANGE = _("Bitte ein Datum zwischen 1900 und 2200 angeben.")


def moment(day: datetime.date, time_text: str) -> datetime.datetime:
    """A date and a typed time in Europe/Berlin; "24:00" is the end of that day."""
    if not 1900 <= day.year <= 2200:
        raise AmountError(DATE_RANGE)
    time = parse_time(time_text)
    if time is None:
        return end_of_day(day)
    return timezone.make_aware(datetime.datetime.combine(day, time))


def split_moment(value: datetime.datetime | None, *, midnight_ends_day: bool):
    """(date, "HH:MM") of a stored moment as a form shows it; a deadline at midnight is shown
    as "24:00" of the day before (as it is written: "14.03.2021, 24:00 Uhr")."""
    if value is None:
        return None, ""
    local = timezone.localtime(value)
    if midnight_ends_day and local.time() == datetime.time():
        return local.date() - datetime.timedelta(days=1), "24:00"
    return local.date(), local.strftime("%H:%M")
