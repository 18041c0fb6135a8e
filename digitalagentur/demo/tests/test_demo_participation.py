"""The demo's participation (issue 12, section 2 "Demo"): a dozen published ideas with supports
and answers, marked as demo, one taken into the strategy as a project draft, and the
ZukunftsWandler 2023 competition (October 2023) with its jury and published result; loading
twice duplicates nothing.

Expectations are written from the issue, independently of demo/data/participation.py.
"""

import datetime
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from digitalagentur.demo import participation as demo_participation
from digitalagentur.demo.data import participation as data
from digitalagentur.demo.loader import REASON, DemoLoader
from digitalagentur.participation import competitions
from digitalagentur.participation.choices import ANSWER_STATUSES, TRANSITIONS, IdeaStatus
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
from digitalagentur.participation.services import display_name
from digitalagentur.portfolio.models import Project
from digitalagentur.strategy.models import Field
from digitalagentur.tenancy.models import Municipality, Region, RoleAssignment

BERLIN = ZoneInfo("Europe/Berlin")
MODELS = (
    Idea,
    IdeaStatusChange,
    Support,
    Comment,
    Competition,
    Criterion,
    Prize,
    Juror,
    Submission,
    Conflict,
    Score,
    Project,
)


@pytest.fixture
def region(demo_db, db):
    return Region.objects.get(slug="kreis-coesfeld")


@pytest.fixture
def zukunftswandler(region):
    return Competition.objects.get(region=region, title__icontains="ZukunftsWandler")


def counts() -> dict:
    return {model: model.objects.count() for model in MODELS}


# -- ideas ------------------------------------------------------------------------------------


def test_a_dozen_public_demo_ideas_across_fields_and_towns(region):
    public = Idea.objects.public().filter(region=region)
    assert public.count() >= 12
    assert not Idea.objects.filter(region=region, is_demo=False).exists()
    assert public.exclude(field=None).values("field").distinct().count() >= 6
    assert public.exclude(municipality=None).values("municipality").distinct().count() >= 8
    for idea in public.select_related("author"):
        # A name to show that is neither the user name nor the e-mail address.
        assert display_name(idea.author) not in ("Anonym", idea.author.username)


def test_public_ideas_have_supports_from_distinct_demo_people(region):
    public = Idea.objects.public().filter(region=region)
    for idea in public:
        supports = Support.objects.filter(idea=idea)
        assert supports.exists(), idea
        assert supports.values("user").distinct().count() == supports.count()
        assert supports.filter(created__lt=idea.published_at).count() == 0, idea
        # Dated after publication, not at the time the demo was loaded.
        loaded = timezone.now() - datetime.timedelta(hours=1)
        assert supports.filter(created__gt=loaded).count() == 0, idea
    supporters = get_user_model().objects.filter(idea_supports__idea__region=region).distinct()
    assert supporters.count() >= 6
    assert supporters.filter(username="pendlerin").exists()
    # Demo citizens have no role (the pendlerin neither).
    assert not RoleAssignment.objects.filter(user__in=supporters).exists()
    assert not Support.objects.filter(idea__region=region, idea__status="received").exists()
    totals = sorted(Support.objects.filter(idea=idea).count() for idea in public)
    assert totals[0] < totals[-1]  # not all the same


def test_comments_with_answers_one_level_deep(region):
    comments = Comment.objects.filter(idea__region=region)
    assert comments.filter(parent=None).count() >= 8
    answers = comments.exclude(parent=None)
    assert answers.count() >= 5
    assert not answers.filter(parent__parent__isnull=False).exists()
    assert all(a.parent.idea_id == a.idea_id and a.created > a.parent.created for a in answers)
    assert not comments.filter(is_demo=False).exists()
    assert not comments.filter(hidden=True).exists()
    assert not comments.exclude(idea__status__in=["published", "review", "adopted", "declined"])


def test_statuses_review_declined_received(region):
    ideas = Idea.objects.filter(region=region)
    assert ideas.filter(status="review").count() >= 2
    assert ideas.filter(status="published").count() >= 2
    declined = ideas.get(status="declined")
    assert len(declined.answer) > 40  # a public reason
    assert declined.status_changes.last().reason == declined.answer
    received = ideas.get(status="received")
    assert not received.is_public and received.published_at is None
    assert [c.status for c in received.status_changes.all()] == ["received"]
    assert received.answered is None


@pytest.mark.parametrize("status", ["published", "review", "declined", "adopted", "received"])
def test_status_changes_are_a_valid_dated_way(region, status):
    for idea in Idea.objects.filter(region=region, status=status):
        changes = list(idea.status_changes.all())
        assert changes[0].status == "received" and changes[-1].status == idea.status
        assert changes[0].time == idea.created
        for before, after in zip(changes, changes[1:], strict=False):
            allowed = TRANSITIONS[IdeaStatus(before.status)]
            assert after.status in allowed or after.status == "adopted", (before, after)
            assert before.time < after.time
        for change in changes:
            assert 2023 <= change.time.year <= 2026 and change.time <= timezone.now()
        published = [c.time for c in changes if c.status == "published"]
        assert idea.published_at == (published[0] if published else None)
        answers = [c for c in changes if c.status in ANSWER_STATUSES]
        assert idea.answered == (answers[-1].time if answers else None)
        if answers:
            assert idea.answer and idea.answer == answers[-1].reason


