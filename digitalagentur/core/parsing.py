"""Parsing untrusted text into ids and numbers without surprises.

`str.isdigit()` accepts characters such as "²" that `int()` rejects, and numbers beyond the
database's 64-bit range make some backends raise instead of finding nothing; both would be 500s.
"""

import re

MAX_DB_INT = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(text: object, maximum: int = MAX_DB_INT) -> int | None:
    """The non-negative integer `text` spells in ASCII digits, or None."""
    if not isinstance(text, str | int) or isinstance(text, bool):
        return None
    text = str(text)
    if not _ASCII_DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if value <= maximum else None
