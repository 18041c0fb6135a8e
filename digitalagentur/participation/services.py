"""Writes of participation (issue 12): ideas, supports, comments and their moderation, each
in a transaction; moderation steps with the change log (core.services).

Errors are django ValidationErrors with German messages (a dict by field name when a field
is at fault); rate limits raise limits.RateLimited. A support is a row unique per person and
idea (participation_support_once): creating it twice, even at the same moment, leaves one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.core import images
from digitalagentur.core import services as core

from . import limits, search
from .choices import ANSWER_STATUSES, OPEN_STATUSES, PUBLIC_STATUSES, TRANSITIONS, IdeaStatus
from .models import (
    COMMENT_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Comment,
    CommentReport,
    Idea,
    IdeaStatusChange,
    Support,
)

EDITABLE = ("title", "text", "field", "municipality", "image_alt")
SPACES = re.compile(r"\s+")


def display_name(user) -> str:
    """The name shown for a person: the one they chose (may be a pseudonym), never their
    e-mail address or user name."""
    name = (getattr(user, "first_name", "") or "").strip() if user is not None else ""
    return name or _("Anonym")


def with_supporters(queryset):
    return queryset.annotate(supporters=Count("supports", distinct=True))


def supporters(idea: Idea) -> int:
    return Support.objects.filter(idea=idea).count()


def _require_participant(user) -> None:
    from .rules import can_take_part

    if not can_take_part(user):
        raise ValidationError(_("Bitte melden Sie sich an (Konto mit bestätigter E-Mail)."))


def _normal_title(title: str) -> str:
    return SPACES.sub(" ", title or "").strip()


def _text_errors(title: str, text: str) -> dict[str, str]:
    errors = {}
    if not title:
        errors["title"] = _("Bitte geben Sie einen Titel ein.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("Der Titel ist zu lang (höchstens %(n)d Zeichen).") % {"n": TITLE_MAX}
    if not text:
        errors["text"] = _("Bitte beschreiben Sie Ihre Idee.")
    elif len(text) > TEXT_MAX:
        errors["text"] = _("Die Beschreibung ist zu lang (höchstens %(n)d Zeichen).") % {
            "n": TEXT_MAX
        }
    return errors


def _place_errors(region, field, municipality) -> dict[str, str]:
    errors = {}
    if field is not None and field.region_id != region.pk:
        errors["field"] = _("Dieses Handlungsfeld gehört nicht zu dieser Region.")
    if municipality is not None and municipality.region_id != region.pk:
        errors["municipality"] = _("Diese Kommune gehört nicht zu dieser Region.")
    return errors


def duplicate_of(region, title: str, *, user=None, exclude_pk=None) -> Idea | None:
    """An idea of the region with the same title (case and spacing aside), not refused in
    moderation: the public one, or the person's own waiting one."""
    normal = _normal_title(title).lower()
    candidates = Idea.objects.filter(region=region, title__iexact=normal).exclude(
        status__in=(IdeaStatus.REJECTED, IdeaStatus.MERGED)
    )
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    for idea in candidates:  # iexact ignores the spacing inside: compare normalised titles
        if _normal_title(idea.title).lower() == normal:
            return idea
    return None


