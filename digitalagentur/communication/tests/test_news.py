"""News posts (issue 13, section 3): the writes with their checks and change log, scheduled
publishing, who may write which post, and the drafts for social media."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from digitalagentur.communication import news, rules
from digitalagentur.communication.models import NewsPost
from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import EditConflict, changes_for
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.permissions import get_access
from digitalagentur.testing.communication import make_news_post, png

pytestmark = pytest.mark.django_db


def later(**delta) -> datetime.datetime:
    return timezone.now().replace(microsecond=0) + datetime.timedelta(**delta)


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


# ---- writes -----------------------------------------------------------------------------------


def test_create_with_slug_towns_fields_image_and_change_log(region, town, strategy, users):
    field = t.make_field(strategy, "Mobilität", slug="mobilitaet")
    post = news.create_post(
        region=region,
        user=users["coordinator"],
        values={
            "title": "  Neue   Radwege ",
            "teaser": "Kurz",
            "body": "**Text**",
            "image_alt": " Ein  Radweg ",
        },
        fields=[field],
        municipalities=[town],
        image=png(),
        is_demo=False,
    )
    post.refresh_from_db()
    assert post.title == "Neue Radwege" and post.slug == "neue-radwege"
    assert post.publish_at is None and news.status_of(post) == "draft"
    assert list(post.fields.all()) == [field] and list(post.municipalities.all()) == [town]
    assert post.image_type == "image/jpeg" and bytes(post.image)[:2] == b"\xff\xd8"
    assert len(post.image_hash) == 64 and post.author == users["coordinator"]
    assert post.image_alt == "Ein Radweg"
    (change,) = changes_for(post)
    assert change.action == ObjectChange.Action.CREATE and change.user == users["coordinator"]
    assert change.changes["municipalities"]["after"] == [town.pk]
    assert "image" not in change.changes and "image_hash" in change.changes
    # the same title again gets a free slug; "feed" is never a post's slug
    assert make_news_post(region, "Neue Radwege").slug == "neue-radwege-2"
    assert make_news_post(region, "Feed").slug == "feed-2"


@pytest.mark.parametrize(
    "values,image,field",
    [
        ({"title": "   "}, None, "title"),
        ({"title": "x" * 201}, None, "title"),
        ({"title": "Titel", "teaser": "x" * 301}, None, "teaser"),
        ({"title": "Titel", "body": "x" * 20001}, None, "body"),
        ({"title": "Titel"}, png(), "image_alt"),
        ({"title": "Titel", "image_alt": "Bild"}, b"kein Bild, nur Text", "image"),
        (
            {"title": "Titel", "publish_at": datetime.datetime(1999, 1, 1, tzinfo=datetime.UTC)},
            None,
            "publish_at",
        ),
    ],
)
def test_bad_input_is_refused_in_german_and_nothing_is_saved(region, values, image, field):
    with pytest.raises(ValidationError) as excinfo:
        news.create_post(region=region, user=None, values=values, image=image)
    message = " ".join(errors_of(excinfo)[field])
    assert message and message.startswith(("Bitte", "Der", "Die"))
    assert not NewsPost.objects.exists() and not ObjectChange.objects.exists()


def test_towns_and_fields_of_another_region_are_refused(region, other_region, strategy):
    foreign_town = t.make_municipality(other_region, "Fremdstadt")
    foreign_field = t.make_field(t.make_strategy(other_region), "Fremd")
    with pytest.raises(ValidationError) as excinfo:
        news.create_post(
            region=region,
            user=None,
            values={"title": "Titel"},
            fields=[foreign_field],
            municipalities=[foreign_town],
        )
    assert set(errors_of(excinfo)) == {"fields", "municipalities"}
    assert not NewsPost.objects.exists()


def test_update_replaces_and_removes_the_image_and_keeps_the_version_check(region, users):
    post = make_news_post(region, "Mit Bild", image=png())
    first_hash = post.image_hash
    saved = news.update_post(
        post, {}, expected_version=post.version, user=users["coordinator"], image=png((9, 9, 9))
    )
    assert saved.version == 2 and saved.image_hash != first_hash
    assert changes_for(saved).first().changes["image_hash"]["before"] == first_hash
    with pytest.raises(EditConflict):
        news.update_post(post, {"title": "Alt"}, expected_version=1, user=None)
    with pytest.raises(ValidationError) as excinfo:  # the description is required with a picture
        news.update_post(saved, {"image_alt": "  "}, expected_version=2, user=None)
    assert "image_alt" in errors_of(excinfo)
    removed = news.update_post(
        saved, {"image_alt": ""}, expected_version=2, user=None, remove_image=True
    )
    removed.refresh_from_db()
    assert removed.image is None and removed.image_type == "" and removed.image_alt == ""
    assert NewsPost.objects.get().title == "Mit Bild"


def test_the_database_refuses_an_image_without_description(region):
    post = make_news_post(region, "Ohne Beschreibung")
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        NewsPost.objects.filter(pk=post.pk).update(image_type="image/png", image_alt="")


def test_publish_now_unpublish_and_delete(region, users):
    post = make_news_post(region, "Planung", publish_at=later(days=3))
    assert news.status_of(post) == "scheduled"
    now = later()
    post = news.publish_now(post, expected_version=post.version, user=users["coordinator"], now=now)
    assert post.publish_at == now and news.status_of(post, now) == "published"
    post = news.unpublish(post, expected_version=post.version, user=users["coordinator"])
    assert post.publish_at is None and not news.public_posts(region).exists()
    news.delete_post(post, expected_version=post.version, user=users["coordinator"])
    assert not NewsPost.objects.exists()
    assert [c.action for c in ObjectChange.objects.order_by("pk")] == [
        "create",
        "update",
        "update",
        "delete",
    ]


# ---- scheduled publishing ---------------------------------------------------------------------


def test_a_scheduled_post_is_public_only_from_its_time(region, other_region):
    now = later()
    past = make_news_post(region, "Gestern", publish_at=now - datetime.timedelta(days=1))
    soon = make_news_post(region, "Morgen", publish_at=now + datetime.timedelta(days=1))
    make_news_post(region, "Entwurf", publish_at=None)
    make_news_post(other_region, "Anderswo")
    assert list(news.public_posts(region, now)) == [past]
    tomorrow = now + datetime.timedelta(days=1)
    assert list(news.public_posts(region, tomorrow)) == [soon, past]  # newest first
    assert not soon.is_public(now) and soon.is_public(tomorrow)
    assert news.scheduled_moments(region, now) == [soon.publish_at]


# ---- rules ------------------------------------------------------------------------------------


def test_who_manages_which_post(region, other_region, town, other_town, users):
    third = t.make_municipality(region, "Nottuln")
    officer = get_access(users["officer"], region)  # officer of `town`
    both = t.make_user_with_role(region, Role.OFFICER, town, username="beide")
    t.grant(both, region, Role.OFFICER, other_town)
    officer_of_both = get_access(both, region)
    coordination = get_access(users["coordinator"], region)
    reader = get_access(users["reader"], region)
    own = make_news_post(region, "Eigene", towns=[town])
    shared = make_news_post(region, "Gemeinsam", towns=[town, other_town])
    regional = make_news_post(region, "Region")
    foreign = make_news_post(region, "Fremd", towns=[third])
    elsewhere = make_news_post(other_region, "Anderswo")

    assert rules.can_create_news(coordination) and rules.can_create_news(officer)
    assert not rules.can_create_news(reader)
    assert [rules.can_manage_news(officer, p) for p in (own, shared, regional, foreign)] == [
        True,
        False,
        False,
        False,
    ]
    assert rules.can_manage_news(officer_of_both, shared)
    assert all(rules.can_manage_news(coordination, p) for p in (own, shared, regional, foreign))
    assert not rules.can_manage_news(coordination, elsewhere)
    assert not rules.can_manage_news(reader, own)
    everything = NewsPost.objects.all()
    assert set(rules.managed_news(officer, everything)) == {own}
    assert set(rules.managed_news(officer_of_both, everything)) == {own, shared}
    assert set(rules.managed_news(coordination, everything)) == {own, shared, regional, foreign}
    assert not rules.managed_news(reader, everything).exists()
    assert rules.may_tag_towns(officer, [town.pk]) and not rules.may_tag_towns(officer, [])
    assert not rules.may_tag_towns(officer, [town.pk, other_town.pk])


# ---- social media drafts ----------------------------------------------------------------------

URL = "https://digital.kreis-coesfeld.de/neuigkeiten/erste-digitalisierungskonferenz/"


def test_drafts_fit_their_networks():
    drafts = news.compose_drafts(
        "Erste Digitalisierungskonferenz im Kreis Coesfeld",
        "Am 15. November 2022 lernte die Fachöffentlichkeit die Strategie kennen.",
        URL,
        ["#Verwaltung", "#Wirtschaft"],
    )
    short, long, instagram = drafts
    assert [d.key for d in drafts] == ["kurz", "lang", "instagram"]
    assert short.length <= 300 and short.text.endswith(URL)
    assert short.text.startswith("Erste Digitalisierungskonferenz") and "15. November" in short.text
    assert URL in long.text and "#Verwaltung #Wirtschaft" in long.text
    assert "http" not in instagram.text and "#Verwaltung #Wirtschaft" in instagram.text
    assert "15. November 2022" in instagram.text


def test_a_long_teaser_is_shortened_at_a_word_and_the_link_always_stays():
    title = "Ein Titel " * 8
    teaser = "Wort " * 200
    short = news.compose_drafts(title, teaser, URL, ["#Mobilität"])[0]
    assert len(short.text) <= 300 and short.text.endswith(URL)
    assert "…" in short.text and "Wor…" not in short.text
    endless = news.compose_drafts("T" * 400, "", URL, [])[0]
    assert len(endless.text) <= 300 and endless.text.endswith(URL)
    huge = news.compose_drafts("Titel", "Satz. " * 1000, URL, [])
    assert huge[1].length <= 3000 and URL in huge[1].text
    assert huge[2].length <= 2200 and "#Digitalisierung" in huge[2].text


def test_hashtags_from_field_names():
    assert news.hashtag("Innenstadt/Dorfmitte") == "#InnenstadtDorfmitte"
    assert news.hashtag("Mobilität") == "#Mobilität"
    assert news.hashtag("E-Government und Bildung") == "#EGovernmentUndBildung"
    assert news.hashtag(" - ") == ""


def test_drafts_of_a_post_use_its_address_and_fields(region, strategy, settings):
    settings.DIGITALAGENTUR_BASE_URL = "https://digital.example.org"
    field = t.make_field(strategy, "Innenstadt/Dorfmitte", slug="innenstadt")
    post = make_news_post(region, "Markt digital", teaser="Der Wochenmarkt online.", fields=[field])
    short, long, instagram = news.social_drafts(post)
    assert short.text.endswith("https://digital.example.org/neuigkeiten/markt-digital/")
    assert "#InnenstadtDorfmitte" in instagram.text and "digital.example.org" not in instagram.text
    assert "Der Wochenmarkt online." in long.text


def test_cached_pages_learn_of_a_scheduled_post_by_their_key(region, monkeypatch):
    from digitalagentur.tenancy import pagecache
    from digitalagentur.tenancy.models import Region

    make_news_post(region, "Gestern", publish_at=later(days=-1))
    make_news_post(region, "In einer Stunde", publish_at=later(hours=1))
    make_news_post(region, "In zwei Stunden", publish_at=later(hours=2))
    region = Region.objects.get(pk=region.pk)  # with its content state after the writes
    before = pagecache.page_state(region)
    assert pagecache.moments_passed(region) == 0 and before == pagecache.region_state(region)
    real_now = timezone.now
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: real_now() + datetime.timedelta(minutes=90)
    )
    assert pagecache.moments_passed(region) == 1
    after = pagecache.page_state(region)
    assert after != before and after.startswith(pagecache.region_state(region))
    # read again (another process, an expired entry): the same count, never back
    pagecache._moment_lists.entries.clear()
    assert pagecache.moments_passed(region) == 1 and pagecache.page_state(region) == after
