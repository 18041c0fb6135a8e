"""Plain text with a few markdown-like conventions, rendered to safe HTML.

Conventions: a blank line separates paragraphs; a line starting with "## " is a heading
(rendered one level below the page's h1); lines starting with "- " form a list; web and mail
addresses become links. Everything else is escaped: no HTML typed by staff ever reaches a page.
"""

from __future__ import annotations

from django.utils.html import escape, urlize
from django.utils.safestring import SafeString, mark_safe


def _inline(text: str) -> str:
    # urlize escapes its input itself when autoescape is on.
    return urlize(text, nofollow=True, autoescape=True)


def render_text(text: str, heading_level: int = 2) -> SafeString:
    level = min(max(heading_level, 2), 6)
    blocks: list[str] = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in block.strip("\n").split("\n") if line.strip()]
        if not lines:
            continue
        paragraph: list[str] = []
        items: list[str] = []

        def flush(paragraph=paragraph, items=items):
            if paragraph:
                blocks.append("<p>" + "<br>".join(_inline(p) for p in paragraph) + "</p>")
                paragraph.clear()
            if items:
                blocks.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
                items.clear()

        for line in lines:
            stripped = line.strip()
            if stripped.startswith("## "):
                flush()
                blocks.append(f"<h{level}>{escape(stripped[3:].strip())}</h{level}>")
            elif stripped.startswith("- "):
                if paragraph:
                    flush()
                items.append(stripped[2:].strip())
            else:
                if items:
                    flush()
                paragraph.append(stripped)
        flush()
    return mark_safe("\n".join(blocks))  # noqa: S308 (every piece above is escaped)
