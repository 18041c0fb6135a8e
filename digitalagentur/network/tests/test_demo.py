"""The demo's posts (demo/network.py, issue 14, section 3): the seed's vacancies since June 2023
(both Smarte.Land.Regionen project posts and the Smart Region coordination), every post marked
as demo, Senden's post held by Niklas Esser, and a second load changing nothing."""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from types import SimpleNamespace

import pytest

from digitalagentur.core import testing as t
from digitalagentur.demo.data.agency import TOWNS
from digitalagentur.demo.network import load_network
from digitalagentur.directory.models import Person
from digitalagentur.network import services
from digitalagentur.network.models import Post, Vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def coesfeld(db):
    region = t.make_region("kreis-coesfeld-test", name="Kreis Coesfeld")
    towns = {slug: t.make_municipality(region, name, slug=slug) for slug, name, _ in TOWNS}
    Person.objects.create(region=region, name="Niklas Esser", municipality=towns["senden"])
    return region


def test_the_seed_vacancies_and_the_figures(coesfeld):
    loader = SimpleNamespace(created=Counter())
    load_network(loader, coesfeld)
    vacant = Vacancy.objects.filter(region=coesfeld, end__isnull=True)
    titles = sorted(v.post.title for v in vacant)
    assert titles == [
        "Projektstelle Smarte.Land.Regionen (1)",
        "Projektstelle Smarte.Land.Regionen (2)",
        "Smart Region Koordination",
    ]
    assert {v.start for v in vacant} == {datetime.date(2023, 6, 1)}
    assert all("Raabe" in v.cause and "Grüner" in v.cause for v in vacant)
    assert all(p.is_demo and "Demo-Daten" in p.note for p in Post.objects.filter(region=coesfeld))
    senden = Post.objects.get(region=coesfeld, municipality__slug="senden")
    assert senden.holder.name == "Niklas Esser"
    figures = services.region_staffing(coesfeld, datetime.date(2024, 1, 1))
    assert len(figures.towns) == 11
    assert figures.district.planned == Decimal("3") and figures.district.filled == 0
    assert not figures.district.met and figures.district.vacant_posts == 3
    # Some towns meet the recommendation, some do not (Rosendahl has no post at all).
    assert 0 < sum(line.met for line in figures.towns) < 11
    rosendahl = next(line for line in figures.towns if line.name == "Rosendahl")
    assert rosendahl.posts == 0 and rosendahl.gap == Decimal("0.5")
    assert loader.created["Stellen"] == Post.objects.filter(region=coesfeld).count()

    load_network(SimpleNamespace(created=Counter()), coesfeld)
    assert Post.objects.filter(region=coesfeld).count() == loader.created["Stellen"]
    assert Vacancy.objects.filter(region=coesfeld).count() == 3
