"""The demo's participation (demo/data/participation.py and demo/data/zukunftswandler.py),
loaded by DemoLoader.load: ideas of demo citizens with their way through moderation, supports
and comments, one of them taken into the strategy as a project draft, and the ZukunftsWandler
2023 competition with its jury, scores and published result.

Like the rest of the demo this runs only in the run that creates the region. Objects are
found again by a natural key (idea title, competition slug, criterion name, prize position,
juror, entry title, the unique keys of supports, conflicts and scores, a comment's idea, parent,
author and text) so that nothing is created twice within it; an idea's status changes are
created only together with the idea. Rows are written with the ORM; ideas and the competition
are logged (core.services.create_object), the adoption goes through
participation.services.take_into_strategy and the result through competitions.publish_result,
so that the winners are the ranking's. Demo accounts (citizens, the jury) are created only when
no account of that name exists; an existing one is someone else's and is left out, like the
rows that would have been its own. Ideas, comments, the competition and its entries carry
``is_demo``.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model

from digitalagentur.core.services import create_object
from digitalagentur.participation import competitions as competition_services
from digitalagentur.participation import services as idea_services
from digitalagentur.participation.choices import ANSWER_STATUSES, IdeaStatus
from digitalagentur.participation.models import (
    Comment,
    Competition,
    Conflict,
    Criterion,
    Idea,
    IdeaStatusChange,
    Juror,
    Prize,
    Score,
    Submission,
    Support,
)

from .data import logins as login_data
from .data import participation as data
from .data import zukunftswandler as call


def load_participation(loader, region, reason: str, *, logins: dict) -> dict:
    """Load ideas and the competition. `logins`: the demo logins as {username: (user, created
    by this run)}. Returns the jury's demo logins in the same form, for the list of logins."""
    citizens = _citizens(loader, logins)
    moderator_login = logins.get(data.MODERATOR)
    moderator = moderator_login[0] if moderator_login and moderator_login[1] else None
    for item in data.IDEAS:
        _load_idea(loader, region, reason, item, citizens, moderator)
    jury_logins = _jury_logins(loader)
    jury = {name: user for name, (user, created) in jury_logins.items() if created}
    _load_competition(loader, region, reason, citizens, jury)
    return jury_logins


# -- accounts ---------------------------------------------------------------------------------


def _citizens(loader, logins: dict) -> dict:
    """Usable accounts by username: the demo citizens this run created and the pendlerin."""
    users = {}
    pendlerin = logins.get(data.PENDLERIN)
    if pendlerin and pendlerin[1]:
        users[data.PENDLERIN] = pendlerin[0]
    manager = get_user_model()._default_manager
    for username, shown, last_name in data.CITIZENS:
        if manager.filter(username=username).exists():
            continue  # someone else's account of that name: not the demo's
        # No password: these people never log in. The name shown is their first name.
        users[username] = manager.create_user(
            username=username, first_name=shown, last_name=last_name
        )
        loader.created["Demo-Personen (ohne Zugang)"] += 1
    return users


def _jury_logins(loader) -> dict:
    """The jury's demo logins as {username: (user, created by this run)}, created if missing
    with the demo password and no role."""
    manager = get_user_model()._default_manager
    result = {}
    for username, first_name, last_name in call.JURORS:
        user = manager.filter(username=username).first()
        created = user is None
        if created:
            user = manager.create_user(
                username=username,
                password=login_data.DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
            )
            loader.created["Demo-Zugänge"] += 1
        result[username] = (user, created)
    return result


# -- ideas ------------------------------------------------------------------------------------


def _load_idea(loader, region, reason: str, item: dict, citizens: dict, moderator) -> Idea:
    idea = Idea.objects.filter(region=region, title=item["title"]).first()
    if idea is None:
        idea = _create_idea(loader, region, reason, item, citizens, moderator)
    _load_supports(loader, idea, item, citizens)
    _load_comments(loader, idea, item, citizens)
    return idea


