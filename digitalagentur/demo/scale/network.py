"""The scale data of the staff resources (issue 14, network): one or two posts for
digitalisation per town and DISTRICT_POSTS at the district level, and vacancies of about
VACANT_SHARE of the posts (a past one, or one still open: the post is then unfilled)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from digitalagentur.network.models import Post, Vacancy

from .base import BASE_TIME, END_TIME, Context, Progress
from .changelog import log_created

DISTRICT_POSTS = 2
VACANT_SHARE = 0.2
TOWN_TITLES = ("Digitalisierungsbeauftragte/r", "Sachbearbeitung Digitalisierung")
DISTRICT_TITLES = ("Leitung Digitalagentur", "Projektmanagement Digitalagentur")
FTES = (Decimal("0.25"), Decimal("0.5"), Decimal("0.5"), Decimal("0.75"), Decimal("1"))
CAUSES = ("Elternzeit", "Stellenwechsel", "Ruhestand", "Befristung ausgelaufen")
DAY = datetime.timedelta(days=1)


def build_network(ctx: Context, progress: Progress) -> None:
    for chunk in ctx.chunks():
        posts, open_vacancy = [], {}
        for state in chunk:
            rng = ctx.rng("network", state.index)
            places = [
                (town, title) for town in state.towns for title in TOWN_TITLES[: rng.randint(1, 2)]
            ]
            places += [(None, title) for title in DISTRICT_TITLES[:DISTRICT_POSTS]]
            for town, title in places:
                planned = Decimal("1") if town is None else rng.choice(FTES)
                vacancy = None
                if rng.random() < VACANT_SHARE:
                    start = BASE_TIME.date() + rng.randint(30, 1500) * DAY
                    still_open = rng.random() < 0.5
                    end = (
                        None
                        if still_open
                        else min(END_TIME.date(), start + rng.randint(30, 240) * DAY)
                    )
                    vacancy = (start, end, rng.choice(CAUSES))
                filled = Decimal("0") if vacancy and vacancy[1] is None else planned
                since = BASE_TIME.date() + rng.randint(0, 600) * DAY
                post = Post(
                    region=state.region,
                    municipality=town,
                    title=title,
                    planned_fte=planned,
                    filled_fte=filled,
                    since=since if filled else None,
                    note="",
                    created=BASE_TIME,
                    updated=BASE_TIME,
                )
                posts.append(post)
                if vacancy:
                    open_vacancy[id(post)] = vacancy
        ctx.insert(posts, Post)
        vacancies = []
        for post in posts:
            if id(post) not in open_vacancy:
                continue
            start, end, cause = open_vacancy[id(post)]
            vacancies.append(
                Vacancy(
                    region=post.region,
                    post=post,
                    start=start,
                    end=end,
                    cause=cause,
                    created=BASE_TIME,
                    updated=BASE_TIME,
                )
            )
        ctx.insert(vacancies, Vacancy)
        log_created(ctx, posts)
        log_created(ctx, vacancies)
        progress.advance(len(chunk))
