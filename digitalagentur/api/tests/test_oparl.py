"""The OParl 1.1 read API: the whole API walked from /oparl/v1/system, every object validated
against the OParl schemas (copied into digitalagentur/api/oparl/schema), and what is public."""

import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from digitalagentur.api.oparl import views
from digitalagentur.core import testing as t
from digitalagentur.directory.choices import BodyKind, MembershipRole
from digitalagentur.directory.models import Body, Membership, Person
from digitalagentur.reports.models import LegislativeTerm, Meeting, StatusReport

SCHEMA_DIR = Path(views.__file__).parent / "schema"
SCHEMA_BASE = "https://schema.test/oparl/1.1/"
BASE = "http://testserver/oparl/v1/"
FAKE_PDF = b"%PDF-1.7\n% fake for the tests\n"


# --- schemas -------------------------------------------------------------------------------


def _with_refs(node):
    """The schemas embed objects by their own keyword `"schema": "File.json"`: make it a $ref."""
    if isinstance(node, dict):
        result = {key: _with_refs(value) for key, value in node.items()}
        target = node.get("schema")
        if isinstance(target, str) and target.endswith(".json"):
            result["$ref"] = target
        return result
    if isinstance(node, list):
        return [_with_refs(item) for item in node]
    return node


def _load_schemas() -> dict[str, dict]:
    schemas = {}
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        schema = _with_refs(json.loads(path.read_text(encoding="utf-8")))
        schema["$id"] = SCHEMA_BASE + path.name
        schemas[path.stem] = schema
    return schemas


SCHEMAS = _load_schemas()
REGISTRY = Registry().with_resources(
    (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012))
    for schema in SCHEMAS.values()
)
FORMATS = FormatChecker(formats=())


@FORMATS.checks("url")
def _is_url(value) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    return "T" in value and datetime.fromisoformat(value).tzinfo is not None


@FORMATS.checks("date", raises=ValueError)
def _is_date(value) -> bool:
    return date.fromisoformat(value).isoformat() == value


def validate(obj: dict) -> None:
    kind = obj["type"].rsplit("/", 1)[-1]
    validator = Draft202012Validator(SCHEMAS[kind], registry=REGISTRY, format_checker=FORMATS)
    errors = sorted(validator.iter_errors(obj), key=lambda e: list(e.path))
    assert not errors, f"{obj['id']}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_schema_copy_is_complete_and_licensed():
    assert set(SCHEMAS) == {
        "AgendaItem", "Body", "Consultation", "File", "LegislativeTerm", "Location",
        "Meeting", "Membership", "Organization", "Paper", "Person", "System",
    }  # fmt: skip
    assert "Attribution-ShareAlike 4.0" in (SCHEMA_DIR / "LICENSE").read_text()
    # The $ref made from the schemas' own keyword really checks embedded objects.
    broken = {"id": BASE + "paper/1", "type": "https://schema.oparl.org/1.1/Paper"}
    broken["mainFile"] = {"id": BASE + "file/1", "type": "https://schema.oparl.org/1.1/File"}
    with pytest.raises(AssertionError, match="accessUrl"):
        validate(broken)
    with pytest.raises(AssertionError, match="url"):
        validate({"id": "keine-url", "type": "https://schema.oparl.org/1.1/Paper"})


# --- data ----------------------------------------------------------------------------------


def _at(day: date, hour: int = 17) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def make_meeting(region, body, day: date, **kwargs) -> Meeting:
    return Meeting.objects.create(
        region=region, body=body, start=_at(day), end=_at(day, 19), **kwargs
    )


def make_report(region, body, meeting, reference: str, status: str, **kwargs) -> StatusReport:
    day = meeting.start.date() - timedelta(days=20) if meeting else date(2023, 1, 1)
    kwargs.setdefault("title", f"Sachstandsbericht {reference or 'ohne Nummer'}")
    return StatusReport.objects.create(
        region=region,
        body=body,
        meeting=meeting,
        reference=reference,
        date=day,
        period_start=day - timedelta(days=180),
        period_end=day,
        status=status,
        **kwargs,
    )


