"""News posts (issue 13, section 3): writes, the public selection and the texts for social
media.

Writes (create, edit, delete, publish now, withdraw) run in a transaction with the change log
(core.services) and answer bad input with a django ValidationError in German (a dict by field
name). An uploaded image is re-encoded by core/images.py before it is stored and must come
with a description (alt text).

A post is public once its `publish_at` has come: `public_posts(region, now)` is the one query
for pages, feed and API. Cached pages learn of a scheduled post falling due through
`scheduled_moments` (registered with tenancy/pagecache.py in apps.py): no job has to run.

`social_drafts(post)` writes plain-text drafts for social media from title, teaser and the
post's address; nothing is ever posted anywhere. The composing is the pure `compose_drafts`.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.core import images
from digitalagentur.core import services as core
from digitalagentur.core.mail import base_url
from digitalagentur.core.text import german_slugify
from digitalagentur.strategy.models import Field
from digitalagentur.tenancy.models import Municipality

from .events import FIRST_YEAR, LAST_YEAR
from .models import IMAGE_ALT_MAX, NEWS_BODY_MAX, NEWS_TEASER_MAX, NEWS_TITLE_MAX, NewsPost

EDITABLE = ("title", "teaser", "body", "publish_at", "image_alt")
SLUG_MAX = 120
# Paths under /neuigkeiten/ that are no post (public/urls_news.py).
RESERVED_SLUGS = {"feed"}


def free_slug(region, title: str, *, exclude_pk: int | None = None) -> str:
    """A slug from the title, unique in the region ("-2", "-3", ... when taken)."""
    base = german_slugify(title)[: SLUG_MAX - 6].strip("-") or "neuigkeit"
    taken = NewsPost.objects.filter(region=region, slug__startswith=base)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    taken = set(taken.values_list("slug", flat=True)) | RESERVED_SLUGS
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# ---- checks -----------------------------------------------------------------------------------


def _normal(values: Mapping[str, Any]) -> dict:
    values = dict(values)
    if "title" in values:
        values["title"] = " ".join((values["title"] or "").split())
    for name in ("teaser", "image_alt"):
        if name in values:
            values[name] = " ".join((values[name] or "").split())
    if "body" in values:
        values["body"] = (values["body"] or "").strip()
    return values


LIMITS = (
    ("teaser", NEWS_TEASER_MAX, lambda: _("Der Kurztext ist zu lang: höchstens %(max)d Zeichen.")),
    ("body", NEWS_BODY_MAX, lambda: _("Der Text ist zu lang: höchstens %(max)d Zeichen.")),
    (
        "image_alt",
        IMAGE_ALT_MAX,
        lambda: _("Die Bildbeschreibung ist zu lang: höchstens %(max)d Zeichen."),
    ),
)


def _errors(region, values: Mapping[str, Any], fields, municipalities) -> dict:
    errors: dict[str, list[str]] = {}
    if "title" in values and not values["title"]:
        errors["title"] = [_("Bitte geben Sie einen Titel an.")]
    elif len(values.get("title") or "") > NEWS_TITLE_MAX:
        errors["title"] = [
            _("Der Titel ist zu lang: höchstens %(max)d Zeichen.") % {"max": NEWS_TITLE_MAX}
        ]
    for name, limit, message in LIMITS:
        if len(values.get(name) or "") > limit:
            errors[name] = [message() % {"max": limit}]
    moment = values.get("publish_at")
    if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
        errors["publish_at"] = [
            _("Bitte ein Datum zwischen %(first)d und %(last)d angeben.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        ]
    if fields is not None and any(f.region_id != region.pk for f in fields):
        errors["fields"] = [_("Dieses Handlungsfeld gehört nicht zur Region.")]
    if municipalities is not None and any(m.region_id != region.pk for m in municipalities):
        errors["municipalities"] = [_("Diese Kommune gehört nicht zur Region.")]
    return errors


def _photo(image: bytes | None, errors: dict):
    if not image:
        return None
    try:
        return images.cleaned_photo(image)
    except ValidationError as error:
        errors["image"] = [error.messages[0]]
        return None


def _image_values(photo) -> dict:
    return {
        "image": photo.content,
        "image_type": photo.content_type,
        "image_hash": hashlib.sha256(photo.content).hexdigest(),
    }


NO_IMAGE = {"image": None, "image_type": "", "image_hash": ""}


def _alt_missing() -> list[str]:
    return [
        _("Bitte beschreiben Sie das Bild in wenigen Worten (für Menschen, die es nicht sehen).")
    ]


# ---- writes -----------------------------------------------------------------------------------


@transaction.atomic
def create_post(
    *,
    region,
    user,
    values: Mapping[str, Any],
    fields: Iterable = (),
    municipalities: Iterable = (),
    image: bytes | None = None,
    is_demo: bool = False,
) -> NewsPost:
    fields, municipalities = list(fields), list(municipalities)
    values = _normal(values)
    unknown = set(values) - set(EDITABLE) - {"slug"}
    assert not unknown, unknown
    errors = _errors(region, {"title": "", **values}, fields, municipalities)
    photo = _photo(image, errors)
    if image and not values.get("image_alt") and "image" not in errors:
        errors["image_alt"] = _alt_missing()
    if errors:
        raise ValidationError(errors)
    post = NewsPost(region=region, author=user if _is_user(user) else None, is_demo=is_demo)
    for name, value in values.items():
        setattr(post, name, value)
    if photo is not None:
        for name, value in _image_values(photo).items():
            setattr(post, name, value)
    else:
        post.image_alt = ""
    if not post.slug:
        post.slug = free_slug(region, post.title)
    core.create_object(
        post,
        user=user,
        m2m={
            "fields": [f.pk for f in fields],
            "municipalities": [m.pk for m in municipalities],
        },
    )
    return post


def _is_user(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


@transaction.atomic
def update_post(
    post: NewsPost,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user,
    fields: Iterable | None = None,
    municipalities: Iterable | None = None,
    image: bytes | None = None,
    remove_image: bool = False,
    reason: str = "",
) -> NewsPost:
    """Apply the edit (EditConflict when someone saved meanwhile). A new image replaces the
    old one; `remove_image` drops it (and its description)."""
    values = _normal(values)
    unknown = set(values) - set(EDITABLE)
    assert not unknown, unknown
    fields = None if fields is None else list(fields)
    municipalities = None if municipalities is None else list(municipalities)
    errors = _errors(post.region, values, fields, municipalities)
    photo = _photo(image, errors)
    alt = values.get("image_alt", post.image_alt)
    keeps_image = photo is not None or (post.has_image and not remove_image)
    if keeps_image and not alt and "image" not in errors:
        errors["image_alt"] = _alt_missing()
    if errors:
        raise ValidationError(errors)
    values = dict(values)
    if photo is not None:
        values.update(_image_values(photo))
    elif remove_image:
        values.update(NO_IMAGE)
    if not keeps_image:
        values["image_alt"] = ""
    m2m, m2m_before = {}, {}
    if fields is not None:
        m2m["fields"] = [f.pk for f in fields]
        m2m_before["fields"] = list(post.fields.values_list("pk", flat=True))
    if municipalities is not None:
        m2m["municipalities"] = [m.pk for m in municipalities]
        m2m_before["municipalities"] = list(post.municipalities.values_list("pk", flat=True))
    return core.update_object(
        post,
        values,
        expected_version=expected_version,
        user=user,
        reason=reason,
        m2m=m2m or None,
        m2m_before=m2m_before or None,
    )


@transaction.atomic
def delete_post(post: NewsPost, *, expected_version: int | None, user, reason: str = "") -> None:
    core.delete_object(post, expected_version=expected_version, user=user, reason=reason)


def publish_now(
    post: NewsPost, *, expected_version: int | None, user, now=None, reason: str = ""
) -> NewsPost:
    """Public from now on (a draft, or a scheduled post brought forward)."""
    moment = (now or timezone.now()).replace(microsecond=0)
    return core.update_object(
        post,
        {"publish_at": moment},
        expected_version=expected_version,
        user=user,
        reason=reason,
    )


def unpublish(post: NewsPost, *, expected_version: int | None, user, reason: str = "") -> NewsPost:
    """Back to a draft: off the website, the feed and the API (also a scheduled post)."""
    return core.update_object(
        post, {"publish_at": None}, expected_version=expected_version, user=user, reason=reason
    )


# ---- reading ----------------------------------------------------------------------------------


def public_posts(region, now=None):
    """The region's published posts, the newest first, without their image bytes."""
    return (
        NewsPost.objects.public(now)
        .filter(region=region)
        .defer("image")
        .order_by("-publish_at", "-pk")
    )


