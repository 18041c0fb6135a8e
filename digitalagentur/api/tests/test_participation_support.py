"""Supporting an idea through the API (issue 12, sections 1, 3 and 5): 201 when new, 200 when
it existed, 204 on withdrawal; only open public ideas; a 429 when rate limited; exact counts
under concurrent requests (the same person 50 times at once gives one support, 50 people at
once give 50)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from digitalagentur.participation import services as svc
from digitalagentur.participation.choices import IdeaStatus
from digitalagentur.participation.models import Support
from digitalagentur.testing.participation import make_idea, make_participant

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db

IDEAS = reverse("api-idea-list")
CLICKS = 50


def support(idea) -> str:
    return reverse("api-idea-support", args=[idea.pk])


@pytest.fixture
def citizen(db):
    return make_participant("unterstuetzerin")


@pytest.fixture
def as_citizen(client_for, citizen):
    return client_for(citizen)


def test_support_is_201_when_new_200_when_it_existed_and_204_when_withdrawn(
    as_citizen, citizen, region
):
    idea = make_idea(region)
    svc.support(idea, make_participant())
    response = as_citizen.post(support(idea))
    assert response.status_code == 201
    assert response.json() == {"supporters": 2, "supported": True}
    again = as_citizen.post(support(idea))
    assert again.status_code == 200 and again.json() == {"supporters": 2, "supported": True}
    assert Support.objects.filter(idea=idea, user=citizen).count() == 1
    withdrawn = as_citizen.delete(support(idea))
    assert withdrawn.status_code == 204 and not withdrawn.content
    assert not Support.objects.filter(idea=idea, user=citizen).exists()
    assert svc.supporters(idea) == 1
    assert as_citizen.delete(support(idea)).status_code == 204  # idempotent
    assert svc.supporters(idea) == 1
    assert as_citizen.post(support(idea)).status_code == 201  # supported anew


def test_the_list_counts_the_support_at_once(api, as_citizen, region):
    idea = make_idea(region, title="Zählt sofort")
    assert api.get(IDEAS).json()["results"][0]["supporters"] == 0  # cached for the public
    assert as_citizen.post(support(idea)).status_code == 201
    assert api.get(IDEAS).json()["results"][0]["supporters"] == 1
    assert as_citizen.delete(support(idea)).status_code == 204
    assert api.get(IDEAS).json()["results"][0]["supporters"] == 0


def test_supporting_needs_an_account(api, region):
    idea = make_idea(region)
    assert api.post(support(idea)).status_code == 401
    assert api.delete(support(idea)).status_code == 401
    assert not Support.objects.exists()


@pytest.mark.parametrize("status", [IdeaStatus.RECEIVED, IdeaStatus.REJECTED])
def test_ideas_that_are_not_public_are_not_found(as_citizen, region, status):
    idea = make_idea(region, status=status)
    assert as_citizen.post(support(idea)).status_code == 404
    assert as_citizen.delete(support(idea)).status_code == 404
    assert not Support.objects.exists()


def test_a_merged_idea_is_not_found(as_citizen, region):
    source, target = make_idea(region, title="Quelle"), make_idea(region, title="Ziel")
    svc.merge_ideas(source, target, user=None)
    assert as_citizen.post(support(source)).status_code == 404
    assert as_citizen.post(support(target)).status_code == 201


def test_another_regions_idea_is_not_found(as_citizen, region, other_region):
    there = make_idea(other_region)
    assert as_citizen.post(support(there)).status_code == 404
    response = as_citizen.post(support(there), HTTP_HOST=OTHER_HOST)
    assert response.status_code == 201
    assert as_citizen.post(reverse("api-idea-support", args=["x1"])).status_code == 404
    assert as_citizen.post(reverse("api-idea-support", args=[2**40])).status_code == 404


def test_a_decided_idea_is_a_409_with_a_german_detail(as_citizen, citizen, region):
    idea = make_idea(region, status=IdeaStatus.REVIEW)
    assert as_citizen.post(support(idea)).status_code == 201  # still open in review
    svc.set_status(idea, IdeaStatus.DECLINED, user=None, reason="Nicht machbar.")
    response = as_citizen.post(support(idea))
    assert response.status_code == 409
    assert "entschieden" in response.json()["detail"]
    assert as_citizen.delete(support(idea)).status_code == 409  # the count at the decision stays
    assert svc.supporters(idea) == 1
    taken = make_idea(region)
    svc.take_into_strategy(taken, user=None)
    assert as_citizen.post(support(taken)).status_code == 409
    assert not Support.objects.filter(idea=taken).exists()


def test_too_many_supports_are_a_429_with_a_german_detail(as_citizen, citizen, region, settings):
    settings.DIGITALAGENTUR_PARTICIPATION_LIMITS = {"support": (2, 1000, 600)}
    ideas = [make_idea(region) for _ in range(3)]
    assert as_citizen.post(support(ideas[0])).status_code == 201
    assert as_citizen.post(support(ideas[1])).status_code == 201
    response = as_citizen.post(support(ideas[2]))
    assert response.status_code == 429
    assert "später" in response.json()["detail"] and response["Retry-After"] == "600"
    assert not Support.objects.filter(idea=ideas[2]).exists()
    assert as_citizen.post(support(ideas[0])).status_code == 200  # an existing one is no action


def test_a_hundred_people_behind_one_address_all_get_through(client_for, region):
    idea = make_idea(region)
    for n in range(100):
        client = client_for(make_participant(f"schule{n}"))
        response = client.post(support(idea), REMOTE_ADDR="198.51.100.4")
        assert response.status_code == 201, (n, response.json())
    assert svc.supporters(idea) == 100


# --- at the same moment -------------------------------------------------------------------------


def token_client(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def post_all_at_once(idea, clients) -> list[tuple[int, dict]]:
    """POST the support from every client in its own thread, all released together."""
    barrier = threading.Barrier(len(clients))
    answers: list[tuple[int, dict]] = []
    lock = threading.Lock()

    def post(client):
        try:
            barrier.wait()
            response = client.post(support(idea), REMOTE_ADDR="192.0.2.50")
            with lock:
                answers.append((response.status_code, response.json()))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.django_db(transaction=True)
def test_the_same_person_fifty_times_at_once_gives_one_support(region):
    idea = make_idea(region)
    person = make_participant("eilig")
    answers = post_all_at_once(idea, [token_client(person) for _ in range(CLICKS)])
    codes = sorted(code for code, _answer in answers)
    assert codes == [200] * (CLICKS - 1) + [201], answers
    assert Support.objects.filter(idea=idea).count() == 1
    assert {answer["supporters"] for _code, answer in answers} == {1}


@pytest.mark.django_db(transaction=True)
def test_fifty_people_at_once_give_fifty_supports(region):
    idea = make_idea(region)
    people = [make_participant(f"gleichzeitig{n}") for n in range(CLICKS)]
    answers = post_all_at_once(idea, [token_client(person) for person in people])
    assert sorted(code for code, _answer in answers) == [201] * CLICKS, answers
    assert Support.objects.filter(idea=idea).count() == CLICKS
    assert svc.supporters(idea) == CLICKS
    assert max(answer["supporters"] for _code, answer in answers) == CLICKS