def test_an_idea_taken_into_the_strategy_as_a_project_draft(region):
    idea = Idea.objects.filter(region=region, status="adopted").first()
    assert idea is not None and idea.project is not None
    project = Project.objects.get(pk=idea.project_id)
    assert project.source_idea == idea  # the project links back
    assert (project.region, project.title, project.field) == (region, idea.title, idea.field)
    assert not project.published  # a draft
    assert idea.municipality in project.municipalities.all()
    assert idea.answered.year in (2023, 2024, 2025, 2026)
    assert Support.objects.filter(idea=idea).count() == max(
        Support.objects.filter(idea=other).count()
        for other in Idea.objects.public().filter(region=region)
    )


def test_public_pages_show_the_demo_ideas(region, client):
    idea = Idea.objects.get(region=region, status="declined")
    response = client.get(reverse("public:idea", args=[idea.pk]))
    assert response.status_code == 200
    assert idea.answer[:30] in response.content.decode()
    received = Idea.objects.get(region=region, status="received")
    assert client.get(reverse("public:idea", args=[received.pk])).status_code == 404


# -- ZukunftsWandler 2023 ---------------------------------------------------------------------


def test_the_zukunftswandler_2023_call(zukunftswandler):
    c = zukunftswandler
    assert c.is_demo and c.published and c.result_published
    start = timezone.localtime(c.submission_start, BERLIN)
    assert (start.year, start.month) == (2023, 10)
    assert c.submission_start < c.submission_end <= c.jury_end
    assert c.award_date > timezone.localtime(c.jury_end, BERLIN).date() - datetime.timedelta(1)
    assert c.eligibility and "Demo" in c.description
    weights = [cr.weight for cr in Criterion.objects.filter(competition=c)]
    assert 3 <= len(weights) <= 4 and len(set(weights)) > 1
    assert Prize.objects.filter(competition=c).count() == 3


def test_jury_of_three_named_demo_logins(zukunftswandler, client):
    jurors = list(Juror.objects.filter(competition=zukunftswandler).select_related("user"))
    assert len(jurors) == 3
    for juror in jurors:
        user = juror.user
        assert user.first_name and user.last_name
        assert not RoleAssignment.objects.filter(user=user).exists()
        response = client.post(reverse("login"), {"username": user.username, "password": "demo"})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)
        client.logout()


def test_submissions_scores_and_one_declared_conflict(zukunftswandler):
    entries = Submission.objects.filter(competition=zukunftswandler)
    assert 7 <= entries.count() <= 10
    assert not entries.filter(is_demo=False).exists()
    for entry in entries:
        assert entry.submitter_name and entry.extra.get("team")
        created = timezone.localtime(entry.created, BERLIN)
        assert (created.year, created.month) == (2023, 10)
    conflict = Conflict.objects.get(juror__competition=zukunftswandler)
    assert not Score.objects.filter(juror=conflict.juror, submission=conflict.submission).exists()
    criteria = Criterion.objects.filter(competition=zukunftswandler).count()
    jurors = Juror.objects.filter(competition=zukunftswandler).count()
    # Everyone scored every criterion of every entry, except the conflicted pair.
    expected = (entries.count() * jurors - 1) * criteria
    assert Score.objects.filter(submission__competition=zukunftswandler).count() == expected


def test_result_published_with_the_ranking_winners(zukunftswandler):
    ranked = competitions.ranking(zukunftswandler)
    scores = [entry.score for entry in ranked]
    assert scores == sorted(scores, reverse=True) and len(set(scores[:4])) == 4
    prizes = list(Prize.objects.filter(competition=zukunftswandler).order_by("position"))
    assert [p.winner for p in prizes] == [entry.submission for entry in ranked[:3]]
    assert zukunftswandler.phase() == "result"


# -- logins and loading twice -----------------------------------------------------------------


def test_readme_lists_the_jury_logins():
    readme = (Path(settings.BASE_DIR).parent / "README.md").read_text(encoding="utf-8")
    for username in ("jury1", "jury2", "jury3"):
        assert f"| `{username}` |" in readme


def test_loading_the_demo_twice_duplicates_nothing(region):
    before = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before


def test_loading_participation_again_creates_nothing_twice(region):
    """Within the first run every object is found again by its natural key."""
    users = get_user_model().objects
    loader = DemoLoader()
    loader.towns = {town.slug: town for town in Municipality.objects.filter(region=region)}
    loader.fields = {field.slug: field for field in Field.objects.filter(region=region)}
    logins = {name: (users.get(username=name), True) for name in ("pendlerin", "koordination")}
    before = counts()
    demo_participation.load_participation(loader, region, REASON, logins=logins)
    assert counts() == before and sum(loader.created.values()) == 0
    # Even with every demo account handed in as the demo's own, nothing is added.
    citizens = {u.username: u for u in users.filter(username__startswith="demo-buerger")}
    citizens["pendlerin"] = users.get(username="pendlerin")
    jury = {u.username: u for u in users.filter(username__startswith="jury")}
    for item in data.IDEAS:
        demo_participation._load_idea(loader, region, REASON, item, citizens, None)
    demo_participation._load_competition(loader, region, REASON, citizens, jury)
    assert counts() == before and sum(loader.created.values()) == 0
