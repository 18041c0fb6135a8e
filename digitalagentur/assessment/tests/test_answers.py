from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from digitalagentur.assessment.answers import clean_value, criterion_scores, display_value
from digitalagentur.assessment.models import Answer, Criterion, Question, QuestionKind


def question(kind, **kwargs):
    return Question(kind=kind, text="Frage", **kwargs)


SCALE = question(QuestionKind.SCALE, scale_labels=["sehr gering", "gering", "", "hoch", "top"])
SINGLE = question(QuestionKind.SINGLE, options=["rot", "grün", "blau"])
MULTIPLE = question(QuestionKind.MULTIPLE, options=["a", "b", "c"])
NUMBER = question(QuestionKind.NUMBER)
BOUNDED = question(QuestionKind.NUMBER, min_value=Decimal("0"), max_value=Decimal("1000.5"))
TEXT = question(QuestionKind.TEXT)
YESNO = question(QuestionKind.YESNO)
ALL = [SCALE, SINGLE, MULTIPLE, NUMBER, TEXT, YESNO]


def message(q, raw):
    with pytest.raises(ValidationError) as error:
        clean_value(q, raw)
    return error.value.messages[0]


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.kind)
@pytest.mark.parametrize("raw", [None, "", "   ", [], ()])
def test_empty_is_unanswered(q, raw):
    assert clean_value(q, raw) is None


@pytest.mark.parametrize(("raw", "value"), [("3", 3), (3, 3), (" 5 ", 5), (1, 1), (4.0, 4)])
def test_scale_accepts(raw, value):
    assert clean_value(SCALE, raw) == value
    assert type(clean_value(SCALE, raw)) is int


@pytest.mark.parametrize("raw", [0, 6, 2.5, "x", "2,5", True, "-1", "٣", [3], {"v": 3}])
def test_scale_refuses(raw):
    assert message(SCALE, raw) == "Bitte einen Wert von 1 bis 5 wählen."


def test_single():
    assert clean_value(SINGLE, "grün") == "grün"
    assert clean_value(SINGLE, " blau ") == "blau"
    for bad in ("gelb", ["rot"], 1, "Rot"):
        assert message(SINGLE, bad) == "Bitte eine der angebotenen Antworten wählen."


def test_multiple_distinct_in_option_order():
    assert clean_value(MULTIPLE, ["c", "a", "c"]) == ["a", "c"]
    assert clean_value(MULTIPLE, "b") == ["b"]
    assert clean_value(MULTIPLE, ["", "b"]) == ["b"]
    for bad in (["a", "x"], [1], 5, {"a": 1}):
        assert message(MULTIPLE, bad) == "Bitte nur angebotene Antworten wählen."


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("12", "12"),
        ("3,5", "3.5"),
        ("3.5", "3.5"),
        ("1234,5", "1234.5"),
        ("0.500", "0.5"),
        ("-2,50", "-2.5"),
        (" 1 234,5 ", "1234.5"),
        ("1,125", "1.1250"),  # stored so that it reads back as 1.125, not 1125
        ("12345678901,1234", "12345678901.1234"),
        (7, "7"),
        (Decimal("2.50"), "2.5"),
        (0.1, "0.1"),
        ("0", "0"),
        ("100", "100"),
    ],
)
def test_number_accepts(raw, value):
    assert clean_value(NUMBER, raw) == value
    assert clean_value(NUMBER, value) == value  # cleaning a stored value keeps it


NUMBER_MESSAGE = (
    "Bitte eine Zahl mit höchstens 4 Nachkommastellen und höchstens 11 Stellen davor "
    "angeben (z. B. 12,5 oder 1650; ohne Tausenderpunkte)."
)


@pytest.mark.parametrize(
    "raw",
    ["x", "1,2,3", "1e5", "NaN", "inf", True, [1], "1.2.3", "1,23456", "1" * 12, "1" * 40],
)
def test_number_refuses(raw):
    assert message(NUMBER, raw) == NUMBER_MESSAGE


