"""Hardening of the API (issue 5, section 5): DELETE needs the version, project codes are one
case-blind rule enforced by the database, deep JSON is a 400, unexpected failures answer JSON
and storage failures 503 (API) or a German 503 page (staff), with nothing half saved; and the
regressions schemathesis found in the OpenAPI schema."""

import re
from unittest import mock

import pytest
from django.db import DataError, IntegrityError, InternalError, OperationalError
from django.test import Client
from django.urls import reverse

from digitalagentur.api.parsers import MAX_DEPTH, nesting_depth
from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.portfolio.models import CODE_TAKEN_MESSAGE, Project
from digitalagentur.portfolio.services import code_taken
from digitalagentur.tenancy.permissions import get_access

LIST = "api-project-list"
READ_ONLY = "attempt to write a readonly database"


def detail(project) -> str:
    return reverse("api-project-detail", args=[project.pk])


@pytest.fixture
def own(region, town):
    return t.make_project(region, "Eigenes Projekt", code="P1", towns=[town], progress=10)


@pytest.fixture
def schema(api, region):
    return api.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


# --- DELETE needs the version -------------------------------------------------------------


def test_delete_without_version_is_400_and_deletes_nothing(client_for, own):
    for query in ("", "?version="):
        response = client_for("coordinator").delete(detail(own) + query)
        assert response.status_code == 400
        assert response.json()["version"] == [
            "Bitte die Version angeben, auf der das Löschen beruht."
        ]
        assert response.json()["detail"] == "Ungültige Angaben: version."
    assert Project.objects.filter(pk=own.pk).exists()


def test_delete_with_stale_version_is_409_with_the_current_version(client_for, own):
    response = client_for("coordinator").delete(detail(own) + "?version=7")
    assert response.status_code == 409
    assert response.json()["current_version"] == own.version
    assert Project.objects.filter(pk=own.pk).exists()
    assert (
        client_for("coordinator").delete(f"{detail(own)}?version={own.version}").status_code == 204
    )
    assert not Project.objects.filter(pk=own.pk).exists()


def test_schema_declares_the_delete_version_required(schema):
    parameters = schema["paths"]["/api/v1/projects/{id}/"]["delete"]["parameters"]
    version = next(p for p in parameters if p["name"] == "version")
    assert version["required"] is True
    assert version["in"] == "query"


# --- project codes: one case-blind rule ----------------------------------------------------


def test_api_refuses_a_code_that_differs_only_in_case(client_for, own, region):
    response = client_for("coordinator").post(reverse(LIST), {"title": "Neu", "code": "p1"})
    assert response.status_code == 400
    assert response.json()["code"] == [str(CODE_TAKEN_MESSAGE)]
    assert not Project.objects.filter(title="Neu").exists()
    other = t.make_project(region, "Anderes", code="P2")
    patch = client_for("coordinator").patch(detail(other), {"code": " P1 ", "version": 1})
    assert patch.status_code == 400
    assert patch.json()["code"] == [str(CODE_TAKEN_MESSAGE)]


def test_staff_form_and_api_share_the_rule_and_message(own, region, users):
    from digitalagentur.staff.forms import ProjectForm

    form = ProjectForm(
        data={"title": "Neu", "code": "p1", "status": "planned", "progress": 0},
        region=region,
        access=get_access(users["coordinator"], region),
    )
    assert not form.is_valid()
    assert form.errors["code"] == [str(CODE_TAKEN_MESSAGE)]
    assert code_taken(region.pk, "p1") and code_taken(region.pk, " P1 ")
    assert not code_taken(region.pk, "P1", exclude_pk=own.pk)
    assert not code_taken(region.pk, "")


def test_the_database_refuses_a_case_blind_duplicate(own, region, other_region):
    t.make_project(other_region, "Andere Region", code="p1")  # per region only
    t.make_project(region, "Ohne Kennung 1", code="")
    t.make_project(region, "Ohne Kennung 2", code="")  # empty codes never clash
    with pytest.raises(IntegrityError):
        Project.objects.create(region=region, title="Doppelt", slug="doppelt", code="p1")


def test_a_concurrent_create_that_loses_the_race_is_a_400(client_for, own):
    """Validation passed before the other transaction committed: the database decides."""
    changes = ObjectChange.objects.count()
    with (
        mock.patch("digitalagentur.api.serializers.code_taken", return_value=False),
        mock.patch.object(Project, "full_clean"),
    ):
        response = client_for("coordinator").post(reverse(LIST), {"title": "Neu", "code": "p1"})
    assert response.status_code == 400
    assert response.json()["code"] == [str(CODE_TAKEN_MESSAGE)]
    assert not Project.objects.filter(title="Neu").exists()
    assert ObjectChange.objects.count() == changes  # nothing half saved


