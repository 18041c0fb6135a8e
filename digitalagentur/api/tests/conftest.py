"""Fixtures of the API tests: clients per role and a small strategy with fields and projects."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from digitalagentur.core import testing as t

OTHER_HOST = "kreis-b.example.org"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def client_for(region, users):
    """An APIClient authenticated with the token of `users[role]` (or of any user given)."""

    def make(user_or_role):
        user = users[user_or_role] if isinstance(user_or_role, str) else user_or_role
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def fields(strategy):
    """Two published fields (priority I and II) and one draft field."""
    return {
        "verwaltung": t.make_field(strategy, "Verwaltung", slug="verwaltung", priority=1),
        "mobilitaet": t.make_field(strategy, "Mobilität", slug="mobilitaet", priority=2),
        "entwurf": t.make_field(strategy, "Entwurf", slug="entwurf", priority=3, published=False),
    }


@pytest.fixture
def projects(region, town, other_town, fields):
    """Strategy projects, a local project, a lighthouse project and a draft with notes."""
    return {
        "p1": t.make_project(
            region,
            "Online ins Rathaus",
            code="P1",
            towns=[town, other_town],
            field=fields["verwaltung"],
            is_strategy_project=True,
            status="in_progress",
            progress=40,
            summary="Verwaltungsleistungen digital anbieten",
        ),
        "p2": t.make_project(
            region,
            "Smarte Parkplätze",
            code="P2",
            towns=[other_town],
            field=fields["mobilitaet"],
            is_strategy_project=True,
            status="planned",
            description="Sensoren melden freie Stellplätze.",
        ),
        "local": t.make_project(
            region, "Crossiety", towns=[other_town], status="completed", is_lighthouse=True
        ),
        "draft": t.make_project(
            region,
            "Geheimer Entwurf",
            towns=[town],
            field=fields["verwaltung"],
            published=False,
            internal_notes="Nur intern: Budget unklar",
        ),
    }


@pytest.fixture
def region_b(region, other_region):
    """Region B (host kreis-b.example.org) with a town, a published and a draft project."""
    town_b = t.make_municipality(other_region, "Stadt B", slug="stadt-b")
    strategy_b = t.make_strategy(other_region, title="Strategie B")
    field_b = t.make_field(strategy_b, "Bildung B", slug="bildung-b")
    return {
        "region": other_region,
        "town": town_b,
        "field": field_b,
        "published": t.make_project(other_region, "Projekt B", towns=[town_b], field=field_b),
        "draft": t.make_project(
            other_region, "Entwurf B", towns=[town_b], published=False, internal_notes="intern B"
        ),
    }
