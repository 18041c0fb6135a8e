"""Staff resources in the staff area (issue 14, section 3): every role of the region reads the
figures and posts, every town of the region is listed; the coordination edits all posts, an
officer only their own town's (never the district's); other regions' posts are 404; bad input
saves nothing; vacancies are added, closed and counted; the CSV carries the table; the page's
queries do not grow with the posts."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.core.services import changes_for
from digitalagentur.directory.models import Person
from digitalagentur.network.models import Post, Vacancy
from digitalagentur.testing.network import make_post, make_vacancy

from .helpers import confirm_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


@pytest.fixture
def posts(region, town, other_town):
    """Senden (the officer's town) 0.5 filled; Havixbeck 0.5 of 1.0; the district 1.0 vacant."""
    own = make_post(region, town, "CDO Senden", planned="0.5")
    foreign = make_post(region, other_town, "CDO Havixbeck", planned="1.0", filled="0.5")
    district = make_post(region, None, "Smart Region Koordination", planned="1.0")
    make_vacancy(district, datetime.date(2023, 6, 1), cause="Koordinatorin ausgeschieden")
    return {"own": own, "foreign": foreign, "district": district}


def post_data(post=None, **overrides) -> dict:
    data = {
        "municipality": "",
        "title": "Neue Stelle",
        "planned_fte": "0,5",
        "filled_fte": "0,5",
        "holder": "",
        "since": "",
        "until": "",
        "note": "",
        "reason": "",
    }
    if post is not None:
        post.refresh_from_db()
        data.update(
            municipality=post.municipality_id or "",
            title=post.title,
            planned_fte=str(post.planned_fte),
            filled_fte=str(post.filled_fte),
            holder=post.holder_id or "",
            version=post.version,
        )
    data.update(overrides)
    return data


def edit_pages(post):
    vacancy = make_vacancy(post, datetime.date(2020, 1, 1), datetime.date(2020, 2, 1))
    return [
        url("network_post_edit", post.pk),
        url("network_post_delete", post.pk),
        url("network_vacancy_create", post.pk),
        url("network_vacancy_edit", vacancy.pk),
        url("network_vacancy_delete", vacancy.pk),
    ]


# ---- reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "admin", "officer", "reader"])
def test_every_role_reads_the_figures_of_every_town(client, login, region, posts, role):
    lonely = t.make_municipality(region, "Rosendahl", slug="rosendahl")
    login(role)
    response = client.get(url("network_overview"))
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("Senden", "Havixbeck", lonely.name, "Kreisebene", "Smart Region Koordination"):
        assert name in page
    assert f'href="{url("network_overview")}" aria-current="page"' in page
    assert 'role="img"' in page and "<title id=" in page and "<desc id=" in page
    assert "<caption>" in page and 'scope="row"' in page
    figures = response.context["figures"]
    assert [(line.name, line.planned, line.filled, line.gap) for line in figures.lines] == [
        ("Havixbeck", Decimal("1.00"), Decimal("0.50"), Decimal("0.0")),
        ("Rosendahl", Decimal("0"), Decimal("0"), Decimal("0.5")),
        ("Senden", Decimal("0.50"), Decimal("0.50"), Decimal("0.0")),
        ("Kreisebene", Decimal("1.00"), Decimal("0"), Decimal("1.0")),
    ]
    # SVG coordinates are never written with a decimal comma.
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'width="' in svg and not any(f'{a}="1,' in svg for a in ("x", "width"))


def test_anonymous_users_go_to_the_login_page(client, posts, settings):
    for address in [url("network_overview"), url("network_csv"), url("network_post_create")]:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL)), address


def test_users_without_a_role_in_the_region_are_refused(client, login, other_region, posts):
    login("foreign_coordinator")
    assert client.get(url("network_overview")).status_code == 403
    assert client.get(url("network_post_edit", posts["own"].pk)).status_code == 403


def test_other_regions_posts_are_not_found(client, login, other_region):
    foreign_town = t.make_municipality(other_region, "Fremdstadt", slug="fremdstadt")
    foreign = make_post(other_region, foreign_town, "Fremde Stelle")
    vacancy = make_vacancy(foreign)
    login("coordinator")
    for address in [
        url("network_post_edit", foreign.pk),
        url("network_post_delete", foreign.pk),
        url("network_vacancy_create", foreign.pk),
        url("network_vacancy_edit", vacancy.pk),
        url("network_vacancy_close", vacancy.pk),
        url("network_vacancy_delete", vacancy.pk),
    ]:
        assert client.get(address).status_code == 404, address
        assert client.post(address, {}).status_code == 404, address
    page = client.get(url("network_overview")).content.decode()
    assert "Fremde Stelle" not in page and "Fremdstadt" not in page


# ---- rights -----------------------------------------------------------------------------------


