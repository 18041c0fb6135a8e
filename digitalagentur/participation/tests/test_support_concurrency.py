"""Supports under concurrent clicks (issue 12, sections 1 and 5): the same person 50 times at
once gives one support; 50 people at once give 50. Threads with their own connections."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from digitalagentur.core import testing as t
from digitalagentur.participation import services as svc
from digitalagentur.participation.choices import IdeaStatus
from digitalagentur.participation.models import Support

CLICKS = 50


def idea_of(region):
    author = t.make_user("autorin")
    idea = svc.submit_idea(region=region, user=author, title="Bürgerbus", text="Abends fahren.")
    return svc.set_status(idea, IdeaStatus.PUBLISHED, user=None)


def click_all(idea, people) -> list[bool]:
    barrier = threading.Barrier(len(people))

    def click(person) -> bool:
        barrier.wait()
        try:
            return svc.support(idea, person, client_ip="192.0.2.7")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        return list(pool.map(click, people))


@pytest.mark.django_db(transaction=True)
def test_the_same_person_fifty_times_at_once_gives_one_support(region):
    idea = idea_of(region)
    person = t.make_user("eilig")
    results = click_all(idea, [person] * CLICKS)
    assert results.count(True) == 1
    assert Support.objects.filter(idea=idea).count() == 1
    assert svc.supporters(idea) == 1


@pytest.mark.django_db(transaction=True)
def test_fifty_people_at_once_give_fifty_supports_from_one_address(region):
    idea = idea_of(region)
    people = [t.make_user(f"schule-{n}") for n in range(CLICKS)]
    results = click_all(idea, people)
    assert results == [True] * CLICKS
    assert svc.supporters(idea) == CLICKS
