"""Programmes and applications in the API (issue 8): the shapes of the contract with a budget
overview computed by hand, visibility per role and region, and a constant
number of queries for the lists."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.funding import services
from digitalagentur.funding.models import (
    Application,
    BudgetLine,
    Call,
    CallDeadline,
    Funder,
    Programme,
    SubProject,
    end_of_day,
)

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db

APPLICATIONS = "/api/v1/funding/applications/"
PROGRAMMES = "/api/v1/funding/programmes/"


# --- builders --------------------------------------------------------------------------------


def make_programme(region, name="Modellprojekte Smart Cities", **values) -> Programme:
    funder = Funder.objects.filter(region=region).first() or services.create(
        Funder(region=region, name="Bundesministerium des Innern", short_name="BMI")
    )
    values = {
        "funding_rate": Decimal("0.65"),
        "max_grant": Decimal("100000.00"),
        "published": True,
        **values,
    }
    return services.create(Programme(region=region, funder=funder, name=name, **values))


def make_call(programme, title="Aufruf 2021", deadline=None, **values) -> Call:
    deadline = deadline or end_of_day(datetime.date(2021, 3, 14))
    values.setdefault("published", True)
    return services.create(
        Call(region=programme.region, programme=programme, title=title, deadline=deadline, **values)
    )


def make_application(programme, title, *, subprojects=(), towns=(), projects=(), **values):
    """An application with sub-projects given as (title, [(label, kind, amount, eligible)])."""
    values.setdefault("published", True)
    application = services.create(
        Application(region=programme.region, programme=programme, title=title, **values),
        m2m={"municipalities": [x.pk for x in towns], "projects": [p.pk for p in projects]},
    )
    for position, (sub_title, lines) in enumerate(subprojects):
        sub = services.create(
            SubProject(
                region=programme.region,
                application=application,
                title=sub_title,
                position=position,
            )
        )
        for label, kind, amount, eligible in lines:
            services.create(
                BudgetLine(
                    region=programme.region,
                    subproject=sub,
                    label=label,
                    kind=kind,
                    amount=Decimal(amount),
                    eligible=eligible,
                )
            )
    return application


SUBPROJECTS = [
    (
        "Raum für Bildung",
        [
            ("Tablets", "investive", "100000.00", True),
            ("Personal", "consumptive", "50000.49", True),
        ],
    ),
    (
        "Raum für Arbeit",
        [
            ("Coworking-Möbel", "investive", "20000.00", True),
            ("Bewirtung", "consumptive", "10001.37", False),  # not eligible
        ],
    ),
]

# By hand: investive 100000.00 + 20000.00 = 120000.00; consumptive 50000.49 + 10001.37 =
# 60001.86; total 180001.86; shares 120000/180001.86 = 0.66666…, 60001.86/180001.86 =
# 0.33333…; eligible 170000.49 (without the catering), 65 % of it = 110500.3185, capped at
# 100000.00; own share 170000.49 − 100000.00 = 70000.49.
OVERVIEW = {
    "rows": [
        {
            "label": "Raum für Bildung",
            "investive": "100000.00",
            "consumptive": "50000.49",
            "total": "150000.49",
        },
        {
            "label": "Raum für Arbeit",
            "investive": "20000.00",
            "consumptive": "10001.37",
            "total": "30001.37",
        },
    ],
    "investive": "120000.00",
    "consumptive": "60001.86",
    "total": "180001.86",
    "investive_share": "0.6667",
    "consumptive_share": "0.3333",
    "grant": "100000.00",
    "own_share": "70000.49",
}
# The towns bear own share − counted third-party money (none) + ineligible costs (the
# catering): 70000.49 + 10001.37 = 80001.86, in equal parts 40000.93 each.
SPLIT = {
    "mode": "equal",
    "amount": "80001.86",
    "parts": [
        {"municipality": "havixbeck", "name": "Havixbeck", "share": "0.5000", "amount": "40000.93"},
        {"municipality": "senden", "name": "Senden", "share": "0.5000", "amount": "40000.93"},
    ],
    "problem": "",
}


@pytest.fixture
def data(region, town, other_town):
    programme = make_programme(region, internal_notes="Nur intern: Ansprechpartner krank")
    call = make_call(programme)
    project = t.make_project(region, "Digitale Schule", towns=[town])
    draft_project = t.make_project(region, "Geheim", towns=[town], published=False)
    application = make_application(
        programme,
        "Raum für Zukunft",
        call=call,
        status="submitted",
        submitted_on=datetime.date(2021, 3, 14),
        granted_amount=Decimal("4897500.00"),
        subprojects=SUBPROJECTS,
        towns=[other_town, town],
        projects=[project, draft_project],
        internal_notes="Nur intern: Ratsbeschluss fehlt",
    )
    draft = make_application(programme, "Entwurf", status="idea", published=False)
    return {
        "programme": programme,
        "call": call,
        "application": application,
        "draft": draft,
        "project": project,
        "draft_project": draft_project,
    }


def item(data, **changes):
    application = data["application"]
    return {
        "id": application.pk,
        "slug": application.slug,
        "title": "Raum für Zukunft",
        "status": "submitted",
        "status_display": "eingereicht",
        "programme": data["programme"].slug,
        "call": "Aufruf 2021",
        "submitted_on": "2021-03-14",
        "granted_amount": "4897500.00",
        "municipalities": ["havixbeck", "senden"],
        "projects": [data["project"].pk],
        "budget_overview": OVERVIEW,
        "own_share_split": SPLIT,
        "published": True,
        "version": application.version,
        **changes,
    }


def results(response) -> list:
    assert response.status_code == 200, response.content
    return response.json()["results"]


# --- applications ----------------------------------------------------------------------------


def test_the_list_as_the_issue_defines_it(api, data):
    assert reverse("api-funding-application-list") == APPLICATIONS
    response = api.get(APPLICATIONS)
    body = response.json()
    assert body["count"] == 1 and body["next"] is None
    assert results(response) == [item(data)]  # no draft, no internal notes, no draft project


def test_the_detail_has_the_same_fields(api, data):
    url = reverse("api-funding-application-detail", args=[data["application"].slug])
    assert url == f"{APPLICATIONS}{data['application'].slug}/"
    response = api.get(url)
    assert response.status_code == 200, response.content
    assert response.json() == item(data)


@pytest.mark.parametrize("role", ["reader", "officer", "coordinator", "admin"])
def test_staff_see_drafts_notes_and_draft_links(client_for, data, role):
    client = client_for(role)
    rows = results(client.get(APPLICATIONS))
    assert [r["title"] for r in rows] == ["Raum für Zukunft", "Entwurf"]
    assert rows[0] == item(
        data,
        projects=[data["project"].pk, data["draft_project"].pk],
        internal_notes="Nur intern: Ratsbeschluss fehlt",
    )
    draft = rows[1]
    assert draft["published"] is False and draft["call"] is None
    assert draft["budget_overview"] == {
        "rows": [],
        "investive": "0.00",
        "consumptive": "0.00",
        "total": "0.00",
        "investive_share": "0.0000",
        "consumptive_share": "0.0000",
        "grant": "0.00",
        "own_share": "0.00",
    }
    # No town takes part: the district bears the (empty) own share.
    assert draft["own_share_split"]["parts"] == [
        {"municipality": None, "name": "Kreis", "share": "1.0000", "amount": "0.00"}
    ]
    url = reverse("api-funding-application-detail", args=[data["draft"].slug])
    assert client.get(url).json()["title"] == "Entwurf"


def test_the_public_never_sees_drafts(api, data):
    url = reverse("api-funding-application-detail", args=[data["draft"].slug])
    response = api.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."}
    assert "Entwurf" not in api.get(APPLICATIONS).content.decode()
    assert "Nur intern" not in api.get(APPLICATIONS).content.decode()


def test_unpublished_programme_and_call_show_as_null_to_the_public(api, client_for, data):
    programme = data["programme"]
    services.update(programme, {"published": False}, expected_version=programme.version)
    call = data["call"]
    services.update(call, {"published": False}, expected_version=call.version)
    row = results(api.get(APPLICATIONS))[0]
    assert (row["programme"], row["call"]) == (None, None)
    row = results(client_for("reader").get(APPLICATIONS))[0]
    assert (row["programme"], row["call"]) == (programme.slug, "Aufruf 2021")


def test_another_regions_objects_are_404(api, client_for, data, region_b):
    other = make_programme(region_b["region"], "Programm B")
    other_application = make_application(other, "Antrag B", subprojects=SUBPROJECTS)
    coordinator = client_for("coordinator")
    for client in (api, coordinator):
        url = reverse("api-funding-application-detail", args=[other_application.slug])
        assert client.get(url).status_code == 404
        url = reverse("api-funding-programme-detail", args=[other.slug])
        assert client.get(url).status_code == 404
        assert "Antrag B" not in client.get(APPLICATIONS).content.decode()
        assert "Programm B" not in client.get(PROGRAMMES).content.decode()
    # On its own host it is public, without region A's objects.
    rows = results(api.get(APPLICATIONS, HTTP_HOST=OTHER_HOST))
    assert [r["title"] for r in rows] == ["Antrag B"]
    assert rows[0]["budget_overview"] == OVERVIEW


def test_bad_pages_are_400(api, data):
    assert api.get(APPLICATIONS, {"page": "x"}).status_code == 400
    assert api.get(APPLICATIONS, {"page": 9}).status_code == 400
    assert api.get(APPLICATIONS + "nicht-da/").status_code == 404


# --- programmes ------------------------------------------------------------------------------


def test_programme_shape(api, client_for, data):
    programme = data["programme"]
    services.update(
        programme,
        {
            "summary": "Förderung digitaler Modellprojekte",
            "own_share_rate": Decimal("0.35"),
            "third_party_max_share_of_own": Decimal("0.5"),
            "total_volume": Decimal("300000000.00"),
            "max_months": 48,
            "cost_types": ["personnel", "investment"],
            "applicant_types": ["district", "town"],
            "phases": "Phase A: Strategie\n\nPhase B: Umsetzung\n",
            "funding_type": "Zuschuss",
            "funding_area": "Smart Cities",
            "funding_region": "bundesweit",
            "eligible_recipients": "Kommune",
            "legal_basis": "Richtlinie",
            "contact": "KTS",
            "website": "https://www.smart-city-dialog.de/",
        },
        expected_version=programme.version,
    )
    CallDeadline.objects.create(
        region=programme.region,
        call=data["call"],
        title="Ratsbeschluss zum Eigenanteil",
        due=end_of_day(datetime.date(2021, 4, 14)),
    )
    now = timezone.now()
    open_call = make_call(
        programme, "Offener Aufruf", deadline=now + datetime.timedelta(days=30), website=""
    )
    make_call(programme, "Entwurf eines Aufrufs", published=False)
    programme.refresh_from_db()
    response = api.get(PROGRAMMES)
    assert reverse("api-funding-programme-list") == PROGRAMMES
    [row] = results(response)
    assert row == {
        "id": programme.pk,
        "slug": programme.slug,
        "name": "Modellprojekte Smart Cities",
        "summary": "Förderung digitaler Modellprojekte",
        "funder": "Bundesministerium des Innern",
        "funder_short_name": "BMI",
        "rules": {
            "funding_rate": "0.6500",
            "own_share_rate": "0.3500",
            "third_party_max_share_of_own": "0.5000",
            "max_grant": "100000.00",
            "total_volume": "300000000.00",
            "max_months": 48,
            "cost_types": ["personnel", "investment"],
            "applicant_types": ["district", "town"],
            "phases": ["Phase A: Strategie", "Phase B: Umsetzung"],
        },
        "funding_type": "Zuschuss",
        "funding_area": "Smart Cities",
        "funding_region": "bundesweit",
        "eligible_recipients": "Kommune",
        "legal_basis": "Richtlinie",
        "contact": "KTS",
        "website": "https://www.smart-city-dialog.de/",
        "published": True,
        "calls": [
            {
                "id": open_call.pk,
                "title": "Offener Aufruf",
                "opens_at": None,
                "deadline": timezone.localtime(open_call.deadline).isoformat(),
                "status": "open",
                "status_display": "offen",
                "website": "",
                "published": True,
                "later_deadlines": [],
            },
            {
                "id": data["call"].pk,
                "title": "Aufruf 2021",
                "opens_at": None,
                "deadline": "2021-03-15T00:00:00+01:00",  # 14.03.2021, 24:00 Uhr
                "status": "closed",
                "status_display": "abgelaufen",
                "website": "",
                "published": True,
                "later_deadlines": [
                    {
                        "title": "Ratsbeschluss zum Eigenanteil",
                        "due": "2021-04-15T00:00:00+02:00",
                    }
                ],
            },
        ],
        "version": programme.version,
    }
    url = reverse("api-funding-programme-detail", args=[programme.slug])
    assert api.get(url).json() == row
    staff = client_for("reader").get(url).json()
    assert staff["internal_notes"] == "Nur intern: Ansprechpartner krank"
    assert "internal_notes" not in row
    # The latest deadline first; the draft call only for the staff.
    assert [(c["title"], c["published"]) for c in staff["calls"]] == [
        ("Offener Aufruf", True),
        ("Aufruf 2021", True),
        ("Entwurf eines Aufrufs", False),
    ]


def test_forthcoming_call_and_draft_programme(api, client_for, data):
    later = timezone.now() + datetime.timedelta(days=60)
    draft = make_programme(data["programme"].region, "Heimat 2.0", published=False)
    make_call(draft, "Bald", opens_at=later, deadline=later + datetime.timedelta(days=30))
    assert [p["name"] for p in results(api.get(PROGRAMMES))] == ["Modellprojekte Smart Cities"]
    url = reverse("api-funding-programme-detail", args=[draft.slug])
    assert api.get(url).status_code == 404
    shown = client_for("officer").get(url).json()
    assert shown["published"] is False
    assert [(c["title"], c["status"]) for c in shown["calls"]] == [("Bald", "forthcoming")]


# --- queries ---------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    client.get(url)  # warm up: the roles of the user are cached after the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("role", [None, "coordinator"])
def test_list_queries_stay_constant(api, client_for, region, town, other_town, role):
    client = client_for(role) if role else api
    project = t.make_project(region, "Verknüpft", towns=[town])

    def add(n, start):
        programme = make_programme(region, f"Programm {start}")
        call = make_call(programme, f"Aufruf {start}")
        CallDeadline.objects.create(region=region, call=call, title="Rat", due=call.deadline)
        for i in range(start, start + n):
            make_application(
                programme,
                f"Antrag {i}",
                call=call,
                subprojects=SUBPROJECTS,
                towns=[town, other_town],
                projects=[project],
            )

    add(1, 0)
    one = {url: count_queries(client, url) for url in (APPLICATIONS, PROGRAMMES)}
    # Both: region (twice without the page cache), token and roles. Applications with
    # programme and call, towns, projects, sub-projects, budget lines, the own share's towns
    # and fixed parts; programmes with funder, calls, later deadlines.
    assert one[APPLICATIONS] <= (11 if role else 9)
    assert one[PROGRAMMES] <= (7 if role else 5)
    add(4, 1)
    assert len(results(client.get(APPLICATIONS))) == 5
    assert len(results(client.get(PROGRAMMES))) == 2
    five = {url: count_queries(client, url) for url in (APPLICATIONS, PROGRAMMES)}
    assert five == one
    rows = results(client.get(APPLICATIONS))
    assert all(r["budget_overview"] == OVERVIEW for r in rows)
