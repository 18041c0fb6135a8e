"""Ideas through the API (issue 12, sections 3 and 4): the public list with its contract
fields, filters, order and paging; one idea; submitting one (401, 201, 400, 429); ideas that
are not public (waiting, refused in moderation, merged) never listed or found."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.participation import services as svc
from digitalagentur.participation.choices import IdeaStatus
from digitalagentur.participation.models import Idea
from digitalagentur.testing.participation import make_idea, make_participant

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db

IDEAS = reverse("api-idea-list")
LIST_KEYS = {"id", "title", "field", "municipality", "status", "supporters", "created"}


def detail(idea) -> str:
    return reverse("api-idea-detail", args=[idea.pk])


def support(idea) -> str:
    return reverse("api-idea-support", args=[idea.pk])


def titles(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [row["title"] for row in response.json()["results"]]


@pytest.fixture
def citizen(db):
    return make_participant("buergerin", first_name="Rad-Fan")


@pytest.fixture
def as_citizen(client_for, citizen):
    return client_for(citizen)


@pytest.fixture
def ideas(region, town, other_town, fields):
    """Public ideas in every public status, and the ones the public never sees."""
    ideas = {
        "radweg": make_idea(region, title="Radweg nach Lette", field=fields["verwaltung"]),
        "wlan": make_idea(region, title="WLAN im Freibad", municipality=town),
        "bus": make_idea(
            region,
            title="Bürgerbus am Abend",
            status=IdeaStatus.REVIEW,
            field=fields["mobilitaet"],
            municipality=other_town,
        ),
        "app": make_idea(
            region, title="Mängelmelder-App", status=IdeaStatus.DECLINED, reason="Gibt es schon."
        ),
        "waiting": make_idea(region, title="Wartet noch", status=IdeaStatus.RECEIVED),
        "spam": make_idea(region, title="Kauft Uhren", status=IdeaStatus.REJECTED, reason="Spam"),
        "double": make_idea(region, title="Radweg Lette doppelt"),
    }
    svc.merge_ideas(ideas["double"], ideas["radweg"], user=None, reason="doppelt")
    taken = make_idea(region, title="Digitale Sprechstunde")
    svc.take_into_strategy(taken, user=None)
    ideas["taken"] = Idea.objects.get(pk=taken.pk)
    return ideas


# --- the list -----------------------------------------------------------------------------------


def test_the_list_has_the_contract_fields(api, region, town, fields):
    idea = make_idea(region, title="Radweg", field=fields["mobilitaet"], municipality=town)
    people = [make_participant() for _ in range(3)]
    for person in people:
        svc.support(idea, person)
    svc.support(idea, people[0])  # the same person twice counts once
    make_idea(region, title="Ohne Ort")
    response = api.get(IDEAS)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"} and data["count"] == 2
    by_title = {row["title"]: row for row in data["results"]}
    row = by_title["Radweg"]
    assert set(row) == LIST_KEYS
    assert row["id"] == idea.pk
    assert row["field"] == "mobilitaet" and row["municipality"] == "senden"
    assert row["status"] == "published" and row["supporters"] == 3
    assert datetime.datetime.fromisoformat(row["created"]) == idea.created
    assert by_title["Ohne Ort"]["field"] is None and by_title["Ohne Ort"]["municipality"] is None
    assert by_title["Ohne Ort"]["supporters"] == 0


def test_only_public_ideas_are_listed_and_found(api, ideas):
    assert set(titles(api.get(IDEAS))) == {
        "Radweg nach Lette",
        "WLAN im Freibad",
        "Bürgerbus am Abend",
        "Mängelmelder-App",
        "Digitale Sprechstunde",
    }
    assert api.get(detail(ideas["app"])).json()["status"] == "declined"
    assert api.get(detail(ideas["taken"])).json()["status"] == "adopted"
    for hidden in ("waiting", "spam", "double"):
        assert api.get(detail(ideas[hidden])).status_code == 404, hidden
        assert api.get(IDEAS, {"q": ideas[hidden].title}).json()["count"] == 0, hidden


def test_not_public_ideas_stay_hidden_from_the_staff_too(client_for, users, ideas):
    coordinator = client_for("coordinator")
    listed = titles(coordinator.get(IDEAS))
    assert "Wartet noch" not in listed and "Kauft Uhren" not in listed
    assert coordinator.get(detail(ideas["spam"])).status_code == 404


def test_another_regions_ideas_are_neither_listed_nor_found(api, region, region_b):
    here = make_idea(region, title="Hier")
    there = make_idea(region_b["region"], title="Dort")
    assert titles(api.get(IDEAS)) == ["Hier"]
    assert titles(api.get(IDEAS, HTTP_HOST=OTHER_HOST)) == ["Dort"]
    assert api.get(detail(there)).status_code == 404
    assert api.get(detail(here), HTTP_HOST=OTHER_HOST).status_code == 404


def test_filters_by_field_town_status_and_search(api, ideas):
    assert titles(api.get(IDEAS, {"field": "verwaltung"})) == ["Radweg nach Lette"]
    assert titles(api.get(IDEAS, {"municipality": "senden"})) == ["WLAN im Freibad"]
    assert titles(api.get(IDEAS, {"status": "review"})) == ["Bürgerbus am Abend"]
    assert titles(api.get(IDEAS, {"status": "declined"})) == ["Mängelmelder-App"]
    assert titles(api.get(IDEAS, {"status": "adopted"})) == ["Digitale Sprechstunde"]
    assert titles(api.get(IDEAS, {"q": "freibad"})) == ["WLAN im Freibad"]
    assert titles(api.get(IDEAS, {"q": "radweg lette"})) == ["Radweg nach Lette"]
    assert titles(api.get(IDEAS, {"q": "radweg", "status": "review"})) == []
    both = api.get(IDEAS, {"field": "mobilitaet", "municipality": "havixbeck"})
    assert titles(both) == ["Bürgerbus am Abend"]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "rejected"},
        {"status": "received"},
        {"status": "merged"},
        {"status": "unbekannt"},
        {"field": "gibt-es-nicht"},
        {"field": "entwurf"},  # a draft field is unknown to the public
        {"municipality": "stadt-b"},  # another region's town
        {"municipality": "a b"},
        {"ordering": "title"},
        {"q": "x" * 201},
    ],
)
def test_bad_filters_are_a_400_naming_the_parameter(api, ideas, region_b, params):
    response = api.get(IDEAS, params)
    assert response.status_code == 400
    data = response.json()
    assert set(params) <= set(data) and data["detail"].startswith("Ungültige Angaben")


def test_ordering_newest_by_default_or_most_supported(api, region):
    first = make_idea(region, title="Erste")
    make_idea(region, title="Zweite")
    third = make_idea(region, title="Dritte")
    people = [make_participant() for _ in range(3)]
    for person in people:
        svc.support(first, person)
    svc.support(third, people[0])
    assert titles(api.get(IDEAS)) == ["Dritte", "Zweite", "Erste"]
    assert titles(api.get(IDEAS, {"ordering": "-created"})) == ["Dritte", "Zweite", "Erste"]
    ranked = api.get(IDEAS, {"ordering": "-supporters"}).json()["results"]
    assert [(row["title"], row["supporters"]) for row in ranked] == [
        ("Erste", 3),
        ("Dritte", 1),
        ("Zweite", 0),
    ]
    # Ascending, too: the fewest supporters first, ties the oldest first.
    fewest = api.get(IDEAS, {"ordering": "supporters"})
    assert titles(fewest) == ["Zweite", "Dritte", "Erste"]
    assert titles(api.get(IDEAS, {"ordering": "created"})) == ["Erste", "Zweite", "Dritte"]


def test_the_list_is_paged_like_the_other_lists(api, region):
    for n in range(5):
        make_idea(region, title=f"Idee {n}")
    data = api.get(IDEAS, {"page_size": 2}).json()
    assert data["count"] == 5 and len(data["results"]) == 2 and data["next"]
    assert [row["title"] for row in data["results"]] == ["Idee 4", "Idee 3"]
    last = api.get(IDEAS, {"page_size": 2, "page": 3}).json()
    assert [row["title"] for row in last["results"]] == ["Idee 0"]
    assert api.get(IDEAS, {"page": 9}).status_code == 400


def list_queries(api, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(IDEAS, params or {})
    assert response.status_code == 200
    return len(queries)


def test_the_list_needs_the_same_queries_for_5_or_30_ideas(
    api, region, town, fields, no_page_cache, django_assert_max_num_queries
):
    people = [make_participant() for _ in range(4)]

    def add(count: int):
        for n in range(count):
            idea = make_idea(
                region,
                title=f"Idee {Idea.objects.count()} {n}",
                field=fields["verwaltung"],
                municipality=town,
            )
            for person in people[: n % 4]:
                svc.support(idea, person)

    add(5)
    few = list_queries(api)
    few_sorted = list_queries(api, {"ordering": "-supporters", "field": "verwaltung"})
    add(25)
    assert Idea.objects.public().count() == 30
    with django_assert_max_num_queries(few):
        data = api.get(IDEAS).json()
    assert data["count"] == 30 and sum(row["supporters"] for row in data["results"]) == 6 + 36
    with django_assert_max_num_queries(few_sorted):
        api.get(IDEAS, {"ordering": "-supporters", "field": "verwaltung"})
    with django_assert_max_num_queries(few + 1):  # a full page is counted separately
        assert len(api.get(IDEAS, {"page_size": 10}).json()["results"]) == 10


# --- one idea -----------------------------------------------------------------------------------


def test_one_idea_with_text_answer_and_its_way(api, region, citizen):
    idea = make_idea(region, citizen, title="Mehr Bänke", text="Am Kanal fehlen Bänke.")
    idea = svc.set_status(idea, IdeaStatus.REVIEW, user=None, reason="Wir prüfen das.")
    idea = svc.set_status(idea, IdeaStatus.DECLINED, user=None, reason="Kein Geld in 2025.")
    data = api.get(detail(idea)).json()
    assert LIST_KEYS <= set(data)
    assert data["text"] == "Am Kanal fehlen Bänke."
    assert data["answer"] == "Kein Geld in 2025." and data["answered"]
    assert data["author_name"] == "Rad-Fan"
    assert "buergerin" not in str(data) and "@" not in str(data)
    steps = [(step["status"], step["reason"]) for step in data["status_history"]]
    assert steps == [
        ("received", ""),
        ("published", ""),
        ("review", "Wir prüfen das."),
        ("declined", "Kein Geld in 2025."),
    ]
    assert all(step["time"] for step in data["status_history"])
    assert data["supported"] is False and data["project"] is None


def test_a_refusal_in_moderation_is_not_part_of_the_public_way(api, region):
    idea = make_idea(
        region, title="Zweiter Anlauf", status=IdeaStatus.REJECTED, reason="Beleidigend"
    )
    idea = svc.set_status(idea, IdeaStatus.PUBLISHED, user=None)
    data = api.get(detail(idea)).json()
    assert [step["status"] for step in data["status_history"]] == ["received", "published"]
    assert "Beleidigend" not in str(data)


def test_the_project_an_idea_became_is_shown_once_published(api, region):
    idea = make_idea(region, title="Digitale Sprechstunde")
    project = svc.take_into_strategy(idea, user=None)
    data = api.get(detail(idea)).json()
    assert data["status"] == "adopted" and data["project"] is None  # still a draft
    assert "Projektentwurf" in data["answer"]
    project.published = True
    project.save()
    assert api.get(detail(idea)).json()["project"] == project.pk


def test_the_detail_links_the_public_page(api, region):
    idea = make_idea(region)
    page_url = api.get(detail(idea)).json()["page_url"]
    assert page_url == f"http://testserver{reverse('public:idea', args=[idea.pk])}"


def test_the_detail_says_whether_the_caller_supports_it(as_citizen, citizen, region):
    idea = make_idea(region)
    assert as_citizen.get(detail(idea)).json()["supported"] is False
    svc.support(idea, citizen)
    data = as_citizen.get(detail(idea)).json()
    assert data["supported"] is True and data["supporters"] == 1


def test_a_draft_field_is_not_shown_to_the_public(api, client_for, region, fields):
    idea = make_idea(region, field=fields["entwurf"])
    assert api.get(detail(idea)).json()["field"] is None
    assert client_for("reader").get(detail(idea)).json()["field"] == "entwurf"


# --- submitting ---------------------------------------------------------------------------------


def test_submitting_needs_an_account(api, region):
    response = api.post(IDEAS, {"title": "Anonym", "text": "Geht nicht."}, format="json")
    assert response.status_code == 401 and response.json()["detail"]
    assert not Idea.objects.exists()


def test_a_submitted_idea_is_received_and_public_only_after_moderation(
    api, as_citizen, citizen, region, town, fields
):
    body = {
        "title": "Sitzbänke am Kanal",
        "text": "Zwischen Schleuse und Hafen.",
        "field": "mobilitaet",
        "municipality": "senden",
    }
    response = as_citizen.post(IDEAS, body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "received" and data["supporters"] == 0
    assert data["title"] == body["title"] and data["text"] == body["text"]
    assert data["field"] == "mobilitaet" and data["municipality"] == "senden"
    idea = Idea.objects.get(pk=data["id"])
    assert idea.author == citizen and idea.region == region
    assert idea.field == fields["mobilitaet"] and idea.municipality == town
    assert titles(api.get(IDEAS)) == []
    assert api.get(detail(idea)).status_code == 404
    svc.set_status(idea, IdeaStatus.PUBLISHED, user=None)
    assert titles(api.get(IDEAS)) == ["Sitzbänke am Kanal"]


def test_field_and_town_are_optional(as_citizen, region):
    response = as_citizen.post(
        IDEAS, {"title": "Frei", "text": "Ohne Zuordnung.", "field": None}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["field"] is None and response.json()["municipality"] is None


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"text": "Ohne Titel"}, "title"),
        ({"title": "   ", "text": "Nur Leerzeichen"}, "title"),
        ({"title": "x" * 151, "text": "Zu lang"}, "title"),
        ({"title": "Ohne Text"}, "text"),
        ({"title": "Zu viel", "text": "x" * 5001}, "text"),
        ({"title": 12, "text": "Zahl"}, "title"),
        ({"title": "Feld", "text": "unbekannt", "field": "gibt-es-nicht"}, "field"),
        ({"title": "Feld", "text": "Entwurf", "field": "entwurf"}, "field"),
        ({"title": "Ort", "text": "anderswo", "municipality": "stadt-b"}, "municipality"),
        ({"title": "Ort", "text": "leer", "municipality": ""}, "municipality"),
    ],
)
def test_bad_input_is_a_400_with_a_german_message(as_citizen, fields, region_b, body, name):
    response = as_citizen.post(IDEAS, body, format="json")
    assert response.status_code == 400
    data = response.json()
    assert name in data and data["detail"]
    message = " ".join(data[name])
    assert any(
        word in message for word in ("Dies", "darf", "Stelle", "Objekt", "Zeichen", "gültig")
    )
    assert not Idea.objects.exists()


def test_a_duplicate_title_is_refused_in_german(as_citizen, region):
    make_idea(region, title="Freies WLAN am Markt")
    response = as_citizen.post(
        IDEAS, {"title": "freies  wlan am markt", "text": "Nochmal."}, format="json"
    )
    assert response.status_code == 400
    assert "gibt es schon" in " ".join(response.json()["title"])
    assert Idea.objects.count() == 1


def test_html_is_returned_as_written_never_interpreted(as_citizen, api, region):
    title = '<script>alert("x")</script> & <b>fett</b>'
    text = "<img src=x onerror=alert(1)> Zeile 1\n<i>Zeile 2</i>"
    response = as_citizen.post(IDEAS, {"title": title, "text": text}, format="json")
    assert response.status_code == 201
    assert response.json()["title"] == title and response.json()["text"] == text
    idea = Idea.objects.get()
    assert idea.title == title and idea.text == text
    svc.set_status(idea, IdeaStatus.PUBLISHED, user=None)
    listed = api.get(IDEAS)
    assert listed["Content-Type"].startswith("application/json")
    assert listed.json()["results"][0]["title"] == title
    assert api.get(detail(idea)).json()["text"] == text
    assert "&lt;" not in listed.content.decode()


def test_too_many_ideas_are_a_429_with_a_german_detail(as_citizen, region, settings):
    settings.DIGITALAGENTUR_PARTICIPATION_LIMITS = {"idea": (2, 1000, 3600)}
    for n in range(2):
        body = {"title": f"Idee {n}", "text": "Text"}
        assert as_citizen.post(IDEAS, body, format="json").status_code == 201
    response = as_citizen.post(IDEAS, {"title": "Idee 3", "text": "Text"}, format="json")
    assert response.status_code == 429
    assert "später" in response.json()["detail"]
    assert response["Retry-After"] == "3600"
    assert Idea.objects.count() == 2


def test_a_write_to_an_idea_path_that_is_no_action_is_405(as_citizen, region):
    idea = make_idea(region)
    assert as_citizen.patch(detail(idea), {"title": "neu"}, format="json").status_code == 405
    assert as_citizen.delete(detail(idea)).status_code == 405
    assert Idea.objects.get(pk=idea.pk).title == idea.title


def test_the_staff_submit_like_everyone(client_for, users, region):
    response = client_for("coordinator").post(
        IDEAS, {"title": "Von der Koordination", "text": "Auch sie."}, format="json"
    )
    assert response.status_code == 201 and response.json()["status"] == "received"
    assert not Idea.objects.public().exists()  # the staff have no shortcut past moderation
