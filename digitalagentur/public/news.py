"""News on the public website (issue 13, section 3): the list with filters for a field of
action and a town, a post's page with its image and formatted text, and the Atom feed.

Only published posts of the request's region exist here (communication.news.public_posts:
a post whose publication time has not come is 404 like a draft, also in the feed). A post's
text is Markdown, rendered and cleaned by core/formatting.py; everything else is escaped.
Pages are cached for anonymous visitors like every public page; a scheduled post falling due
changes the cache keys (tenancy/pagecache.py), so it shows at its time.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from digitalagentur.communication.models import NewsPost
from digitalagentur.communication.news import public_posts, with_tags
from digitalagentur.core.formatting import markdown_html, render_markdown
from digitalagentur.core.images import image_response
from digitalagentur.tenancy.pagecache import cache_public

from .feeds import ENTRIES, RegionFeed, tag_uri
from .forms_news import NewsFilterForm
from .ideas import region_of
from .views import _page_notice

POSTS_PER_PAGE = 12


def crumbs(*items):
    return [
        (_("Start"), reverse("public:home")),
        (_("Neuigkeiten"), reverse("public:news_list")),
        *items,
    ]


def image_url(post: NewsPost) -> str:
    """The image's address; it names the image, so a replaced one is loaded anew."""
    path = reverse("public:news_image", args=[post.slug])
    return f"{path}?v={post.image_hash[:16]}" if post.image_hash else path


@require_safe
@cache_public
def news_list(request):
    region = region_of(request)
    form = NewsFilterForm(request.GET or None, region=region)
    values = form.values() if form.is_bound else {}
    problems = form.problems() if form.is_bound else []
    posts = public_posts(region)
    if values.get("field"):
        posts = posts.filter(
            fields__slug=values["field"], fields__published=True, fields__strategy__published=True
        )
    if values.get("municipality"):
        posts = posts.filter(municipalities__slug=values["municipality"])
    paginator = Paginator(with_tags(posts.distinct()), POSTS_PER_PAGE)
    raw_page = request.GET.get("page")
    page = paginator.get_page(raw_page)
    notice = _page_notice(raw_page, page)
    if notice:
        problems.append(notice)
    context = {
        "form": form,
        "page": page,
        "posts": page.object_list,
        "problems": problems,
        "filters_active": bool(values),
        "title": _("Neuigkeiten"),
        "breadcrumbs": [(_("Start"), reverse("public:home")), (_("Neuigkeiten"), None)],
    }
    return render(request, "public/news/list.html", context)


@require_safe
@cache_public
def news_detail(request, slug: str):
    region = region_of(request)
    post = with_tags(public_posts(region)).filter(slug=slug).first()
    if post is None:
        raise Http404
    context = {
        "post": post,
        "body": render_markdown(post.body),
        "image_url": image_url(post) if post.has_image else "",
        "title": post.title,
        "breadcrumbs": crumbs((post.title, None)),
    }
    return render(request, "public/news/detail.html", context)


@require_safe
def news_image(request, slug: str):
    region = region_of(request)
    post = (
        NewsPost.objects.public()
        .filter(region=region, slug=slug)
        .only("image", "image_type", "publish_at")
        .first()
    )
    if post is None or not post.image:
        raise Http404
    return image_response(post.image, post.image_type, public=True)


class NewsFeed(RegionFeed):
    """The published posts, the newest first (Atom): title, teaser and the formatted text."""

    def title(self, region):
        return _("Neuigkeiten – %(region)s") % {"region": region.name}

    def subtitle(self, region):
        return _("Neuigkeiten der Digitalagentur und ihrer Kommunen")

    def link(self, region):
        return reverse("public:news_list")

    def author_name(self, region):
        return region.name

    def items(self, region):
        return list(with_tags(public_posts(region))[:ENTRIES])

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        # Atom's summary of type "html": the teaser (escaped) and the cleaned text.
        teaser = f"<p>{escape(post.teaser)}</p>" if post.teaser else ""
        return teaser + markdown_html(post.body)

    def item_link(self, post):
        return reverse("public:news_detail", args=[post.slug])

    def item_guid(self, post):
        return tag_uri(self.host, self.region, f"news-{post.pk}")

    def item_pubdate(self, post):
        return post.publish_at

    def item_updateddate(self, post):
        return max(post.publish_at, post.updated)

    def item_categories(self, post):
        return [field.name for field in post.public_fields]