@transaction.atomic
def submit_idea(
    *,
    region,
    user,
    title: str,
    text: str,
    field=None,
    municipality=None,
    image: bytes | None = None,
    image_alt: str = "",
    client_ip: str = "",
) -> Idea:
    """A new idea, "received": public only once a moderator published it."""
    _require_participant(user)
    title, text = _normal_title(title), (text or "").strip()
    errors = _text_errors(title, text) | _place_errors(region, field, municipality)
    if image and not (image_alt or "").strip():
        errors["image_alt"] = _("Bitte beschreiben Sie das Bild in wenigen Worten.")
    if "title" not in errors:
        existing = duplicate_of(region, title)
        if existing is not None:
            if existing.is_public:
                errors["title"] = _(
                    "Eine Idee mit diesem Titel gibt es schon: „%(title)s“. Unterstützen Sie sie "
                    "doch oder wählen Sie einen anderen Titel."
                ) % {"title": existing.title}
            else:
                errors["title"] = _(
                    "Eine Idee mit diesem Titel wurde schon eingereicht und wartet auf die "
                    "Moderation."
                )
    photo = None
    if image:
        try:
            photo = images.cleaned_photo(image)
        except ValidationError as error:
            errors["image"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    first_time = not Idea.objects.filter(author=user).exists()
    limits.check("idea", user, client_ip, first_time=first_time)
    idea = Idea(
        region=region,
        title=title,
        text=text,
        field=field,
        municipality=municipality,
        author=user,
        image=photo.content if photo else None,
        image_type=photo.content_type if photo else "",
        image_alt=(image_alt or "").strip()[:300] if photo else "",
    )
    core.create_object(idea, user=user)
    IdeaStatusChange.objects.create(idea=idea, status=IdeaStatus.RECEIVED, user=user)
    return idea


# Supports -----------------------------------------------------------------------------------


def _open_idea_locked(idea: Idea) -> Idea:
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    if locked.status not in PUBLIC_STATUSES:
        raise ValidationError(_("Diese Idee gibt es nicht (mehr)."))
    if locked.status not in OPEN_STATUSES:
        raise ValidationError(
            _("Über diese Idee ist entschieden: sie kann nicht mehr unterstützt werden.")
        )
    return locked


def support(idea: Idea, user, *, client_ip: str = "") -> bool:
    """Support the idea; True when the support is new, False when the person supported it
    already. The idea's row is locked, so a merge or a decision cannot cross it."""
    _require_participant(user)
    with transaction.atomic():
        locked = _open_idea_locked(idea)
        if Support.objects.filter(idea=locked, user=user).exists():
            return False
        first_time = not Support.objects.filter(user=user).exists()
        limits.check("support", user, client_ip, first_time=first_time)
        try:
            with transaction.atomic():
                Support.objects.create(idea=locked, user=user)
        except IntegrityError:  # the same person's concurrent click won
            return False
    return True


def withdraw_support(idea: Idea, user) -> bool:
    """Withdraw the person's support; True when there was one."""
    _require_participant(user)
    with transaction.atomic():
        locked = Idea.objects.select_for_update().get(pk=idea.pk)
        deleted, _rows = Support.objects.filter(idea=locked, user=user).delete()
    return bool(deleted)


# Comments -----------------------------------------------------------------------------------


@transaction.atomic
def add_comment(idea: Idea, user, text: str, *, parent: Comment | None = None, client_ip=""):
    """A comment on a public idea, or an answer to a comment (never to an answer)."""
    _require_participant(user)
    text = (text or "").strip()
    if idea.status not in PUBLIC_STATUSES:
        raise ValidationError(_("Diese Idee gibt es nicht (mehr)."))
    if not text:
        raise ValidationError({"text": _("Bitte schreiben Sie einen Kommentar.")})
    if len(text) > COMMENT_MAX:
        raise ValidationError(
            {"text": _("Der Kommentar ist zu lang (höchstens %(n)d Zeichen).") % {"n": COMMENT_MAX}}
        )
    if parent is not None:
        if parent.idea_id != idea.pk or parent.hidden:
            raise ValidationError(_("Diesen Kommentar gibt es nicht (mehr)."))
        if parent.parent_id is not None:
            raise ValidationError(
                _("Auf eine Antwort kann nicht geantwortet werden: antworten Sie dem Kommentar.")
            )
    if Comment.objects.filter(idea=idea, author=user, text=text).exists():
        raise ValidationError({"text": _("Diesen Kommentar haben Sie schon geschrieben.")})
    first_time = not Comment.objects.filter(author=user).exists()
    limits.check("comment", user, client_ip, first_time=first_time)
    comment = Comment(idea=idea, parent=parent, author=user, text=text)
    comment.full_clean()
    comment.save()
    return comment


def report_comment(comment: Comment, user, reason: str = "") -> bool:
    """Report a comment to the moderators; False when this person reported it already."""
    _require_participant(user)
    if comment.hidden or comment.idea.status not in PUBLIC_STATUSES:
        raise ValidationError(_("Diesen Kommentar gibt es nicht (mehr)."))
    _report, created = CommentReport.objects.get_or_create(
        comment=comment, user=user, defaults={"reason": (reason or "").strip()[:500]}
    )
    return created


@transaction.atomic
def hide_comment(comment: Comment, *, user, reason: str) -> Comment:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte geben Sie einen Grund an.")})
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    before = {"hidden": comment.hidden, "hidden_reason": comment.hidden_reason}
    comment.hidden, comment.hidden_reason, comment.hidden_by = True, reason[:500], user
    comment.save(update_fields=["hidden", "hidden_reason", "hidden_by", "updated"])
    comment.reports.update(handled=True)
    _log_comment(comment, before, user, reason)
    return comment


@transaction.atomic
def show_comment(comment: Comment, *, user, reason: str = "") -> Comment:
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    before = {"hidden": comment.hidden, "hidden_reason": comment.hidden_reason}
    comment.hidden, comment.hidden_reason, comment.hidden_by = False, "", None
    comment.save(update_fields=["hidden", "hidden_reason", "hidden_by", "updated"])
    comment.reports.update(handled=True)
    _log_comment(comment, before, user, reason)
    return comment


def dismiss_reports(comment: Comment, *, user) -> int:
    return comment.reports.filter(handled=False).update(handled=True)


def _log_comment(comment: Comment, before: dict, user, reason: str) -> None:
    after = {"hidden": comment.hidden, "hidden_reason": comment.hidden_reason}
    core.log_change(
        comment,
        "update",
        user=user,
        changes=core.diff_snapshots(before, after),
        reason=reason,
        region_id=comment.idea.region_id,
    )


# Moderation ---------------------------------------------------------------------------------


def _locked(idea: Idea) -> Idea:
    return Idea.objects.select_for_update().get(pk=idea.pk)


@transaction.atomic
def set_status(idea: Idea, status: str, *, user, reason: str = "") -> Idea:
    """Move the idea along its way (choices.TRANSITIONS); declining (public reason) and
    rejecting in moderation need a reason. Every step is shown on the idea with its date."""
    idea = _locked(idea)
    status = IdeaStatus(status)
    reason = (reason or "").strip()
    if status not in TRANSITIONS[IdeaStatus(idea.status)]:
        raise ValidationError(
            _("Eine Idee im Status „%(old)s“ kann nicht „%(new)s“ werden.")
            % {"old": IdeaStatus(idea.status).label, "new": status.label}
        )
    if status in (IdeaStatus.DECLINED, IdeaStatus.REJECTED) and not reason:
        raise ValidationError({"reason": _("Bitte geben Sie eine Begründung an.")})
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {
                "reason": _("Die Begründung ist zu lang (höchstens %(n)d Zeichen).")
                % {"n": REASON_MAX}
            }
        )
    now = timezone.now()
    values: dict[str, Any] = {"status": status}
    if status == IdeaStatus.PUBLISHED and idea.published_at is None:
        values["published_at"] = now
    if status in ANSWER_STATUSES:
        values["answered"] = now
        if reason:
            values["answer"] = reason
    idea = core.update_object(idea, values, expected_version=idea.version, user=user, reason=reason)
    IdeaStatusChange.objects.create(idea=idea, status=status, reason=reason, time=now, user=user)
    return idea


