"""Questionnaires, their sections, criteria and questions: every write through
digitalagentur.core.services (change log, `expected_version`), and revisions (issue 9, §1, §7a).

A questionnaire that has answers (a Response or a Submission on this revision) is never
changed under them. `writable(obj)` returns the object in a revision that may be changed:
itself while its questionnaire has no answers and is the newest revision; otherwise its
counterpart in a new revision (same slug, revision + 1, `predecessor` the old one; sections,
criteria and questions copied with their links), made once. Rounds and surveys that used
the old revision and still take answers (a round before its deadline and not applied to the
strategy, a survey not closed yet) are pointed at the new one; the others keep the revision
their results rest on, and existing responses and submissions keep the revision they saw.
All create/update/delete/move functions (here and in assessment.questionnaire_parts for
sections, criteria and questions) go through `writable`; an edit loaded from an
older revision whose counterpart was changed in the newer one meanwhile is an EditConflict.

`values` are mappings of model field names to cleaned values (a Question's `criterion` is a
Criterion or None; `section` a Section). Bad values raise ValidationError (German); a stale
`expected_version` raises core.services.EditConflict. Every function that changes
something returns the (possibly new-revision) object it changed or created.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.core import services as core
from digitalagentur.core.text import german_slugify

from .models import (
    Criterion,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    Round,
    Section,
    Submission,
    Survey,
)

UP, DOWN = "up", "down"

QUESTIONNAIRE_FIELDS = ("title", "description", "per_field")
SECTION_FIELDS = ("title", "description")
CRITERION_FIELDS = ("key", "name", "dimension", "weight")
QUESTION_FIELDS = (
    "section",
    "text",
    "help_text",
    "kind",
    "required",
    "criterion",
    "options",
    "scale_labels",
    "min_value",
    "max_value",
)
CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


# -- revisions ----------------------------------------------------------------------------


def has_answers(questionnaire: Questionnaire) -> bool:
    """Whether any Response or Submission was given on this revision."""
    return (
        Response.objects.filter(questionnaire_id=questionnaire.pk).exists()
        or Submission.objects.filter(questionnaire_id=questionnaire.pk).exists()
    )


def latest_revisions(region) -> QuerySet[Questionnaire]:
    """The newest revision of every questionnaire of the region (for lists), by title."""
    return Questionnaire.objects.filter(region=region, successor__isnull=True).order_by(
        "title", "pk"
    )


def revisions(questionnaire: Questionnaire) -> QuerySet[Questionnaire]:
    """All revisions of the questionnaire's slug, newest first."""
    return Questionnaire.objects.filter(
        region_id=questionnaire.region_id, slug=questionnaire.slug
    ).order_by("-revision")


def newest_revision(questionnaire: Questionnaire) -> Questionnaire:
    """The newest revision of the questionnaire's slug in its region."""
    return revisions(questionnaire).first() or questionnaire


def questionnaire_of(obj) -> Questionnaire:
    if isinstance(obj, Questionnaire):
        return obj
    if isinstance(obj, Section | Criterion | Question):
        return obj.questionnaire
    raise TypeError(f"not part of a questionnaire: {obj!r}")


def _stale(obj) -> ValidationError:
    return ValidationError(
        _(
            "„%(name)s“ gibt es in der neuesten Fassung des Fragebogens so nicht mehr. "
            "Bitte laden Sie die Seite neu."
        )
        % {"name": str(obj)[:80]}
    )


def _match(items: list, index: int | None, label: str, label_of) -> Any:
    """The item at `index` if its label matches, else the only item with that label."""
    if index is not None and index < len(items) and label_of(items[index]) == label:
        return items[index]
    same = [item for item in items if label_of(item) == label]
    return same[0] if len(same) == 1 else None


def counterpart(obj, questionnaire: Questionnaire):
    """The object corresponding to `obj` (Section, Criterion, Question of another revision)
    in `questionnaire`, or None. Criteria match by key; sections by place and title;
    questions by their section, place and text (a fresh copy keeps all places)."""
    if isinstance(obj, Questionnaire):
        return questionnaire
    if obj.questionnaire_id == questionnaire.pk:
        return obj
    source = obj.questionnaire
    if (source.region_id, source.slug) != (questionnaire.region_id, questionnaire.slug):
        return None  # another questionnaire, not another revision of this one
    if isinstance(obj, Criterion):
        return questionnaire.criteria.filter(key=obj.key).first()
    if isinstance(obj, Section):
        old = list(obj.questionnaire.sections.order_by("position", "pk"))
        index = next((i for i, s in enumerate(old) if s.pk == obj.pk), None)
        new = list(questionnaire.sections.order_by("position", "pk"))
        return _match(new, index, obj.title, lambda s: s.title)
    if isinstance(obj, Question):
        section = counterpart(obj.section, questionnaire)
        if section is None:
            return None
        old = list(obj.section.questions.order_by("position", "pk"))
        index = next((i for i, q in enumerate(old) if q.pk == obj.pk), None)
        new = list(section.questions.order_by("position", "pk"))
        return _match(new, index, obj.text, lambda q: q.text)
    raise TypeError(f"not part of a questionnaire: {obj!r}")


