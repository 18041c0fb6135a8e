"""The public project list: filters, search, sorting, pagination, bad input, query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.portfolio.choices import ProjectStatus

URL = "public:project_list"


def titles(response) -> list[str]:
    """Project titles in list order (the row headers of the results table)."""
    body = response.content.decode().split('id="results-title"', 1)[1]
    return re.findall(r'<th scope="row">\s*<a href="[^"]+">([^<]+)</a>', body)


def get(client, **params):
    response = client.get(reverse(URL), params)
    assert response.status_code == 200
    return response


@pytest.mark.django_db
class TestFilters:
    def test_all_published_projects_in_code_order(self, client, site):
        # (without "ordering" the most recent activity comes first: portfolio/test_activity)
        assert titles(get(client, ordering="code")) == [
            "Online ins Rathaus",
            "Mobilitätsstationen",
            "Projekt im Entwurfsfeld",
            "Crossiety-Dorfplattform",
        ]

    def test_field(self, client, site):
        assert titles(get(client, field="mobilitaet")) == ["Mobilitätsstationen"]

    def test_priority_group(self, client, site):
        assert titles(get(client, priority_group="1")) == ["Online ins Rathaus"]

    def test_priority_group_of_a_draft_field_shows_nothing(self, client, site):
        # "Projekt im Entwurfsfeld" is published, but its field (priority III) is a draft.
        assert titles(get(client, priority_group="3")) == []

    def test_town(self, client, site):
        assert titles(get(client, municipality="havixbeck")) == [
            "Online ins Rathaus",
            "Mobilitätsstationen",
        ]

    def test_status(self, client, site):
        assert titles(get(client, status=ProjectStatus.COMPLETED)) == ["Crossiety-Dorfplattform"]

    def test_lighthouse_yes_and_no(self, client, site):
        assert titles(get(client, is_lighthouse="true")) == ["Mobilitätsstationen"]
        assert "Mobilitätsstationen" not in titles(get(client, is_lighthouse="false"))

    def test_local_projects_only(self, client, site):
        assert titles(get(client, is_strategy_project="false")) == ["Crossiety-Dorfplattform"]

    def test_combined_filters(self, client, site):
        response = get(client, municipality="senden", field="verwaltung")
        assert titles(response) == ["Online ins Rathaus"]
        body = response.content.decode()
        # The form shows the chosen values.
        assert '<option value="senden" selected>' in body
        assert '<option value="verwaltung" selected>' in body


@pytest.mark.django_db
class TestSearch:
    @pytest.mark.parametrize(
        "q, expected",
        [
            ("Rathaus", ["Online ins Rathaus"]),  # title
            ("p2", ["Mobilitätsstationen"]),  # code, any case
            ("Dorfplatz", ["Crossiety-Dorfplattform"]),  # summary
            ("Anträge", ["Online ins Rathaus"]),  # description
            ("Wege zum Amt", ["Online ins Rathaus"]),  # central benefit, all words
            ("Rathaus Mobilität", []),  # every word must match
            ("Medienbrüche", []),  # challenges are not searched
        ],
    )
    def test_search_fields(self, client, site, q, expected):
        assert titles(get(client, q=q)) == expected

    def test_no_result_message(self, client, site):
        body = get(client, q="Raumfahrt").content.decode()
        assert "Keine Projekte passen zu diesen Filtern." in body


@pytest.mark.django_db
class TestSorting:
    def test_title(self, client, site):
        names = titles(get(client, ordering="title"))
        assert names == sorted(names)
        assert titles(get(client, ordering="-title")) == sorted(names, reverse=True)

    def test_progress(self, client, site):
        assert titles(get(client, ordering="-progress"))[:2] == [
            "Crossiety-Dorfplattform",
            "Online ins Rathaus",
        ]

    def test_status(self, client, site):
        # planned (P2, P4) < in progress (P1) < completed (local)
        assert titles(get(client, ordering="status")) == [
            "Mobilitätsstationen",
            "Projekt im Entwurfsfeld",
            "Online ins Rathaus",
            "Crossiety-Dorfplattform",
        ]

    def test_code_is_numeric(self, client, region):
        for n in (10, 2, 1):
            t.make_project(region, f"Projekt Nummer {n}", code=f"P{n}", is_strategy_project=True)
        assert titles(get(client, ordering="code")) == [
            "Projekt Nummer 1",
            "Projekt Nummer 2",
            "Projekt Nummer 10",
        ]
        assert titles(get(client, ordering="-code"))[0] == "Projekt Nummer 10"


@pytest.mark.django_db
class TestPagination:
    @pytest.fixture
    def many(self, region, town):
        for n in range(1, 26):
            t.make_project(
                region, f"Projekt {n:02d}", code=f"P{n}", towns=[town], is_strategy_project=True
            )

    def test_twenty_per_page_and_links_keep_filters(self, client, many):
        first = get(client, municipality="senden", ordering="code")
        assert len(titles(first)) == 20
        body = first.content.decode()
        assert "25 Projekte gefunden" in body
        assert "Seite 1 von 2" in body
        assert 'href="?municipality=senden&amp;ordering=code&amp;page=2"' in body
        second = get(client, municipality="senden", ordering="code", page="2")
        assert titles(second) == [f"Projekt {n}" for n in range(21, 26)]
        assert 'href="?municipality=senden&amp;ordering=code&amp;page=1"' in second.content.decode()

    @pytest.mark.parametrize("page, shown", [("abc", 1), ("99", 2), ("0", 2), ("-1", 2)])
    def test_bad_page_shows_a_page_and_says_so(self, client, many, page, shown):
        response = get(client, page=page)
        body = response.content.decode()
        assert response.context["page"].number == shown
        assert "wird angezeigt" in body


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        "params, label",
        [
            ({"field": "gibt-es-nicht"}, "Handlungsfeld"),
            ({"field": "entwurf"}, "Handlungsfeld"),  # a draft field is no public choice
            ({"field": "../etc/passwd"}, "Handlungsfeld"),
            ({"priority_group": "9"}, "Prioritätengruppe"),
            ({"priority_group": "eins"}, "Prioritätengruppe"),
            ({"municipality": "stadt-b"}, "Kommune"),
            ({"status": "fertig"}, "Status"),
            ({"is_lighthouse": "vielleicht"}, "Leuchtturmprojekt"),
            ({"ordering": "password"}, "Sortierung"),
            ({"q": "x" * 500}, "Suche"),
            ({"q": "\x00"}, "Suche"),
        ],
    )
    def test_invalid_value_gives_a_message_not_an_error(self, client, site, params, label):
        response = client.get(reverse(URL), params)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Nicht alle Angaben konnten verwendet werden" in body
        assert f"<li>{label}:" in body
        # The invalid filter is ignored: all published projects are listed.
        assert len(titles(response)) == 4

    def test_valid_filters_still_apply_beside_an_invalid_one(self, client, site):
        response = get(client, field="mobilitaet", status="fertig")
        assert titles(response) == ["Mobilitätsstationen"]

    def test_other_regions_town_slug_is_invalid(self, client, site, other_site):
        response = get(client, municipality=other_site.town.slug)
        assert "Nicht alle Angaben" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
class TestQueryCounts:
    """The list needs the same number of queries for 3 and for 30 projects."""

    def make(self, region, towns, fields, start, count):
        for n in range(start, start + count):
            t.make_project(
                region,
                f"Projekt {n}",
                code=f"P{n}",
                towns=towns,
                field=fields[n % len(fields)],
                is_strategy_project=True,
                is_lighthouse=n % 2 == 0,
            )

    @pytest.mark.parametrize(
        "params",
        [{}, {"municipality": "senden", "field": "feld-1", "q": "Projekt", "ordering": "status"}],
    )
    def test_list_is_constant(
        self, client, region, town, other_town, strategy, params, django_assert_num_queries
    ):
        fields = [t.make_field(strategy, f"Feld {n}", slug=f"feld-{n}") for n in (1, 2, 3)]
        self.make(region, [town, other_town], fields, 1, 3)
        client.get(reverse(URL), params)  # warm caches (content types etc.)
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse(URL), params)
        small = len(captured.captured_queries)
        assert small <= 12
        self.make(region, [town, other_town], fields, 4, 27)
        # The filter's choices and the town count are cached per content version: warm again.
        client.get(reverse(URL), params)
        with django_assert_num_queries(small):
            response = client.get(reverse(URL), params)
        assert len(titles(response)) >= (20 if not params else 1)

    def test_detail_and_other_pages_are_constant(self, client, site, django_assert_num_queries):
        def counts():
            result = {}
            for url in (
                reverse("public:home"),
                reverse("public:project_detail", args=[site.p1.slug]),
                reverse("public:field_detail", args=[site.verwaltung.slug]),
                reverse("public:municipality_detail", args=[site.town.slug]),
                reverse("public:municipality_list"),
                reverse("public:strategy"),
                reverse("public:agency"),
            ):
                client.get(url)
                with CaptureQueriesContext(connection) as captured:
                    assert client.get(url).status_code == 200
                result[url] = len(captured.captured_queries)
            return result

        before = counts()
        others = [t.make_municipality(site.region, f"Ort {n}") for n in range(10)]
        for n in range(10, 40):
            t.make_project(
                site.region,
                f"Mehr {n}",
                code=f"P{n}",
                field=site.verwaltung,
                towns=[site.town, site.other_town, *others[:3]],
                is_strategy_project=True,
                is_lighthouse=True,
            )
        after = counts()
        assert after == before
        # And asserted the pytest-django way for one of them:
        with django_assert_num_queries(before[reverse("public:home")]):
            client.get(reverse("public:home"))