def test_a_concurrent_update_that_loses_the_race_is_a_400(client_for, own, region):
    other = t.make_project(region, "Anderes", code="P2")
    with (
        mock.patch("digitalagentur.api.serializers.code_taken", return_value=False),
        mock.patch.object(Project, "full_clean"),
    ):
        response = client_for("coordinator").patch(detail(other), {"code": "p1", "version": 1})
    assert response.status_code == 400
    assert response.json()["code"] == [str(CODE_TAKEN_MESSAGE)]
    other.refresh_from_db()
    assert (other.code, other.version) == ("P2", 1)


# --- bodies: JSON only, never too deep ----------------------------------------------------


def test_deeply_nested_json_is_a_400_not_a_recursion_error(client_for, region):
    coordinator = client_for("coordinator")
    for body in ("[" * 100_000 + "]" * 100_000, '{"title": ' + "[" * 40 + "]" * 40 + "}"):
        response = coordinator.post(reverse(LIST), body, content_type="application/json")
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert "zu tief verschachtelt" in response.json()["detail"]
    assert not Project.objects.exists()


def test_nesting_depth():
    assert nesting_depth(1) == 0
    assert nesting_depth({"a": [1, {"b": []}]}) == 4
    deep = []
    for _ in range(MAX_DEPTH + 5):
        deep = [deep]
    assert nesting_depth(deep) > MAX_DEPTH


