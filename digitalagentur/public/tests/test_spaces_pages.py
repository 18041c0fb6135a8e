"""Landräume public pages (issue 11, section 2): the search (filters, only what is free in the
asked range, list and map), a space's page with its week calendar, photos and permissions."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.spaces import booking, services
from digitalagentur.spaces.choices import SpaceKind
from digitalagentur.spaces.models import SpacePhoto
from digitalagentur.spaces.timerange import BERLIN
from digitalagentur.testing.spaces import WORKDAYS_8_TO_18, make_space

OTHER_HOST = "kreis-b.example.org"


def next_workday(days: int = 2) -> datetime.date:
    day = timezone.localdate(timezone=BERLIN) + datetime.timedelta(days=days)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BERLIN)


def names(response) -> list[str]:
    """The spaces of the result table, in order."""
    body = response.content.decode()
    table = body.split('class="table-cards spaces-table"', 1)
    if len(table) < 2:
        return []
    return re.findall(r'<th scope="row"><a href="[^"]*">([^<]+)</a>', table[1].split("</table>")[0])


@pytest.fixture
def booker(db):
    return t.make_user("buchende", first_name="Berta", last_name="Bucher")


@pytest.fixture
def spaces(region, town, other_town):
    """A co-working space with desks in Senden, a village hall in Havixbeck, a draft."""
    coworking = make_space(
        region,
        town,
        name="ExtraGleis",
        slug="extragleis",
        kind=SpaceKind.COWORKING,
        units=3,
        capacity=3,
        hours=WORKDAYS_8_TO_18,
        amenities=["wlan", "kitchen"],
        accessibility=["step_free"],
        purposes=["work"],
        latitude=Decimal("51.975000"),
        longitude=Decimal("7.295000"),
    )
    hall = make_space(
        region,
        other_town,
        name="Dorfhaus",
        slug="dorfhaus",
        kind=SpaceKind.VILLAGE_HALL,
        capacity=80,
        amenities=["kitchen", "stage"],
        purposes=["culture", "sport"],
    )
    draft = make_space(region, town, name="Entwurfsraum", slug="entwurf", published=False)
    return coworking, hall, draft


class TestSearch:
    def test_lists_published_spaces_of_the_region_only(self, client, spaces, other_region):
        other_town = t.make_municipality(other_region, "Fremdstadt", slug="fremd")
        make_space(other_region, other_town, name="Fremder Raum", slug="fremd")
        response = client.get(reverse("public:spaces"))
        assert response.status_code == 200
        assert names(response) == ["Dorfhaus", "ExtraGleis"]  # Havixbeck before Senden
        assert "Cache-Control" in response and "no-cache" in response["Cache-Control"]

    @pytest.mark.parametrize(
        "params, expected",
        [
            ({"ort": "senden"}, ["ExtraGleis"]),
            ({"art": "village_hall"}, ["Dorfhaus"]),
            ({"personen": "10"}, ["Dorfhaus"]),
            ({"ausstattung": "kitchen"}, ["Dorfhaus", "ExtraGleis"]),
            ({"ausstattung": "wlan"}, ["ExtraGleis"]),
            ({"barrierefreiheit": "step_free"}, ["ExtraGleis"]),
            ({"zweck": "sport"}, ["Dorfhaus"]),
            ({"zweck": "education"}, []),
        ],
    )
    def test_filters(self, client, spaces, params, expected):
        assert names(client.get(reverse("public:spaces"), params)) == expected

    def test_only_spaces_free_in_the_asked_range(self, client, spaces, booker):
        coworking, hall, _draft = spaces
        day = next_workday()
        query = {"datum": day.isoformat(), "von": "09:00", "bis": "12:00"}
        assert names(client.get(reverse("public:spaces"), query)) == ["Dorfhaus", "ExtraGleis"]
        # Two of three desks taken: still free; the third taken too: gone from the list.
        for _n in range(2):
            booking.book(coworking, booker, at(day, 10), at(day, 11))
        assert names(client.get(reverse("public:spaces"), query)) == ["Dorfhaus", "ExtraGleis"]
        booking.book(coworking, booker, at(day, 10, 30), at(day, 11))
        assert names(client.get(reverse("public:spaces"), query)) == ["Dorfhaus"]
        # A range that only touches the booking: free again.
        later = {"datum": day.isoformat(), "von": "11:00", "bis": "13:00"}
        assert names(client.get(reverse("public:spaces"), later)) == ["Dorfhaus", "ExtraGleis"]
        # Outside the opening hours (8–18) the co-working space is not offered.
        evening = {"datum": day.isoformat(), "von": "18:00", "bis": "20:00"}
        assert names(client.get(reverse("public:spaces"), evening)) == ["Dorfhaus"]

    def test_a_request_does_not_take_the_room_but_a_closed_period_does(
        self, client, spaces, booker
    ):
        _coworking, hall, _draft = spaces
        hall.booking_mode = "request"
        hall.save()
        day = next_workday()
        booking.book(hall, booker, at(day, 9), at(day, 12))
        query = {"datum": day.isoformat(), "von": "09:00", "bis": "12:00", "ort": "havixbeck"}
        assert names(client.get(reverse("public:spaces"), query)) == ["Dorfhaus"]
        services.add_closed_period(hall, at(day, 0), at(day, 23), "Kirmes")
        assert names(client.get(reverse("public:spaces"), query)) == []

    @pytest.mark.parametrize(
        "params, message",
        [
            ({"datum": "31.02.2030", "von": "09:00", "bis": "10:00"}, "Bitte geben Sie ein Datum"),
            ({"datum": "2030-01-07", "von": "11:00", "bis": "10:00"}, "Das Ende muss nach"),
            ({"datum": "2030-01-07"}, "ab wann Sie den Raum"),
            ({"von": "09:00"}, "Bitte geben Sie zu den Uhrzeiten ein Datum an."),
            ({"datum": "2001-01-01", "von": "09:00", "bis": "10:00"}, "in der Vergangenheit"),
            ({"art": "castle"}, "Diese Auswahl gibt es nicht."),
            ({"personen": "viele"}, "ganze Zahl"),
        ],
    )
    def test_bad_input_is_reported_and_the_rest_still_applies(
        self, client, spaces, params, message
    ):
        response = client.get(reverse("public:spaces"), {**params, "ort": "senden"})
        assert response.status_code == 200
        assert message in response.content.decode()
        assert names(response) == ["ExtraGleis"]

    def test_map_markers_as_json_and_no_inline_script(self, client, spaces, settings):
        settings.DIGITALAGENTUR_MAP_TILE_URL = "https://kacheln.example.org/{z}/{x}/{y}.png"
        body = client.get(reverse("public:spaces")).content.decode()
        data = re.search(r'<script id="space-markers" type="application/json">(.*?)</script>', body)
        markers = json.loads(data.group(1))
        # Only the space with coordinates is on the map.
        assert markers == [
            {
                "name": "ExtraGleis",
                "town": "Senden",
                "kind": "Coworking-Space",
                "lat": 51.975,
                "lng": 7.295,
                "url": reverse("public:space_detail", args=["extragleis"]),
            }
        ]
        assert 'data-tile-url="https://kacheln.example.org/{z}/{x}/{y}.png"' in body
        assert "vendor/leaflet/leaflet.js" in body and "js/spaces-map.js" in body
        scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", body)
        assert scripts == []

    def test_no_map_without_a_tile_server(self, client, spaces, settings):
        settings.DIGITALAGENTUR_MAP_TILE_URL = ""
        body = client.get(reverse("public:spaces")).content.decode()
        assert "space-map" not in body and "leaflet" not in body
        assert "ExtraGleis" in body

    def test_empty_states(self, client, region):
        body = client.get(reverse("public:spaces")).content.decode()
        assert "Es sind noch keine Räume veröffentlicht." in body

    def test_nav_links_to_the_search(self, client, region):
        body = client.get(reverse("public:home")).content.decode()
        assert f'href="{reverse("public:spaces")}"' in body

    def test_query_count_does_not_grow_with_the_spaces(self, client, region, town, booker):
        day = next_workday()
        query = {"datum": day.isoformat(), "von": "09:00", "bis": "12:00", "ausstattung": "wlan"}

        def count() -> int:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse("public:spaces"), query).status_code == 200
            return len(ctx.captured_queries)

        def add(n):
            for _i in range(n):
                space = make_space(region, town, units=2, amenities=["wlan"])
                services.add_closed_period(space, at(day, 20), at(day, 21))
                booking.book(space, booker, at(day, 9), at(day, 10))

        add(2)
        few = count()
        add(10)
        assert count() == few


class TestSpacePage:
    def test_facts_and_the_week(self, client, spaces):
        coworking, _hall, _draft = spaces
        response = client.get(reverse("public:space_detail", args=["extragleis"]))
        assert response.status_code == 200
        body = response.content.decode()
        for text in (
            "ExtraGleis",
            "Coworking-Space",
            "3 einzelne Arbeitsplätze",
            "WLAN, Küche",
            "stufenloser Zugang",
            "Montag",
            "08:00–18:00",
            "Samstag",
            "Sofort bestätigt",
        ):
            assert text in body, text
        assert reverse("public:space_book", args=["extragleis"]) in body

    def test_draft_and_other_region_are_404(self, client, spaces, other_region):
        _coworking, _hall, draft = spaces
        assert client.get(reverse("public:space_detail", args=[draft.slug])).status_code == 404
        url = reverse("public:space_detail", args=["extragleis"])
        assert client.get(url, HTTP_HOST=OTHER_HOST).status_code == 404
        book = reverse("public:space_book", args=[draft.slug])
        assert client.get(book).status_code == 404

    def test_week_calendar_marks_taken_and_never_names_the_booker(self, client, spaces, booker):
        _coworking, hall, _draft = spaces
        day = next_workday(days=8)
        booking.book(hall, booker, at(day, 10), at(day, 12), note="GEHEIME-NOTIZ")
        url = reverse("public:space_detail", args=[hall.slug])
        body = client.get(url, {"woche": day.isoformat()}).content.decode()
        row = body.split(f'datetime="{day.isoformat()}"', 1)[1].split("</tr>", 1)[0]
        assert re.search(r"00:00–10:00</span>\s*<span class=\"slot-state\">frei", row)
        assert re.search(r"10:00–12:00</span>\s*<span class=\"slot-state\">belegt", row)
        assert re.search(r"12:00–24:00</span>\s*<span class=\"slot-state\">frei", row)
        for secret in ("Berta", "Bucher", "buchende", "GEHEIME-NOTIZ"):
            assert secret not in body

    def test_week_navigation_and_bad_week(self, client, spaces):
        url = reverse("public:space_detail", args=["extragleis"])
        body = client.get(url, {"woche": "2030-01-09"}).content.decode()
        assert "Woche vom 07.01.2030 bis 13.01.2030" in body
        assert "?woche=2029-12-31#woche" in body and "?woche=2030-01-14#woche" in body
        body = client.get(url, {"woche": "gestern"}).content.decode()
        assert "Das Datum der Woche war ungültig" in body

    def test_the_searched_date_opens_its_week(self, client, spaces):
        """The search's results link to a space with the date searched for (?datum=): its
        page opens that date's week, also when the date lies in a later week."""
        url = reverse("public:space_detail", args=["extragleis"])
        body = client.get(url, {"datum": "2030-01-09", "von": "09:00"}).content.decode()
        assert "Woche vom 07.01.2030 bis 13.01.2030" in body
        body = client.get(url, {"datum": "2030-01-09", "woche": "2030-01-20"}).content.decode()
        assert "Woche vom 14.01.2030 bis 20.01.2030" in body  # paging through weeks wins

    def test_desks_show_how_many_are_free(self, client, spaces, booker):
        coworking, _hall, _draft = spaces
        day = next_workday(days=8)
        booking.book(coworking, booker, at(day, 9), at(day, 11))
        url = reverse("public:space_detail", args=[coworking.slug])
        body = client.get(url, {"woche": day.isoformat()}).content.decode()
        row = body.split(f'datetime="{day.isoformat()}"', 1)[1].split("</tr>", 1)[0]
        assert "teilweise belegt: 2 von 3 Plätzen frei" in row
        assert "frei (3 von 3 Plätzen)" in row

    def test_query_count_is_constant(self, client, spaces, booker):
        coworking, _hall, _draft = spaces
        day = next_workday(days=8)
        url = reverse("public:space_detail", args=[coworking.slug])

        def count() -> int:
            with CaptureQueriesContext(connection) as ctx:
                client.get(url, {"woche": day.isoformat()})
            return len(ctx.captured_queries)

        few = count()
        for hour in (8, 10, 12, 14, 16):
            booking.book(coworking, booker, at(day, hour), at(day, hour + 1))
            services.add_closed_period(
                coworking,
                at(day + datetime.timedelta(days=1), hour),
                at(day + datetime.timedelta(days=1), hour + 1),
            )
        SpacePhoto.objects.bulk_create(
            SpacePhoto(space=coworking, content=b"x", content_type="image/png", alt=f"Foto {n}")
            for n in range(4)
        )
        assert count() == few


