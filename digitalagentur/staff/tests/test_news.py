"""News posts in the staff area (issue 13, section 3): the coordination writes every post of
the region, an officer the posts of their own towns only (403 for others, other regions' posts
404), every other role gets 403; the form refuses bad input in German and saves nothing, a
stale edit shows the conflict; the list filters, searches and sorts; publishing now and
withdrawing; the texts for social media; the change log links to the post."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from digitalagentur.communication.models import NewsPost
from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import changes_for, update_object
from digitalagentur.staff.links import object_url
from digitalagentur.testing.communication import make_news_post, png

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def later(**delta):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(**delta)


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def rows(response) -> list[str]:
    """The titles of the list, in order."""
    return re.findall(r'<th scope="row"><a href="[^"]*">([^<]+)</a>', response.content.decode())


def post_data(post, **overrides) -> dict:
    post.refresh_from_db()
    data = {
        "title": post.title,
        "teaser": post.teaser,
        "body": post.body,
        "publish_at": local_input(post.publish_at) if post.publish_at else "",
        "image_alt": post.image_alt,
        "fields": list(post.fields.values_list("pk", flat=True)),
        "towns": list(post.municipalities.values_list("pk", flat=True)),
        "version": post.version,
        "reason": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def page_urls(post):
    return [
        url("news_detail", post.pk),
        url("news_edit", post.pk),
        url("news_social", post.pk),
        url("news_publish", post.pk),
        url("news_unpublish", post.pk),
        url("news_delete", post.pk),
    ]


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_coordination_reaches_every_page(client, login, region, other_town, role):
    post = make_news_post(region, towns=[other_town], image=png())
    login(role)
    for address in [
        url("news_list"),
        url("news_create"),
        *page_urls(post),
        url("news_image", post.pk),
    ]:
        assert client.get(address).status_code == 200, address
    page = client.get(url("news_list")).content.decode()
    assert url("news_create") in page and f'href="{url("news_list")}" aria-current="page"' in page


def test_the_coordination_creates_a_post_with_image_fields_and_towns(
    client, login, region, town, strategy
):
    field = t.make_field(strategy, "Mobilität", slug="mobilitaet")
    user = login("coordinator")
    response = client.post(
        url("news_create"),
        {
            "title": "Neue Radwege",
            "teaser": "Der Kreis baut Radwege.",
            "body": "**Fett** und <script>alert(1)</script>",
            "publish_at": local_input(later(days=2)),
            "image_alt": "Ein Radweg",
            "upload": SimpleUploadedFile("rad.png", png(), content_type="image/png"),
            "fields": [field.pk],
            "towns": [town.pk],
            "reason": "",
        },
    )
    post = NewsPost.objects.get()
    assert response.status_code == 302 and response["Location"] == url("news_detail", post.pk)
    assert post.author == user and post.image_type == "image/jpeg"
    assert list(post.fields.all()) == [field] and list(post.municipalities.all()) == [town]
    detail = client.get(url("news_detail", post.pk)).content.decode()
    assert "geplant" in detail and "<strong>Fett</strong>" in detail
    assert "<script>alert" not in detail and url("news_image", post.pk) in detail
    image = client.get(url("news_image", post.pk))
    assert image.status_code == 200 and image["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"title": ""}, "title", "Bitte geben Sie einen Titel an."),
        ({"title": "x" * 201}, "title", "Der Titel ist zu lang"),
        ({"teaser": "x" * 301}, "teaser", "Der Kurztext ist zu lang"),
        ({"body": "x" * 20001}, "body", "Der Text ist zu lang"),
        ({"image_alt": ""}, "image_alt", "Bitte beschreiben Sie das Bild"),
        ({"upload": b"kein Bild"}, "upload", "kein lesbares Foto"),
        ({"publish_at": "morgen"}, "publish_at", "Bitte geben Sie Datum und Uhrzeit an"),
        ({"publish_at": "1999-01-01T10:00"}, "publish_at", "zwischen 2000 und 2099"),
        ({"towns": ["999999"]}, "towns", "Bitte wählen Sie Kommunen der Liste."),
    ],
)
def test_bad_input_answers_400_in_german_and_saves_nothing(
    client, login, region, overrides, field, message
):
    login("coordinator")
    data = {
        "title": "Titel",
        "teaser": "",
        "body": "",
        "publish_at": "",
        "image_alt": "Beschreibung",
        "upload": SimpleUploadedFile("bild.png", png(), content_type="image/png"),
        "reason": "",
    }
    for name, value in overrides.items():
        data[name] = (
            SimpleUploadedFile("bild.png", value, content_type="image/png")
            if name == "upload"
            else value
        )
    response = client.post(url("news_create"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field]), form.errors
    assert message in response.content.decode().replace("&quot;", '"').replace("&#x27;", "'")
    assert not NewsPost.objects.exists() and not ObjectChange.objects.exists()


def test_an_officer_writes_for_their_own_towns_only(client, login, region, town, other_town):
    own = make_news_post(region, "Eigene Meldung", towns=[town])
    shared = make_news_post(region, "Gemeinsame Meldung", towns=[town, other_town])
    regional = make_news_post(region, "Regionale Meldung")
    foreign = make_news_post(region, "Fremde Meldung", towns=[other_town])
    login("officer")
    listing = client.get(url("news_list"))
    assert rows(listing) == ["Eigene Meldung"] and url("news_create") in listing.content.decode()
    for address in page_urls(own):
        assert client.get(address).status_code == 200, address
    for post in (shared, regional, foreign):
        for address in page_urls(post):
            assert client.get(address).status_code == 403, address
        assert client.post(url("news_delete", post.pk), {"version": 1}).status_code == 403
        assert client.post(url("news_edit", post.pk), post_data(post, title="X")).status_code == 403
    # creating: at least one town, and only their own
    base = {"title": "Neu", "teaser": "", "body": "", "publish_at": "", "image_alt": ""}
    none = client.post(url("news_create"), {**base, "reason": ""})
    assert none.status_code == 400 and "mindestens eine Ihrer Kommunen" in none.content.decode()
    other = client.post(url("news_create"), {**base, "towns": [other_town.pk]})
    assert (
        other.status_code == 400
        and "Bitte wählen Sie Kommunen der Liste." in other.content.decode()
    )
    created = client.post(url("news_create"), {**base, "towns": [town.pk]})
    assert created.status_code == 302
    # editing their own post: keeps to their towns, publishes and deletes it
    bad = client.post(url("news_edit", own.pk), post_data(own, towns=[town.pk, other_town.pk]))
    assert bad.status_code == 400
    assert (
        client.post(url("news_edit", own.pk), post_data(own, title="Neu betitelt")).status_code
        == 302
    )
    own.refresh_from_db()
    assert own.title == "Neu betitelt" and list(own.municipalities.all()) == [town]
    response = client.post(url("news_delete", own.pk), {"version": own.version})
    assert response.status_code == 302
    assert set(NewsPost.objects.values_list("title", flat=True)) == {
        "Gemeinsame Meldung",
        "Regionale Meldung",
        "Fremde Meldung",
        "Neu",
    }


def test_a_reader_gets_403_and_changes_nothing(client, login, region, town):
    post = make_news_post(region, towns=[town])
    login("reader")
    assert client.get(url("news_list")).status_code == 403
    assert url("news_list") not in client.get(url("dashboard")).content.decode()
    for address in [url("news_create"), *page_urls(post), url("news_image", post.pk)]:
        assert client.get(address).status_code == 403, address
        assert client.post(address, {"version": post.version}).status_code == 403, address
    assert NewsPost.objects.get().version == 1


def test_other_regions_posts_are_not_found(client, login, region, other_region):
    foreign = make_news_post(other_region, "Fremde Nachricht", image=png())
    login("coordinator")
    assert "Fremde Nachricht" not in client.get(url("news_list")).content.decode()
    for address in [*page_urls(foreign), url("news_image", foreign.pk)]:
        assert client.get(address).status_code == 404, address
        assert client.post(address, {"version": 1}).status_code == 404, address
    assert NewsPost.objects.get().version == 1


def test_a_stale_edit_shows_the_conflict_and_overwrites_nothing(client, login, region, users):
    post = make_news_post(region, "Erster Titel")
    login("coordinator")
    form = post_data(post, title="Mein Titel")
    update_object(post, {"title": "Titel der Kollegin"}, expected_version=1, user=users["admin"])
    response = client.post(url("news_edit", post.pk), form)
    assert response.status_code == 409
    body = response.content.decode()
    assert "inzwischen" in body and "Titel der Kollegin" in body and "Mein Titel" in body
    post.refresh_from_db()
    assert post.title == "Titel der Kollegin" and post.version == 2
    # saving again on purpose, on top of the current version
    again = client.post(url("news_edit", post.pk), {**form, "version": 2})
    assert again.status_code == 302
    post.refresh_from_db()
    assert post.title == "Mein Titel" and post.version == 3


def test_replacing_and_removing_the_image(client, login, region):
    post = make_news_post(region, "Mit Bild", image=png())
    first = post.image_hash
    login("coordinator")
    replaced = client.post(
        url("news_edit", post.pk),
        post_data(post, upload=SimpleUploadedFile("b.png", png((1, 2, 3)), "image/png")),
    )
    assert replaced.status_code == 302
    post.refresh_from_db()
    assert post.image_hash != first and "image_hash" in changes_for(post).first().changes
    removed = client.post(url("news_edit", post.pk), post_data(post, remove_image="on"))
    assert removed.status_code == 302
    post.refresh_from_db()
    assert not post.has_image and post.image_alt == ""


def test_publish_now_and_withdraw(client, login, region):
    post = make_news_post(region, "Geplant", publish_at=later(days=5))
    login("coordinator")
    page = client.get(url("news_detail", post.pk)).content.decode()
    assert url("news_publish", post.pk) in page and url("news_unpublish", post.pk) in page
    stale = client.post(url("news_publish", post.pk), {"version": 7})
    assert stale.status_code == 409
    assert client.post(url("news_publish", post.pk), {"version": post.version}).status_code == 302
    post.refresh_from_db()
    assert post.publish_at <= timezone.now() and post.version == 2
    page = client.get(url("news_detail", post.pk)).content.decode()
    assert url("news_publish", post.pk) not in page
    assert reverse("public:news_detail", args=[post.slug]) in page
    assert client.post(url("news_unpublish", post.pk), {"version": 2}).status_code == 302
    post.refresh_from_db()
    assert post.publish_at is None and post.version == 3


def test_the_list_filters_searches_and_sorts(client, login, region):
    make_news_post(region, "Alpha veröffentlicht", publish_at=later(days=-3))
    make_news_post(region, "Beta geplant", publish_at=later(days=3), teaser="Glasfaser")
    make_news_post(region, "Gamma Entwurf", publish_at=None)
    login("coordinator")
    listing = url("news_list")
    assert rows(client.get(listing)) == ["Gamma Entwurf", "Beta geplant", "Alpha veröffentlicht"]
    assert rows(client.get(listing, {"sortierung": "datum"})) == [
        "Alpha veröffentlicht",
        "Beta geplant",
        "Gamma Entwurf",
    ]
    assert rows(client.get(listing, {"sortierung": "-titel"}))[0] == "Gamma Entwurf"
    assert rows(client.get(listing, {"status": "entwurf"})) == ["Gamma Entwurf"]
    assert rows(client.get(listing, {"status": "geplant"})) == ["Beta geplant"]
    assert rows(client.get(listing, {"status": "veroeffentlicht"})) == ["Alpha veröffentlicht"]
    assert rows(client.get(listing, {"q": "glasfaser"})) == ["Beta geplant"]
    none = client.get(listing, {"q": "nichts dergleichen"})
    assert "Kein Beitrag passt zu den Filtern." in none.content.decode()
    bad = client.get(listing, {"status": "irgendwas"})
    assert bad.status_code == 400 and "gibt es nicht zur Auswahl" in bad.content.decode()


def test_the_empty_list_explains_the_first_step(client, login, region):
    login("coordinator")
    body = client.get(url("news_list")).content.decode()
    assert "Noch keine Neuigkeiten." in body and "0 Beiträge" in body


def test_the_social_media_page_offers_texts_to_copy(client, login, region, settings):
    settings.DIGITALAGENTUR_BASE_URL = "https://digital.example.org"
    post = make_news_post(region, "Radwege", teaser="Der Kreis baut Radwege.")
    login("coordinator")
    body = client.get(url("news_social", post.pk)).content.decode()
    textareas = re.findall(
        r"<textarea id=\"entwurf-(\w+)\"[^>]*readonly[^>]*>([^<]*)</textarea>", body
    )
    assert [key for key, _text in textareas] == ["kurz", "lang", "instagram"]
    texts = dict(textareas)
    assert texts["kurz"].strip().endswith("https://digital.example.org/neuigkeiten/radwege/")
    assert "http" not in texts["instagram"]
    assert '<label for="entwurf-kurz">' in body and "copy-text.js" in body
    # the buttons are hidden in the page; the script shows them
    assert re.search(r'<button [^>]*data-copy="entwurf-kurz"[^>]* hidden>Kopieren</button>', body)


def test_the_change_log_links_to_the_post(client, login, region):
    post = make_news_post(region, "Protokolliert")
    change = changes_for(post).first()
    assert object_url(change) == url("news_detail", post.pk)
    login("coordinator")
    assert client.get(object_url(change)).status_code == 200
