"""The OpenAPI schema and the API's behaviour agree (schemathesis, bounded and deterministic).

Every operation of /api/schema/ is exercised in-process (WSGI, no network) with valid and
invalid data, anonymously and as the region's coordinator (token). The checks fail on any
server error, undocumented status code or content type, response that contradicts its schema,
invalid request that is accepted and valid request that is refused.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from digitalagentur.core import testing as t

# A schema-valid request may still be refused for reasons only the data knows: a slug or code
# that does not exist (or already does) in the region, an end before the start, a page past
# the last. Such a 400 must name only these fields; any other 400 for valid data is a bug.
DATA_DEPENDENT = {
    "code",
    "end_date",
    "field",
    "municipality",
    "municipalities",
    "name",
    "page",
    "non_field_errors",
}


@schemathesis.check
def valid_data_refused_only_for_data(ctx, response, case):
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    if response.status_code != 400:
        return None
    named = set(response.json()) - {"detail"}
    unexpected = named - DATA_DEPENDENT
    assert named and not unexpected, f"Valid data refused for {sorted(unexpected) or 'nothing'}"
    return None


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    valid_data_refused_only_for_data,
]
EXAMPLES = 20


@pytest.fixture
def api_data(settings, region, users, projects):
    """A small region (served as the default region) with data; the coordinator's token."""
    settings.DEFAULT_REGION_SLUG = region.slug
    strategy = projects["p1"].field.strategy
    t.make_goal(projects["p1"].field, "Ziel 1")
    from digitalagentur.strategy.versions import freeze_version

    freeze_version(strategy, "Fassung 1", user=users["coordinator"])
    freeze_version(strategy, "Fassung 2", user=users["coordinator"])
    token, _ = Token.objects.get_or_create(user=users["coordinator"])
    return {"token": token.key}


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler that, like the test client, keeps the test's database connection
    (and its transaction) open between requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(api_data, wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)


HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def run_all_operations(schema, headers=None) -> list[str]:
    """Run every operation in both generation modes; return the failures found."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @HYPOTHESIS
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                case.call_and_validate(checks=CHECKS, headers=headers)

            try:
                run()
            except Unsatisfiable:
                pass  # nothing to make invalid (e.g. no parameters): no negative cases
            except (Exception, BaseExceptionGroup) as exc:  # collected and reported below
                text = "\n".join(str(exc).splitlines()[:40])
                failures.append(f"{operation.label} ({mode.value}): {text}")
    return failures


def test_api_anonymously(api_schema):
    failures = run_all_operations(api_schema)
    assert not failures, "\n\n".join(failures)


def test_api_as_coordinator(api_schema, api_data):
    headers = {"Authorization": f"Token {api_data['token']}"}
    failures = run_all_operations(api_schema, headers)
    assert not failures, "\n\n".join(failures)
