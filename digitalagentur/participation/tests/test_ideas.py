"""Ideas (issue 12, section 1): submission, the way through moderation, supports, comments,
merge and the step into the strategy."""

import pytest
from django.core.exceptions import ValidationError

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.participation import services as svc
from digitalagentur.participation.choices import IdeaStatus
from digitalagentur.participation.models import Idea, Support
from digitalagentur.strategy.versions import freeze_version


@pytest.fixture
def citizen(db):
    return t.make_user("buergerin", first_name="Rad-Fan")


def submit(region, user, title="Radweg nach Lette", **kw):
    kw.setdefault("text", "Ein sicherer Radweg entlang der Landstraße.")
    return svc.submit_idea(region=region, user=user, title=title, **kw)


def published(region, user, title="Radweg nach Lette", **kw):
    idea = submit(region, user, title, **kw)
    return svc.set_status(idea, IdeaStatus.PUBLISHED, user=None)


def test_a_new_idea_waits_for_moderation_and_keeps_its_history(region, citizen):
    idea = submit(region, citizen)
    assert idea.status == IdeaStatus.RECEIVED
    assert not Idea.objects.public().filter(pk=idea.pk).exists()
    idea = svc.set_status(idea, IdeaStatus.PUBLISHED, user=None)
    assert Idea.objects.public().filter(pk=idea.pk).exists()
    idea = svc.set_status(idea, IdeaStatus.DECLINED, user=None, reason="Zu teuer.")
    assert idea.answer == "Zu teuer." and idea.answered is not None
    steps = list(idea.status_changes.values_list("status", "reason"))
    assert steps == [("received", ""), ("published", ""), ("declined", "Zu teuer.")]
    assert ObjectChange.objects.filter(object_id=idea.pk, action="update").count() == 2


def test_declining_and_rejecting_need_a_reason_and_wrong_steps_are_refused(region, citizen):
    idea = submit(region, citizen)
    with pytest.raises(ValidationError) as error:
        svc.set_status(idea, IdeaStatus.REJECTED, user=None)
    assert "Begründung" in str(error.value)
    with pytest.raises(ValidationError, match="kann nicht"):
        svc.set_status(idea, IdeaStatus.ADOPTED, user=None)
    rejected = svc.set_status(idea, IdeaStatus.REJECTED, user=None, reason="Werbung")
    assert not Idea.objects.public().filter(pk=rejected.pk).exists()


@pytest.mark.parametrize(
    ("title", "text", "field"),
    [
        ("", "Text", "title"),
        ("   ", "Text", "title"),
        ("x" * 151, "Text", "title"),
        ("Titel", "", "text"),
        ("Titel", "y" * 5001, "text"),
    ],
)
def test_empty_or_too_long_input_is_refused_in_german(region, citizen, title, text, field):
    with pytest.raises(ValidationError) as error:
        svc.submit_idea(region=region, user=citizen, title=title, text=text)
    assert field in error.value.message_dict
    assert not Idea.objects.exists()


def test_a_duplicate_title_is_refused(region, citizen):
    published(region, citizen, "Freies WLAN am Marktplatz")
    other = t.make_user("zweite")
    with pytest.raises(ValidationError) as error:
        submit(region, other, "freies  wlan am marktplatz")
    assert "gibt es schon" in error.value.message_dict["title"][0]


def test_strangers_and_inactive_accounts_cannot_submit(region):
    inactive = t.make_user("inaktiv", is_active=False)
    with pytest.raises(ValidationError, match="melden Sie sich an"):
        submit(region, inactive)


def test_support_is_once_per_person_and_withdrawable(region, citizen):
    idea = published(region, citizen)
    other = t.make_user("nachbar")
    assert svc.support(idea, other) is True
    assert svc.support(idea, other) is False
    assert svc.support(idea, citizen) is True
    assert svc.supporters(idea) == 2
    assert svc.withdraw_support(idea, other) is True
    assert svc.withdraw_support(idea, other) is False
    assert svc.supporters(idea) == 1


def test_only_open_public_ideas_take_supports(region, citizen):
    idea = submit(region, citizen)
    with pytest.raises(ValidationError):
        svc.support(idea, citizen)
    idea = svc.set_status(idea, IdeaStatus.PUBLISHED, user=None)
    idea = svc.set_status(idea, IdeaStatus.DECLINED, user=None, reason="Nein.")
    with pytest.raises(ValidationError, match="entschieden"):
        svc.support(idea, citizen)


