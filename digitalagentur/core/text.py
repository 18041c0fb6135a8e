"""Text helpers for German content."""

from django.utils.text import normalize_newlines, slugify

_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def german_slugify(text: str) -> str:
    """A URL slug that keeps German words readable: "Fließende Prozesse" → "fliessende-prozesse".

    Django's slugify drops umlauts and ß ("flieende-prozesse"); transliterate them first.
    """
    return slugify(text.translate(_GERMAN))


def same_text(a: str, b: str) -> bool:
    """True when two texts differ at most in line endings and whitespace at line ends or at
    the start and end: what a reader cannot see, and so no change worth a log entry."""

    def canonical(text: str) -> str:
        # A line of only spaces stays as it is: "a\n \nb" renders as one paragraph,
        # "a\n\nb" as two (Django's linebreaks).
        lines = normalize_newlines(text).split("\n")
        return "\n".join(line.rstrip() if line.strip() else line for line in lines).strip()

    return canonical(a) == canonical(b)


# A cell starting with one of these is evaluated as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """Text for a CSV or spreadsheet cell that is never evaluated as a formula."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
