"""The towns' responses in assessment rounds (issue 9 §2): saving answers and the overview.

Responses are saved by `save_response` under a row lock; permissions are checked by the
callers (assessment.rules.answer_denial), everything else here.

History of a response: from its first submission on, every save stores a ResponseRevision of
the state *after* that save (the submission itself is revision 1). The state before any change
is therefore always the previous revision, and nothing that was ever submitted is lost.

Status rule: a submitted response stays submitted. Saving it again (until the deadline) with
`submit=False` keeps the status "submitted" but records a new revision; because it stays
submitted, the required questions must stay answered in every such save. `submit=True` on a
submitted response sets `submitted_at`/`submitted_by` anew.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.core.services import log_change
from digitalagentur.strategy.models import Field
from digitalagentur.tenancy.models import Municipality

from .models import (
    Answer,
    Question,
    Questionnaire,
    Response,
    ResponseRevision,
    ResponseStatus,
    Round,
)


def is_open(round: Round, now: datetime.datetime | None = None) -> bool:
    """Answers are taken until the deadline (exclusive)."""
    return (now or timezone.now()) < round.deadline


# --- responses ---------------------------------------------------------------------------------


def response_for(round: Round, municipality) -> Response | None:
    return (
        Response.objects.filter(round=round, municipality=municipality)
        .select_related("questionnaire", "submitted_by")
        .first()
    )


def answer_values(response: Response) -> dict[tuple[int, int | None], Any]:
    """The stored answers as {(question_pk, field_pk | None): value} (for forms)."""
    return {
        (a.question_id, a.field_id): a.value
        for a in Answer.objects.filter(response=response).only("question_id", "field_id", "value")
    }


def _snapshot(answers: Mapping[tuple[int, int | None], Any]) -> list[dict]:
    return [
        {"question": q, "field": f, "value": value}
        for (q, f), value in sorted(answers.items(), key=lambda item: (item[0][0], item[0][1] or 0))
    ]


def _key_label(question: Question, field: Field | None) -> str:
    return f"q{question.pk}" if field is None else f"q{question.pk}_f{field.pk}"


def stale_message() -> str:
    return _(
        "Diese Antwort wurde inzwischen von jemand anderem gespeichert. Bitte prüfen Sie den "
        "aktuellen Stand; Ihre Eingaben wurden nicht gespeichert."
    )


def _lock_current_revision(round: Round) -> int:
    """Lock the row of the round's current questionnaire revision and return its pk.

    questionnaires.writable() locks the same row before it decides to edit a revision in
    place (no answers yet) or to copy it and point the round at the copy; so a first answer
    never lands on a revision being edited in place. After waiting for the lock the round is
    read again, since it may point at a new revision by then.
    """
    current = Round.objects.filter(pk=round.pk).values_list("questionnaire_id", flat=True)[0]
    for _attempt in range(5):
        Questionnaire.objects.select_for_update().filter(pk=current).values_list("pk").first()
        again = Round.objects.filter(pk=round.pk).values_list("questionnaire_id", flat=True)[0]
        if again == current:
            break
        current = again
    return current


def _earlier_revision(questionnaire: Questionnaire, current_id: int) -> int:
    """pk of `questionnaire` if it is an earlier revision of the revision `current_id`
    (same region, slug and kind, lower revision number); else ValidationError."""
    current = Questionnaire.objects.get(pk=current_id)
    if (
        questionnaire.region_id != current.region_id
        or questionnaire.slug != current.slug
        or questionnaire.kind != current.kind
        or questionnaire.revision >= current.revision
    ):
        raise ValidationError(
            _("Dieser Fragebogen gehört nicht zu der Bewertungsrunde."), code="questionnaire"
        )
    return questionnaire.pk


def save_response(
    round: Round,
    municipality: Municipality,
    raw_values: Mapping[tuple[int, int | None], Any],
    *,
    user,
    submit: bool,
    expected_version: int | None,
    questionnaire: Questionnaire | None = None,
    now: datetime.datetime | None = None,
) -> Response:
    """Save a town's answers in `round` (the caller checked rules.answer_denial).

    `raw_values`: {(question_pk, field_pk | None): raw value}; each is cleaned with
    answers.clean_value. A key whose value is unanswered (None, "", []) clears that answer;
    questions not in `raw_values` keep their stored answer. `field_pk` is a field of the
    round for per-field questionnaires and None otherwise.

    `expected_version`: the response's version the caller showed; pass 1 when there was no
    response yet (a new response starts at version 1 and every save raises it), None to skip
    the check (scripts). A response saved by someone else meanwhile is refused (nothing is
    saved; the caller keeps the entered values in its form).

    Raises ValidationError (German): town not in the round, deadline passed, bad values (a
    dict of messages keyed "q<question_pk>" or "q<question_pk>_f<field_pk>"), required
    questions unanswered on submission, stale version. Nothing is saved if anything is wrong.
    `questionnaire`: the revision the town's page was built from. A town without a response
    yet starts its response on that revision when it is the round's current one or an earlier
    revision of it (§7a: an answer stays tied to the version the town saw); None means the
    current one. A response already tied to another revision refuses the save (code
    "questionnaire").

    See the module's docstring for history and status.
    """
    from .answers import clean_value

    now = now or timezone.now()
    if (
        municipality.region_id != round.region_id
        or not round.municipalities.filter(pk=municipality.pk).exists()
    ):
        raise ValidationError(_("Diese Kommune nimmt an der Bewertungsrunde nicht teil."))
    if not is_open(round, now):
        raise ValidationError(
            _("Die Frist dieser Runde ist abgelaufen; Antworten sind nicht mehr möglich.")
        )
    with transaction.atomic():
        questionnaire_id = round.questionnaire_id
        if not Response.objects.filter(round=round, municipality=municipality).exists():
            questionnaire_id = _lock_current_revision(round)
            if questionnaire is not None and questionnaire.pk != questionnaire_id:
                questionnaire_id = _earlier_revision(questionnaire, questionnaire_id)
            # A first answer and a change of the round's towns (update_round locks the round
            # row) never cross: after the lock the town must still take part.
            Round.objects.select_for_update().filter(pk=round.pk).values_list("pk").first()
            if not round.municipalities.filter(pk=municipality.pk).exists():
                raise ValidationError(_("Diese Kommune nimmt an der Bewertungsrunde nicht teil."))
        response, _created = Response.objects.get_or_create(
            round=round,
            municipality=municipality,
            defaults={"region_id": round.region_id, "questionnaire_id": questionnaire_id},
        )
        response = Response.objects.select_for_update().get(pk=response.pk)
        if expected_version is not None and response.version != expected_version:
            raise ValidationError(stale_message(), code="stale")
        if questionnaire is not None and response.questionnaire_id != questionnaire.pk:
            raise ValidationError(
                _(
                    "Diese Antwort gehört zu einer anderen Fassung des Fragebogens. Bitte "
                    "laden Sie die Seite neu."
                ),
                code="questionnaire",
            )
        questions = {
            q.pk: q
            for q in Question.objects.filter(questionnaire_id=response.questionnaire_id)
            .select_related("criterion")
            .order_by("section__position", "position", "pk")
        }
        per_field = Questionnaire.objects.filter(pk=response.questionnaire_id).values_list(
            "per_field", flat=True
        )[0]
        fields = {f.pk: f for f in round.fields.all()}
        stored = answer_values(response)
        errors: dict[str, list[str]] = {}
        changes: dict[tuple[int, int | None], Any] = {}
        for key, raw in raw_values.items():
            question_pk, field_pk = key
            question = questions.get(question_pk)
            field = fields.get(field_pk) if field_pk is not None else None
            if question is None or (per_field and field is None) or (not per_field and field_pk):
                label = f"q{question_pk}" + (f"_f{field_pk}" if field_pk else "")
                errors.setdefault(label, []).append(
                    _("Diese Frage gehört nicht zu diesem Fragebogen.")
                )
                continue
            try:
                changes[key] = clean_value(question, raw)
            except ValidationError as error:
                errors.setdefault(_key_label(question, field), []).extend(error.messages)
        merged = dict(stored)
        for key, value in changes.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        submitting = submit or response.status == ResponseStatus.SUBMITTED
        if submitting and not errors:
            keys_needed = [
                (question, field)
                for question in questions.values()
                if question.required
                for field in (fields.values() if per_field else [None])
            ]
            for question, field in keys_needed:
                if (question.pk, field.pk if field else None) not in merged:
                    errors.setdefault(_key_label(question, field), []).append(
                        _("Bitte beantworten Sie diese Pflichtfrage.")
                    )
        if errors:
            raise ValidationError(errors)

        for key, value in changes.items():
            question_pk, field_pk = key
            if value is None:
                Answer.objects.filter(
                    response=response, question_id=question_pk, field_id=field_pk
                ).delete()
            elif key not in stored:
                Answer.objects.create(
                    response=response, question_id=question_pk, field_id=field_pk, value=value
                )
            elif stored[key] != value:
                Answer.objects.filter(
                    response=response, question_id=question_pk, field_id=field_pk
                ).update(value=value)
        was_submitted = response.status == ResponseStatus.SUBMITTED
        if submit:
            response.status = ResponseStatus.SUBMITTED
            response.submitted_at = now
            response.submitted_by = user if user is not None and user.is_authenticated else None
        response.version += 1
        response.save()
        if submitting:
            number = (
                ResponseRevision.objects.filter(response=response)
                .order_by("-number")
                .values_list("number", flat=True)
                .first()
                or 0
            ) + 1
            ResponseRevision.objects.create(
                response=response,
                number=number,
                user=user if user is not None and user.is_authenticated else None,
                status=response.status,
                answers=_snapshot(merged),
            )
        if submit:
            log_change(
                response,
                "update",
                user=user,
                changes={
                    "status": {
                        "before": "submitted" if was_submitted else "draft",
                        "after": "submitted",
                    }
                },
                reason=_("Antwort eingereicht"),
            )
    return response


# --- overview ----------------------------------------------------------------------------------


def town_statuses(round: Round) -> list[tuple[Municipality, Response | None, str]]:
    """Every participating town with its response (or None) and a German status label, by
    town name; two queries whatever the number of towns."""
    responses = {
        r.municipality_id: r
        for r in Response.objects.filter(round=round).select_related("submitted_by")
    }
    rows = []
    for town in round.municipalities.order_by("name", "pk"):
        response = responses.get(town.pk)
        if response is None:
            label = _("noch keine Antwort")
        elif response.status == ResponseStatus.SUBMITTED:
            label = _("eingereicht")
        else:
            label = _("Entwurf")
        rows.append((town, response, label))
    return rows


def missing_municipalities(round: Round):
    """The participating towns that have not submitted (no response or a draft)."""
    submitted = Response.objects.filter(round=round, status=ResponseStatus.SUBMITTED).values(
        "municipality_id"
    )
    return round.municipalities.exclude(pk__in=submitted).order_by("name", "pk")


def participant_responses(round: Round) -> QuerySet[Response]:
    """The round's responses of the towns that (still) take part in it: results and counts
    never include a town that was removed from the round."""
    return Response.objects.filter(
        round=round, municipality_id__in=round.municipalities.values("pk")
    )


def with_counts(queryset: QuerySet[Round]) -> QuerySet[Round]:
    """`queryset` with `town_count` (participating towns) and `submitted_count` (submitted
    responses of towns still in the round) on every round; one query for any number of
    rounds (correlated subqueries, so the two counts never multiply each other)."""
    through = Round.municipalities.through
    towns = (
        through.objects.filter(round_id=OuterRef("pk"))
        .order_by()
        .values("round_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    submitted = (
        Response.objects.filter(
            round_id=OuterRef("pk"),
            status=ResponseStatus.SUBMITTED,
            municipality_id__in=through.objects.filter(round_id=OuterRef(OuterRef("pk"))).values(
                "municipality_id"
            ),
        )
        .order_by()
        .values("round_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(
        town_count=Coalesce(Subquery(towns, output_field=IntegerField()), Value(0)),
        submitted_count=Coalesce(Subquery(submitted, output_field=IntegerField()), Value(0)),
    )
