"""POST data builders shared by the staff tests."""

from __future__ import annotations


def project_data(project, **overrides) -> dict:
    project.refresh_from_db()
    data = {
        "title": project.title,
        "code": project.code,
        "field": project.field_id or "",
        "summary": project.summary,
        "description": project.description,
        "central_benefit": project.central_benefit,
        "challenges": project.challenges,
        "lead": project.lead,
        "status": project.status,
        "progress": project.progress,
        "website": project.website,
        "internal_notes": project.internal_notes,
        "towns": sorted(project.participating_town_ids()),
        "version": project.version,
        "reason": "",
    }
    if project.is_strategy_project:
        data["is_strategy_project"] = "on"
    if project.is_lighthouse:
        data["is_lighthouse"] = "on"
    data.update(overrides)
    return data


def confirm_data(obj=None, **overrides) -> dict:
    data = {"version": getattr(obj, "version", "") if obj is not None else "", "reason": ""}
    data.update(overrides)
    return data


def field_data(field, **overrides) -> dict:
    field.refresh_from_db()
    data = {
        "name": field.name,
        "priority_group": field.priority_group_id,
        "position": field.position,
        "description": field.description,
        "guiding_principle": field.guiding_principle,
        "internal_notes": field.internal_notes,
        "version": field.version,
    }
    if field.published:
        data["published"] = "on"
    data.update(overrides)
    return data