def with_tags(posts):
    """`posts` with their public fields of action (as `public_fields`; a draft field's name
    never reaches the public) and their towns: two queries for any number of posts."""
    public_fields = Field.objects.filter(published=True, strategy__published=True)
    return posts.prefetch_related(
        Prefetch("fields", queryset=public_fields.order_by("name", "pk"), to_attr="public_fields"),
        Prefetch("municipalities", queryset=Municipality.objects.order_by("name", "pk")),
    )


def scheduled_moments(region, after: datetime.datetime) -> list[datetime.datetime]:
    """When posts of the region become public after `after` (for the page cache's keys)."""
    return list(
        NewsPost.objects.filter(region=region, publish_at__gt=after).values_list(
            "publish_at", flat=True
        )
    )


def status_of(post: NewsPost, now=None) -> str:
    """ "draft", "scheduled" or "published"."""
    if post.publish_at is None:
        return "draft"
    return "published" if post.publish_at <= (now or timezone.now()) else "scheduled"


def post_path(post: NewsPost) -> str:
    return reverse("public:news_detail", args=[post.slug])


def post_url(post: NewsPost) -> str:
    """The post's public address (as mails link it: core.mail.base_url)."""
    return base_url(post.region) + post_path(post)


# ---- social media drafts ----------------------------------------------------------------------

