"""The ideas of a field of action or a town on its public page (issue 12): the newest few
public ideas and a link to the filtered list. A template tag, so that the field and town
pages (cached per region content version, which every idea's save raises) need no change of
their views."""

from __future__ import annotations

from django import template

from digitalagentur.participation.models import Idea

register = template.Library()

SHOWN = 5


@register.inclusion_tag("public/ideas/_section.html")
def ideas_section(*, field=None, town=None):
    """Public ideas of `field` or `town` (one of them), the newest first."""
    subject = field if field is not None else town
    ideas = Idea.objects.public().filter(region_id=subject.region_id)
    if field is not None:
        ideas = ideas.filter(field=field)
        query = f"field={field.slug}"
    else:
        ideas = ideas.filter(municipality=town)
        query = f"municipality={town.slug}"
    shown = list(
        ideas.only("pk", "title", "status", "created", "published_at", "is_demo").order_by(
            "-published_at", "-created", "-pk"
        )[: SHOWN + 1]
    )
    return {
        "ideas": shown[:SHOWN],
        "more": len(shown) > SHOWN,
        "query": query,
        "field": field,
        "town": town,
    }