@transaction.atomic
def edit_idea(idea: Idea, values: Mapping[str, Any], *, user, note: str) -> Idea:
    """A moderator's edit (title, text, field, town, image description) with a note saying
    why, kept in the change log."""
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            {"note": _("Bitte sagen Sie in einer Notiz, was Sie geändert haben.")}
        )
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError(
            _("Diese Angaben können nicht geändert werden: %(names)s")
            % {"names": ", ".join(sorted(unknown))}
        )
    idea = _locked(idea)
    values = dict(values)
    if "title" in values:
        values["title"] = _normal_title(values["title"])
    if "text" in values:
        values["text"] = (values["text"] or "").strip()
    errors = _text_errors(values.get("title", idea.title), values.get("text", idea.text))
    errors |= _place_errors(
        idea.region, values.get("field", idea.field), values.get("municipality", idea.municipality)
    )
    if errors:
        raise ValidationError(errors)
    return core.update_object(idea, values, expected_version=idea.version, user=user, reason=note)


@transaction.atomic
def merge_ideas(source: Idea, target: Idea, *, user, reason: str = "") -> Idea:
    """Merge `source` into `target`: its supports join the target's (a person who supported
    both counts once), its comments move along, and `source` is no longer public (its page
    leads to the target)."""
    if source.pk == target.pk:
        raise ValidationError(_("Eine Idee kann nicht mit sich selbst zusammengeführt werden."))
    first, second = sorted([source.pk, target.pk])
    locked = {i.pk: i for i in Idea.objects.select_for_update().filter(pk__in=[first, second])}
    source, target = locked[source.pk], locked[target.pk]
    if source.region_id != target.region_id:
        raise ValidationError(_("Die Ideen gehören zu verschiedenen Regionen."))
    closed = (IdeaStatus.MERGED, IdeaStatus.REJECTED)
    if source.status in closed or target.status in closed:
        raise ValidationError(
            _("Zusammengeführte oder abgelehnte Ideen können nicht zusammengeführt werden.")
        )
    if source.project_id:
        raise ValidationError(_("Diese Idee ist schon ein Projekt und bleibt eigenständig."))
    target_supporters = Support.objects.filter(idea=target).values("user_id")
    moved = (
        Support.objects.filter(idea=source)
        .exclude(user_id__in=target_supporters)
        .update(idea=target)
    )
    Support.objects.filter(idea=source).delete()  # people who supported both: counted once
    Comment.objects.filter(idea=source).update(idea=target)
    Idea.objects.filter(merged_into=source).update(merged_into=target)
    reason = (reason or "").strip()
    core.update_object(
        source,
        {"status": IdeaStatus.MERGED, "merged_into": target},
        expected_version=source.version,
        user=user,
        reason=reason,
    )
    IdeaStatusChange.objects.create(idea=source, status=IdeaStatus.MERGED, reason=reason, user=user)
    core.log_change(
        target,
        "update",
        user=user,
        changes={
            "merged_idea": {"before": None, "after": source.title},
            "supports_moved": {"before": None, "after": moved},
        },
        reason=reason,
    )
    return target