def make_person(region, name: str, *, public: bool) -> Person:
    return Person.objects.create(
        region=region,
        name=name,
        office="Digitalisierungsbeauftragte",
        public_consent=public,
        consent_date=date(2022, 1, 1) if public else None,
    )


@pytest.fixture
def council(region):
    """A committee with three meetings, a council, an agency body; reports (noted, final,
    drafts), a legislative term, a public person, a person without consent and an N. N."""
    committee = Body.objects.create(
        region=region,
        slug="ausschuss",
        name="Ausschuss für Finanzen und Digitalisierung",
        kind=BodyKind.COMMITTEE,
        constituted_on=date(2020, 11, 5),
    )
    kreistag = Body.objects.create(region=region, slug="kt", name="Kreistag", kind=BodyKind.COUNCIL)
    steering = Body.objects.create(
        region=region,
        slug="lenkung",
        name="Lenkungskreis",
        kind=BodyKind.STEERING,
        is_agency_body=True,
    )
    term = LegislativeTerm.objects.create(
        region=region, name="Kreistag 2020–2025", start_date=date(2020, 11, 1)
    )
    first_meeting = make_meeting(region, committee, date(2022, 9, 13), name="Sitzung AFWD")
    second_meeting = make_meeting(region, committee, date(2023, 9, 14))
    draft_meeting = make_meeting(region, committee, date(2024, 3, 1), name="Geheime Planung")
    noted = make_report(region, committee, first_meeting, "SV-10-0671", "noted")
    final = make_report(region, committee, second_meeting, "SV-10-0968", "final", previous=noted)
    draft = make_report(
        region, committee, draft_meeting, "SV-10-1111", "draft", title="Geheimer Entwurf"
    )
    draft_beside = make_report(
        region, committee, second_meeting, "", "draft", title="Entwurf in Sitzung", previous=final
    )
    public = make_person(region, "Erika Muster", public=True)
    hidden = make_person(region, "Heimlich Verborgen", public=False)
    placeholder = make_person(region, "N. N.", public=True)
    for someone, body in ((public, committee), (hidden, committee), (placeholder, steering)):
        Membership.objects.create(
            body=body, person=someone, role=MembershipRole.MEMBER, start_date=date(2020, 11, 5)
        )
    return {
        "committee": committee,
        "kreistag": kreistag,
        "steering": steering,
        "term": term,
        "meetings": [first_meeting, second_meeting],
        "draft_meeting": draft_meeting,
        "noted": noted,
        "final": final,
        "drafts": [draft, draft_beside],
        "public": public,
        "hidden": hidden,
        "placeholder": placeholder,
    }


@pytest.fixture
def elsewhere(other_region):
    """Another region with its own committee, meeting and report."""
    committee = Body.objects.create(
        region=other_region, slug="ausschuss", name="Ausschuss B", kind=BodyKind.COMMITTEE
    )
    meeting = make_meeting(other_region, committee, date(2023, 5, 5))
    return {
        "region": other_region,
        "report": make_report(other_region, committee, meeting, "B-1", "final"),
    }


@pytest.fixture
def fake_pdf(monkeypatch):
    rendered = []

    def render(report):
        rendered.append(report.pk)
        return FAKE_PDF

    monkeypatch.setattr(views, "render_pdf", render)
    return rendered


# --- the walk ------------------------------------------------------------------------------


