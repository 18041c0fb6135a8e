"""Display data for frozen versions (strategy.versions snapshots) and for their diffs.

Snapshots are plain JSON; these functions add German labels and readable values, so the
templates only loop. Pure functions apart from the town names, which callers pass in.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from digitalagentur.portfolio.choices import ProjectStatus
from digitalagentur.portfolio.models import Project, code_sort_key
from digitalagentur.strategy.models import Field, Strategy

from .changes import EMPTY, field_label

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}
# Values that are codes (shown by label), not prose: no word-level marking for them.
CODED_KEYS = {"status", "field", "priority_group"}


def attribute_label(model, key: str) -> str:
    extra = {
        "goals": _("Ziele"),
        "draft_goals": _("Ziele (Entwurf)"),
        "municipalities": _("Beteiligte Kommunen"),
        "priority_group": _("Prioritätengruppe"),
        "field": _("Handlungsfeld"),
    }
    return str(extra.get(key) or field_label(model, key))


def priority_label(number) -> str:
    if number is None:
        return EMPTY
    return _("Priorität %(n)s") % {"n": ROMAN.get(number, number)}


class Presenter:
    """Formats snapshot values; knows the field names of both states and the town names."""

    def __init__(self, *snapshots: dict, town_names: dict[str, str] | None = None):
        self.field_names: dict[str, str] = {}
        for snap in snapshots:
            for slug, item in (snap.get("fields") or {}).items():
                self.field_names.setdefault(slug, item.get("name") or slug)
        self.town_names = town_names or {}

    def value(self, key: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return EMPTY
        if isinstance(value, bool):
            return _("ja") if value else _("nein")
        if key == "status":
            return str(dict(ProjectStatus.choices).get(value, value))
        if key == "priority_group":
            return priority_label(value)
        if key == "field":
            return self.field_names.get(value, value)
        if key == "progress":
            return f"{value} %"
        if key == "municipalities":
            return ", ".join(self.town_names.get(v, v) for v in value)
        if isinstance(value, list):
            return "; ".join(str(v) for v in value)
        return str(value)

    def list_items(self, key: str, values) -> list[str]:
        if key == "municipalities":
            return [self.town_names.get(v, v) for v in values or []]
        return [str(v) for v in values or []]

    def changes(self, model, changes: list[dict]) -> list[dict]:
        rows = []
        for change in changes:
            key = change["attribute"]
            before, after = change.get("before"), change.get("after")
            row = {
                "label": attribute_label(model, key),
                "before": self.value(key, before),
                "after": self.value(key, after),
                "segments": None if key in CODED_KEYS else change.get("segments"),
                "replaced": bool(change.get("text_replaced")),
            }
            if isinstance(before, list) or isinstance(after, list):
                old, new = self.list_items(key, before), self.list_items(key, after)
                row["added_items"] = [v for v in new if v not in old]
                row["removed_items"] = [v for v in old if v not in new]
            rows.append(row)
        return rows


def project_name(item: dict) -> str:
    code, title = item.get("code") or "", item.get("title") or ""
    return f"{code}: {title}" if code else title


def present_snapshot(snapshot: dict, town_names: dict[str, str]) -> dict:
    """A version's content: strategy texts, fields by priority group with goals, projects."""
    p = Presenter(snapshot, town_names=town_names)
    fields = sorted(
        (snapshot.get("fields") or {}).items(),
        key=lambda kv: (kv[1].get("priority_group") or 0, kv[1].get("position") or 0, kv[0]),
    )
    groups: list[dict] = []
    for slug, item in fields:
        number = item.get("priority_group")
        if not groups or groups[-1]["number"] != number:
            groups.append({"number": number, "label": priority_label(number), "fields": []})
        groups[-1]["fields"].append({"slug": slug, **item})
    projects = []
    for key, item in (snapshot.get("projects") or {}).items():
        projects.append(
            {
                "key": key,
                "name": project_name(item),
                "field": p.value("field", item.get("field")),
                "status": p.value("status", item.get("status")),
                "progress": item.get("progress") or 0,
                "towns": p.value("municipalities", item.get("municipalities")),
                "is_strategy_project": item.get("is_strategy_project"),
                "is_lighthouse": item.get("is_lighthouse"),
                "published": item.get("published"),
                "lead": item.get("lead") or "",
                "sort": (
                    not item.get("is_strategy_project"),
                    code_sort_key(item.get("code") or ""),
                    item.get("title") or "",
                ),
            }
        )
    projects.sort(key=lambda row: row["sort"])
    return {
        "strategy": snapshot.get("strategy") or {},
        "groups": groups,
        "field_count": len(fields),
        "projects": projects,
        "strategy_project_count": sum(1 for row in projects if row["is_strategy_project"]),
    }


def _present_collection(diff: dict, p: Presenter, model, name_of, old: dict, new: dict) -> dict:
    return {
        "added": [{"key": d["key"], "name": name_of(d["item"])} for d in diff.get("added", [])],
        "removed": [{"key": d["key"], "name": name_of(d["item"])} for d in diff.get("removed", [])],
        "changed": [
            {
                "key": d["key"],
                "name": name_of(new.get(d["key"]) or old.get(d["key"]) or {}),
                "changes": p.changes(model, d["changes"]),
            }
            for d in diff.get("changed", [])
        ],
    }


def present_diff(diff: dict, old: dict, new: dict, town_names: dict[str, str]) -> dict:
    """strategy.versions.diff_snapshots output with labels and display values."""
    p = Presenter(old, new, town_names=town_names)
    fields = _present_collection(
        diff.get("fields", {}),
        p,
        Field,
        lambda item: item.get("name") or "",
        old.get("fields") or {},
        new.get("fields") or {},
    )
    projects = _present_collection(
        diff.get("projects", {}),
        p,
        Project,
        project_name,
        old.get("projects") or {},
        new.get("projects") or {},
    )
    strategy = p.changes(Strategy, diff.get("strategy", []))
    empty = not strategy and not any(fields[k] or projects[k] for k in fields)
    return {"strategy": strategy, "fields": fields, "projects": projects, "empty": empty}
