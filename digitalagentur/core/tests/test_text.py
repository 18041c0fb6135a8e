import pytest

from digitalagentur.core.text import german_slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Fließende Prozesse", "fliessende-prozesse"),
        ("Mobilität", "mobilitaet"),
        ("Rückenwind für frische Ideen", "rueckenwind-fuer-frische-ideen"),
        ("Öffentliche Ämter", "oeffentliche-aemter"),
        ("Innenstadt/Dorfmitte", "innenstadtdorfmitte"),
        ("", ""),
    ],
)
def test_german_slugify_transliterates_umlauts_and_sharp_s(text, slug):
    assert german_slugify(text) == slug


def test_every_kind_of_line_break_counts_as_the_same():
    from digitalagentur.core.text import same_text

    assert same_text("a\r\nb\rc\nd", "a\nb\nc\nd")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Zeile 1\nZeile 2", "Zeile 1\r\nZeile 2", True),
        ("Zeile 1\nZeile 2", "Zeile 1  \r\nZeile 2\r\n", True),
        ("  Text", "Text", True),
        ("Zeile 1\nZeile 2", "Zeile 1\n\nZeile 2", False),  # a new paragraph shows
        ("Zeile 1 Zeile 2", "Zeile 1\nZeile 2", False),
        ("a  b", "a b", False),  # inside a line, spaces are kept as written
        ("a\n \nb", "a\n\nb", False),  # one paragraph with a break, or two
        ("Text", "Text.", False),
    ],
)
def test_same_text_ignores_only_what_a_reader_cannot_see(a, b, same):
    from digitalagentur.core.text import same_text

    assert same_text(a, b) is same