def _copy_contents(source: Questionnaire, target: Questionnaire) -> None:
    """Copy sections, criteria and questions (with their links) from source to target, in
    their order, so that places and pks keep the same sequence."""
    criteria = {}
    for criterion in source.criteria.order_by("dimension", "position", "pk"):
        old_pk = criterion.pk
        criterion.pk = None
        criterion.id = None
        criterion._state.adding = True
        criterion.questionnaire = target
        criterion.version = 1
        criterion.save()
        criteria[old_pk] = criterion
    sections = {}
    for section in source.sections.order_by("position", "pk"):
        old_pk = section.pk
        section.pk = None
        section.id = None
        section._state.adding = True
        section.questionnaire = target
        section.version = 1
        section.save()
        sections[old_pk] = section
    for question in source.questions.order_by("section__position", "section_id", "position", "pk"):
        question.pk = None
        question.id = None
        question._state.adding = True
        question.questionnaire = target
        question.section = sections[question.section_id]
        question.criterion = criteria.get(question.criterion_id)
        question.version = 1
        question.save()


def _new_revision(newest: Questionnaire, *, user=None, reason: str = "") -> Questionnaire:
    """Copy the newest revision into revision + 1 and point the rounds and surveys that still
    take answers at it."""
    new = Questionnaire(
        region_id=newest.region_id,
        slug=newest.slug,
        revision=newest.revision + 1,
        predecessor=newest,
        kind=newest.kind,
        title=newest.title,
        description=newest.description,
        per_field=newest.per_field,
    )
    core.create_object(
        new,
        user=user,
        reason=reason
        or _("Neue Fassung %(revision)s, weil die bisherige schon beantwortet wurde.")
        % {"revision": new.revision},
    )
    _copy_contents(newest, new)
    old_ids = list(revisions(newest).exclude(pk=new.pk).values_list("pk", flat=True))
    move_reason = _("Fragebogen auf die neue Fassung %(revision)s umgestellt.") % {
        "revision": new.revision
    }
    now = timezone.now()
    # Only rounds and surveys that still take answers move: a round past its deadline or
    # applied to the strategy, and a closed survey, keep the revision their results rest on.
    movable = (
        Round.objects.filter(deadline__gt=now, applied_version__isnull=True),
        Survey.objects.filter(closes_at__gt=now),
    )
    for queryset in movable:
        for obj in queryset.select_for_update().filter(questionnaire_id__in=old_ids):
            core.update_object(
                obj,
                {"questionnaire": new},
                expected_version=obj.version,
                user=user,
                reason=move_reason,
                validate=False,
            )
    return new


@transaction.atomic
def writable(obj, *, user=None, reason: str = ""):
    """`obj` (Questionnaire, Section, Criterion or Question) in a revision that may be
    changed, copying the questionnaire into a new revision when needed (see module doc).

    Locks the newest revision's row (select_for_update), so code that gives the first
    answer on a revision and locks the same row cannot race with an edit."""
    questionnaire = questionnaire_of(obj)
    newest = newest_revision(questionnaire)
    newest = Questionnaire.objects.select_for_update().get(pk=newest.pk)
    if Questionnaire.objects.filter(predecessor_id=newest.pk).exists():  # made meanwhile
        newest = Questionnaire.objects.select_for_update().get(predecessor_id=newest.pk)
    if has_answers(newest):
        target = _new_revision(newest, user=user, reason=reason)
    else:
        target = newest
    if isinstance(obj, Questionnaire):
        return obj if target.pk == obj.pk else target
    result = counterpart(obj, target)
    if result is None:
        raise _stale(obj)
    return result


def _check_version(obj, expected_version: int | None):
    """EditConflict unless `obj` is still at `expected_version` (before any copying)."""
    current = type(obj)._default_manager.filter(pk=obj.pk).first()
    if current is None or expected_version is None or current.version != expected_version:
        raise core.EditConflict(current or obj, expected_version)
    return current


def _same_content(original, copy, names) -> bool:
    """Whether `copy` (the counterpart of `original` in a newer revision) still has the
    values of `names` it was copied with; links (a question's section and criterion) are
    compared through their counterparts."""
    for name in names:
        field = type(original)._meta.get_field(name)
        if field.is_relation:
            linked = getattr(original, name)
            copied_id = getattr(copy, field.attname)
            if linked is None:
                if copied_id is not None:
                    return False
                continue
            mapped = counterpart(linked, questionnaire_of(copy))
            if mapped is None or mapped.pk != copied_id:
                return False
        elif getattr(original, name) != getattr(copy, name):
            return False
    return True


def _target_version(current, target, expected_version: int | None, names) -> int | None:
    """The version to write `target` at. `current` was checked against `expected_version`;
    when `target` is its copy in a newer revision, the editor saw `current`'s values, so a
    copy changed since (by someone else, in the new revision) is an EditConflict: never
    overwritten by a form loaded before."""
    if target.pk == current.pk:
        return expected_version
    if not _same_content(current, target, names):
        raise core.EditConflict(target, expected_version)
    return target.version