class TestPhoto:
    def test_served_with_safe_headers(self, client, spaces):
        coworking, _hall, draft = spaces
        photo = SpacePhoto.objects.create(
            space=coworking,
            content=b"\x89PNG\r\n\x1a\nBYTES",
            content_type="image/png",
            alt="Blick in den Waggon",
            width=10,
            height=10,
        )
        url = reverse("public:space_photo", args=[coworking.slug, photo.pk])
        response = client.get(url)
        assert response.status_code == 200
        assert response.content == b"\x89PNG\r\n\x1a\nBYTES"
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"] == "inline"
        assert "sandbox" in response["Content-Security-Policy"]
        assert "default-src 'none'" in response["Content-Security-Policy"]
        page = client.get(reverse("public:space_detail", args=[coworking.slug])).content.decode()
        assert f'src="{url}" alt="Blick in den Waggon"' in page

    def test_unknown_type_is_not_served_as_markup(self, client, spaces):
        coworking, _hall, _draft = spaces
        photo = SpacePhoto.objects.create(
            space=coworking, content=b"<script>", content_type="text/html", alt="x"
        )
        response = client.get(reverse("public:space_photo", args=[coworking.slug, photo.pk]))
        assert response["Content-Type"] == "application/octet-stream"

    def test_photo_of_a_draft_another_space_or_region_is_404(self, client, spaces, other_region):
        coworking, hall, draft = spaces
        photo = SpacePhoto.objects.create(
            space=draft, content=b"x", content_type="image/png", alt="x"
        )
        assert (
            client.get(reverse("public:space_photo", args=[draft.slug, photo.pk])).status_code
            == 404
        )
        assert (
            client.get(reverse("public:space_photo", args=[hall.slug, photo.pk])).status_code == 404
        )
        mine = SpacePhoto.objects.create(
            space=coworking, content=b"x", content_type="image/png", alt="x"
        )
        url = reverse("public:space_photo", args=[coworking.slug, mine.pk])
        assert client.get(url, HTTP_HOST=OTHER_HOST).status_code == 404


def test_slugs_of_the_other_landraeume_modules_are_not_spaces():
    assert reverse("public:space_detail", args=["extragleis"]) == "/landraeume/extragleis/"
    from django.urls import NoReverseMatch, Resolver404, resolve

    for word in ("verwalten", "kalender", "arbeitgeber", "meine-buchungen"):
        with pytest.raises(NoReverseMatch):
            reverse("public:space_detail", args=[word])
        try:
            match = resolve(f"/landraeume/{word}/")
        except Resolver404:
            continue  # that module has no page at its root (yet)
        assert match.url_name != "space_detail"