def test_the_officer_edits_only_their_own_towns_posts(client, login, posts):
    login("officer")
    for address in edit_pages(posts["own"]):
        assert client.get(address).status_code == 200, address
    for post in (posts["foreign"], posts["district"]):
        for address in edit_pages(post):
            assert client.get(address).status_code == 403, address
            assert client.post(address, {}).status_code == 403, address
    page = client.get(url("network_overview")).content.decode()
    assert url("network_post_edit", posts["own"].pk) in page
    assert url("network_post_edit", posts["foreign"].pk) not in page
    assert url("network_post_edit", posts["district"].pk) not in page


def test_the_officer_creates_posts_only_in_their_own_town(client, login, town, other_town):
    login("officer")
    form = client.get(url("network_post_create")).content.decode()
    assert "Senden" in form and "Havixbeck" not in form and "Kreisebene –" not in form
    response = client.post(url("network_post_create"), post_data(municipality=other_town.pk))
    assert response.status_code == 400 and not Post.objects.exists()
    assert "Bitte wählen Sie eine Kommune der Liste." in response.content.decode()
    response = client.post(url("network_post_create"), post_data(municipality=""))
    assert response.status_code == 400 and not Post.objects.exists()
    assert "Bitte wählen Sie Ihre Kommune." in response.content.decode()
    response = client.post(url("network_post_create"), post_data(municipality=town.pk))
    post = Post.objects.get()
    assert response.status_code == 302 and post.municipality == town
    # Moving the own post to another town is refused too.
    response = client.post(
        url("network_post_edit", post.pk), post_data(post, municipality=other_town.pk)
    )
    assert response.status_code == 400
    post.refresh_from_db()
    assert post.municipality == town


@pytest.mark.parametrize("role", ["reader"])
def test_readers_edit_nothing(client, login, posts, role):
    login(role)
    assert client.get(url("network_post_create")).status_code == 403
    for address in edit_pages(posts["own"]):
        assert client.get(address).status_code == 403, address
    assert url("network_post_create") not in client.get(url("network_overview")).content.decode()


# ---- writing ----------------------------------------------------------------------------------


def test_the_coordination_creates_a_district_post_with_holder(client, login, region):
    person = Person.objects.create(region=region, name="Mathias Raabe")
    user = login("coordinator")
    response = client.post(
        url("network_post_create"),
        post_data(
            title="  Smart   Region Koordination ",
            planned_fte="1",
            filled_fte="0,75",
            holder=person.pk,
            since="2022-04-01",
            reason="Stellenplan 2022",
        ),
    )
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("network_overview") + f"#stelle-{post.pk}"
    assert post.municipality is None and post.title == "Smart Region Koordination"
    assert (post.planned_fte, post.filled_fte) == (Decimal("1"), Decimal("0.75"))
    assert post.holder == person and post.since == datetime.date(2022, 4, 1)
    change = changes_for(post).get()
    assert change.action == "create" and change.user == user and change.reason == "Stellenplan 2022"


def test_bad_input_is_refused_in_german_and_saves_nothing(client, login, other_region):
    stranger = Person.objects.create(region=other_region, name="Fremde Person")
    login("coordinator")
    cases = [
        ({"title": "  "}, "Bitte geben Sie eine Bezeichnung an."),
        ({"planned_fte": "-1"}, "Bitte geben Sie einen Wert ab 0 an"),
        ({"planned_fte": "abc"}, "Bitte geben Sie eine Zahl an"),
        ({"planned_fte": "0,5", "filled_fte": "0,75"}, "darf den geplanten nicht übersteigen"),
        ({"planned_fte": "123"}, "Bitte höchstens 99,99 Stellen angeben."),
        ({"since": "2024-05-01", "until": "2024-04-30"}, "nicht vor „besetzt seit“ liegen"),
        ({"since": "31.02.2024"}, "Bitte geben Sie ein gültiges Datum an."),
        ({"holder": stranger.pk}, "Bitte wählen Sie eine Person der Liste."),
        ({"holder": "99999999999999999999"}, "Bitte wählen Sie eine Person der Liste."),
    ]
    for overrides, message in cases:
        response = client.post(url("network_post_create"), post_data(**overrides))
        assert response.status_code == 400, overrides
        assert message in response.content.decode(), overrides
    assert not Post.objects.exists()


def test_editing_a_post_logs_the_change_and_a_stale_edit_conflicts(client, login, posts):
    post = posts["own"]
    login("officer")
    data = post_data(post, filled_fte="0,25", reason="Teilzeit")
    response = client.post(url("network_post_edit", post.pk), data)
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.filled_fte == Decimal("0.25") and post.version == 2
    change = changes_for(post).first()
    assert change.changes["filled_fte"] == {"before": "0.50", "after": "0.25"}
    stale = client.post(url("network_post_edit", post.pk), {**data, "filled_fte": "0"})
    assert stale.status_code == 409
    post.refresh_from_db()
    assert post.filled_fte == Decimal("0.25")


