from django import template

from digitalagentur.legal.text import render_text

register = template.Library()


@register.filter
def legal_text(value, heading_level=2):
    """Plain text with "## " headings, "- " lists and links, escaped (see legal/text.py)."""
    return render_text(value or "", int(heading_level))
