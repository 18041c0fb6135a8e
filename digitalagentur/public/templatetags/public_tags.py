"""Template helpers of the public website."""

from django import template
from django.utils.safestring import mark_safe

from digitalagentur.funding import deadlines
from digitalagentur.public import presentation

register = template.Library()


@register.filter
def partial_date(value, precision="day"):
    """{{ event.date|partial_date:event.date_precision }} → "Oktober 2021" for month precision."""
    return presentation.partial_date(value, precision)


@register.filter
def partial_iso(value, precision="day"):
    """{{ event.date|partial_iso:event.date_precision }} → "2021-10" for <time datetime>."""
    return presentation.partial_iso(value, precision)


@register.simple_tag(takes_context=True)
def current(context, *view_names):
    """aria-current for a nav link: 'page' on that page itself, 'true' inside its section.

    Usage: <a href="…" {% current "public:project_list" "public:project_detail" %}>; the first
    name is the section's own page. A name ending in ":" stands for a whole namespace
    ("staff:" marks every page of the staff area).
    """
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or not view_names:
        return ""
    if match.view_name == view_names[0]:
        return mark_safe('aria-current="page"')  # noqa: S308 (constant markup)
    namespace = f"{match.namespace}:" if match.namespace else None
    if match.view_name in view_names[1:] or (namespace and namespace in view_names):
        return mark_safe('aria-current="true"')  # noqa: S308 (constant markup)
    return ""


@register.filter
def deadline(value) -> str:
    """{{ round.deadline|deadline }} → "31.08.2019, 24:00 Uhr" (midnight ends the day before)."""
    return deadlines.deadline_text(value) if value else ""


@register.filter
def deadline_day(value):
    """{{ round.deadline|deadline_day|date:"d.m.Y" }}: the day a deadline belongs to."""
    return deadlines.deadline_day(value) if value else None
