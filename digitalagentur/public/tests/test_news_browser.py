"""News in a real browser (Debian's Chromium) at phone width (390 px): a reader finds a post
on the start page, reads it with its picture and formatted text, filters the list; the
coordination writes a post (a form with errors first), publishes it and copies a text for
social media. axe-core (WCAG 2.1 A/AA) finds nothing on the way, and no page is wider than
the screen."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from digitalagentur.communication.models import NewsPost
from digitalagentur.core import testing as t
from digitalagentur.tenancy.choices import Role
from digitalagentur.testing.communication import make_news_post, png

from .test_agency_browser import assert_fits
from .test_browser import assert_no_axe_violations, assert_stylesheet_applied

pytestmark = pytest.mark.browser

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt"


@pytest.fixture
def news_site(transactional_db):
    region = t.make_region("kreis-coesfeld", name="Kreis Coesfeld")
    town = t.make_municipality(region, "Senden", slug="senden")
    strategy = t.make_strategy(region, title="Digitalstrategie")
    field = t.make_field(strategy, "Mobilität", slug="mobilitaet")
    post = make_news_post(
        region,
        f"Radwege und {LONG_WORD}",
        teaser="Der Kreis baut Radwege zwischen den Gemeinden.",
        body=(
            "## Die Strecken\n\n- Senden – Lüdinghausen\n- Havixbeck\n\n"
            f"> {LONG_WORD}\n\nMehr beim [Kreis](https://example.org/radwege)."
        ),
        fields=[field],
        towns=[town],
        image=png(size=(1200, 600)),
        image_alt="Ein Radweg am Kanal",
    )
    make_news_post(
        region,
        "Ältere Meldung",
        publish_at=timezone.now() - datetime.timedelta(days=3),
    )
    coordinator = t.make_user_with_role(region, Role.COORDINATOR, username="koordination")
    return {"post": post, "town": town, "field": field, "coordinator": coordinator}


def check_page(page, label):
    page.wait_for_load_state("load")
    assert page.locator("h1").count() == 1, label
    assert_stylesheet_applied(page)
    assert_no_axe_violations(page, label)
    assert_fits(page, label)


def test_a_reader_finds_and_reads_the_news(page, live_server, news_site):
    post = news_site["post"]
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + reverse("public:home"))
    expect(page.locator(".news-section")).to_contain_text("Radwege und")
    check_page(page, "start page with news at 390 px")

    page.locator(".news-section").get_by_role("link", name=f"Radwege und {LONG_WORD}").click()
    expect(page.locator("h1")).to_contain_text("Radwege und")
    expect(page.locator(".news-text h3")).to_have_text("Die Strecken")
    image = page.locator(".news-image img")
    expect(image).to_have_attribute("alt", "Ein Radweg am Kanal")
    assert page.evaluate("document.querySelector('.news-image img').naturalWidth") > 0
    assert image.bounding_box()["width"] <= 390
    check_page(page, "a post at 390 px")

    page.goto(live_server.url + reverse("public:news_list") + "?field=mobilitaet")
    expect(page.locator(".news-list")).to_contain_text("Radwege und")
    expect(page.locator(".news-list")).not_to_contain_text("Ältere Meldung")
    check_page(page, "news list, filtered, at 390 px")
    page.goto(live_server.url + reverse("public:news_list") + "?municipality=gibt-es-nicht")
    check_page(page, "news list with an unknown filter value at 390 px")

    for label, url in (
        ("field page", reverse("public:field_detail", args=["mobilitaet"])),
        ("town page", reverse("public:municipality_detail", args=[news_site["town"].slug])),
    ):
        page.goto(live_server.url + url)
        expect(page.locator(".news-section")).to_contain_text("Radwege und")
        check_page(page, f"{label} with news at 390 px")
    assert post.pk


def test_the_coordination_writes_publishes_and_copies(page, live_server, news_site):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "koordination")
    page.fill("#id_password", t.TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(live_server.url + reverse("staff:dashboard"))

    page.goto(live_server.url + reverse("staff:news_list"))
    check_page(page, "staff news list at 390 px")
    page.get_by_role("link", name="Neuer Beitrag").click()
    page.fill("#id_title", "Glasfaser für Senden")
    page.set_input_files(
        "#id_upload", files=[{"name": "bild.png", "mimeType": "image/png", "buffer": png()}]
    )
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".form-error-summary")).to_contain_text("Bitte beschreiben Sie das Bild")
    check_page(page, "news form with errors at 390 px")
    assert not NewsPost.objects.filter(title="Glasfaser für Senden").exists()

    page.fill("#id_title", "Glasfaser für Senden")
    page.fill("#id_teaser", "Senden bekommt schnelles Internet.")
    page.fill("#id_image_alt", "Ein blaues Rechteck")
    page.set_input_files(
        "#id_upload", files=[{"name": "bild.png", "mimeType": "image/png", "buffer": png()}]
    )
    page.get_by_label("Senden").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("h1")).to_have_text("Glasfaser für Senden")
    check_page(page, "staff news page (draft) at 390 px")

    page.get_by_role("link", name="Jetzt veröffentlichen").click()
    check_page(page, "publish confirmation at 390 px")
    page.get_by_role("button", name="Jetzt veröffentlichen").click()
    expect(page.locator("body")).to_contain_text("ist veröffentlicht")
    post = NewsPost.objects.get(title="Glasfaser für Senden")
    assert post.publish_at is not None and post.has_image

    page.get_by_role("link", name="Texte für soziale Medien").click()
    short = page.locator("#entwurf-kurz")
    expect(short).to_have_attribute("readonly", "")
    assert short.input_value().endswith(reverse("public:news_detail", args=[post.slug]))
    page.get_by_role("button", name="Kopieren: Mastodon und Bluesky").click()
    expect(page.locator("#text-kurz .copy-result")).not_to_be_empty()
    check_page(page, "social media texts at 390 px")