def test_deleting_a_post_asks_first_and_takes_its_vacancies(client, login, posts):
    post = posts["district"]
    login("coordinator")
    page = client.get(url("network_post_delete", post.pk)).content.decode()
    assert "wirklich löschen" in page and "Smart Region Koordination" in page
    response = client.post(url("network_post_delete", post.pk), confirm_data(post))
    assert response.status_code == 302
    assert not Post.objects.filter(pk=post.pk).exists() and not Vacancy.objects.exists()


def test_a_vacancy_makes_the_post_count_as_unfilled_until_it_is_closed(client, login, posts):
    post = posts["own"]
    login("officer")
    response = client.post(
        url("network_vacancy_create", post.pk),
        {"start": "2024-01-01", "end": "", "cause": "Elternzeit", "reason": ""},
    )
    assert response.status_code == 302
    vacancy = Vacancy.objects.get(post=post)
    senden = lambda: next(  # noqa: E731
        line
        for line in client.get(url("network_overview")).context["figures"].lines
        if line.name == "Senden"
    )
    assert senden().filled == 0 and senden().vacant_posts == 1
    # Overlapping vacancies and an end before the start are refused.
    response = client.post(
        url("network_vacancy_create", post.pk),
        {"start": "2024-03-01", "end": "", "cause": "doppelt", "reason": ""},
    )
    assert response.status_code == 400
    assert "überschneidet sich" in response.content.decode()
    close = url("network_vacancy_close", vacancy.pk)
    response = client.post(close, {"version": vacancy.version, "end": "2023-12-31"})
    assert response.status_code == 400
    assert "nicht vor dem Beginn" in response.content.decode()
    response = client.post(close, {"version": vacancy.version, "end": "2024-02-29", "reason": ""})
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.end == datetime.date(2024, 2, 29) and post.vacancies.count() == 1
    assert senden().filled == Decimal("0.5") and senden().vacant_posts == 0
    # A closed vacancy is not closed again.
    assert client.get(close).status_code == 302


def test_a_vacancy_needs_a_start_and_a_cause(client, login, posts):
    login("coordinator")
    response = client.post(
        url("network_vacancy_create", posts["own"].pk),
        {"start": "", "end": "", "cause": " ", "reason": ""},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Bitte geben Sie an, seit wann die Stelle vakant ist." in text
    assert "Bitte geben Sie den Grund der Vakanz an." in text
    assert Vacancy.objects.count() == 1  # the fixture's


# ---- CSV and queries --------------------------------------------------------------------------


def test_the_csv_carries_the_table(client, login, posts):
    login("reader")
    response = client.get(url("network_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Ebene;Stellen;davon vakant;geplant (VZÄ)")
    assert lines[1:] == [
        "Havixbeck;1;0;1;0,5;0,5;0;ja",
        "Senden;1;0;0,5;0,5;0,5;0;ja",
        "Kreisebene;1;1;1;0;1;1;nein",
        "Summe;3;1;2,5;1;2;1;2 von 3",
    ]


def test_the_pages_queries_do_not_grow_with_the_posts(client, login, region, town, other_town):
    login("officer")
    make_vacancy(make_post(region, town, "Erste Stelle"))
    client.get(url("network_overview"))  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("network_overview")).status_code == 200
    for n in range(6):
        post = make_post(region, other_town if n % 2 else None, f"Stelle {n}")
        make_vacancy(post, datetime.date(2022, 1, 1), datetime.date(2022, 3, 1))
        make_vacancy(post, datetime.date(2023, 1, 1))
        post.holder = Person.objects.create(region=region, name=f"Person {n}")
        post.save()
    client.get(url("network_overview"))  # the writes raised the region's content version
    with CaptureQueriesContext(connection) as many:
        page = client.get(url("network_overview"))
    assert page.content.decode().count('id="stelle-') == 7
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]


def test_today_decides_whether_a_vacancy_counts(client, login, region, town):
    post = make_post(region, town, "Künftig vakant")
    make_vacancy(post, timezone.localdate() + datetime.timedelta(days=1))
    login("reader")
    figures = client.get(url("network_overview")).context["figures"]
    assert figures.towns[0].filled == Decimal("0.5") and figures.vacant_posts == 0


def test_the_own_addresses_lead_to_the_posts_row(client, login, posts, other_region):
    vacancy = posts["district"].vacancies.get()
    login("reader")
    response = client.get(url("network_post", posts["own"].pk))
    assert response["Location"] == url("network_overview") + f"#stelle-{posts['own'].pk}"
    response = client.get(url("network_vacancy", vacancy.pk))
    assert response["Location"] == url("network_overview") + f"#stelle-{posts['district'].pk}"
    foreign = make_post(other_region, None, "Fremd", planned="1")
    assert client.get(url("network_post", foreign.pk)).status_code == 404