SHORT_LIMIT = 300  # Bluesky's limit; Mastodon allows 500 (and counts a link as 23)
LONG_LIMIT = 3000  # LinkedIn; Facebook allows far more
INSTAGRAM_LIMIT = 2200
INSTAGRAM_TAGS = 30
FALLBACK_TAG = "#Digitalisierung"
ELLIPSIS = "…"


@dataclass(frozen=True)
class SocialDraft:
    key: str
    label: str
    hint: str
    text: str
    limit: int

    @property
    def length(self) -> int:
        return len(self.text)


def hashtag(name: str) -> str:
    """ "Innenstadt/Dorfmitte" → "#InnenstadtDorfmitte" (letters and digits, umlauts kept)."""
    parts = [p for p in re.split(r"[^\w]+", name or "") if p and p != "_"]
    words = [p.replace("_", "") for p in parts]
    tag = "".join(w[:1].upper() + w[1:] for w in words if w)
    return f"#{tag}" if tag else ""


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word's end, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ""
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.–-") + ELLIPSIS


def _join(*blocks: str) -> str:
    return "\n\n".join(block for block in blocks if block)


def _short_text(title: str, teaser: str, url: str, tags: list[str]) -> str:
    budget = SHORT_LIMIT - len(url) - 2  # the blank line before the link
    if budget < 10:
        return shorten(url, SHORT_LIMIT)
    title = shorten(title, budget)
    room = budget - len(title) - 2
    teaser = shorten(teaser, room) if room >= 20 else ""
    text = _join(title, teaser)
    tag_line = ""
    for tag in tags:
        longer = f"{tag_line} {tag}".strip()
        if len(text) + 2 + len(longer) <= budget:
            tag_line = longer
    return _join(text, tag_line, url)


def compose_drafts(title: str, teaser: str, url: str, tags: Iterable[str]) -> list[SocialDraft]:
    """Drafts for three kinds of networks from plain values (no database, no request)."""
    title, teaser = " ".join((title or "").split()), " ".join((teaser or "").split())
    tags = [t for t in dict.fromkeys(tags) if t] or [FALLBACK_TAG]
    long_text = _join(title, teaser, _("Mehr lesen: %(url)s") % {"url": url}, " ".join(tags))
    if len(long_text) > LONG_LIMIT:
        room = LONG_LIMIT - len(long_text) + len(teaser)
        long_text = _join(
            title, shorten(teaser, room), _("Mehr lesen: %(url)s") % {"url": url}, " ".join(tags)
        )
    instagram_tags = " ".join(tags[:INSTAGRAM_TAGS])
    closing = _("Mehr dazu auf unserer Website (Link in der Bio).")
    fixed = len(_join(title, closing, instagram_tags)) + 2
    instagram = _join(
        title, shorten(teaser, max(0, INSTAGRAM_LIMIT - fixed)), closing, instagram_tags
    )
    return [
        SocialDraft(
            key="kurz",
            label=_("Mastodon und Bluesky"),
            hint=_("Kurz, mit Link: höchstens %(n)d Zeichen.") % {"n": SHORT_LIMIT},
            text=_short_text(title, teaser, url, tags),
            limit=SHORT_LIMIT,
        ),
        SocialDraft(
            key="lang",
            label=_("LinkedIn und Facebook"),
            hint=_("Ausführlicher, mit Link und Hashtags."),
            text=long_text[:LONG_LIMIT],
            limit=LONG_LIMIT,
        ),
        SocialDraft(
            key="instagram",
            label=_("Instagram"),
            hint=_(
                "Ohne Link im Text (Instagram macht ihn nicht anklickbar), mit Hashtags aus den "
                "Handlungsfeldern."
            ),
            text=instagram[:INSTAGRAM_LIMIT],
            limit=INSTAGRAM_LIMIT,
        ),
    ]


def social_drafts(post: NewsPost) -> list[SocialDraft]:
    """The drafts of a post: its title, teaser, public address and its fields as hashtags."""
    names = post.fields.order_by("name", "pk").values_list("name", flat=True)
    tags = [hashtag(name) for name in names]
    return compose_drafts(post.title, post.teaser, post_url(post), tags)
