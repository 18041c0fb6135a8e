"""Fixtures of the staff tests: a small region with content, and another region to isolate."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from digitalagentur.core import testing as t
from digitalagentur.core.services import create_object
from digitalagentur.directory.choices import BodyKind
from digitalagentur.directory.models import Body
from digitalagentur.portfolio.models import Milestone, ProjectUpdate
from digitalagentur.strategy.models import Adoption
from digitalagentur.strategy.versions import freeze_version
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.models import Region


@dataclass
class World:
    region: object
    town: object
    other_town: object
    strategy: object
    field: object
    goal: object
    own_project: object
    other_project: object
    draft_project: object
    milestone: object
    update: object
    version: object
    council: object
    adoption: object
    # Another region: its objects must be invisible (404) from region A.
    foreign_town: object
    foreign_strategy: object
    foreign_field: object
    foreign_goal: object
    foreign_project: object
    foreign_milestone: object
    foreign_version: object
    foreign_adoption: object


def _content(region, town, other_town, prefix):
    strategy = t.make_strategy(region, title=f"Strategie {prefix}")
    field = t.make_field(strategy, f"Verwaltung {prefix}")
    goal = t.make_goal(field, f"Ziel {prefix}")
    own = t.make_project(region, f"Online ins Rathaus {prefix}", towns=[town], field=field)
    other = t.make_project(region, f"Projekt anderer Kommune {prefix}", towns=[other_town])
    draft = t.make_project(region, f"Entwurf {prefix}", towns=[town], published=False)
    milestone = create_object(
        Milestone(region=region, project=own, title=f"Start {prefix}", published=True)
    )
    update = create_object(
        ProjectUpdate(
            region=region,
            project=own,
            date=datetime.date(2024, 1, 15),
            title=f"Sachstand {prefix}",
            text="Es geht voran.",
        )
    )
    version = freeze_version(strategy, f"Fassung 2021 {prefix}")
    council = Body.objects.create(
        region=region,
        slug=f"rat-{town.slug}",
        name=f"Rat {town.name}",
        kind=BodyKind.COUNCIL,
        municipality=town,
    )
    adoption = Adoption.objects.create(
        region=region,
        version=version,
        municipality=town,
        body=council,
        date=datetime.date(2021, 7, 1),
        paper_reference="123/2021",
    )
    return strategy, field, goal, own, other, draft, milestone, update, version, council, adoption


@pytest.fixture
def world(region, town, other_town, other_region) -> World:
    (strategy, field, goal, own, other, draft, milestone, update, version, council, adoption) = (
        _content(region, town, other_town, "A")
    )
    foreign_town = t.make_municipality(other_region, "Fremdstadt", slug="fremdstadt")
    foreign_other = t.make_municipality(other_region, "Fremddorf", slug="fremddorf")
    foreign = _content(other_region, foreign_town, foreign_other, "B")
    return World(
        region=region,
        town=town,
        other_town=other_town,
        strategy=strategy,
        field=field,
        goal=goal,
        own_project=own,
        other_project=other,
        draft_project=draft,
        milestone=milestone,
        update=update,
        version=version,
        council=council,
        adoption=adoption,
        foreign_town=foreign_town,
        foreign_strategy=foreign[0],
        foreign_field=foreign[1],
        foreign_goal=foreign[2],
        foreign_project=foreign[3],
        foreign_milestone=foreign[6],
        foreign_version=foreign[8],
        foreign_adoption=foreign[10],
    )


@pytest.fixture
def login(client, users):
    """login(role) logs the test client in as that role's user of region A and returns it."""

    def _login(role):
        if role == "anonymous":
            client.logout()
            return None
        if role == "outsider":
            user = t.make_user("outsider")
        elif role == "foreign_coordinator":
            # A coordinator of region B has no role in region A.
            region_b = Region.objects.get(slug="kreis-b")
            user = t.make_user_with_role(region_b, Role.COORDINATOR, username="koord-b")
        else:
            user = users[role]
        client.force_login(user)
        return user

    return _login
