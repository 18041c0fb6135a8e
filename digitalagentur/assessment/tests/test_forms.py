import re

import pytest

from digitalagentur.assessment.forms import AnswerForm
from digitalagentur.assessment.models import QuestionKind
from digitalagentur.core.testing import make_field
from digitalagentur.testing.assessment import (
    make_questionnaire,
    make_survey_questionnaire,
    question_of_kind,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey_q(region):
    return make_survey_questionnaire(region)


def checked(bound) -> list[str]:
    inputs = re.findall(r"<input[^>]*>", str(bound))
    return [re.search(r'value="([^"]*)"', i).group(1) for i in inputs if " checked" in i]


def kinds(q):
    return {kind: question_of_kind(q, kind) for kind in QuestionKind.values}


def test_names_widgets_and_values(survey_q):
    qs = kinds(survey_q)
    data = {
        f"q{qs['scale'].pk}": "4",
        f"q{qs['single'].pk}": "zu Hause",
        f"q{qs['multiple'].pk}": ["Kaffee", "WLAN"],
        f"q{qs['number'].pk}": "12,5",
        f"q{qs['text'].pk}": "  Mehr Busse  ",
        f"q{qs['yesno'].pk}": "nein",
    }
    form = AnswerForm(data, questionnaire=survey_q)
    assert form.is_valid(), form.errors
    assert form.values() == {
        (qs["scale"].pk, None): 4,
        (qs["single"].pk, None): "zu Hause",
        (qs["multiple"].pk, None): ["WLAN", "Kaffee"],
        (qs["number"].pk, None): "12.5",
        (qs["text"].pk, None): "Mehr Busse",
        (qs["yesno"].pk, None): False,
    }
    scale = form[f"q{qs['scale'].pk}"]
    assert scale.field.is_group and scale.field.input_type == "radio"
    assert scale.field.kind == "scale"
    html = str(scale)
    assert 'type="radio"' in html and "4 – hoch" in html
    assert 'type="checkbox"' in str(form[f"q{qs['multiple'].pk}"])
    number_html = str(form[f"q{qs['number'].pk}"])
    assert 'inputmode="decimal"' in number_html
    assert 'maxlength="5000"' in str(form[f"q{qs['text'].pk}"])
    assert not form[f"q{qs['text'].pk}"].field.is_group


def test_draft_may_be_incomplete_but_submit_requires(survey_q):
    qs = kinds(survey_q)
    draft = AnswerForm({f"q{qs['text'].pk}": "nur Text"}, questionnaire=survey_q)
    assert draft.is_valid()
    assert draft.values() == {(qs["text"].pk, None): "nur Text"}
    final = AnswerForm({f"q{qs['text'].pk}": "nur Text"}, questionnaire=survey_q, require=True)
    assert not final.is_valid()
    required = {f"q{qs['scale'].pk}", f"q{qs['yesno'].pk}"}
    assert set(final.errors) == required
    assert final.errors[f"q{qs['scale'].pk}"] == ["Bitte beantworten Sie diese Frage."]


def test_bad_values_use_clean_value_messages(survey_q):
    qs = kinds(survey_q)
    form = AnswerForm(
        {f"q{qs['scale'].pk}": "7", f"q{qs['number'].pk}": "999"}, questionnaire=survey_q
    )
    assert not form.is_valid()
    assert form.errors[f"q{qs['scale'].pk}"] == ["Bitte einen Wert von 1 bis 5 wählen."]
    assert form.errors[f"q{qs['number'].pk}"] == ["Bitte eine Zahl von höchstens 500 eingeben."]


def test_initial_values_shown(survey_q):
    qs = kinds(survey_q)
    form = AnswerForm(
        questionnaire=survey_q,
        initial_values={
            (qs["yesno"].pk, None): True,
            (qs["number"].pk, None): "1234.5",
            (qs["scale"].pk, None): 2,
        },
    )
    assert checked(form[f"q{qs['yesno'].pk}"]) == ["ja"]
    assert checked(form[f"q{qs['scale'].pk}"]) == ["2"]
    assert 'value="1234,5"' in str(form[f"q{qs['number'].pk}"])


def test_per_field_names_and_layout(region, strategy):
    q = make_questionnaire(region)
    fields = [make_field(strategy, "Bildung"), make_field(strategy, "Mobilität")]
    questions = list(q.questions.order_by("section__position", "position"))
    data = {f"q{questions[0].pk}_f{fields[1].pk}": "5"}
    form = AnswerForm(data, questionnaire=q, fields=fields)
    assert len(form.fields) == len(questions) * 2
    assert form.is_valid(), form.errors
    assert form.values() == {(questions[0].pk, fields[1].pk): 5}
    layout = form.layout()
    assert [field for field, _ in layout] == fields
    field, sections = layout[1]
    assert [section.title for section, _ in sections] == ["Relevanz", "Potenzial"]
    names = [bound.name for _, bounds in sections for bound in bounds]
    assert names == [f"q{question.pk}_f{fields[1].pk}" for question in questions]
    assert all(bound.field.strategy_field == fields[1] for _, b in sections for bound in b)


def test_layout_without_fields(survey_q):
    form = AnswerForm(questionnaire=survey_q)
    layout = form.layout()
    assert len(layout) == 1 and layout[0][0] is None
    ((section, bounds),) = layout[0][1]
    assert section.title == "Fragen"
    assert [b.field.kind for b in bounds] == [
        "scale", "single", "multiple", "number", "text", "yesno"
    ]  # fmt: skip


def test_numbers_with_thousands_dots_are_refused_not_guessed(survey_q):
    number = question_of_kind(survey_q, "number")
    form = AnswerForm({f"q{number.pk}": "1.500"}, questionnaire=survey_q)
    assert not form.is_valid()
    assert form.errors[f"q{number.pk}"] == [
        "Bitte eine Zahl mit höchstens 4 Nachkommastellen und höchstens 11 Stellen davor "
        "angeben (z. B. 12,5 oder 1650; ohne Tausenderpunkte)."
    ]


def test_cleaned_numbers_survey_a_second_cleaning_and_the_round_trip(survey_q):
    from digitalagentur.assessment.answers import clean_value

    number = question_of_kind(survey_q, "number")
    form = AnswerForm({f"q{number.pk}": "1,125"}, questionnaire=survey_q)
    assert form.is_valid(), form.errors
    stored = form.values()[(number.pk, None)]
    # services clean the form's values again (rounds.save_response): still 1.125, not 1125
    assert clean_value(number, stored) == stored
    shown = AnswerForm(questionnaire=survey_q, initial_values={(number.pk, None): stored})
    assert 'value="1,125"' in str(shown[f"q{number.pk}"])
    again = AnswerForm(
        {f"q{number.pk}": "1,125"},
        questionnaire=survey_q,
        initial_values={(number.pk, None): stored},
    )
    assert again.is_valid() and not again.has_changed()