@pytest.mark.parametrize("raw", ["1.500", "12.000", "1.234,5", "1.234.567", "-1.500"])
def test_number_refuses_thousands_dots_that_could_be_misread(raw):
    # "1.500 km" is 1500 to a German reader but 1.5 by the decimal point: never guessed
    assert message(NUMBER, raw) == NUMBER_MESSAGE


def test_number_bounds():
    assert clean_value(BOUNDED, "1000,5") == "1000.5"
    assert message(BOUNDED, "-1") == "Bitte eine Zahl von mindestens 0 eingeben."
    assert message(BOUNDED, "1000,6") == "Bitte eine Zahl von höchstens 1.000,5 eingeben."


def test_text():
    assert clean_value(TEXT, "  <b>Hallo</b>\r\nWelt  ") == "<b>Hallo</b>\nWelt"
    assert clean_value(TEXT, "x" * 5000) == "x" * 5000
    assert message(TEXT, "x" * 5001) == "Bitte höchstens 5000 Zeichen eingeben (jetzt 5001)."
    assert message(TEXT, 5) == "Bitte einen Text eingeben."


@pytest.mark.parametrize(
    ("raw", "value"),
    [(True, True), (False, False), ("ja", True), ("Nein", False), ("true", True),
     ("false", False), ("1", True), ("0", False), (1, True), (0, False)],
)  # fmt: skip
def test_yesno_accepts(raw, value):
    assert clean_value(YESNO, raw) is value


@pytest.mark.parametrize("raw", ["vielleicht", 2, ["ja"]])
def test_yesno_refuses(raw):
    assert message(YESNO, raw) == "Bitte „ja“ oder „nein“ wählen."


def test_display_value():
    assert display_value(SCALE, 4) == "4 – hoch"
    assert display_value(SCALE, 3) == "3"
    assert display_value(question(QuestionKind.SCALE), 2) == "2"
    assert display_value(YESNO, True) == "ja"
    assert display_value(YESNO, False) == "nein"
    assert display_value(MULTIPLE, ["a", "c"]) == "a, c"
    assert display_value(NUMBER, "1234567.5") == "1.234.567,5"
    assert display_value(NUMBER, "-0.25") == "-0,25"
    assert display_value(NUMBER, "1500") == "1.500"
    assert display_value(NUMBER, "1.1250") == "1,125"
    assert display_value(NUMBER, "12.5") == "12,5"
    assert display_value(TEXT, "<b>x</b>") == "<b>x</b>"
    assert display_value(SINGLE, None) == ""


def test_criterion_scores_mean_per_field_and_criterion():
    growth = Criterion(pk=1, key="wachstum")
    staff = Criterion(pk=2, key="personal")
    q1 = Question(pk=10, kind=QuestionKind.SCALE, criterion=growth)
    q2 = Question(pk=11, kind=QuestionKind.SCALE, criterion=growth)
    q3 = Question(pk=12, kind=QuestionKind.SCALE, criterion=staff)
    q4 = Question(pk=13, kind=QuestionKind.NUMBER)
    q5 = Question(pk=14, kind=QuestionKind.SCALE)  # no criterion
    questions = {q.pk: q for q in (q1, q2, q3, q4, q5)}
    answers = [
        Answer(question_id=10, field_id=7, value=4),
        Answer(question_id=11, field_id=7, value=5),
        Answer(question_id=12, field_id=7, value=2),
        Answer(question_id=10, field_id=8, value=1),
        Answer(question_id=13, field_id=8, value="12"),
        Answer(question_id=14, field_id=8, value=5),
        {"question": 12, "field": 9, "value": 3},
        {"question": 99, "field": 9, "value": 3},
    ]
    assert criterion_scores(questions, answers) == {
        7: {"wachstum": Fraction(9, 2), "personal": Fraction(2)},
        8: {"wachstum": Fraction(1)},
        9: {"personal": Fraction(3)},
    }
