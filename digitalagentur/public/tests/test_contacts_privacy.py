"""Privacy of the contact directory and the meetings on every public output (issue 14,
section 3): a person without consent is never named, never shows an e-mail address or phone
number; a phone number (staff-only) is never public even with consent; a public meeting (one
with a public status report) never shows its minutes, decisions or tasks, on the website, in
the open data, the calendar feed or OParl."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from digitalagentur.directory.choices import MembershipRole
from digitalagentur.directory.models import Body, Membership, Person
from digitalagentur.reports.choices import ReportStatus
from digitalagentur.reports.models import StatusReport
from digitalagentur.testing.meetings import make_meeting, make_task

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

HIDDEN = ("Hanna Heimlich", "hanna.heimlich@example.org", "02541 999-111")
PUBLIC_PHONE = "02541 777-222"
INTERNAL = ("PROTOKOLL-INTERN", "BESCHLUSS-INTERN", "AUFGABE-INTERN")
OPARL = "/oparl/v1/"


@pytest.fixture
def private(site, users):
    region = site.region
    board = Body.objects.get(region=region, slug="koordinierungskreis")
    hidden = Person.objects.create(
        region=region,
        name=HIDDEN[0],
        office="Digitalisierungsbeauftragte",
        municipality=site.town,
        email=HIDDEN[1],
        phone=HIDDEN[2],
    )
    Membership.objects.create(body=board, person=hidden, role=MembershipRole.OFFICER)
    consenting = Person.objects.get(region=region, name="Niklas Esser")
    consenting.phone = PUBLIC_PHONE
    consenting.save()
    meeting = make_meeting(
        region,
        board,
        name="Öffentliche Sitzung",
        agenda="1. Bericht",
        minutes=INTERNAL[0],
        decisions=INTERNAL[1],
    )
    make_task(meeting, INTERNAL[2], owner=users["officer"])
    StatusReport.objects.create(
        region=region,
        title="Sachstand",
        date=datetime.date(2025, 1, 10),
        body=board,
        meeting=meeting,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        status=ReportStatus.FINAL,
    )
    return {"board": board, "hidden": hidden, "meeting": meeting}


def public_outputs(client, site, private) -> dict[str, str]:
    region = site.region
    addresses = {
        "agency": reverse("public:agency"),
        "town": reverse("public:municipality_detail", args=[site.town.slug]),
        "open data": reverse("public:opendata_download", args=["termine", "json"]),
        "calendar": reverse("public:events_calendar"),
        "oparl persons": f"{OPARL}body/{region.pk}/person",
        "oparl meetings": f"{OPARL}body/{region.pk}/meeting",
        "oparl meeting": f"{OPARL}meeting/{private['meeting'].pk}",
    }
    pages = {}
    for label, address in addresses.items():
        response = client.get(address)
        assert response.status_code == 200, label
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[label] = body.decode()
    return pages


def test_nothing_private_reaches_any_public_output(client, site, private):
    pages = public_outputs(client, site, private)
    # The meeting itself is public (a public report belongs to it) ...
    assert "Öffentliche Sitzung" in pages["oparl meeting"]
    # ... and the consenting person is named, yet without the phone number.
    assert "Niklas Esser" in pages["agency"] and "Niklas Esser" in pages["oparl persons"]
    for label, page in pages.items():
        for secret in (*HIDDEN, PUBLIC_PHONE, *INTERNAL):
            assert secret not in page, (label, secret)


def test_the_oparl_person_of_a_non_consenting_member_does_not_exist(client, site, private):
    hidden = private["hidden"]
    assert client.get(f"{OPARL}person/{hidden.pk}").status_code == 404
    membership = hidden.memberships.get()
    assert client.get(f"{OPARL}membership/{membership.pk}").status_code == 404