def test_malformed_json_has_a_german_message(client_for, region):
    response = client_for("coordinator").post(
        reverse(LIST), "{nope", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Der Inhalt ist kein gültiges JSON."


def test_form_bodies_are_415(client_for, region):
    response = client_for("coordinator").post(reverse(LIST), {"title": "X"}, format="multipart")
    assert response.status_code == 415
    assert response["Content-Type"] == "application/json"
    assert not Project.objects.exists()


def test_writes_to_unknown_api_paths_are_json_404_not_csrf_pages(region):
    client = Client(enforce_csrf_checks=True)
    response = client.put("/api/v1/projects/1.5/", "{}", content_type="application/json")
    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."}


# --- unexpected failures and storage failures -------------------------------------------------


@pytest.fixture
def quiet_client(client_for):
    """A token client that gets the server's error answer instead of the exception."""

    def make(role="coordinator"):
        client = client_for(role)
        client.raise_request_exception = False
        return client

    return make


def test_an_unexpected_api_error_is_a_json_500(quiet_client, strategy):
    with mock.patch("digitalagentur.api.views.strategy_counts", side_effect=RecursionError("deep")):
        response = quiet_client().get(reverse("api-strategy"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "Fehler aufgetreten" in response.json()["detail"]


@pytest.mark.parametrize(
    "error",
    [
        OperationalError(READ_ONLY),
        OperationalError("database or disk is full"),
        OperationalError("database is locked"),
        InternalError("cannot execute UPDATE in a read-only transaction"),
    ],
)
def test_storage_failure_on_a_write_is_503_and_saves_nothing(quiet_client, own, error):
    with mock.patch("digitalagentur.core.services.log_change", side_effect=error):
        response = quiet_client().patch(detail(own), {"progress": 50, "version": own.version})
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert "nicht gespeichert" in response.json()["detail"]
    own.refresh_from_db()
    assert (own.progress, own.version) == (10, 1)  # the transaction rolled back


def test_storage_failure_on_create_is_503_and_creates_nothing(quiet_client, region):
    with mock.patch.object(Project, "save", side_effect=OperationalError(READ_ONLY)):
        response = quiet_client().post(reverse(LIST), {"title": "Neu"})
    assert response.status_code == 503
    assert not Project.objects.exists()
    assert not ObjectChange.objects.exists()


def test_data_errors_stay_400(quiet_client, own):
    with mock.patch("digitalagentur.core.services.log_change", side_effect=DataError("too long")):
        response = quiet_client().patch(detail(own), {"progress": 50, "version": own.version})
    assert response.status_code == 400
    own.refresh_from_db()
    assert own.progress == 10


def test_storage_failure_on_a_staff_page_is_a_german_503_page(client, own, users):
    client.force_login(users["coordinator"])
    client.raise_request_exception = False
    url = reverse("staff:project_edit", args=[own.pk])
    with mock.patch(
        "digitalagentur.core.services.log_change", side_effect=OperationalError(READ_ONLY)
    ):
        response = client.post(
            url,
            {
                "title": "Geändert",
                "code": "P1",
                "status": "planned",
                "progress": 50,
                "version": own.version,
                "reason": "",
            },
        )
    assert response.status_code == 503, response.status_code
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert '<html lang="de">' in page
    assert "<h1>Speichern ist gerade nicht möglich</h1>" in page
    assert "style=" not in page and "<script" not in page
    own.refresh_from_db()
    assert (own.title, own.progress) == ("Eigenes Projekt", 10)


def test_other_page_errors_keep_the_german_500_page(client, region):
    client.raise_request_exception = False
    with mock.patch(
        "digitalagentur.tenancy.middleware.RegionMiddleware.__call__", side_effect=ValueError
    ):
        response = client.get("/")
    assert response.status_code == 500
    assert "Da ist etwas schiefgegangen" in response.content.decode()


# --- the schema says what the API does (found by schemathesis) -----------------------------


def test_schema_reads_need_no_credentials(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method == "get":
                assert {} in operation["security"], path


def test_schema_documents_errors(schema):
    paths = schema["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert "404" in operation["responses"], (method, path)
            if method in ("post", "put", "patch", "delete"):
                assert {"401", "403", "503"} <= set(operation["responses"]), (method, path)
    assert "400" in paths["/api/v1/projects/"]["get"]["responses"]
    assert "409" in paths["/api/v1/projects/{id}/"]["patch"]["responses"]


def test_schema_requires_the_version_in_put_and_patch(schema):
    operations = schema["paths"]["/api/v1/projects/{id}/"]
    components = schema["components"]["schemas"]
    for method in ("put", "patch"):
        body = operations[method]["requestBody"]
        assert body["required"] is True
        assert set(body["content"]) == {"application/json"}
        name = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        assert "version" in components[name]["required"]
    create = schema["paths"]["/api/v1/projects/"]["post"]["requestBody"]["content"]
    name = create["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert "version" not in components[name].get("required", [])


def test_schema_allows_empty_websites_and_hides_internal_notes(schema, api, region):
    t.make_municipality(region, "Ohne Website", slug="ohne", website="")
    assert api.get(reverse("api-municipality-list")).json()["results"][0]["website"] == ""
    components = schema["components"]["schemas"]
    website = components["Municipality"]["properties"]["website"]
    assert {"type": "string", "maxLength": 0} in website["oneOf"]
    assert "internal_notes" not in components["Field"]["required"]


def test_schema_declares_which_web_addresses_a_project_accepts(schema, client_for, own):
    """Found by schemathesis: "public:contact" is a URI but no web address (400 from the API)."""
    website = schema["components"]["schemas"]["ProjectRequest"]["properties"]["website"]
    (uri,) = [choice for choice in website["oneOf"] if choice.get("format") == "uri"]
    pattern = re.compile(uri["pattern"])
    api = client_for("coordinator")
    for value in ("public:contact", "mailto:a@example.org", "https://intranet"):
        assert not pattern.match(value)
        response = api.patch(detail(own), {"website": value, "version": own.version})
        assert response.status_code == 400, value
    assert pattern.match("https://www.kreis-coesfeld.de/digitales")
    assert pattern.match("http://localhost/")
    response = api.patch(
        detail(own), {"website": "https://www.kreis-coesfeld.de/digitales", "version": own.version}
    )
    assert response.status_code == 200
    # Answers are not narrowed: what is stored is shown as it is.
    answer = schema["components"]["schemas"]["Project"]["properties"]["website"]
    assert all("pattern" not in choice for choice in answer["oneOf"])


def test_schema_declares_the_bounds_of_query_parameters(schema, api, region):
    parameters = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/v1/projects/"]["get"]["parameters"]
    }
    assert parameters["priority_group"]["minimum"] == 1
    assert parameters["page_size"]["minimum"] == 1
    assert parameters["field"]["pattern"] == r"^[-a-zA-Z0-9_]+$"
    assert api.get(reverse(LIST), {"priority_group": 0}).status_code == 400


def test_nul_characters_are_declared_invalid_and_refused(schema, client_for, region):
    title = schema["components"]["schemas"]["ProjectRequest"]["properties"]["title"]
    assert title["pattern"] == "^[^\\x00]*$"
    response = client_for("coordinator").post(reverse(LIST), {"title": "a\x00b"})
    assert response.status_code == 400
