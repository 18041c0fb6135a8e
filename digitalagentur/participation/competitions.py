"""Writes and the ranking of competitions (issue 12, section 2): entries, the jury's conflicts
and scores, and the published result. Every write runs in a transaction with the change log
(core.services); errors are ValidationErrors with German messages (a dict by field name when a
field is at fault).

Rules
- Entries only while the submission phase runs (Competition.phase()), by a logged-in, active
  account; title and text required and bounded; the call's extra fields checked
  (Competition.extra_fields); the same person cannot hand in the same title twice.
- A juror scores the submissions of their own competition, 0–10 per criterion, until the
  result is published, except the ones they declared a conflict of interest for; declaring one
  removes the scores they gave it. A withdrawn submission is not scored and not ranked.
- The ranking is the weighted mean of the jury's scores (participation.ranking); publishing the
  result gives the prizes, by position, to the ranked submissions in ranking order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from digitalagentur.core import services as core
from digitalagentur.core.models import ObjectChange

from . import limits
from . import ranking as ranking_math
from .choices import CompetitionPhase
from .competition_setup import (
    EXTRA_MAX_DEFAULT,
    add_criterion,
    add_juror,
    add_prize,
    check_extra_field_definitions,
    create_competition,
    create_logged,
    locked_competition,
    log,
    refuse_after_result,
    remove_juror,
)
from .models import (
    TEXT_MAX,
    TITLE_MAX,
    Competition,
    Conflict,
    Criterion,
    Juror,
    Prize,
    Score,
    Submission,
)
from .rules import can_take_part
from .services import display_name

__all__ = [  # the services of a call (competition_setup) are re-exported
    "EXTRA_MAX_DEFAULT",
    "RankedEntry",
    "add_criterion",
    "add_juror",
    "add_prize",
    "check_extra_field_definitions",
    "create_competition",
    "declare_conflict",
    "publish_result",
    "ranking",
    "remove_juror",
    "score",
    "submit_entry",
    "winners",
    "withdraw_entry",
]

COMMENT_MAX = 2000
NOTE_MAX = 500
SPACES = re.compile(r"\s+")


def _normal_title(title: str) -> str:
    return SPACES.sub(" ", title or "").strip()


# Entries ------------------------------------------------------------------------------------


def _extra_errors(definitions: list, extra: dict | None) -> tuple[dict[str, str], dict]:
    extra = dict(extra or {})
    errors: dict[str, str] = {}
    cleaned: dict[str, str] = {}
    known = {item["key"]: item for item in definitions}
    for key in extra:
        if key not in known:
            errors[str(key)] = _("Dieses Feld gibt es in diesem Wettbewerb nicht.")
    for key, item in known.items():
        value = extra.get(key)
        value = "" if value is None else str(value).strip()
        max_length = item.get("max_length", EXTRA_MAX_DEFAULT)
        if item.get("required") and not value:
            errors[key] = _("Bitte füllen Sie „%(label)s“ aus.") % {"label": item["label"]}
        elif len(value) > max_length:
            errors[key] = _("„%(label)s“ ist zu lang (höchstens %(n)d Zeichen).") % {
                "label": item["label"],
                "n": max_length,
            }
        elif value:
            cleaned[key] = value
    return errors, cleaned


@transaction.atomic
def submit_entry(
    competition: Competition,
    *,
    user,
    title: str,
    text: str,
    municipality=None,
    extra: dict | None = None,
    client_ip: str = "",
) -> Submission:
    """Hand in an entry while the submission phase runs."""
    if not can_take_part(user):
        raise ValidationError(_("Bitte melden Sie sich an (Konto mit bestätigter E-Mail)."))
    competition = locked_competition(competition)  # one entry of a title at a time
    if not competition.published or competition.phase() != CompetitionPhase.SUBMISSION:
        raise ValidationError(_("Für diesen Wettbewerb kann gerade nichts eingereicht werden."))
    title, text = _normal_title(title), (text or "").strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Bitte geben Sie einen Titel ein.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("Der Titel ist zu lang (höchstens %(n)d Zeichen).") % {"n": TITLE_MAX}
    if not text:
        errors["text"] = _("Bitte beschreiben Sie Ihren Beitrag.")
    elif len(text) > TEXT_MAX:
        errors["text"] = _("Die Beschreibung ist zu lang (höchstens %(n)d Zeichen).") % {
            "n": TEXT_MAX
        }
    if municipality is not None and municipality.region_id != competition.region_id:
        errors["municipality"] = _("Diese Kommune gehört nicht zu dieser Region.")
    extra_errors, cleaned_extra = _extra_errors(competition.extra_fields or [], extra)
    errors |= extra_errors
    if "title" not in errors and _is_duplicate(competition, user, title):
        errors["title"] = _("Einen Beitrag mit diesem Titel haben Sie schon eingereicht.")
    if errors:
        raise ValidationError(errors)
    first_time = not Submission.objects.filter(author=user).exists()
    limits.check("submission", user, client_ip, first_time=first_time)
    submission = Submission(
        competition=competition,
        title=title,
        text=text,
        municipality=municipality,
        author=user,
        submitter_name=display_name(user)[:200],
        extra=cleaned_extra,
    )
    return create_logged(submission, user=user, region_id=competition.region_id)


def _is_duplicate(competition: Competition, user, title: str) -> bool:
    normal = title.lower()
    candidates = Submission.objects.filter(
        competition=competition, author=user, withdrawn=False, title__iexact=normal
    ).values_list("title", flat=True)
    return any(_normal_title(t).lower() == normal for t in candidates)


@transaction.atomic
def withdraw_entry(submission: Submission, *, user, reason: str = "") -> Submission:
    """Withdraw an entry (its author or the coordination): it is no longer scored or ranked."""
    competition = locked_competition(submission.competition_id)
    refuse_after_result(competition)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.withdrawn:
        Submission.objects.filter(pk=submission.pk).update(withdrawn=True)
        submission.withdrawn = True
        log(
            submission,
            ObjectChange.Action.UPDATE,
            user=user,
            region_id=competition.region_id,
            changes={"withdrawn": {"before": False, "after": True}},
            reason=reason,
        )
    return submission


# The jury -----------------------------------------------------------------------------------


def _same_competition(juror: Juror, submission: Submission, criterion: Criterion | None = None):
    if submission.competition_id != juror.competition_id or (
        criterion is not None and criterion.competition_id != juror.competition_id
    ):
        raise ValidationError(_("Diese Einreichung gehört nicht zu Ihrem Wettbewerb."))


@transaction.atomic
def declare_conflict(juror: Juror, submission: Submission, note: str = "") -> Conflict:
    """Declare a conflict of interest (idempotent); the juror's scores of it are removed."""
    _same_competition(juror, submission)
    competition = locked_competition(juror.competition_id)
    refuse_after_result(competition)
    note = (note or "").strip()[:NOTE_MAX]
    conflict = Conflict.objects.filter(juror=juror, submission=submission).first()
    if conflict is None:
        try:
            with transaction.atomic():
                conflict = Conflict.objects.create(juror=juror, submission=submission, note=note)
        except IntegrityError:  # declared at the same moment in another request
            conflict = Conflict.objects.get(juror=juror, submission=submission)
        else:
            log(
                conflict,
                ObjectChange.Action.CREATE,
                user=juror.user,
                region_id=competition.region_id,
                changes=core.diff_snapshots({}, core.snapshot(conflict)),
            )
    removed, _rows = Score.objects.filter(juror=juror, submission=submission).delete()
    if removed:
        log(
            submission,
            ObjectChange.Action.UPDATE,
            user=juror.user,
            region_id=competition.region_id,
            changes={"scores_removed": {"before": None, "after": removed}},
            reason=_("Befangenheit erklärt"),
        )
    return conflict


