"""Bounces of the newsletter recorded by an import (issue 13, section 1): the mail server's
report of undeliverable addresses, as a CSV or plain text file, marks their subscriptions
"bounced" so that no further issue goes to them (a sending job skips every delivery whose
subscription is no longer active).

The file: one address per line, or a CSV (comma, semicolon or tab) whose header names an
address column (`email`, `E-Mail`, `Adresse`, `recipient`, …) and optionally a type column
(`type`, `Typ`, `Art`, `status`). A row is a soft bounce when its type says so ("soft",
"temporär", "temporary", "transient" or an SMTP status 4.x.x); every other row is hard. A
hard bounce marks the address at once; soft bounces are counted and mark it at the
SOFT_LIMIT-th. Importing the same file twice marks nothing twice (a hard bounce of a bounced
address is no change), but counts its soft bounces again.

`check` reads the file and says what `apply` would do; `apply` does it in one transaction
under row locks. Addresses are compared normalised (communication.newsletter); lines that
hold no address are listed with their number and never stop the rest.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import SubscriptionStatus
from .models import Subscription
from .newsletter import normalise_email

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 100_000
SOFT_LIMIT = 3
CHUNK = 500
SHOWN_PROBLEMS = 50
ADDRESS_COLUMNS = {
    "email",
    "e-mail",
    "e-mail-adresse",
    "email-adresse",
    "emailadresse",
    "mail",
    "adresse",
    "address",
    "recipient",
    "empfänger",
    "empfaenger",
}
TYPE_COLUMNS = {"type", "typ", "art", "status", "bounce", "bounce type", "bounce-typ"}
SOFT_WORDS = {"soft", "temporär", "temporaer", "temporary", "transient", "weich"}
SOFT_STATUS = re.compile(r"^4\.\d{1,3}\.\d{1,3}$")
MARKABLE = (SubscriptionStatus.ACTIVE, SubscriptionStatus.PENDING)


class BounceFileError(ValueError):
    """The file cannot be read at all (German message)."""


@dataclass
class BounceReport:
    hard: set[str] = field(default_factory=set)
    soft: set[str] = field(default_factory=set)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    problem_count: int = 0
    marked: int = 0  # subscriptions (to be) marked bounced
    counted: int = 0  # soft bounces counted without marking yet
    already: int = 0  # addresses bounced or unsubscribed before
    unknown: int = 0  # addresses without a subscription in the region
    applied: bool = False

    @property
    def addresses(self) -> int:
        return len(self.hard | self.soft)

    def problem(self, line: int, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < SHOWN_PROBLEMS:
            self.problems.append((line, message))


def decode(content: bytes) -> str:
    if len(content) > MAX_BYTES:
        raise BounceFileError(
            _("Die Datei ist größer als %(mb)s MB; bitte teilen Sie sie auf.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if b"\x00" in content:
        raise BounceFileError(_("Das ist keine Textdatei. Bitte laden Sie eine CSV-Datei hoch."))
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def is_soft(value: str) -> bool:
    value = (value or "").strip().lower()
    return value in SOFT_WORDS or bool(SOFT_STATUS.match(value))


def parse(content: bytes) -> BounceReport:
    """The addresses of the file, hard and soft (an address hard once is hard), and the lines
    without an address."""
    text = decode(content)
    if not text.strip():
        raise BounceFileError(_("Die Datei ist leer."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text), dialect)
    report = BounceReport()
    address_at, type_at = 0, None
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS + 1:
            raise BounceFileError(
                _("Die Datei hat mehr als %(rows)s Zeilen; bitte teilen Sie sie auf.")
                % {"rows": MAX_ROWS}
            )
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if number == 1:
            names = [cell.lower() for cell in cells]
            if ADDRESS_COLUMNS & set(names):
                address_at = next(i for i, name in enumerate(names) if name in ADDRESS_COLUMNS)
                type_at = next((i for i, name in enumerate(names) if name in TYPE_COLUMNS), None)
                continue
            if len(cells) > 1 and "@" not in cells[0] and "@" in cells[1]:
                address_at = 1
        value = cells[address_at] if address_at < len(cells) else ""
        try:
            email = normalise_email(value.strip("<>"))
        except ValidationError as error:
            report.problem(number, error.messages[0])
            continue
        kind = cells[type_at] if type_at is not None and type_at < len(cells) else ""
        if type_at is None and len(cells) > address_at + 1:
            kind = cells[address_at + 1]
        (report.soft if is_soft(kind) else report.hard).add(email)
    report.soft -= report.hard
    if not report.addresses:
        raise BounceFileError(
            _("Die Datei enthält keine gültige E-Mail-Adresse (erste Spalte oder „email“).")
        )
    return report


def _chunks(values):
    values = sorted(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _known(region, emails, *, lock: bool):
    queryset = Subscription.objects.filter(region=region, email__in=emails).order_by("pk")
    return list(queryset.select_for_update() if lock else queryset)


def _tally(region, content: bytes, *, write: bool, now=None) -> BounceReport:
    report = parse(content)
    now = now or timezone.now()
    for soft, emails in ((False, report.hard), (True, report.soft)):
        for chunk in _chunks(emails):
            found = _known(region, chunk, lock=write)
            report.unknown += len(chunk) - len(found)
            for subscription in found:
                if subscription.status not in MARKABLE:
                    report.already += 1
                    continue
                count = subscription.bounce_count + 1
                marks = not soft or count >= SOFT_LIMIT
                report.marked += marks
                report.counted += not marks
                if not write:
                    continue
                subscription.bounce_count = count
                fields = ["bounce_count", "updated"]
                if marks:
                    subscription.status = SubscriptionStatus.BOUNCED
                    subscription.bounced = now
                    subscription.token_hash = ""
                    fields += ["status", "bounced", "token_hash"]
                subscription.save(update_fields=fields)
    return report


def check(region, content: bytes) -> BounceReport:
    """What `apply` would do with this file (nothing is saved). BounceFileError when the file
    cannot be read."""
    return _tally(region, content, write=False)


def apply(region, content: bytes, *, now=None) -> BounceReport:
    """Record the file's bounces in the region, all or nothing."""
    with transaction.atomic():
        report = _tally(region, content, write=True, now=now)
    report.applied = True
    logger.info(
        "Newsletter bounces of region %s: %s marked, %s soft counted, %s unknown",
        region.pk,
        report.marked,
        report.counted,
        report.unknown,
    )
    return report
