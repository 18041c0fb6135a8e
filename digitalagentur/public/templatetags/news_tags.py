"""News posts on other public pages (issue 13, section 3): the newest few on the start page
and those of a field of action or a town on its page, each with a link to the (filtered)
list. A template tag of one query, so that those pages (cached per region content state,
tenancy/pagecache.py) need no change of their views and keep their number of queries."""

from __future__ import annotations

from django import template

from digitalagentur.communication.news import public_posts

register = template.Library()

ON_HOME = 3
ON_PAGES = 5
CARD_FIELDS = ("pk", "slug", "title", "teaser", "publish_at", "is_demo")


@register.inclusion_tag("public/news/_section.html")
def news_section(region=None, *, field=None, town=None):
    """The newest public posts of the region, of `field` or of `town` (one of them)."""
    if field is not None:
        posts = public_posts(field.region_id).filter(fields=field)
        query, count = f"field={field.slug}", ON_PAGES
    elif town is not None:
        posts = public_posts(town.region_id).filter(municipalities=town)
        query, count = f"municipality={town.slug}", ON_PAGES
    elif region is not None:
        posts, query, count = public_posts(region), "", ON_HOME
    else:
        return {"posts": [], "hidden": True}
    shown = list(posts.only(*CARD_FIELDS)[:count])
    return {
        "posts": shown,
        "query": query,
        "field": field,
        "town": town,
        # The start page shows the section only when there is news.
        "hidden": field is None and town is None and not shown,
    }