def _update(obj, values, *, expected_version, user, reason, allowed, prepare=None):
    """Update `obj` (checked against `expected_version`) in its writable revision."""
    current = _check_version(obj, expected_version)
    values = {k: v for k, v in values.items() if k in allowed}
    unchanged = prepare(current, dict(values)) if prepare is not None else values
    if all(getattr(current, k) == v for k, v in unchanged.items()):
        return current  # nothing to change: no new revision either
    with transaction.atomic():
        target = writable(current, user=user, reason=reason)
        version = _target_version(current, target, expected_version, allowed)
        if prepare is not None:
            values = prepare(target, values)
        return core.update_object(
            target, values, expected_version=version, user=user, reason=reason
        )


def _delete(obj, *, expected_version, user, reason) -> Questionnaire:
    current = _check_version(obj, expected_version)
    with transaction.atomic():
        target = writable(current, user=user, reason=reason)
        names = {
            Section: SECTION_FIELDS,
            Criterion: CRITERION_FIELDS,
            Question: QUESTION_FIELDS,
        }.get(type(current), QUESTIONNAIRE_FIELDS)
        version = _target_version(current, target, expected_version, names)
        questionnaire = target.questionnaire
        core.delete_object(target, expected_version=version, user=user, reason=reason)
        return questionnaire


def unique_slug(region_id: int, text: str) -> str:
    base = german_slugify(text)[:100] or "fragebogen"
    taken = Questionnaire.objects.filter(region_id=region_id)
    slug, n = base, 2
    while taken.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def copy_questionnaire(
    questionnaire: Questionnaire, *, title: str, user=None, slug: str | None = None
) -> Questionnaire:
    """A new questionnaire (revision 1, own slug derived from `title` unless given) with copies
    of all sections, criteria and questions: "use as template"."""
    new = Questionnaire(
        region_id=questionnaire.region_id,
        slug=slug or unique_slug(questionnaire.region_id, title),
        revision=1,
        kind=questionnaire.kind,
        title=title,
        description=questionnaire.description,
        per_field=questionnaire.per_field,
    )
    core.create_object(
        new,
        user=user,
        reason=_("Kopie von „%(title)s“") % {"title": str(questionnaire)[:200]},
    )
    _copy_contents(questionnaire, new)
    return new


# -- questionnaires -----------------------------------------------------------------------


def create_questionnaire(region, values: Mapping[str, Any], *, user=None) -> Questionnaire:
    """A new questionnaire (revision 1); `values`: title, slug (optional, else from the
    title), kind, description, per_field."""
    values = dict(values)
    slug = values.pop("slug", "") or unique_slug(region.pk, values.get("title", ""))
    allowed = {k: v for k, v in values.items() if k in (*QUESTIONNAIRE_FIELDS, "kind")}
    if Questionnaire.objects.filter(region=region, slug=slug).exists():
        raise ValidationError({"slug": [_("Dieses Kürzel ist schon vergeben.")]})
    return core.create_object(
        Questionnaire(region=region, slug=slug, revision=1, **allowed), user=user
    )


def update_questionnaire(
    questionnaire: Questionnaire,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
) -> Questionnaire:
    """Change title, description, per_field (kind and slug stay)."""
    return _update(
        questionnaire,
        values,
        expected_version=expected_version,
        user=user,
        reason=reason,
        allowed=QUESTIONNAIRE_FIELDS,
    )


def delete_denial(questionnaire: Questionnaire) -> str | None:
    """Why the questionnaire revision cannot be deleted (None: it can)."""
    if has_answers(questionnaire):
        return _("Dieser Fragebogen wurde schon beantwortet und kann nicht gelöscht werden.")
    if (
        Round.objects.filter(questionnaire=questionnaire).exists()
        or Survey.objects.filter(questionnaire=questionnaire).exists()
    ):
        return _("Dieser Fragebogen wird in einer Bewertungsrunde oder Umfrage verwendet.")
    if Questionnaire.objects.filter(predecessor=questionnaire).exists():
        return _("Von diesem Fragebogen gibt es eine neuere Fassung.")
    return None


@transaction.atomic
def delete_questionnaire(
    questionnaire: Questionnaire, *, expected_version: int | None, user=None, reason: str = ""
) -> None:
    """Delete a questionnaire revision without answers that no round or survey uses and that
    has no newer revision (ValidationError otherwise)."""
    current = _check_version(questionnaire, expected_version)
    current = Questionnaire.objects.select_for_update().get(pk=current.pk)
    denial = delete_denial(current)
    if denial:
        raise ValidationError(denial)
    try:
        core.delete_object(current, expected_version=expected_version, user=user, reason=reason)
    except models.ProtectedError as error:
        raise ValidationError(
            _("Dieser Fragebogen wird noch verwendet und kann nicht gelöscht werden.")
        ) from error
