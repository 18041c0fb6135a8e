"""User names that cannot imitate others: a plain character set and a look-alike skeleton.

New user names consist of ASCII letters, digits and ``. _ - @`` only, so a Cyrillic "о" in
"koordination" is refused outright. Names are compared case-blind and by their *skeleton*:
NFKC, casefold and a mapping of Cyrillic and Greek letters that look like Latin ones, so that an
old name with such letters (created before this rule) still counts as the name it imitates.
"""

from __future__ import annotations

import re
import unicodedata

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

NEW_USERNAME_RE = re.compile(r"^[A-Za-z0-9._@-]+$")
ASCII_USERNAME_REGEX = r"^[A-Za-z0-9@.+_-]*$"

INVALID_USERNAME_MESSAGE = _(
    "Benutzernamen dürfen nur die Buchstaben a–z und A–Z (ohne Umlaute und ohne Buchstaben "
    "anderer Schriften), Ziffern sowie die Zeichen . _ - @ enthalten."
)

# Letters of other scripts that look like Latin letters (after casefolding), mapped to them.
CONFUSABLES = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "в": "b",
        "с": "c",
        "ԁ": "d",
        "е": "e",
        "ё": "e",
        "һ": "h",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "к": "k",
        "ӏ": "l",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "ԛ": "q",
        "ѕ": "s",
        "т": "t",
        "ц": "u",
        "ѵ": "v",
        "ԝ": "w",
        "х": "x",
        "у": "y",
        "з": "3",
        # Greek
        "α": "a",
        "β": "b",
        "ϲ": "c",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "γ": "y",
        "ω": "w",
        "ϳ": "j",
        "ζ": "z",
        # Latin look-alikes of other letters
        "ı": "i",
        "ł": "l",
        "ſ": "s",
    }
)


def skeleton(name: str) -> str:
    """The form two user names share when people cannot tell them apart."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    decomposed = unicodedata.normalize("NFKD", folded.translate(CONFUSABLES))
    # Drop combining marks (accents) so that "ó" and "o" share a skeleton.
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(CONFUSABLES)


def validate_username_characters(name: str) -> None:
    """The character rule for new user names (ValidationError with a German message)."""
    if not NEW_USERNAME_RE.match(name or ""):
        raise ValidationError(INVALID_USERNAME_MESSAGE, code="invalid_username")


def find_similar_account(name: str):
    """The account whose user name is `name` or indistinguishable from it, else None.

    Exact match first, then case-blind, then by skeleton (both ways: a typed imitation of an
    ASCII name and an old non-ASCII name imitating the typed one).
    """
    users = get_user_model().objects
    account = users.filter(username=name).first() or users.filter(username__iexact=name).first()
    if account is not None:
        return account
    key = skeleton(name)
    if key != name.casefold():
        account = users.filter(username__iexact=key).first()
        if account is not None:
            return account
    # Names outside the ASCII set are rare (the rule above forbids new ones): compare each.
    candidates = users.filter(~Q(username__regex=ASCII_USERNAME_REGEX)).order_by("pk")
    for candidate in candidates.only("pk", "username"):
        if skeleton(candidate.username) == key:
            return users.get(pk=candidate.pk)
    return None


class NewUsernameValidator:
    """AUTH-level validator for forms that create accounts (e.g. the Django admin)."""

    message = INVALID_USERNAME_MESSAGE

    def __call__(self, value: str) -> None:
        validate_username_characters(value)
        if find_similar_account(value) is not None:
            raise ValidationError(
                _("Diesen oder einen zum Verwechseln ähnlichen Benutzernamen gibt es bereits."),
                code="similar_username",
            )
