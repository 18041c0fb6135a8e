"""Writes of the posts and vacancies (issue 14, section 3), each in a transaction with the
change log (core.services), and the reads the staff area and the API share: the posts with
their vacancies and the staffing figures (network/staffing.py).

Values are checked by the models' clean() (German messages at their fields): FTE not negative,
filled not above planned, dates in order, a town and a holder of the same region, no two
overlapping vacancies of a post.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.core import services as core
from digitalagentur.tenancy.models import Municipality

from . import staffing
from .models import Post, Vacancy

POST_FIELDS = (
    "municipality",
    "title",
    "planned_fte",
    "filled_fte",
    "holder",
    "since",
    "until",
    "note",
)
VACANCY_FIELDS = ("start", "end", "cause")
CENT = Decimal("0.01")


def _check(values: Mapping[str, Any], allowed) -> None:
    unknown = set(values) - set(allowed)
    assert not unknown, unknown


def _normal(values: Mapping[str, Any]) -> dict:
    """FTE with two decimals as stored ("0.5" -> "0.50"), so that the change log compares
    like with like; more decimals are left for the model's validation to refuse."""
    values = dict(values)
    for name in ("planned_fte", "filled_fte"):
        value = values.get(name)
        if isinstance(value, Decimal) and value.is_finite() and value.as_tuple().exponent >= -2:
            values[name] = value.quantize(CENT)
    return values


# ---- posts ------------------------------------------------------------------------------------


def create_post(
    region, *, user, values: Mapping[str, Any], reason: str = "", is_demo: bool = False
) -> Post:
    _check(values, POST_FIELDS)
    post = Post(region=region, is_demo=is_demo, **_normal(values))
    return core.create_object(post, user=user, reason=reason)


def update_post(
    post: Post, values: Mapping[str, Any], *, expected_version: int | None, user, reason: str = ""
) -> Post:
    _check(values, POST_FIELDS)
    return core.update_object(
        post, _normal(values), expected_version=expected_version, user=user, reason=reason
    )


@transaction.atomic
def delete_post(post: Post, *, user, expected_version: int | None = None, reason: str = "") -> None:
    """Delete the post; its vacancies go with it, each logged too."""
    for vacancy in Vacancy.objects.filter(post_id=post.pk):
        core.delete_object(vacancy, user=user, reason=reason)
    core.delete_object(post, expected_version=expected_version, user=user, reason=reason)


# ---- vacancies --------------------------------------------------------------------------------


def create_vacancy(
    post: Post, *, user, values: Mapping[str, Any], reason: str = "", is_demo: bool = False
) -> Vacancy:
    _check(values, VACANCY_FIELDS)
    vacancy = Vacancy(region_id=post.region_id, post=post, is_demo=is_demo, **values)
    return core.create_object(vacancy, user=user, reason=reason)


def update_vacancy(
    vacancy: Vacancy,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user,
    reason: str = "",
) -> Vacancy:
    _check(values, VACANCY_FIELDS)
    return core.update_object(
        vacancy, values, expected_version=expected_version, user=user, reason=reason
    )


def close_vacancy(
    vacancy: Vacancy,
    end: datetime.date,
    *,
    expected_version: int | None,
    user,
    reason: str = "",
) -> Vacancy:
    """End the vacancy on `end` (its last vacant day): the post is filled again after it."""
    return update_vacancy(
        vacancy, {"end": end}, expected_version=expected_version, user=user, reason=reason
    )


def delete_vacancy(
    vacancy: Vacancy, *, user, expected_version: int | None = None, reason: str = ""
) -> None:
    core.delete_object(vacancy, expected_version=expected_version, user=user, reason=reason)


# ---- reads ------------------------------------------------------------------------------------


def open_vacancy_filter(day: datetime.date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def posts_with_state(region, day: datetime.date | None = None):
    """The region's posts with `vacant` (a vacancy open on `day`, today by default): one query."""
    day = day or timezone.localdate()
    open_vacancies = Vacancy.objects.filter(open_vacancy_filter(day), post_id=OuterRef("pk"))
    return (
        Post.objects.filter(region=region)
        .select_related("municipality", "holder")
        .annotate(vacant=Exists(open_vacancies))
        .order_by("municipality__name", "title", "pk")
    )


def posts_for_page(region, day: datetime.date | None = None):
    """posts_with_state with the vacancies (newest first): two queries, however many posts."""
    return posts_with_state(region, day).prefetch_related(
        Prefetch("vacancies", queryset=Vacancy.objects.order_by("-start", "-pk"))
    )


def region_staffing(region, day: datetime.date | None = None, posts=None) -> staffing.Staffing:
    """The figures of every town of the region and the district level on `day` (today).
    `posts`: the rows of posts_with_state if already read (else read here)."""
    town, district = staffing.recommendations()
    towns = list(
        Municipality.objects.filter(region=region).order_by("name", "pk").values_list("pk", "name")
    )
    rows = posts if posts is not None else posts_with_state(region, day)
    figures = [
        staffing.PostFigures(
            municipality_id=post.municipality_id,
            planned=post.planned_fte,
            filled=post.filled_fte,
            vacant=post.vacant,
        )
        for post in rows
    ]
    return staffing.compute(
        towns,
        figures,
        district_name=_("Kreisebene"),
        town_recommendation=town,
        district_recommendation=district,
    )
