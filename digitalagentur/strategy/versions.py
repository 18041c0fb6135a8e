"""Named versions of the living strategy: freezing the current state and comparing two states.

A snapshot is plain JSON so that versions stay readable however the models change later:
{"strategy": {...}, "fields": {slug: {..., "goals": [...]}}, "projects": {key: {...}}}.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, IntegrityError, transaction

from digitalagentur.core.diff import diff_words
from digitalagentur.core.services import log_change

from .models import Strategy, StrategyVersion, VersionDiff

#: How long a comparison with the current (changing) state stays cached, in seconds.
STATE_DIFF_CACHE_SECONDS = 24 * 60 * 60

STRATEGY_KEYS = ["title", "subtitle", "vision", "introduction"]
FIELD_KEYS = ["name", "priority_group", "guiding_principle", "description", "position"]
# Flags added to snapshots later: older snapshots lack them, which means "no" (not a change).
LATER_FLAGS = {"guiding_principle_is_demo_text"}
PROJECT_KEYS = [
    "code",
    "title",
    "field",
    "is_strategy_project",
    "is_lighthouse",
    "summary",
    "description",
    "central_benefit",
    "challenges",
    "lead",
    "status",
    "progress",
    "municipalities",
]


def project_key(project) -> str:
    return project.code or project.slug


def build_snapshot(strategy: Strategy) -> dict[str, Any]:
    """The strategy's current content, drafts included (a version is an internal record)."""
    from digitalagentur.portfolio.models import Project

    fields = {}
    for field in strategy.fields.select_related("priority_group").prefetch_related("goals"):
        fields[field.slug] = {
            "name": field.name,
            "priority_group": field.priority_group.number,
            "guiding_principle": field.guiding_principle,
            "guiding_principle_is_demo_text": field.guiding_principle_is_demo_text,
            "description": field.description,
            "position": field.position,
            "published": field.published,
            "goals": [goal.title for goal in field.goals.all() if goal.published],
            "draft_goals": [goal.title for goal in field.goals.all() if not goal.published],
        }
    projects = {}
    queryset = (
        Project.objects.filter(region_id=strategy.region_id)
        .select_related("field")
        .prefetch_related("municipalities")
    )
    for project in queryset:
        projects[project_key(project)] = {
            "code": project.code,
            "title": project.title,
            "field": project.field.slug if project.field else None,
            "is_strategy_project": project.is_strategy_project,
            "is_lighthouse": project.is_lighthouse,
            "summary": project.summary,
            "description": project.description,
            "central_benefit": project.central_benefit,
            "challenges": project.challenges,
            "lead": project.lead,
            "status": project.status,
            "progress": project.progress,
            "published": project.published,
            "municipalities": sorted(m.slug for m in project.municipalities.all()),
        }
    return {
        "strategy": {key: getattr(strategy, key) for key in STRATEGY_KEYS},
        "fields": fields,
        "projects": projects,
    }


@transaction.atomic
def freeze_version(strategy: Strategy, name: str, *, user=None, note: str = "") -> StrategyVersion:
    strategy = Strategy.objects.get(pk=strategy.pk)  # freeze what is stored, not a stale copy
    version = StrategyVersion(
        region_id=strategy.region_id,
        strategy=strategy,
        name=name.strip(),
        note=note,
        created_by=user if user is not None and user.is_authenticated else None,
        snapshot=build_snapshot(strategy),
    )
    version.full_clean()
    version.save()
    log_change(version, "create", user=user, changes={"name": {"before": None, "after": name}})
    return version


def public_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The part of a snapshot the public may see: no draft fields, goals or projects.

    A frozen version is a public record (councils adopt it), but drafts frozen with it are not.
    """
    fields = {
        key: {name: value for name, value in item.items() if name != "draft_goals"}
        for key, item in snapshot.get("fields", {}).items()
        if item.get("published", True)
    }
    projects = {}
    for key, item in snapshot.get("projects", {}).items():
        if not item.get("published", True):
            continue
        if item.get("field") not in fields:
            item = {**item, "field": None}  # the field is a draft: not even its slug
        projects[key] = item
    return {**snapshot, "fields": fields, "projects": projects}


def _changed_attributes(before: dict, after: dict) -> list[dict[str, Any]]:
    changes = []
    for key in dict.fromkeys([*before.keys(), *after.keys()]):
        old, new = before.get(key), after.get(key)
        if old == new or (key in LATER_FLAGS and not old and not new):
            continue
        change: dict[str, Any] = {"attribute": key, "before": old, "after": new}
        if isinstance(old, str) and isinstance(new, str):
            text = diff_words(old, new)
            change["segments"] = text.segments
            if text.replaced:
                change["text_replaced"] = True
        changes.append(change)
    return changes


def _diff_collection(before: dict, after: dict) -> dict[str, list]:
    added = [{"key": k, "item": after[k]} for k in after if k not in before]
    removed = [{"key": k, "item": before[k]} for k in before if k not in after]
    changed = []
    for key in before:
        if key in after and before[key] != after[key]:
            changes = _changed_attributes(before[key], after[key])
            if changes:  # not only a flag an older snapshot lacks (LATER_FLAGS)
                changed.append({"key": key, "changes": changes})
    return {"added": added, "removed": removed, "changed": changed}


def diff_snapshots(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What changed from `old` to `new`: strategy attributes, fields and projects."""
    return {
        "strategy": _changed_attributes(old.get("strategy", {}), new.get("strategy", {})),
        "fields": _diff_collection(old.get("fields", {}), new.get("fields", {})),
        "projects": _diff_collection(old.get("projects", {}), new.get("projects", {})),
    }


def version_diff(old: StrategyVersion, new: StrategyVersion, *, public: bool) -> dict[str, Any]:
    """diff_snapshots of two frozen versions (public parts only if `public`), computed once.

    Frozen snapshots never change, so the result is stored (VersionDiff) and read back on every
    later request. If storing fails (a concurrent first view stored it, or the database is
    read-only), the computed result is still returned.
    """
    stored = (
        VersionDiff.objects.filter(old=old, new=new, public=public)
        .values_list("diff", flat=True)
        .first()
    )
    if stored is not None:
        return stored
    a, b = old.snapshot, new.snapshot
    if public:
        a, b = public_snapshot(a), public_snapshot(b)
    diff = diff_snapshots(a, b)
    try:
        with transaction.atomic():
            VersionDiff.objects.create(
                region_id=old.region_id, old=old, new=new, public=public, diff=diff
            )
    except (IntegrityError, DatabaseError):
        pass
    return diff


def snapshot_key(snapshot: dict[str, Any]) -> str:
    """A content hash of a snapshot (stable for equal content)."""
    text = json.dumps(snapshot, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def state_diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """diff_snapshots of any two states (e.g. a version and the current state), cached.

    The cache key is the content hash of both states, so an edit of the current state gives a
    new key and a stale comparison is never shown; equal states are compared only once.
    """
    key = f"strategy-diff:{snapshot_key(old)}:{snapshot_key(new)}"
    diff = cache.get(key)
    if diff is None:
        diff = diff_snapshots(old, new)
        cache.set(key, diff, STATE_DIFF_CACHE_SECONDS)
    return diff
