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