def _score_value(value) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValidationError({"value": _("Bitte vergeben Sie ganze Punkte von 0 bis 10.")})
    return value


@transaction.atomic
def score(
    juror: Juror, submission: Submission, criterion: Criterion, value, comment: str = ""
) -> Score:
    """Give (or change) the juror's points for one criterion of one submission."""
    _same_competition(juror, submission, criterion)
    value = _score_value(value)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError(
            {
                "comment": _("Der Kommentar ist zu lang (höchstens %(n)d Zeichen).")
                % {"n": COMMENT_MAX}
            }
        )
    competition = locked_competition(juror.competition_id)  # serialises with publishing
    refuse_after_result(competition)
    if Submission.objects.filter(pk=submission.pk, withdrawn=True).exists():
        raise ValidationError(_("Diese Einreichung wurde zurückgezogen."))
    if Conflict.objects.filter(juror=juror, submission=submission).exists():
        raise ValidationError(
            _("Sie haben eine Befangenheit erklärt und können diese Einreichung nicht bewerten.")
        )
    keys = {"juror": juror, "submission": submission, "criterion": criterion}
    before = Score.objects.filter(**keys).values("value", "comment").first()
    try:
        with transaction.atomic():
            result, _created = Score.objects.update_or_create(
                **keys, defaults={"value": value, "comment": comment}
            )
    except IntegrityError:  # the same score saved at the same moment: update that row
        Score.objects.filter(**keys).update(value=value, comment=comment)
        result = Score.objects.get(**keys)
    after = {"value": value, "comment": comment}
    changes = core.diff_snapshots(before or {}, after)
    if changes:
        log(
            result,
            ObjectChange.Action.UPDATE if before else ObjectChange.Action.CREATE,
            user=juror.user,
            region_id=competition.region_id,
            changes=changes,
        )
    return result


