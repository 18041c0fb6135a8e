"""Light formatting of staff-written text (news posts): Markdown to a small, safe HTML.

Two steps, each enough on its own for the dangerous part:

1. markdown-it-py (CommonMark) with raw HTML switched off: typed tags come out as text, and
   links to `javascript:`, `vbscript:`, `file:` or `data:` are not made.
2. nh3 (ammonia) keeps only ALLOWED_TAGS, on links only `href` with http, https or mailto
   (every link gets rel="noopener nofollow"), and drops scripts and styles with their content.

Headings are written one level below the page's own: `#` to `###` become h3, deeper ones h4,
so a post's headings never compete with the page's h1 and h2. Images are not made (an image
belongs in the post's own image field, with its description): `![x](y)` stays a link.
Pure functions, no database, no request.
"""

from __future__ import annotations

import functools

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
)
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener nofollow"
# Elements removed together with their content (nh3 keeps the text of other unknown tags).
REMOVED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})


@functools.cache
def _parser() -> MarkdownIt:
    # "commonmark" with html=False: raw HTML blocks and inline tags are escaped as text.
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    return parser.disable("image")


def _heading_tag(level_tag: str) -> str:
    level = int(level_tag[1])
    return "h3" if level <= 3 else "h4"


def _absolute_link(tag: str, name: str, value: str) -> str | None:
    """Only absolute http(s) and mailto links keep their target (a relative link would lead
    elsewhere in a feed, the API or a mail)."""
    if tag == "a" and name == "href":
        scheme = value.split(":", 1)[0].strip().lower() if ":" in value else ""
        return value if scheme in URL_SCHEMES else None
    return value


def markdown_html(text: str) -> str:
    """The cleaned HTML of `text` (Markdown); "" for empty text."""
    if not (text or "").strip():
        return ""
    parser = _parser()
    tokens = parser.parse(text.replace("\r\n", "\n"))
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _heading_tag(token.tag)
    html = parser.renderer.render(tokens, parser.options, {})
    return clean_html(html)


def clean_html(html: str) -> str:
    """`html` reduced to the allowlist (see the module's docstring)."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={"a": {"href"}},
        attribute_filter=_absolute_link,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()


def render_markdown(text: str) -> SafeString:
    """`markdown_html(text)` marked safe for templates."""
    return mark_safe(markdown_html(text))  # noqa: S308 (cleaned by nh3 to the allowlist)
