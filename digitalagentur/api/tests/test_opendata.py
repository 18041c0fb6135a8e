"""Open data through the API: the list of datasets and each dataset as a streamed file, the
same as the open data page's downloads; documented in the OpenAPI schema."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from digitalagentur.public.tests.conftest import build_public_site
from digitalagentur.public.tests.test_opendata import HIDDEN, add_open_data

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db

LIST = "/api/v1/opendata/"
LICENCE = {
    "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "url": "https://www.govdata.de/dl-de/by-2-0",
}


@pytest.fixture
def data(region, strategy, town, other_town, other_region):
    site = build_public_site(region, strategy, town, other_town)
    return add_open_data(site)


def streamed(response) -> bytes:
    return b"".join(response.streaming_content)


def test_list_names_every_dataset_with_licence_and_downloads(api, data):
    response = api.get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["license"] == LICENCE
    datasets = {d["key"]: d for d in body["datasets"]}
    assert list(datasets) == ["projects", "fields", "funding", "events"]
    assert datasets["projects"]["rows"] == 4
    assert datasets["funding"]["rows"] == 1
    assert datasets["events"]["rows"] == 4
    assert datasets["projects"]["downloads"]["csv"] == "http://testserver" + reverse(
        "public:opendata_download", args=["projekte", "csv"]
    )
    assert (
        datasets["events"]["api"]["json"] == "http://testserver/api/v1/opendata/events/?format=json"
    )
    assert {c["key"] for c in datasets["projects"]["columns"]} >= {"id", "title", "status"}


def test_list_of_another_region(api, data):
    body = api.get(LIST, HTTP_HOST=OTHER_HOST).json()
    rows = {d["key"]: d["rows"] for d in body["datasets"]}
    assert rows == {"projects": 0, "fields": 0, "funding": 0, "events": 0}


def test_dataset_as_json_is_streamed_and_equals_the_download(api, client, data):
    response = api.get(f"{LIST}projects/")
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Link"] == f'<{LICENCE["url"]}>; rel="license"'
    document = json.loads(streamed(response))
    assert document["license"] == LICENCE
    download = json.loads(
        streamed(client.get(reverse("public:opendata_download", args=["projekte", "json"])))
    )
    assert document["items"] == download["items"]
    text = json.dumps(document, ensure_ascii=False)
    for hidden in HIDDEN:
        assert hidden not in text


def test_dataset_as_csv_and_xlsx(api, data):
    response = api.get(f"{LIST}funding/", {"format": "csv"})
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    table = list(csv.reader(io.StringIO(streamed(response).decode("utf-8"))))
    assert table[0][:3] == ["id", "slug", "title"]
    assert [row[2] for row in table[1:]] == ["Raum für Zukunft"]

    response = api.get(f"{LIST}events/", {"format": "xlsx"})
    assert isinstance(response, FileResponse)
    sheet = load_workbook(io.BytesIO(streamed(response))).worksheets[0]
    titles = [row[7] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Sitzung des Ausschusses" in titles and "Workshop Verwaltung" in titles


def test_empty_format_is_json_and_bad_format_is_400(api, data):
    assert api.get(f"{LIST}fields/", {"format": ""})["Content-Type"].startswith("application/json")
    response = api.get(f"{LIST}fields/", {"format": "pdf"})
    assert response.status_code == 400
    assert "format" in response.json()


def test_unknown_dataset_is_404(api, data):
    response = api.get(f"{LIST}geheim/", {"format": "csv"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_schema_documents_the_open_data_paths(api, region):
    schema = yaml.safe_load(api.get("/api/schema/").content)
    listing = schema["paths"]["/api/v1/opendata/"]["get"]
    assert (
        "license"
        in listing["responses"]["200"]["content"]["application/json"]["schema"]["properties"]
    )
    dataset = schema["paths"]["/api/v1/opendata/{dataset}/"]["get"]
    assert set(dataset["responses"]["200"]["content"]) == {
        "application/json",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    params = {p["name"]: p for p in dataset["parameters"]}
    assert set(params["dataset"]["schema"]["enum"]) == {"projects", "fields", "funding", "events"}
    assert set(params["format"]["schema"]["enum"]) == {"csv", "xlsx", "json"}