# The ranking --------------------------------------------------------------------------------


@dataclass
class RankedEntry:
    """A submission's place: `score` rounded for display, `exact` for comparisons."""

    submission: Submission
    score: Decimal | None
    exact: Fraction | None
    rank: int | None
    jurors_scored: int
    per_juror: dict[Juror, Decimal] = field(default_factory=dict)  # juror order
    per_criterion: dict[Criterion, Decimal] = field(default_factory=dict)  # criterion order
    values: dict[Juror, dict[Criterion, int]] = field(default_factory=dict)
    conflicts: list[Juror] = field(default_factory=list)


def ranking(competition: Competition) -> list[RankedEntry]:
    """The ranked, non-withdrawn submissions (see participation.ranking), in five queries."""
    criteria = list(Criterion.objects.filter(competition=competition))
    jurors = list(
        Juror.objects.filter(competition=competition).select_related("user").order_by("pk")
    )
    submissions = {
        s.pk: s for s in Submission.objects.filter(competition=competition, withdrawn=False)
    }
    rows = Score.objects.filter(
        submission__competition=competition,
        submission__withdrawn=False,
        juror__competition=competition,
        criterion__competition=competition,
    ).values_list("juror_id", "submission_id", "criterion_id", "value")
    conflicts = list(
        Conflict.objects.filter(juror__competition=competition).values_list(
            "juror_id", "submission_id"
        )
    )
    entries = ranking_math.rank(
        {c.pk: c.weight for c in criteria},
        rows,
        {pk: s.title for pk, s in submissions.items()},
        conflicts,
    )
    juror_by_id = {j.pk: j for j in jurors}
    conflicted: dict[int, list[Juror]] = {}
    for juror_id, submission_id in conflicts:
        conflicted.setdefault(submission_id, []).append(juror_by_id[juror_id])
    result = []
    for entry in entries:
        result.append(
            RankedEntry(
                submission=submissions[entry.submission_id],
                score=entry.score,
                exact=entry.exact,
                rank=entry.rank,
                jurors_scored=entry.jurors_scored,
                per_juror={j: entry.per_juror[j.pk] for j in jurors if j.pk in entry.per_juror},
                per_criterion={
                    c: entry.per_criterion[c.pk] for c in criteria if c.pk in entry.per_criterion
                },
                values={
                    j: {c: entry.values[j.pk][c.pk] for c in criteria if c.pk in entry.values[j.pk]}
                    for j in jurors
                    if j.pk in entry.values
                },
                conflicts=sorted(conflicted.get(entry.submission_id, []), key=lambda j: j.pk),
            )
        )
    return result


@transaction.atomic
def publish_result(competition: Competition, *, user, reason: str = "") -> Competition:
    """Give the prizes (by position) to the ranked submissions in ranking order and publish
    the result. Submissions sharing a rank take consecutive prizes in the ranking's order."""
    competition = locked_competition(competition)
    if competition.result_published:
        raise ValidationError(_("Das Ergebnis ist schon veröffentlicht."))
    if competition.phase() in (CompetitionPhase.UPCOMING, CompetitionPhase.SUBMISSION):
        raise ValidationError(
            _("Das Ergebnis kann erst nach dem Ende der Einreichung veröffentlicht werden.")
        )
    ranked = [entry for entry in ranking(competition) if entry.rank is not None]
    if not ranked:
        raise ValidationError(
            _("Noch keine Einreichung ist bewertet: es gibt kein Ergebnis zu veröffentlichen.")
        )
    prizes = list(Prize.objects.select_for_update().filter(competition=competition))
    for index, prize in enumerate(prizes):
        winner = ranked[index].submission if index < len(ranked) else None
        if prize.winner_id == (winner.pk if winner else None):
            continue
        before = str(prize.winner) if prize.winner_id else None
        prize.winner = winner
        prize.save(update_fields=["winner"])
        log(
            prize,
            ObjectChange.Action.UPDATE,
            user=user,
            region_id=competition.region_id,
            changes={"winner": {"before": before, "after": str(winner) if winner else None}},
            reason=reason,
        )
    return core.update_object(
        competition,
        {"result_published": True},
        expected_version=competition.version,
        user=user,
        reason=reason,
    )


def winners(competition: Competition) -> list[Prize]:
    """The prizes with their winning submissions, by position (for the winners page)."""
    return list(
        Prize.objects.filter(competition=competition, winner__isnull=False)
        .select_related("winner")
        .order_by("position", "pk")
    )
