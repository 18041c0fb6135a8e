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
from hypothesis import strategies as st
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
from digitalagentur.funding.models import CallDeadline
from digitalagentur.testing.communication import make_news_post, png
from digitalagentur.testing.indicators import make_indicator
from digitalagentur.testing.radar import make_entry, make_radar

from .test_funding_api import SUBPROJECTS, make_application, make_call, make_programme

# A schema-valid request may still be refused for reasons only the data knows: a slug or code
# that does not exist (or already does) in the region, an end before the start, a page past
# the last, the id of a goal or project not in the region. Such a 400 must name only these
# fields; any other 400 for valid data is a bug.
DATA_DEPENDENT = {
    "call",
    "code",
    # The what-if consolidation (issue 9): unique criterion keys, known keys in the scores,
    # one response per town and field, sizes adding up to the number of fields, t1 >= t2 and
    # exactly one of sizes or thresholds depend on the data sent together.
    "criteria",
    "grouping",
    "responses",
    "decided_on",
    "end_date",
    "field",
    "fields",
    "funder",
    "goals",
    "municipality",
    "municipalities",
    "name",
    "page",
    "programme",
    "project",
    "projects",
    "slug",
    "subproject",
    "non_field_errors",
    # Landräume (issue 11): which space or contingent exists, whether a time is free, open and
    # in the future, whether a booking may still change, which of the two search times is missing.
    "space",
    "start",
    "end",
    "attendees",
    "purpose",
    "contingent",
    "status",
    # Newsletter (issue 13): which segments of the region exist and may be chosen.
    "segments",
    "reason",
    "free_from",
    "free_until",
    # Participation (issue 12): a title already taken in the region (case and spacing aside)
    # and a title or text of nothing but spaces are refused by the services.
    "title",
    "text",
    # Technology radar (issue 14): an import's rows are refused for rings, quadrants and names
    # only the radar knows (the report lists them under "rejected", with its counts).
    "rejected",
    "new",
    "changed",
    "unchanged",
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
    indicator = make_indicator(
        region,
        "Online-Dienste",
        targets={"2030-12-31": 80},
        values={"2022-12-31": "20.5", "2024-12-31": 40},
        town_values={projects["p1"].participations.first().municipality: {"2024-12-31": 3}},
        links={"fields": [projects["p1"].field_id]},
    )
    value, target = indicator.values.first(), indicator.targets.first()
    programme = make_programme(region, internal_notes="intern")
    call = make_call(programme)
    CallDeadline.objects.create(region=region, call=call, title="Rat", due=call.deadline)
    application = make_application(
        programme,
        "Raum für Zukunft",
        call=call,
        subprojects=SUBPROJECTS,
        towns=[projects["p1"].participations.first().municipality],
        projects=[projects["p1"], projects["draft"]],
    )
    post = make_news_post(
        region,
        "Neue Radwege",
        body="**Fett** und [ein Link](https://example.org)",
        fields=[projects["p1"].field],
        towns=[projects["p1"].participations.first().municipality],
        image=png(),
    )
    radar = make_radar(region, "Verwaltungsradar")
    entry = make_entry(radar, "LoRaWAN", projects=[projects["p1"]])
    token, _ = Token.objects.get_or_create(user=users["coordinator"])
    below = {"indicator_id": indicator.pk}
    known_ids = {
        "/api/v1/indicators/{id}/": {"id": indicator.pk},
        "/api/v1/indicators/{indicator_id}/values/": below,
        "/api/v1/indicators/{indicator_id}/values/{id}/": {**below, "id": value.pk},
        "/api/v1/indicators/{indicator_id}/targets/": below,
        "/api/v1/indicators/{indicator_id}/targets/{id}/": {**below, "id": target.pk},
        "/api/v1/funding/programmes/{slug}/": {"slug": programme.slug},
        "/api/v1/funding/applications/{slug}/": {"slug": application.slug},
        "/api/v1/news/{id}/": {"id": post.pk},
        "/api/v1/radars/{id}/": {"id": radar.pk},
        "/api/v1/radars/{id}/export/": {"id": radar.pk},
        "/api/v1/radars/{id}/import/": {"id": radar.pk},
        "/api/v1/radars/{radar_id}/entries/": {"radar_id": radar.pk},
        "/api/v1/radars/{radar_id}/entries/{id}/": {"radar_id": radar.pk, "id": entry.pk},
    }
    return {"token": token.key, "known_ids": known_ids}


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


def with_known_ids(strategy, ids: dict):
    """Half of the cases address objects that exist (random ids hardly ever do)."""

    def fill(case):
        case.path_parameters = {**(case.path_parameters or {}), **ids}
        return case

    return st.one_of(strategy, strategy.map(fill)) if ids else strategy


def run_all_operations(schema, headers=None, known_ids=None) -> list[str]:
    """Run every operation in both generation modes; return the failures found. Positive
    cases of the paths in `known_ids` also use the ids of existing objects given there."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)
            if mode == GenerationMode.POSITIVE:
                strategy = with_known_ids(strategy, (known_ids or {}).get(operation.path, {}))

            @HYPOTHESIS
            @given(case=strategy)
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


def test_api_anonymously(api_schema, api_data):
    failures = run_all_operations(api_schema, known_ids=api_data["known_ids"])
    assert not failures, "\n\n".join(failures)


def test_api_as_coordinator(api_schema, api_data):
    headers = {"Authorization": f"Token {api_data['token']}"}
    failures = run_all_operations(api_schema, headers, api_data["known_ids"])
    assert not failures, "\n\n".join(failures)
