"""The public page of the Digitalagentur: people only with consent, a contact hint for roles
whose holder is not named, never "N. N.", and a query count that does not grow."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from digitalagentur.core.services import update_object
from digitalagentur.directory.choices import BodyKind, MembershipRole
from digitalagentur.directory.models import Body, Membership, Person
from digitalagentur.tenancy.models import Region

pytestmark = pytest.mark.django_db

HIDDEN_NAME = "Verena Verborgen"


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def contact_url() -> str | None:
    try:
        return reverse("public:contact")
    except NoReverseMatch:
        return None


@pytest.fixture
def people(site):
    board = Body.objects.get(region=site.region, slug="koordinierungskreis")
    hidden = Person.objects.create(
        region=site.region,
        name=HIDDEN_NAME,
        office="Digitalisierungsbeauftragte",
        municipality=site.other_town,
        email="verena@example.org",
    )
    vacant = Person.objects.create(
        region=site.region, name="N. N.", organisation="Gemeinde Havixbeck"
    )
    Membership.objects.create(body=board, person=hidden, role=MembershipRole.OFFICER)
    Membership.objects.create(
        body=board, person=vacant, role=MembershipRole.OFFICER, label="Beauftragte/r Havixbeck"
    )
    council = Body.objects.create(
        region=site.region, slug="ausschuss-test", name="Testausschuss", kind=BodyKind.COMMITTEE
    )
    Membership.objects.create(body=council, person=hidden, role=MembershipRole.MEMBER)
    return {"board": board, "hidden": hidden, "vacant": vacant, "council": council}


def test_people_without_consent_are_not_named(client, site, people):
    body = text(client.get(reverse("public:agency")))
    assert HIDDEN_NAME not in body
    assert "verena@example.org" not in body
    assert "Name nicht veröffentlicht" in body
    # Their role is still shown (board table and the list of other bodies).
    assert "Digitalisierungsbeauftragte" in body
    assert body.count("Name nicht veröffentlicht") == 2
    # Consenting people are named.
    assert "Niklas Esser" in body and "Helena Mense Oliveira" in body


def test_an_empty_role_shows_a_contact_hint_instead_of_nn(client, site, people):
    body = text(client.get(reverse("public:agency")))
    assert "N. N." not in body
    assert "Noch nicht besetzt: Beauftragte/r Havixbeck." in " ".join(body.split())
    assert "Kontakt über die Digitalagentur" in body
    url = contact_url()
    if url is not None:
        assert f'<a href="{url}">Kontakt über die Digitalagentur</a>' in body


def test_placeholder_is_never_named_even_with_consent(client, site, people):
    vacant = people["vacant"]
    vacant.public_consent, vacant.consent_date = True, datetime.date(2024, 1, 1)
    vacant.save()
    body = text(client.get(reverse("public:agency")))
    assert "N. N." not in body
    assert "Noch nicht besetzt: Beauftragte/r Havixbeck." in " ".join(body.split())


def test_withdrawn_consent_hides_the_name_on_agency_and_town_page(client, site):
    esser = Person.objects.get(region=site.region, name="Niklas Esser")
    town_url = reverse("public:municipality_detail", args=[site.town.slug])
    assert "Niklas Esser" in text(client.get(town_url))
    update_object(
        esser, {"public_consent": False, "consent_date": None}, expected_version=esser.version
    )
    assert "Niklas Esser" not in text(client.get(reverse("public:agency")))
    town_page = text(client.get(town_url))
    assert "Niklas Esser" not in town_page and "niklas.esser@example.org" not in town_page


def test_town_page_never_lists_an_officer_without_consent(client, site, people):
    # Havixbeck's officer "Frau Beispiel" consented; Verena Verborgen (same town) did not.
    page = text(client.get(reverse("public:municipality_detail", args=[site.other_town.slug])))
    assert HIDDEN_NAME not in page and "Frau Beispiel" in page


def test_other_regions_people_are_not_shown(client, site, people, other_region):
    foreign = Person.objects.create(
        region=other_region,
        name="Fritz Fremd",
        public_consent=True,
        consent_date=datetime.date(2024, 1, 1),
    )
    body = Body.objects.create(region=other_region, slug="kk", name="KK B", kind="coordination")
    Membership.objects.create(body=body, person=foreign, role=MembershipRole.MEMBER)
    assert "Fritz Fremd" not in text(client.get(reverse("public:agency")))


def add_members(region, board, start, n):
    for i in range(start, start + n):
        person = Person.objects.create(
            region=region,
            name=f"Mitglied {i}",
            public_consent=i % 2 == 0,
            consent_date=datetime.date(2024, 1, 1) if i % 2 == 0 else None,
        )
        Membership.objects.create(body=board, person=person, role=MembershipRole.MEMBER)
        other = Body.objects.create(
            region=region, slug=f"ausschuss-{i}", name=f"A {i}", kind="committee"
        )
        Membership.objects.create(body=other, person=person, role=MembershipRole.MEMBER)


def count_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_agency_query_count_does_not_grow(client, site, people):
    url = reverse("public:agency")
    add_members(site.region, people["board"], 0, 3)
    small = count_queries(client, url)
    add_members(site.region, people["board"], 3, 27)
    assert count_queries(client, url) <= small


def test_demo_agency_page_has_no_nn(client, db):
    call_command("load_demo", stdout=io.StringIO())
    region = Region.objects.get(slug="kreis-coesfeld")
    assert Person.objects.filter(region=region, name="N. N.").count() == 11
    body = text(client.get(reverse("public:agency")))
    assert "N. N." not in body
    # One sentence names the open roles instead of eleven rows without a name.
    assert body.count("Ansprechperson wird noch benannt") == 0
    flat = " ".join(body.split())
    first = "Digitalisierungsbeauftragte/r Gemeinde Ascheberg,"
    assert f"11 Rollen sind noch nicht besetzt: {first}" in flat
    assert body.count("hilft die Digitalagentur weiter") == 1
    assert "Helena Mense Oliveira" in body  # named in the seeds, consent in the demo
