"""Test builders of workshops and their ideas (issue 9, section 5)."""

from __future__ import annotations

import datetime
from itertools import count

from digitalagentur.assessment import workshops as services
from digitalagentur.assessment.models import Workshop, WorkshopFormat, WorkshopIdea

_seq = count(1)


def make_workshop(field, title: str | None = None, **values) -> Workshop:
    values.setdefault("date", datetime.date(2020, 2, 19))
    values.setdefault("format", WorkshopFormat.IN_PERSON)
    values.setdefault("published", True)
    values["title"] = title or f"Workshop {next(_seq)}"
    values["field"] = field
    return services.create_workshop(field.region, values)


def make_idea(workshop: Workshop, title: str | None = None, **values) -> WorkshopIdea:
    values["title"] = title or f"Idee {next(_seq)}"
    return services.create_idea(workshop, values)


def workshop_data(field_obj, /, **overrides) -> dict:
    """POST data of the workshop form."""
    data = {
        "title": "Workshop Mobilität",
        "field": field_obj.pk,
        "date": "2020-02-19",
        "end_date": "",
        "format": WorkshopFormat.IN_PERSON,
        "participants": "30",
        "moderators": "Digitalagentur",
        "description": "Ganztägig",
        "goals_discussed": "Ziele",
        "reason": "",
    }
    data.update(overrides)
    return data
