"""The participation endpoints (issue 12) against their OpenAPI schema, with the checks of
test_schemathesis.py (its DATA_DEPENDENT names the fields only the data decides) but only for
these operations, on existing ideas and competitions, anonymously and as the coordinator."""

import pytest
from rest_framework.authtoken.models import Token

from digitalagentur.participation import competitions as svc
from digitalagentur.participation.choices import CompetitionPhase
from digitalagentur.testing.participation import (
    make_competition,
    make_idea,
    make_juror,
    make_submission,
    move_to_phase,
)

from .test_schemathesis import run_all_operations, wsgi_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def participation_schema(settings, region, town, users, wsgi_app):  # noqa: F811
    import schemathesis

    settings.DEFAULT_REGION_SLUG = region.slug
    idea = make_idea(region, title="Radweg", municipality=town)
    competition = make_competition(region)
    entry = make_submission(competition, title="Dorf-App")
    move_to_phase(competition, CompetitionPhase.JURY)
    juror = make_juror(competition, first_name="Anna")
    for criterion in competition.criteria.all():
        svc.score(juror, entry, criterion, 7)
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    token, _ = Token.objects.get_or_create(user=users["coordinator"])
    known = {
        "/api/v1/ideas/{id}/": {"id": idea.pk},
        "/api/v1/ideas/{id}/support/": {"id": idea.pk},
        "/api/v1/competitions/{id}/": {"id": competition.pk},
        "/api/v1/competitions/{id}/ranking/": {"id": competition.pk},
    }
    selected = schema.include(path_regex="^/api/v1/(ideas|competitions)/")
    return selected, token.key, known


def test_idea_and_competition_operations_anonymously_and_as_coordinator(participation_schema):
    schema, token, known = participation_schema
    assert len(list(schema.get_all_operations())) == 8
    failures = run_all_operations(schema, known_ids=known)
    failures += run_all_operations(schema, {"Authorization": f"Token {token}"}, known)
    assert not failures, "\n\n".join(failures)
