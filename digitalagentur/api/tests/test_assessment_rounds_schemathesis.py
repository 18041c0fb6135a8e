"""The round endpoints (issue 9) against their OpenAPI schema, with the checks of
test_schemathesis.py but only for these two operations (quick to run on its own)."""

import pytest
from rest_framework.authtoken.models import Token

from digitalagentur.core import testing as t
from digitalagentur.testing.assessment import make_questionnaire, make_response, make_round
from digitalagentur.testing.assessment_rounds import scores

from .test_schemathesis import run_all_operations, wsgi_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_schema(settings, region, users, town, strategy, wsgi_app):  # noqa: F811
    import schemathesis

    settings.DEFAULT_REGION_SLUG = region.slug
    field = t.make_field(strategy, "Verwaltung", slug="verwaltung")
    questionnaire = make_questionnaire(region)
    published = make_round(
        region,
        questionnaire=questionnaire,
        towns=[town],
        fields=[field],
        group_sizes=[1],
        slug="runde",
        published=True,
    )
    make_round(region, towns=[town], fields=[field], group_sizes=[1], slug="entwurf")
    make_response(
        published, town, scores(questionnaire, field, wachstum=3, personal=4), status="submitted"
    )
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    token, _ = Token.objects.get_or_create(user=users["coordinator"])
    known = {"/api/v1/assessment/rounds/{round}/results/": {"round": "runde"}}
    return schema.include(path_regex="^/api/v1/assessment/rounds/"), token.key, known


def test_round_operations_anonymously_and_as_coordinator(round_schema):
    schema, token, known = round_schema
    assert len(list(schema.get_all_operations())) == 2
    failures = run_all_operations(schema, known_ids=known)
    failures += run_all_operations(schema, {"Authorization": f"Token {token}"}, known)
    assert not failures, "\n\n".join(failures)
