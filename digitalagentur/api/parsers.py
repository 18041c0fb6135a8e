"""A JSON parser that refuses what would exhaust the stack instead of answering 500.

Python's json module recurses once per nesting level: a body such as `[[[[...]]]]` with some
thousand levels raises RecursionError (not ValueError), which DRF does not catch. No request
of this API needs more than a few levels, so bodies nested deeper than MAX_DEPTH are refused
with a German 400 before anything else looks at them.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32


def nesting_depth(value) -> int:
    """Depth of nested lists and objects (a scalar is 0), computed without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(too_deep_message()) from None
        except ParseError:
            raise ParseError(_("Der Inhalt ist kein gültiges JSON.")) from None
        if nesting_depth(data) > MAX_DEPTH:
            raise ParseError(too_deep_message())
        return data


def too_deep_message() -> str:
    return _("Der JSON-Inhalt ist zu tief verschachtelt (höchstens %(max)d Ebenen).") % {
        "max": MAX_DEPTH
    }
