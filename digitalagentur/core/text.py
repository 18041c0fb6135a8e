"""Text helpers for German content."""

from django.utils.text import slugify

_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def german_slugify(text: str) -> str:
    """A URL slug that keeps German words readable: "Fließende Prozesse" → "fliessende-prozesse".

    Django's slugify drops umlauts and ß ("flieende-prozesse"); transliterate them first.
    """
    return slugify(text.translate(_GERMAN))