def test_merge_joins_supports_without_counting_anyone_twice(region, citizen):
    source = published(region, citizen, "WLAN im Bürgerhaus")
    target = published(region, citizen, "Freies WLAN in öffentlichen Gebäuden")
    people = [t.make_user(f"p{n}") for n in range(5)]
    for person in people[:3]:
        svc.support(source, person)  # p0, p1, p2
    for person in people[2:]:
        svc.support(target, person)  # p2, p3, p4
    comment = svc.add_comment(source, people[0], "Gute Idee!")
    svc.merge_ideas(source, target, user=None, reason="Gleiches Anliegen")
    assert svc.supporters(target) == 5
    assert Support.objects.filter(idea=source).count() == 0
    assert set(Support.objects.filter(idea=target).values_list("user__username", flat=True)) == {
        "p0",
        "p1",
        "p2",
        "p3",
        "p4",
    }
    source.refresh_from_db()
    comment.refresh_from_db()
    assert source.status == IdeaStatus.MERGED and source.merged_into == target
    assert comment.idea == target
    assert not Idea.objects.public().filter(pk=source.pk).exists()
    with pytest.raises(ValidationError):
        svc.merge_ideas(target, target, user=None)


def test_comments_answer_one_level_deep_and_hidden_ones_take_no_answers(region, citizen):
    idea = published(region, citizen)
    comment = svc.add_comment(idea, citizen, "Erster!")
    answer = svc.add_comment(idea, t.make_user("b"), "Antwort", parent=comment)
    with pytest.raises(ValidationError, match="Antwort"):
        svc.add_comment(idea, citizen, "Antwort auf Antwort", parent=answer)
    assert svc.report_comment(answer, citizen, "beleidigend") is True
    assert svc.report_comment(answer, citizen) is False
    with pytest.raises(ValidationError):
        svc.hide_comment(answer, user=None, reason="")
    svc.hide_comment(answer, user=None, reason="Beleidigung")
    answer.refresh_from_db()
    assert answer.hidden and answer.reports.get().handled
    with pytest.raises(ValidationError):
        svc.add_comment(idea, citizen, "noch eine", parent=answer)
    with pytest.raises(ValidationError, match="schon geschrieben"):
        svc.add_comment(idea, citizen, "Erster!")


def test_taking_an_idea_into_the_strategy_makes_a_linked_project_draft(region, town, citizen):
    strategy = t.make_strategy(region)
    field = t.make_field(strategy, "Mobilität")
    idea = published(region, citizen, field=field, municipality=town)
    project = svc.take_into_strategy(idea, user=None)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ADOPTED and idea.project == project
    assert project.source_idea == idea
    assert (project.title, project.field, project.published) == (idea.title, field, False)
    assert list(project.municipalities.all()) == [town]
    assert project.description == idea.text
    version = freeze_version(strategy, "Fortschreibung 2027")
    assert project.slug in version.snapshot["projects"]
    with pytest.raises(ValidationError, match="schon"):
        svc.take_into_strategy(idea, user=None)


def test_editing_needs_a_note_that_goes_into_the_change_log(region, citizen):
    idea = submit(region, citizen)
    with pytest.raises(ValidationError):
        svc.edit_idea(idea, {"title": "Neu"}, user=None, note="")
    idea = svc.edit_idea(idea, {"title": "Radweg Lette–Coesfeld"}, user=None, note="Tippfehler")
    change = ObjectChange.objects.filter(object_id=idea.pk, action="update").latest("pk")
    assert change.reason == "Tippfehler" and change.changes["title"]["after"] == idea.title


def test_similar_ideas_and_search_find_public_ideas_only(region, citizen):
    published(region, citizen, "Radweg nach Lette", text="Sicher zur Schule fahren.")
    published(region, citizen, "Mehr Bänke im Park", text="Zum Ausruhen.")
    hidden = submit(region, citizen, "Radwege beleuchten", text="Licht am Radweg.")
    found = svc.similar_ideas(region, "Radweg Coesfeld")
    assert [idea.title for idea in found] == ["Radweg nach Lette"]
    assert hidden not in found
    titles = svc.search_ideas(Idea.objects.public(), "radweg").values_list("title", flat=True)
    assert list(titles) == ["Radweg nach Lette"]
    assert not svc.search_ideas(Idea.objects.public(), "&|!").exists()