def _urls_in(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _urls_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from _urls_in(item)
    elif isinstance(node, str) and node.startswith(BASE):
        yield node


def _objects_in(node):
    """Every OParl object in an answer, embedded ones too."""
    if isinstance(node, dict):
        if str(node.get("type", "")).startswith("https://schema.oparl.org/1.1/"):
            yield node
        for value in node.values():
            yield from _objects_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from _objects_in(item)


def walk(client) -> dict[str, dict]:
    """Fetches /oparl/v1/system and every URL into /oparl/v1/ found on the way; validates every
    object met (embedded ones too). Returns the JSON answers by URL."""
    seen, todo, answers = set(), [BASE + "system"], {}
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        if url.endswith(("/access", "/download")):
            assert response["Content-Type"] == "application/pdf"
            assert response.content == FAKE_PDF
            continue
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response["Access-Control-Allow-Origin"] == "*"
        data = response.json()
        answers[url] = data
        if "data" in data:  # a list page
            assert set(data) == {"data", "pagination", "links"}, url
            assert data["links"]["self"] == url
        else:
            assert data["id"] == url, "an object's id is the URL it is fetched from"
        for obj in _objects_in(data):
            validate(obj)
        todo.extend(u for u in _urls_in(data) if u not in seen)
    return answers


def _ids(answers, kind: str) -> set[str]:
    return {
        obj["id"]
        for data in answers.values()
        for obj in _objects_in(data)
        if obj["type"].endswith("/" + kind)
    }


def test_walk_the_whole_api(client, region, council, elsewhere, fake_pdf):
    answers = walk(client)
    system = answers[BASE + "system"]
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    bodies = answers[system["body"]]["data"]
    assert [b["name"] for b in bodies] == ["Kreis A", "Kreis B"]

    c = council
    assert _ids(answers, "Paper") == {
        f"{BASE}paper/{c['noted'].pk}",
        f"{BASE}paper/{c['final'].pk}",
        f"{BASE}paper/{elsewhere['report'].pk}",
    }
    assert _ids(answers, "Meeting") == {f"{BASE}meeting/{m.pk}" for m in c["meetings"]} | {
        f"{BASE}meeting/{elsewhere['report'].meeting_id}"
    }
    assert _ids(answers, "Person") == {f"{BASE}person/{c['public'].pk}"}
    assert _ids(answers, "Organization") == {
        f"{BASE}organization/{b.pk}"
        for b in (c["committee"], c["kreistag"], c["steering"], elsewhere["report"].body)
    }
    assert _ids(answers, "LegislativeTerm") == {f"{BASE}legislativeterm/{c['term'].pk}"}
    assert _ids(answers, "Membership") == {
        f"{BASE}membership/{m.pk}" for m in c["public"].memberships.all()
    }
    assert sorted(fake_pdf) == sorted([c["noted"].pk, c["final"].pk, elsewhere["report"].pk] * 2)

    text = json.dumps(answers, ensure_ascii=False)
    for secret in ("Geheimer Entwurf", "Entwurf in Sitzung", "SV-10-1111", "Geheime Planung"):
        assert secret not in text
    for person in ("Heimlich Verborgen", "N. N."):
        assert person not in text

    paper = answers[f"{BASE}paper/{c['final'].pk}"]
    assert paper["reference"] == "SV-10-0968"
    assert paper["paperType"] == "Sitzungsvorlage"
    assert paper["date"] == c["final"].date.isoformat()
    assert paper["relatedPaper"] == [f"{BASE}paper/{c['noted'].pk}"]  # not the draft after it
    assert paper["mainFile"]["downloadUrl"] == f"{BASE}file/{c['final'].pk}/download"
    [consultation] = paper["consultation"]
    assert consultation["meeting"] == f"{BASE}meeting/{c['meetings'][1].pk}"
    assert consultation["organization"] == [f"{BASE}organization/{c['committee'].pk}"]

    meeting = answers[f"{BASE}meeting/{c['meetings'][1].pk}"]
    assert [item["name"] for item in meeting["agendaItem"]] == [c["final"].title]
    assert meeting["organization"] == [f"{BASE}organization/{c['committee'].pk}"]
    item = answers[f"{BASE}agendaitem/{c['final'].pk}"]
    assert item["meeting"] == meeting["id"] and item["order"] == 0

    body_a = answers[f"{BASE}body/{region.pk}"]
    assert [term["name"] for term in body_a["legislativeTerm"]] == ["Kreistag 2020–2025"]
    region_a_papers = answers[body_a["paper"]]["data"]
    assert [p["reference"] for p in region_a_papers] == ["SV-10-0671", "SV-10-0968"]
    organization = answers[f"{BASE}organization/{c['committee'].pk}"]
    assert organization["classification"] == "Ausschuss"
    assert organization["membership"] == [
        f"{BASE}membership/{m.pk}" for m in c["public"].memberships.all()
    ]


@pytest.mark.parametrize("which", ["draft", "draft_beside"])
def test_drafts_are_not_found(client, council, fake_pdf, which):
    draft = council["drafts"][0 if which == "draft" else 1]
    for path in ("paper", "file", "consultation", "agendaitem", "file/{}/download"):
        url = f"{BASE}{path}/{draft.pk}" if "{}" not in path else BASE + path.format(draft.pk)
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["type"] == "https://schema.oparl.org/1.1/Error"
    assert fake_pdf == []
    # The meeting known only from a draft is internal too.
    assert client.get(f"{BASE}meeting/{council['draft_meeting'].pk}").status_code == 404


def test_persons_without_consent_and_placeholders_are_not_found(client, council):
    assert client.get(f"{BASE}person/{council['public'].pk}").status_code == 200
    for key in ("hidden", "placeholder"):
        someone = council[key]
        assert client.get(f"{BASE}person/{someone.pk}").status_code == 404
        membership = someone.memberships.get()
        assert client.get(f"{BASE}membership/{membership.pk}").status_code == 404


def test_errors_are_json_with_cors(client, region):
    for url in (
        f"{BASE}paper/999999",
        f"{BASE}body/999999",
        f"{BASE}body/999999/paper",
        f"{BASE}meeting/99999999999999999999999",
        f"{BASE}gibt-es-nicht",
        f"{BASE}body/{region.pk}/paper?page=2",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response.json()["type"] == "https://schema.oparl.org/1.1/Error"
        assert response.json()["message"]
    bad = client.get(f"{BASE}body/{region.pk}/paper?page=zwei")
    assert bad.status_code == 400
    for impossible in ("gestern", "2022-13-01T00:00:00", "2022-01-01T25:00", "0001-01-01T00:00"):
        response = client.get(f"{BASE}body/{region.pk}/paper", {"created_since": impossible})
        assert response.status_code == 400, impossible
        assert response.json()["type"] == "https://schema.oparl.org/1.1/Error"
    post = client.post(f"{BASE}system")
    assert post.status_code == 405 and post["Allow"] == "GET, HEAD"


def test_file_access_inline_and_download_as_attachment(client, council, fake_pdf):
    report = council["final"]
    shown = client.get(f"{BASE}file/{report.pk}/access")
    saved = client.get(f"{BASE}file/{report.pk}/download")
    assert shown.content == saved.content == FAKE_PDF
    assert shown["Content-Disposition"] == 'inline; filename="SV-10-0968.pdf"'
    assert saved["Content-Disposition"] == 'attachment; filename="SV-10-0968.pdf"'
    assert fake_pdf == [report.pk, report.pk]


def test_pagination_links_keep_filters(client, region, council):
    committee = council["committee"]
    for n in range(45):
        meeting = make_meeting(region, committee, date(2019, 1, 1) + timedelta(days=n))
        make_report(region, committee, meeting, f"SV-P-{n}", "noted")
    make_meeting(region, committee, date(2018, 1, 1))  # no public report: internal
    total = 45 + 2  # and the two public meetings, not the draft's
    url = f"{BASE}body/{region.pk}/meeting"
    first = client.get(url, {"omit_internal": "true"}).json()
    assert first["pagination"] == {
        "totalElements": total,
        "elementsPerPage": 20,
        "currentPage": 1,
        "totalPages": 3,
    }
    assert first["links"]["self"] == first["links"]["first"] == f"{url}?omit_internal=true"
    assert first["links"]["next"] == f"{url}?omit_internal=true&page=2"
    assert first["links"]["last"] == f"{url}?omit_internal=true&page=3"
    assert "prev" not in first["links"]
    assert all("agendaItem" not in meeting for meeting in first["data"])

    seen, page = [], first
    while True:
        seen += [meeting["id"] for meeting in page["data"]]
        if "next" not in page["links"]:
            break
        page = client.get(page["links"]["next"]).json()
    assert page["pagination"]["currentPage"] == 3
    assert page["links"]["prev"] == f"{url}?omit_internal=true&page=2"
    assert len(seen) == len(set(seen)) == total

    since = council["meetings"][0].created - timedelta(seconds=1)
    filtered = client.get(url, {"created_since": since.isoformat(), "limit": "1"}).json()
    assert filtered["pagination"]["elementsPerPage"] == 1
    assert filtered["pagination"]["totalElements"] == total
    assert "created_since=" in filtered["links"]["next"] and "limit=1" in filtered["links"]["next"]
    later = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert client.get(url, {"created_since": later}).json()["data"] == []


def _queries(client, url) -> int:
    """The queries of a request, after one that filled the region's caches of this content
    state (e.g. its scheduled publication times, tenancy/pagecache.py): those are filled once
    per state and process, whatever the data."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_queries_do_not_grow(client, region, council):
    """2 or 10 meetings (each with a paper, a person with a membership): the same queries."""
    committee = council["committee"]
    lists = ["meeting", "paper", "person", "organization", "legislativeterm"]
    urls = [f"{BASE}body/{region.pk}/{name}" for name in lists]
    urls += [f"{BASE}bodies", f"{BASE}organization/{committee.pk}/meeting"]
    before = [_queries(client, url) for url in urls]
    for n in range(8):
        meeting = make_meeting(region, committee, date(2021, 1, 1) + timedelta(days=n))
        make_report(region, committee, meeting, f"SV-X-{n}", "final")
        someone = make_person(region, f"Person {n}", public=True)
        Membership.objects.create(body=committee, person=someone)
        LegislativeTerm.objects.create(region=region, name=f"T{n}", start_date=date(2000 + n, 1, 1))
        Body.objects.create(region=region, slug=f"b{n}", name=f"B{n}", kind=BodyKind.COMMITTEE)
    t.make_region(f"kreis-extra-{region.pk}")
    body = Client().get(f"{BASE}body/{region.pk}/meeting").json()
    assert body["pagination"]["totalElements"] == 10
    assert [_queries(client, url) for url in urls] == before


def test_answers_are_german_whatever_the_visitor_reads(client, council):
    url = f"{BASE}organization/{council['committee'].pk}"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["classification"] == "Ausschuss"


def test_walk_the_demo(db, client, fake_pdf):
    """The demo's three status reports of the seeds are papers of the finance committee."""
    call_command("load_demo", stdout=io.StringIO())
    answers = walk(client)
    papers = {
        obj["reference"]: obj
        for data in answers.values()
        for obj in _objects_in(data)
        if obj["type"].endswith("/Paper")
    }
    assert {"SV-10-0502", "SV-10-0671", "SV-10-0968"} <= set(papers)
    committee = Body.objects.get(slug="ausschuss-finanzen-wirtschaft-digitalisierung")
    for reference in ("SV-10-0502", "SV-10-0671", "SV-10-0968"):
        [consultation] = papers[reference]["consultation"]
        assert consultation["organization"] == [f"{BASE}organization/{committee.pk}"]
        assert answers[consultation["meeting"]]["agendaItem"]
    assert papers["SV-10-0671"]["date"] == "2022-08-18"


def test_a_meeting_stays_internal_after_its_only_draft_is_deleted(client, council):
    meeting = council["draft_meeting"]
    council["drafts"][0].delete()
    assert client.get(f"{BASE}meeting/{meeting.pk}").status_code == 404
    listed = client.get(f"{BASE}body/{meeting.region_id}/meeting").json()["data"]
    assert all(not m["id"].endswith(f"/meeting/{meeting.pk}") for m in listed)
