"""Builders for tests: small, explicit objects instead of fixtures tied to primary keys."""

from __future__ import annotations

import itertools

from django.contrib.auth import get_user_model

from digitalagentur.portfolio.models import Project
from digitalagentur.portfolio.services import create_project
from digitalagentur.strategy.models import Field, Goal, PriorityGroup, Strategy
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.models import Municipality, Region, RoleAssignment

_seq = itertools.count(1)
TEST_PASSWORD = "geheim-passwort-123"  # noqa: S105 (test-only)


def make_region(slug: str | None = None, *, name: str | None = None, hostname: str = "") -> Region:
    n = next(_seq)
    slug = slug or f"kreis-{n}"
    return Region.objects.create(slug=slug, name=name or f"Kreis {n}", hostname=hostname)


def make_municipality(region: Region, name: str | None = None, **kwargs) -> Municipality:
    name = name or f"Stadt {next(_seq)}"
    kwargs.setdefault("slug", name.lower().replace(" ", "-"))
    return Municipality.objects.create(region=region, name=name, **kwargs)


def make_user(username: str | None = None, *, password: str = TEST_PASSWORD, **kwargs):
    username = username or f"user{next(_seq)}"
    return get_user_model().objects.create_user(username=username, password=password, **kwargs)


def grant(user, region: Region, role: str, municipality: Municipality | None = None):
    return RoleAssignment.objects.create(
        user=user, region=region, role=role, municipality=municipality
    )


def make_user_with_role(
    region: Region, role: str, municipality: Municipality | None = None, **kwargs
):
    user = make_user(**kwargs)
    if role == Role.OFFICER and municipality is None:
        municipality = make_municipality(region)
    grant(user, region, role, municipality if role == Role.OFFICER else None)
    return user


def make_strategy(region: Region, **kwargs) -> Strategy:
    kwargs.setdefault("title", f"Strategie {region.name}")
    kwargs.setdefault("vision", "Gemeinsam digital.")
    kwargs.setdefault("published", True)
    strategy = Strategy.objects.create(region=region, **kwargs)
    for number, name in [(1, "Priorität I"), (2, "Priorität II"), (3, "Priorität III")]:
        PriorityGroup.objects.create(region=region, strategy=strategy, number=number, name=name)
    return strategy


def make_field(
    strategy: Strategy, name: str | None = None, *, priority: int = 1, **kwargs
) -> Field:
    name = name or f"Feld {next(_seq)}"
    kwargs.setdefault("slug", name.lower().replace(" ", "-").replace("/", "-"))
    kwargs.setdefault("published", True)
    kwargs.setdefault("guiding_principle", f"Leitbild für {name}")
    group = strategy.priority_groups.get(number=priority)
    return Field.objects.create(
        region_id=strategy.region_id, strategy=strategy, name=name, priority_group=group, **kwargs
    )


def make_goal(field: Field, title: str = "Ein Ziel", **kwargs) -> Goal:
    kwargs.setdefault("published", True)
    return Goal.objects.create(region_id=field.region_id, field=field, title=title, **kwargs)


def make_project(
    region: Region, title: str | None = None, *, towns=(), field=None, **values
) -> Project:
    values.setdefault("published", True)
    values["title"] = title or f"Projekt {next(_seq)}"
    values["field"] = field
    return create_project(region=region, values=values, town_ids=[t.pk for t in towns])
