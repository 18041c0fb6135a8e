"""Writes of programmes, applications, sub-projects and budget lines through the API
(issue 8 §6–§8): who may write what, decimal strings only, German 400s naming the field,
409 on a stale version, nothing half saved, the change log."""

from decimal import Decimal

import pytest

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.funding import services
from digitalagentur.funding.models import Application, BudgetLine, Programme, SubProject

from .test_funding_api import APPLICATIONS, PROGRAMMES, make_application, make_call, make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(region):
    return make_programme(region)


def detail(base, key) -> str:
    return f"{base}{key}/"


# --- programmes -------------------------------------------------------------------------------


def test_the_coordination_creates_and_changes_a_programme(client_for, programme):
    client = client_for("coordinator")
    response = client.post(
        PROGRAMMES,
        {
            "name": "Heimat 2.0",
            "funder": "BMI",
            "funding_rate": "0.9",
            "max_grant": "250000.00",
            "max_months": 36,
            "applicant_types": ["town", "cooperation"],
            "phases": ["Konzept", "Umsetzung"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "heimat-20" and body["funder"] == "Bundesministerium des Innern"
    assert body["rules"]["funding_rate"] == "0.9000"
    assert body["rules"]["max_grant"] == "250000.00"
    assert body["rules"]["phases"] == ["Konzept", "Umsetzung"]
    assert response["Location"].endswith(detail(PROGRAMMES, "heimat-20"))
    saved = Programme.objects.get(slug="heimat-20")
    assert saved.funding_rate == Decimal("0.9") and saved.published is False
    changed = client.patch(
        detail(PROGRAMMES, "heimat-20"),
        {"funding_rate": "0.8", "version": saved.version},
        format="json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["rules"]["funding_rate"] == "0.8000"
    stale = client.patch(
        detail(PROGRAMMES, "heimat-20"), {"name": "Alt", "version": saved.version}, format="json"
    )
    assert stale.status_code == 409
    assert Programme.objects.get(pk=saved.pk).name == "Heimat 2.0"
    assert ObjectChange.objects.filter(object_id=saved.pk, action="update").exists()


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("funding_rate", "0,65", "Dezimalpunkt"),
        ("funding_rate", "1.5", "von 0 bis 1"),
        ("max_grant", "1.234,56", "Dezimalpunkt"),
        ("max_grant", "-5.00", "negativ"),
        ("max_grant", "1000000000000.00", "Billion"),
        ("max_grant", 1500, "Zeichenkette"),
        ("funder", "Unbekannt", "Unbekannter Fördergeber"),
        ("fields", ["gibt-es-nicht"], "Unbekannt in dieser Region"),
        ("applicant_types", ["king"], "gültige Option"),
    ],
)
def test_bad_programme_input_is_a_german_400_naming_the_field(
    client_for, programme, field, value, words
):
    payload = {"name": "Neu", "funder": "BMI", field: value}
    response = client_for("coordinator").post(PROGRAMMES, payload, format="json")
    assert response.status_code == 400, response.content
    assert words in str(response.json()[field])
    assert not Programme.objects.filter(name="Neu").exists()


@pytest.mark.parametrize("role", ["officer", "reader"])
def test_only_the_coordination_writes_programmes(client_for, programme, role):
    client = client_for(role)
    response = client.post(PROGRAMMES, {"name": "Neu", "funder": "BMI"}, format="json")
    assert response.status_code == 403
    assert "Koordination" in response.json()["detail"]
    url = detail(PROGRAMMES, programme.slug)
    assert client.patch(url, {"name": "X", "version": 1}, format="json").status_code == 403
    assert client.delete(f"{url}?version={programme.version}").status_code == 403
    assert Programme.objects.filter(pk=programme.pk, name=programme.name).exists()


def test_anonymous_writes_are_401(api, programme):
    assert api.post(PROGRAMMES, {}, format="json").status_code == 401
    assert api.post(APPLICATIONS, {}, format="json").status_code == 401


def test_a_programme_in_use_is_not_deleted(client_for, programme):
    make_call(programme)
    client = client_for("coordinator")
    response = client.delete(f"{detail(PROGRAMMES, programme.slug)}?version={programme.version}")
    assert response.status_code == 400
    assert "kann nicht gelöscht werden" in response.json()["detail"]
    assert Programme.objects.filter(pk=programme.pk).exists()
    assert not ObjectChange.objects.filter(object_id=programme.pk, action="delete").exists()


# --- applications -----------------------------------------------------------------------------


def test_an_application_with_its_plan_written_through_the_api(client_for, programme, town):
    call = make_call(programme)
    client = client_for("coordinator")
    response = client.post(
        APPLICATIONS,
        {
            "title": "Smarte Region",
            "call": call.pk,
            "status": "preparing",
            "municipalities": ["senden"],
            "third_party": "1000.00",
            "start_date": "2021-01-01",
            "end_date": "2024-12-31",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["programme"] == programme.slug  # taken from the call
    slug = body["slug"]
    subprojects = f"{detail(APPLICATIONS, slug)}subprojects/"
    sub = client.post(subprojects, {"title": "Raum für Bildung"}, format="json")
    assert sub.status_code == 201, sub.content
    lines = f"{detail(APPLICATIONS, slug)}lines/"
    for kind, amount in (("investive", "60000.00"), ("consumptive", "40000.01")):
        line = {"subproject": sub.json()["id"], "kind": kind, "amount": amount}
        assert client.post(lines, line, format="json").status_code == 201
    overview = client.get(detail(APPLICATIONS, slug)).json()
    assert overview["budget_overview"]["total"] == "100000.01"
    # 65 % of 100000.01 = 65000.0065 -> 65000.01; own share 35000.00, of which third
    # parties (up to the whole own share here) carry 1000.00: the town bears 34000.00.
    assert overview["budget_overview"]["grant"] == "65000.01"
    assert overview["own_share_split"]["parts"] == [
        {"municipality": "senden", "name": "Senden", "share": "1.0000", "amount": "34000.00"}
    ]
    assert len(client.get(lines).json()["results"]) == 2


@pytest.mark.parametrize(
    ("payload", "field", "words"),
    [
        ({"requested_amount": "1.234,56"}, "requested_amount", "Dezimalpunkt"),
        ({"granted_amount": "-1.00"}, "granted_amount", "negativ"),
        ({"programme": "unbekannt"}, "programme", "Unbekannt"),
        ({"call": 999999}, "call", "Unbekannt"),
        ({"start_date": "2022-01-01", "end_date": "2021-01-01"}, "end_date", "vor dem Beginn"),
        ({"municipalities": ["stadt-b"]}, "municipalities", "Unbekannt"),
        ({"status": "gewonnen"}, "status", "gültige Option"),
    ],
)
def test_bad_application_input(client_for, programme, region_b, payload, field, words):
    response = client_for("coordinator").post(
        APPLICATIONS, {"title": "Kaputt", **payload}, format="json"
    )
    assert response.status_code == 400, response.content
    assert words in str(response.json()[field])
    assert not Application.objects.filter(title="Kaputt").exists()


def test_a_call_of_another_programme_is_refused(client_for, programme, region):
    other = make_programme(region, "Anderes Programm")
    call = make_call(other)
    response = client_for("coordinator").post(
        APPLICATIONS,
        {"title": "X", "call": call.pk, "programme": programme.slug},
        format="json",
    )
    assert response.status_code == 400
    assert "anderen Programm" in str(response.json()["call"])


def test_officers_write_only_applications_of_their_town(client_for, programme, town, other_town):
    officer = client_for("officer")  # of Senden
    theirs = make_application(programme, "Senden dabei", towns=[town])
    others = make_application(programme, "Nur Havixbeck", towns=[other_town])
    ok = officer.patch(
        detail(APPLICATIONS, theirs.slug), {"title": "Neu", "version": 1}, format="json"
    )
    assert ok.status_code == 200, ok.content
    refused = officer.patch(
        detail(APPLICATIONS, others.slug), {"title": "Neu", "version": 1}, format="json"
    )
    assert refused.status_code == 403
    # Nor may they drop their own town from an application, or create one without it.
    dropped = officer.patch(
        detail(APPLICATIONS, theirs.slug),
        {"municipalities": ["havixbeck"], "version": 2},
        format="json",
    )
    assert dropped.status_code == 403
    without = officer.post(
        APPLICATIONS, {"title": "Ohne", "municipalities": ["havixbeck"]}, format="json"
    )
    assert without.status_code == 403
    created = officer.post(
        APPLICATIONS, {"title": "Mit", "municipalities": ["senden"]}, format="json"
    )
    assert created.status_code == 201
    sub = services.create(SubProject(region=others.region, application=others, title="T"))
    assert (
        officer.post(
            f"{detail(APPLICATIONS, others.slug)}lines/",
            {"subproject": sub.pk, "kind": "investive", "amount": "1.00"},
            format="json",
        ).status_code
        == 403
    )
    assert not BudgetLine.objects.exists()


def test_a_line_of_another_applications_sub_project_is_refused(client_for, programme):
    first = make_application(programme, "Erster", subprojects=[("A", [])])
    second = make_application(programme, "Zweiter")
    foreign = first.subprojects.get()
    response = client_for("coordinator").post(
        f"{detail(APPLICATIONS, second.slug)}lines/",
        {"subproject": foreign.pk, "kind": "investive", "amount": "10.00"},
        format="json",
    )
    assert response.status_code == 400
    assert "Unbekannt" in str(response.json()["subproject"])
    assert not BudgetLine.objects.exists()


def test_line_changes_need_the_current_version(client_for, programme):
    application = make_application(
        programme, "Plan", subprojects=[("A", [("X", "investive", "10.00", True)])]
    )
    line = BudgetLine.objects.get()
    url = f"{detail(APPLICATIONS, application.slug)}lines/{line.pk}/"
    client = client_for("coordinator")
    assert client.patch(url, {"amount": "20.00"}, format="json").status_code == 400
    ok = client.patch(url, {"amount": "20.00", "version": line.version}, format="json")
    assert ok.status_code == 200 and ok.json()["amount"] == "20.00"
    stale = client.patch(url, {"amount": "30.00", "version": line.version}, format="json")
    assert stale.status_code == 409
    assert BudgetLine.objects.get().amount == Decimal("20.00")
    gone = client.delete(f"{url}?version={line.version + 1}")
    assert gone.status_code == 204 and not BudgetLine.objects.exists()


def test_the_public_reads_parts_of_published_applications_only(api, programme):
    shown = make_application(programme, "Offen", subprojects=[("A", [])])
    hidden = make_application(programme, "Entwurf", subprojects=[("B", [])], published=False)
    assert api.get(f"{detail(APPLICATIONS, shown.slug)}subprojects/").status_code == 200
    assert api.get(f"{detail(APPLICATIONS, hidden.slug)}subprojects/").status_code == 404
    assert api.get(f"{detail(APPLICATIONS, hidden.slug)}lines/").status_code == 404


def test_filters(client_for, programme, town, other_town):
    make_application(programme, "A", towns=[town], status="approved")
    make_application(programme, "B", towns=[other_town], status="submitted")
    client = client_for("coordinator")

    def titles(query):
        response = client.get(f"{APPLICATIONS}?{query}")
        assert response.status_code == 200, response.content
        return sorted(r["title"] for r in response.json()["results"])

    assert titles("status=approved") == ["A"]
    assert titles("municipality=havixbeck") == ["B"]
    assert titles(f"programme={programme.slug}") == ["A", "B"]
    assert client.get(f"{APPLICATIONS}?status=gewonnen").status_code == 400
    assert client.get(f"{APPLICATIONS}?municipality=nirgends").status_code == 400


def test_officers_do_not_publish(client_for, programme, town):
    officer = client_for("officer")
    draft = make_application(programme, "Entwurf", towns=[town], published=False)
    url = detail(APPLICATIONS, draft.slug)
    refused = officer.patch(url, {"published": True, "version": draft.version}, format="json")
    assert refused.status_code == 403
    assert "veröffentlicht die Koordination" in refused.json()["detail"]
    new = {"title": "Neu", "municipalities": ["senden"], "published": True}
    assert officer.post(APPLICATIONS, new, format="json").status_code == 403
    assert not Application.objects.get(pk=draft.pk).published
    # Other changes that leave "published" as it is are theirs to make.
    same = {"title": "Geändert", "published": False, "version": draft.version}
    assert officer.patch(url, same, format="json").status_code == 200


def test_dropping_the_programme_keeps_the_calls(client_for, programme):
    call = make_call(programme)
    application = make_application(programme, "Mit Aufruf", call=call)
    response = client_for("coordinator").patch(
        detail(APPLICATIONS, application.slug),
        {"programme": None, "version": application.version},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["programme"] == programme.slug


def test_the_public_sees_no_draft_project_of_a_sub_project(api, client_for, programme, region):
    draft_project = t.make_project(region, "Geheim", published=False)
    application = make_application(programme, "Offen")
    services.create(
        SubProject(region=region, application=application, title="A", project=draft_project)
    )
    url = f"{detail(APPLICATIONS, application.slug)}subprojects/"
    assert [row["project"] for row in api.get(url).json()["results"]] == [None]
    staff = client_for("reader").get(url).json()["results"]
    assert [row["project"] for row in staff] == [draft_project.pk]
    # Nor can the public find out through the filters what a draft is linked to.
    assert api.get(f"{APPLICATIONS}?project={draft_project.pk}").json()["results"] == []
    hidden = make_programme(region, "Geheimprogramm", published=False)
    make_application(hidden, "Zu Geheimprogramm")
    assert api.get(f"{APPLICATIONS}?programme={hidden.slug}").json()["results"] == []
    found = client_for("reader").get(f"{APPLICATIONS}?programme={hidden.slug}").json()
    assert [r["title"] for r in found["results"]] == ["Zu Geheimprogramm"]


def test_the_largest_amount_below_a_trillion_is_stored(client_for, programme):
    application = make_application(programme, "Groß", subprojects=[("A", [])])
    sub = application.subprojects.get()
    response = client_for("coordinator").post(
        f"{detail(APPLICATIONS, application.slug)}lines/",
        {"subproject": sub.pk, "kind": "investive", "amount": "999999999999.99"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert BudgetLine.objects.get().amount == Decimal("999999999999.99")