def _create_idea(loader, region, reason: str, item: dict, citizens: dict, moderator) -> Idea:
    steps = item["steps"]
    times = {status: time for status, time, _reason in steps}
    answers = [(time, text) for status, time, text in steps if status in ANSWER_STATUSES]
    idea = Idea(
        region=region,
        title=item["title"],
        text=item["text"],
        field=loader.fields.get(item["field"] or ""),
        municipality=loader.towns.get(item["town"] or ""),
        author=citizens.get(item["author"]),
        status=steps[-1][0],
        answer=answers[-1][1] if answers else "",
        published_at=times.get(IdeaStatus.PUBLISHED),
        is_demo=True,
    )
    create_object(idea, reason=reason)
    loader.created["Ideen"] += 1
    # The fields set by the model (created, answered) get the demo's dates.
    Idea.objects.filter(pk=idea.pk).update(
        created=steps[0][1],
        updated=steps[-1][1],
        answered=answers[-1][0] if answers else None,
    )
    IdeaStatusChange.objects.bulk_create(
        IdeaStatusChange(
            idea=idea,
            status=status,
            reason=text,
            time=time,
            user=idea.author if status == IdeaStatus.RECEIVED else moderator,
        )
        for status, time, text in steps
    )
    loader.created["Statusänderungen von Ideen"] += len(steps)
    if item.get("adopt"):
        _adopt(loader, idea, item["adopt"], moderator)
    idea.refresh_from_db()
    return idea


def _adopt(loader, idea: Idea, when, moderator):
    """Take the idea into the strategy (a project draft linking back to it), dated `when`."""
    idea.refresh_from_db()
    project = idea_services.take_into_strategy(idea, user=None)
    loader.created["Projekte"] += 1
    Idea.objects.filter(pk=idea.pk).update(answered=when, updated=when)
    IdeaStatusChange.objects.filter(idea=idea, status=IdeaStatus.ADOPTED).update(
        time=when, user=moderator
    )
    loader.created["Statusänderungen von Ideen"] += 1
    return project


def _load_supports(loader, idea: Idea, item: dict, citizens: dict) -> None:
    if idea.published_at is None:
        return  # not public: nobody could support it
    users = [citizens[name] for name in item["supporters"] if name in citizens]
    existing = set(Support.objects.filter(idea=idea).values_list("user_id", flat=True))
    new = [Support(idea=idea, user=user) for user in users if user.pk not in existing]
    if not new:
        return
    created = Support.objects.bulk_create(new)
    # One supporter every few hours from the day after publication (auto_now_add is
    # overwritten by a bulk update, which leaves the given value).
    for index, support in enumerate(created):
        support.created = idea.published_at + timedelta(hours=7 + 5 * index)
    if all(support.pk for support in created):
        Support.objects.bulk_update(created, ["created"])
    loader.created["Unterstützungen"] += len(created)


def _load_comments(loader, idea: Idea, item: dict, citizens: dict) -> None:
    # Comments of accounts that are not the demo's are left out (and the answers to them).
    for author, time, text, answers in item["comments"]:
        if author not in citizens:
            continue
        comment = _comment(loader, idea, None, citizens[author], time, text)
        for answer_author, answer_time, answer_text in answers:
            if answer_author in citizens:
                _comment(loader, idea, comment, citizens[answer_author], answer_time, answer_text)


def _comment(loader, idea: Idea, parent, author, time, text: str) -> Comment:
    comment = Comment.objects.filter(idea=idea, parent=parent, author=author, text=text).first()
    if comment is None:
        comment = Comment(idea=idea, parent=parent, author=author, text=text, is_demo=True)
        comment.full_clean()
        comment.save()
        Comment.objects.filter(pk=comment.pk).update(created=time, updated=time)
        loader.created["Kommentare"] += 1
    return comment


# -- the ZukunftsWandler 2023 -----------------------------------------------------------------


def _load_competition(loader, region, reason: str, citizens: dict, jury: dict) -> Competition:
    competition = Competition.objects.filter(region=region, slug=call.COMPETITION["slug"]).first()
    if competition is None:
        competition = competition_services.create_competition(
            Competition(region=region, published=True, is_demo=True, **call.COMPETITION),
            reason=reason,
        )
        loader.created["Wettbewerbe"] += 1
    criteria = _load_criteria(loader, competition)
    _load_prizes(loader, competition)
    jurors = _load_jurors(loader, competition, jury)
    entries = _load_submissions(loader, region, competition, citizens)
    _load_conflicts(loader, jurors, entries)
    _load_scores(loader, jurors, entries, criteria)
    if (
        not competition.result_published
        and Score.objects.filter(submission__competition=competition).exists()
    ):
        competition = competition_services.publish_result(
            competition, user=None, reason=call.RESULT_REASON
        )
        loader.created["Veröffentlichte Wettbewerbsergebnisse"] += 1
    return competition