@transaction.atomic
def take_into_strategy(idea: Idea, *, user):
    """Turn the idea into a project draft (title, text, field and town taken over, not
    published) in one step; the idea is then "taken into the strategy" and shows the project,
    the project links back to the idea, and the next strategy version lists it."""
    from digitalagentur.portfolio.services import create_project

    idea = _locked(idea)
    if idea.project_id:
        raise ValidationError(_("Diese Idee wurde schon in die Strategie übernommen."))
    if idea.status not in (IdeaStatus.PUBLISHED, IdeaStatus.REVIEW, IdeaStatus.DECLINED):
        raise ValidationError(
            _("Nur veröffentlichte Ideen können in die Strategie übernommen werden.")
        )
    project = create_project(
        region=idea.region,
        values={
            "title": idea.title,
            "summary": idea.text[:500],
            "description": idea.text,
            "field": idea.field,
            "published": False,
        },
        town_ids=[idea.municipality_id] if idea.municipality_id else [],
        user=user,
        reason=_("Aus der Idee „%(title)s“ übernommen.") % {"title": idea.title},
    )
    now = timezone.now()
    answer = _("In die Strategie übernommen: als Projektentwurf „%(title)s“.") % {
        "title": project.title
    }
    core.update_object(
        idea,
        {"status": IdeaStatus.ADOPTED, "project": project, "answered": now, "answer": answer},
        expected_version=idea.version,
        user=user,
        reason=answer,
    )
    IdeaStatusChange.objects.create(
        idea=idea, status=IdeaStatus.ADOPTED, reason=answer, time=now, user=user
    )
    return project


# Finding ------------------------------------------------------------------------------------


def search_ideas(queryset, text: str):
    return search.search(queryset, text)


def similar_ideas(region, title: str, *, exclude: Idea | None = None, limit: int = 5):
    queryset = Idea.objects.public().filter(region=region)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return search.similar(queryset, title, limit=limit)
