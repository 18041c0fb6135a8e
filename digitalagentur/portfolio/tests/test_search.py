"""German full-text search (portfolio/search.py) on SQLite (FTS5) and PostgreSQL (GIN index).

Runs on both databases; where they differ (stemming), each test says what each one does.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from digitalagentur.core import testing as t
from digitalagentur.core.services import update_object
from digitalagentur.portfolio.models import Project
from digitalagentur.portfolio.search import (
    FTS_TRIGGERS,
    PG_INDEX,
    ensure_search_index,
    search_projects,
)

pytestmark = pytest.mark.django_db

POSTGRES = connection.vendor == "postgresql"


def found(region, text) -> list[str]:
    queryset = search_projects(Project.objects.filter(region=region), text)
    return sorted(queryset.values_list("title", flat=True))


@pytest.fixture
def projects(region):
    return {
        "mobil": t.make_project(
            region, "Mobilität im ländlichen Raum", summary="Rufbusse und Carsharing"
        ),
        "doerfer": t.make_project(
            region, "Digitale Dörfer", description="Eine App für das Leben auf dem Land."
        ),
        "dorf": t.make_project(region, "Unser Dorf", central_benefit="Nachbarn helfen einander"),
        "p7": t.make_project(region, "Schule digital", code="P7", is_strategy_project=True),
        "p70": t.make_project(region, "Schule analog", code="P70", is_strategy_project=True),
    }


class TestGermanWords:
    def test_a_prefix_finds_the_longer_word(self, region, projects):
        assert found(region, "mobil") == ["Mobilität im ländlichen Raum"]
        assert found(region, "MOBILITÄT") == ["Mobilität im ländlichen Raum"]

    def test_dorf_finds_doerfer_without_the_umlaut(self, region, projects):
        assert found(region, "Dorf") == ["Digitale Dörfer", "Unser Dorf"]
        assert found(region, "dörf") == ["Digitale Dörfer", "Unser Dorf"]
        # Without stemming (SQLite) "dorfer" is only a longer prefix than "dorf".
        expected = ["Digitale Dörfer", "Unser Dorf"] if POSTGRES else ["Digitale Dörfer"]
        assert found(region, "dorfer") == expected

    def test_doerfer_finds_dorf_only_with_german_stemming(self, region, projects):
        if POSTGRES:
            # 'german' stems both "Dörfer" and "Dorf" to "dorf".
            assert found(region, "dörfer") == ["Digitale Dörfer", "Unser Dorf"]
        else:
            # FTS5 does not stem: only the diacritics are folded ("dörfer" -> "dorfer").
            assert found(region, "dörfer") == ["Digitale Dörfer"]

    def test_inflected_forms_on_postgres(self, region, projects):
        expected = ["Mobilität im ländlichen Raum"] if POSTGRES else []
        assert found(region, "ländliche") == ["Mobilität im ländlichen Raum"]  # prefix
        assert found(region, "ländlicher") == expected  # stem "landlich"

    def test_stop_words_are_still_found(self, region, projects):
        # "für" and "auf" are German stop words; the 'simple' vector still finds them.
        assert found(region, "für") == ["Digitale Dörfer"]
        assert found(region, "AUF dem Land") == ["Digitale Dörfer"]

    def test_every_word_must_match_in_any_field(self, region, projects):
        assert found(region, "Mobilität Rufbus") == ["Mobilität im ländlichen Raum"]
        assert found(region, "Dorf Nachbarn") == ["Unser Dorf"]
        assert found(region, "Mobilität Nachbarn") == []

    def test_fields_outside_the_search_are_not_searched(self, region, projects):
        t.make_project(region, "Anderes", challenges="Medienbrüche", internal_notes="Geheimnis")
        assert found(region, "Medienbrüche") == []
        assert found(region, "Geheimnis") == []


class TestCodes:
    @pytest.mark.parametrize("text", ["P7", "p7", "„P7“", "P7,"])
    def test_a_code_matches_exactly(self, region, projects, text):
        assert found(region, text) == ["Schule digital"]

    def test_a_code_and_a_word(self, region, projects):
        assert found(region, "P70 Schule") == ["Schule analog"]
        assert found(region, "P7 Dorf") == []

    def test_part_of_a_code_finds_nothing(self, region, projects):
        assert found(region, "P") == []


def test_a_search_works_as_a_subquery(region, projects):
    # Django renames the project table inside a subquery (U0): the search must follow.
    inner = search_projects(Project.objects.filter(region=region), "mobil")
    assert list(Project.objects.filter(pk__in=inner.values("pk")).values_list("title")) == [
        ("Mobilität im ländlichen Raum",)
    ]
    others = Project.objects.filter(region=region).exclude(pk__in=inner.values("pk"))
    assert others.count() == len(projects) - 1


def test_the_model_declares_no_search_column():
    assert "search_document" not in {field.column for field in Project._meta.concrete_fields}


class TestIndexIsKeptByTheDatabase:
    def test_an_update_replaces_the_old_words(self, region, projects):
        project = projects["mobil"]
        update_object(project, {"title": "Bürgerbus", "summary": ""}, expected_version=1)
        assert found(region, "Bürgerbus") == ["Bürgerbus"]
        assert found(region, "Mobilität") == []
        assert found(region, "Rufbusse") == []

    def test_a_queryset_update_is_indexed(self, region, projects):
        Project.objects.filter(pk=projects["dorf"].pk).update(description="Glasfaser für alle")
        assert found(region, "Glasfaser") == ["Unser Dorf"]
        Project.objects.filter(pk=projects["dorf"].pk).update(progress=50)  # other columns
        assert found(region, "Glasfaser") == ["Unser Dorf"]

    def test_bulk_created_projects_are_found(self, region):
        Project.objects.bulk_create(
            Project(region=region, slug=f"bulk-{n}", title=f"Windpark Nummer {n}") for n in range(3)
        )
        assert found(region, "Windpark") == [f"Windpark Nummer {n}" for n in range(3)]

    def test_deleted_projects_disappear(self, region, projects):
        projects["dorf"].delete()
        Project.objects.filter(pk=projects["doerfer"].pk).delete()
        assert found(region, "Dorf") == []


MOBIL = ["Mobilität im ländlichen Raum"]


class TestOddInput:
    @pytest.mark.parametrize(
        "text, expected",
        [
            ("mobil:*", MOBIL),
            ("''mobil''", MOBIL),
            ('"mobil', MOBIL),
            ("(mobil", MOBIL),
            ("mobil)", MOBIL),
            ("mobil*", MOBIL),
            ("-mobil", MOBIL),
            ("^mobil", MOBIL),
            ("!mobil", MOBIL),  # not a negation
            ("mobil & | !", MOBIL),
            ("mobil & !dorf", []),  # "dorf" is a word that must match too
            ("mobil <-> dorf", []),
            ("NEAR(mobil dorf)", []),
            ("title:mobil", []),  # no column filter: "title" is a word
            ("mobil OR dorf", []),
        ],
    )
    def test_operators_are_plain_separators(self, region, projects, text, expected):
        assert found(region, text) == expected

    @pytest.mark.parametrize(
        "text", ["&", "|", "!", ":*", "'", '"', "*", "-", "()", "\\", "%", "_", "„“", "- & |"]
    )
    def test_only_punctuation_finds_nothing(self, region, projects, text):
        assert found(region, text) == []

    def test_very_long_input(self, region, projects):
        assert found(region, "mobil " * 500) == ["Mobilität im ländlichen Raum"]
        assert found(region, "x" * 10_000) == []
        assert found(region, "-".join(["mobil"] * 1000)) == ["Mobilität im ländlichen Raum"]


class TestThroughTheApi:
    def test_other_regions_are_never_searched(self, region, other_region, projects):
        t.make_project(other_region, "Mobilität in B")
        api = APIClient()
        url = reverse("api-project-list")
        own = api.get(url, {"q": "mobil"}).json()["results"]
        assert [row["title"] for row in own] == ["Mobilität im ländlichen Raum"]
        other = api.get(url, {"q": "mobil"}, HTTP_HOST="kreis-b.example.org").json()["results"]
        assert [row["title"] for row in other] == ["Mobilität in B"]

    def test_the_public_does_not_find_drafts(self, region, projects):
        t.make_project(region, "Mobilität als Entwurf", published=False)
        api = APIClient()
        results = api.get(reverse("api-project-list"), {"q": "mobil"}).json()["results"]
        assert [row["title"] for row in results] == ["Mobilität im ländlichen Raum"]
        page = Client().get(reverse("public:project_list"), {"q": "Mobilität"})
        assert page.status_code == 200
        assert "Mobilität im ländlichen Raum" in page.content.decode()
        assert "Mobilität als Entwurf" not in page.content.decode()

    def test_ordering_still_applies(self, region, projects):
        api = APIClient()
        url = reverse("api-project-list")
        results = api.get(url, {"q": "Schule", "ordering": "-code"}).json()["results"]
        assert [row["code"] for row in results] == ["P70", "P7"]
        results = api.get(url, {"q": "Schule"}).json()["results"]
        assert [row["code"] for row in results] == ["P7", "P70"]

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(text=st.text(max_size=250))
    def test_any_text_answers_200_or_a_clean_400(self, region, projects, text):
        response = APIClient().get(reverse("api-project-list"), {"q": text})
        assert response.status_code in (200, 400), (text, response.content)
        if response.status_code == 400:
            assert "q" in response.json()


@pytest.mark.skipif(not POSTGRES, reason="PostgreSQL only")
def test_postgres_query_uses_the_gin_index(region, projects):
    """The query's document must be the indexed expression, or the index is never used."""
    queryset = search_projects(Project.objects.all(), "mobil")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert PG_INDEX in plan, plan


@pytest.mark.skipif(POSTGRES, reason="SQLite only")
class TestSqliteIndex:
    def test_the_triggers_exist_after_all_migrations(self):
        # A later migration that rebuilds portfolio_project on SQLite drops them: it must
        # call ensure_search_index (or install_search_index) again.
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            names = {row[0] for row in cursor.fetchall()}
        assert set(FTS_TRIGGERS) <= names

    def test_ensure_search_index_repairs_dropped_triggers(self, region, projects):
        assert ensure_search_index() is False
        with connection.cursor() as cursor:
            for name in FTS_TRIGGERS:
                cursor.execute(f"DROP TRIGGER {name}")
        t.make_project(region, "Windpark ohne Trigger")
        assert found(region, "Windpark") == []
        assert ensure_search_index() is True
        assert found(region, "Windpark") == ["Windpark ohne Trigger"]
        t.make_project(region, "Windpark mit Trigger")
        assert found(region, "Windpark") == ["Windpark mit Trigger", "Windpark ohne Trigger"]
