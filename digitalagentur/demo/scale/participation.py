"""The scale data of the participation module: per region a few dozen citizens, ideas in
every public status (and some waiting for moderation) with supports and comments."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from digitalagentur.participation.choices import IdeaStatus
from digitalagentur.participation.models import Comment, Idea, IdeaStatusChange, Support

from . import texts
from .base import BASE_TIME, HOST_DOMAIN, Context, Progress
from .changelog import log_created
from .steps import DAY, at_office_hours

CITIZENS_PER_REGION = 25
IDEAS_PER_REGION = 40
COMMENTS_PER_IDEA = (0, 4)
#: Status of the generated ideas, by weight (most are public; a few wait for moderation).
STATUS_WEIGHTS = {
    IdeaStatus.PUBLISHED: 10,
    IdeaStatus.REVIEW: 4,
    IdeaStatus.ADOPTED: 2,
    IdeaStatus.DECLINED: 2,
    IdeaStatus.RECEIVED: 2,
}
ANSWERED = (IdeaStatus.REVIEW, IdeaStatus.ADOPTED, IdeaStatus.DECLINED)


def citizen_username(region_slug: str, n: int) -> str:
    return f"{region_slug}-buerger-{n:03d}"


def build_participation(ctx: Context, progress: Progress) -> None:
    user_model = get_user_model()
    statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    for chunk in ctx.chunks():
        citizens: dict[int, list] = {}
        users = []
        for state in chunk:
            rng = ctx.rng("participation-users", state.index)
            citizens[state.index] = []
            for n in range(CITIZENS_PER_REGION):
                username = citizen_username(state.region.slug, n + 1)
                user = user_model(
                    username=username,
                    first_name=rng.choice(texts.FIRST_NAMES),
                    last_name=rng.choice(texts.LAST_NAMES),
                    email=f"{username}@{HOST_DOMAIN}",
                    password="!" + "".join(rng.choices("abcdefghijkmnpqrstuvwxyz23456789", k=40)),
                    date_joined=BASE_TIME,
                )
                citizens[state.index].append(user)
                state.citizens.append(user)
                users.append(user)
        ctx.insert(users, user_model)

        ideas, plans = [], []
        for state in chunk:
            rng = ctx.rng("participation", state.index)
            people = citizens[state.index]
            for n in range(IDEAS_PER_REGION):
                theme = rng.choice(texts.THEMES)
                topic = rng.choice(theme.topics)
                town = rng.choice(state.towns)
                status = rng.choices(statuses, weights)[0]
                created = at_office_hours(rng, BASE_TIME.date() + rng.randint(0, 900) * DAY)
                answered = created + rng.randint(7, 90) * DAY if status in ANSWERED else None
                idea = Idea(
                    region=state.region,
                    title=f"{topic} in {town.name} ({n + 1})"[:150],
                    text=texts.project_summary(
                        rng, theme, topic, benefit=rng.choice(texts.BENEFITS)
                    ),
                    field=rng.choice(state.fields),
                    municipality=town,
                    author=rng.choice(people),
                    status=status,
                    answer=(
                        "Generierte Antwort der Koordination für Lasttests." if answered else ""
                    ),
                    answered=answered,
                    published_at=None if status == IdeaStatus.RECEIVED else created + DAY,
                    created=created,
                    updated=answered or created,
                )
                ideas.append(idea)
                plans.append((idea, rng, people))
        ctx.insert(ideas, Idea)

        supports, comments, changes = [], [], []
        for idea, rng, people in plans:
            if idea.status == IdeaStatus.RECEIVED:
                continue
            changes.append(
                IdeaStatusChange(idea=idea, status=IdeaStatus.PUBLISHED, time=idea.published_at)
            )
            if idea.answered:
                changes.append(
                    IdeaStatusChange(
                        idea=idea,
                        status=idea.status,
                        reason=idea.answer,
                        time=idea.answered,
                    )
                )
            when = idea.published_at + DAY
            for person in rng.sample(people, rng.randint(0, len(people))):
                supports.append(Support(idea=idea, user=person, created=when))
            for _n in range(rng.randint(*COMMENTS_PER_IDEA)):
                comments.append(
                    Comment(
                        idea=idea,
                        author=rng.choice(people),
                        text="Gute Idee, das würde vielen im Ort helfen.",
                        created=when,
                        updated=when,
                    )
                )
        ctx.insert(changes, IdeaStatusChange)
        ctx.insert(supports, Support)
        ctx.insert(comments, Comment)
        log_created(ctx, ideas, by=lambda idea: idea.author)
        progress.advance(len(chunk))
