import pytest

from digitalagentur.core.parsing import MAX_DB_INT, parse_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("42", 42),
        (7, 7),
        (str(MAX_DB_INT), MAX_DB_INT),
        (str(MAX_DB_INT + 1), None),
        ("99999999999999999999999", None),
        ("²", None),
        ("٣", None),  # Arabic-Indic digit: isdigit() but not ours
        ("-1", None),
        ("1.5", None),
        (" 1", None),
        ("", None),
        ("abc", None),
        ("1\x00", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_id_accepts_only_ascii_digits_in_range(text, expected):
    assert parse_id(text) == expected


def test_a_maximum_can_be_given():
    assert parse_id("11", maximum=10) is None
    assert parse_id("10", maximum=10) == 10
