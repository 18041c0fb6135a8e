"""Results of citizen surveys (assessment/surveys.py): counts, percentages and distributions
per question, number statistics, free texts and their pages.

The questions of all revisions of a survey's questionnaire are grouped by (kind, text) in the
order of the current revision.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .models import Identification, Question, QuestionKind, Submission, SubmissionAnswer, Survey
from .survey_charts import survey_chart


def counted(survey: Survey, *, confirmed_only: bool = True):
    submissions = Submission.objects.filter(survey=survey)
    if confirmed_only:
        submissions = submissions.filter(confirmed_at__isnull=False)
    return submissions


def with_counts(queryset):
    """Surveys with `answer_count` (confirmed submissions) and `pending_count` (unconfirmed)."""
    return queryset.annotate(
        answer_count=Count("submissions", filter=Q(submissions__confirmed_at__isnull=False)),
        pending_count=Count("submissions", filter=Q(submissions__confirmed_at__isnull=True)),
    )


def german_number(value: Decimal | float, places: int = 1) -> str:
    text = f"{Decimal(str(value)):,.{places}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def number_text(value: Decimal) -> str:
    """A number as Germans write it, with the decimals it has (at most 4): "1.234,5"."""
    if value == value.to_integral():
        return german_number(value, 0)
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 2
    return german_number(value, min(places, 4))


def percent_text(count: int, whole: int) -> str:
    if not whole:
        return "–"
    return _("%(value)s %%") % {"value": german_number(Decimal(count) * 100 / whole, 1)}


@dataclass
class Row:
    label: str
    count: int
    percent: str
    share: float  # 0..1 of the question's answers (for the bar length)


@dataclass
class NumberStats:
    n: int
    mean: str
    median: str
    minimum: str
    maximum: str


@dataclass
class QuestionResult:
    key: tuple[str, str]
    text: str
    kind: str
    kind_label: str
    position: int
    section: str
    answered: int = 0
    total: int = 0
    rows: list[Row] = field(default_factory=list)
    stats: NumberStats | None = None
    texts: list[str] = field(default_factory=list)
    current: bool = True  # False: asked in an earlier revision only
    chart: Any = None  # survey_charts.SurveyChart of the rows (None without answers)
    text_page: Any = None  # a Paginator page of `texts` (paginate_texts)

    @property
    def answered_text(self) -> str:
        return percent_text(self.answered, self.total)

    @property
    def has_chart(self) -> bool:
        return bool(self.rows) and self.answered > 0


@dataclass
class SurveyResults:
    survey: Survey
    total: int
    pending: int
    questions: list[QuestionResult]
    texts_shown: bool = True  # False on the public page: free texts are left out


def question_key(question: Question) -> tuple[str, str]:
    return (question.kind, " ".join(question.text.split()).casefold())


def survey_questions(survey: Survey) -> tuple[list[Question], list[Question]]:
    """(questions of the current revision, questions of every revision with submissions)."""
    current = list(
        Question.objects.filter(questionnaire=survey.questionnaire).select_related("section")
    )
    used = set(Submission.objects.filter(survey=survey).values_list("questionnaire_id", flat=True))
    used.discard(survey.questionnaire_id)
    older = (
        list(Question.objects.filter(questionnaire_id__in=used).select_related("section"))
        if used
        else []
    )
    return current, older


def choice_rows(labels: Iterable[tuple[Any, str]], counts: Counter, answered: int) -> list[Row]:
    rows = []
    for value, label in labels:
        count = counts.get(value, 0)
        rows.append(
            Row(
                str(label),
                count,
                percent_text(count, answered),
                count / answered if answered else 0,
            )
        )
    return rows


def results(survey: Survey, *, confirmed_only: bool = True, public: bool = False) -> SurveyResults:
    """Counts, percentages and distributions per question (a fixed number of queries).

    Percentages are of the submissions that answered the question (multiple choice: they add
    up to more than 100 %); number questions get n, mean, median, min and max; free text is
    listed as given (templates escape it). `public`: for the public results page: free
    texts are left out (they may carry personal data or insults and are not moderated; only
    how many answered is shown) and so is the number of unconfirmed answers.
    """
    current, older = survey_questions(survey)
    submissions = counted(survey, confirmed_only=confirmed_only)
    total = submissions.count()
    pending = (
        Submission.objects.filter(survey=survey, confirmed_at__isnull=True).count()
        if survey.identification == Identification.EMAIL and not public
        else 0
    )
    by_key: dict[tuple[str, str], QuestionResult] = {}
    key_of: dict[int, tuple[str, str]] = {}
    options_of: dict[tuple[str, str], list[str]] = defaultdict(list)
    scale_labels: dict[tuple[str, str], list[str]] = {}
    for index, question in enumerate([*current, *older]):
        key = question_key(question)
        key_of[question.pk] = key
        for option in question.options or []:
            if option not in options_of[key]:
                options_of[key].append(option)
        if key not in by_key:
            scale_labels[key] = list(question.scale_labels or [])
            by_key[key] = QuestionResult(
                key=key,
                text=question.text,
                kind=question.kind,
                kind_label=str(QuestionKind(question.kind).label),
                position=index,
                section=question.section.title,
                total=total,
                current=index < len(current),
            )
    values: dict[tuple[str, str], list] = defaultdict(list)
    answers = SubmissionAnswer.objects.filter(submission__in=submissions).order_by(
        "submission__created", "submission_id"
    )
    for question_id, value in answers.values_list("question_id", "value"):
        key = key_of.get(question_id)
        if key is not None and value is not None and value != "" and value != []:
            values[key].append(value)
    for key, result in by_key.items():
        given = values.get(key, [])
        result.answered = len(given)
        fill(result, given, options_of.get(key, []), scale_labels.get(key, []))
        if public:
            result.texts = []
        result.chart = survey_chart(result.rows, result.answered)
    ordered = sorted(by_key.values(), key=lambda r: r.position)
    return SurveyResults(
        survey=survey,
        total=total,
        pending=pending,
        questions=ordered,
        texts_shown=not public,
    )


def fill(result: QuestionResult, given: list, options: list[str], scale_labels: list[str]):
    n = result.answered
    if result.kind == QuestionKind.SCALE:
        counts = Counter(int(v) for v in given if str(v).isdigit())
        labels = []
        for point in range(1, 6):
            label = scale_labels[point - 1] if len(scale_labels) >= point else ""
            labels.append((point, f"{point} – {label}" if label else str(point)))
        result.rows = choice_rows(labels, counts, n)
        numbers = [Decimal(v) for v in counts.elements()]
        result.stats = number_stats(numbers)
    elif result.kind == QuestionKind.SINGLE:
        counts = Counter(v for v in given if isinstance(v, str))
        extra = [v for v in counts if v not in options]
        result.rows = choice_rows([(o, o) for o in [*options, *extra]], counts, n)
    elif result.kind == QuestionKind.MULTIPLE:
        counts = Counter()
        for value in given:
            for choice in set(value if isinstance(value, list) else [value]):
                counts[choice] += 1
        extra = [v for v in counts if v not in options]
        result.rows = choice_rows([(o, o) for o in [*options, *extra]], counts, n)
    elif result.kind == QuestionKind.YESNO:
        counts = Counter(bool(v) for v in given)
        result.rows = choice_rows([(True, _("Ja")), (False, _("Nein"))], counts, n)
    elif result.kind == QuestionKind.NUMBER:
        numbers = []
        for value in given:
            try:
                numbers.append(Decimal(str(value)))
            except (InvalidOperation, ValueError):
                continue
        result.stats = number_stats(numbers)
    else:
        result.texts = [str(v) for v in given]


def number_stats(numbers: list[Decimal]) -> NumberStats | None:
    if not numbers:
        return None
    mean = sum(numbers, Decimal(0)) / len(numbers)
    return NumberStats(
        n=len(numbers),
        mean=german_number(mean, 2),
        median=number_text(Decimal(statistics.median(numbers))),
        minimum=number_text(min(numbers)),
        maximum=number_text(max(numbers)),
    )


TEXTS_PER_PAGE = 25


def paginate_texts(survey_results: SurveyResults, page_number, per_page: int = TEXTS_PER_PAGE):
    """Page `page_number` of every free-text question's answers (`result.text_page`)."""
    from django.core.paginator import Paginator

    for result in survey_results.questions:
        if result.kind == QuestionKind.TEXT and survey_results.texts_shown:
            result.text_page = Paginator(result.texts, per_page).get_page(page_number)
    return survey_results
