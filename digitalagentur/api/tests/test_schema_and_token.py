"""OpenAPI schema, self-hosted docs and the create_api_token command."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from digitalagentur.core import testing as t

pytestmark = pytest.mark.django_db


def test_schema_generates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    assert "openapi: 3" in text
    for path in [
        "/api/v1/strategy/:",
        "/api/v1/fields/:",
        "/api/v1/projects/{id}/:",
        "/api/v1/municipalities/:",
        "/api/v1/strategy/versions/{id}/diff/{other_id}/:",
    ]:
        assert path in text


def test_schema_endpoint(api, region):
    response = api.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/projects/" in schema["paths"]


def test_docs_are_self_hosted(client, region):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    for cdn in ("cdn.jsdelivr", "unpkg.com", "cdnjs", "googleapis"):
        assert cdn not in page


def test_token_command_creates_once_and_prints_the_key(region):
    user = t.make_user("koordination")
    out = io.StringIO()
    call_command("create_api_token", "koordination", stdout=out)
    key = out.getvalue().strip()
    assert key == Token.objects.get(user=user).key
    again = io.StringIO()
    call_command("create_api_token", "koordination", stdout=again)
    assert again.getvalue().strip() == key
    assert Token.objects.filter(user=user).count() == 1
    reset = io.StringIO()
    call_command("create_api_token", "koordination", "--reset", stdout=reset)
    assert reset.getvalue().strip() != key


def test_token_command_rejects_unknown_users(db):
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("create_api_token", "niemand")


def test_printed_token_authenticates_writes(region, users, town):
    out = io.StringIO()
    call_command("create_api_token", users["coordinator"].username, stdout=out)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    response = client.post(reverse("api-project-list"), {"title": "Per Skript"}, format="json")
    assert response.status_code == 201


def test_api_root_lists_the_endpoints(api, region):
    data = api.get("/api/v1/").json()
    assert {"fields", "municipalities", "projects"} <= set(data)


def test_an_empty_query_parameter_is_treated_as_not_given(settings, region, projects, client_for):
    """The schema marks the query parameters of reads `allowEmptyValue`; each list answers
    `?name=` exactly as without the parameter (as a form with an empty choice sends it)."""
    settings.DEFAULT_REGION_SLUG = region.slug
    coordinator = client_for("coordinator")
    schema = coordinator.get(
        reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
    ).json()
    checked = 0
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get is None or "{" in path:
            continue
        plain = coordinator.get(path)
        assert plain.status_code == 200, path
        for parameter in get.get("parameters", []):
            if parameter["in"] != "query":
                continue
            assert parameter.get("allowEmptyValue") is True, (path, parameter["name"])
            empty = coordinator.get(path, {parameter["name"]: ""})
            assert (empty.status_code, empty.json()) == (200, plain.json()), parameter["name"]
            checked += 1
    assert checked >= 15  # the project list alone has twelve