def _load_criteria(loader, competition: Competition) -> list[Criterion]:
    criteria = []
    for position, (name, description, weight) in enumerate(call.CRITERIA, start=1):
        criterion, created = Criterion.objects.get_or_create(
            competition=competition,
            name=name,
            defaults={"description": description, "weight": Decimal(weight), "position": position},
        )
        loader.created["Wettbewerbskriterien"] += created
        criteria.append(criterion)
    return criteria


def _load_prizes(loader, competition: Competition) -> None:
    for position, name, description in call.PRIZES:
        _prize, created = Prize.objects.get_or_create(
            competition=competition,
            position=position,
            defaults={"name": name, "description": description},
        )
        loader.created["Preise"] += created


def _load_jurors(loader, competition: Competition, jury: dict) -> dict[str, Juror]:
    jurors = {}
    for username, _first, _last in call.JURORS:
        if username not in jury:
            continue  # an account of that name existed: not the demo's
        jurors[username], created = Juror.objects.get_or_create(
            competition=competition, user=jury[username]
        )
        loader.created["Jurymitglieder"] += created
    return jurors


def _load_submissions(loader, region, competition: Competition, citizens: dict) -> dict:
    shown = {username: name for username, name, _last in data.CITIZENS}
    entries = {}
    for item in call.SUBMISSIONS:
        entry = Submission.objects.filter(competition=competition, title=item["title"]).first()
        if entry is None:
            entry = Submission(
                competition=competition,
                title=item["title"],
                text=item["text"],
                municipality=loader.towns.get(item["town"] or ""),
                author=citizens.get(item["author"]),
                submitter_name=shown[item["author"]],
                extra=item["extra"],
                is_demo=True,
            )
            entry.full_clean()
            entry.save()
            Submission.objects.filter(pk=entry.pk).update(
                created=item["created"], updated=item["created"]
            )
            loader.created["Wettbewerbsbeiträge"] += 1
        entries[item["title"]] = entry
    return entries


def _load_conflicts(loader, jurors: dict, entries: dict) -> None:
    for title, username, note in call.CONFLICTS:
        if username not in jurors:
            continue
        conflict, created = Conflict.objects.get_or_create(
            juror=jurors[username], submission=entries[title], defaults={"note": note}
        )
        if created:
            Conflict.objects.filter(pk=conflict.pk).update(created=call.SCORED[username])
        loader.created["Befangenheiten"] += created


def _load_scores(loader, jurors: dict, entries: dict, criteria: list[Criterion]) -> None:
    juror_ids = [juror.pk for juror in jurors.values()]
    existing = set(
        Score.objects.filter(juror_id__in=juror_ids).values_list(
            "juror_id", "submission_id", "criterion_id"
        )
    )
    conflicts = set(
        Conflict.objects.filter(juror_id__in=juror_ids).values_list("juror_id", "submission_id")
    )
    comments = {(title, username): text for title, username, text in call.SCORE_COMMENTS}
    new = []
    for title, by_juror in call.SCORES.items():
        entry = entries[title]
        for username, values in by_juror.items():
            juror = jurors.get(username)
            if juror is None or (juror.pk, entry.pk) in conflicts:
                continue
            for index, (criterion, value) in enumerate(zip(criteria, values, strict=True)):
                if (juror.pk, entry.pk, criterion.pk) in existing:
                    continue
                comment = comments.get((title, username), "") if index == 0 else ""
                new.append(
                    Score(
                        juror=juror,
                        submission=entry,
                        criterion=criterion,
                        value=value,
                        comment=comment,
                    )
                )
    Score.objects.bulk_create(new)
    loader.created["Bewertungen"] += len(new)
    for username, juror in jurors.items():  # scored during the jury phase
        Score.objects.filter(juror=juror, pk__in=[s.pk for s in new if s.pk]).update(
            updated=call.SCORED[username]
        )
