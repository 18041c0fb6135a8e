"""Template filters of the assessment round pages (staff/assessment/rounds/)."""

from django import template

register = template.Library()


@register.filter
def person(user) -> str:
    """A user's full name, else the username; "–" without a user (deleted accounts)."""
    if user is None:
        return "–"
    return user.get_full_name() or user.get_username()
