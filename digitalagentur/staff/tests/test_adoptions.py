"""Adoptions: the matrix "Kreis + each town × adopted" per version, and recording decisions."""

from __future__ import annotations

import datetime

from django.urls import reverse

from digitalagentur.core.models import ObjectChange
from digitalagentur.directory.choices import BodyKind
from digitalagentur.directory.models import Body
from digitalagentur.strategy.models import Adoption

from .helpers import confirm_data


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def adoption_data(world, **overrides):
    data = {
        "version": world.version.pk,
        "municipality": world.town.pk,
        "body": world.council.pk,
        "date": "2021-06-24",
        "date_precision": "day",
        "decision": "recommended",
        "paper_reference": "118/2021",
        "note": "",
    }
    data.update(overrides)
    return data


def test_matrix_has_the_kreis_and_every_town(client, world, login):
    login("reader")
    response = client.get(url("adoption_matrix"))
    rows = response.context["rows"]
    assert [r["label"] for r in rows] == ["Kreis", "Stadt Havixbeck", "Stadt Senden"]
    senden = rows[2]
    assert senden["adopted"] == world.adoption
    assert rows[0]["adopted"] is None and rows[1]["adopted"] is None
    content = response.content.decode()
    assert "01.07.2021" in content
    assert "Rat Senden" in content
    assert "123/2021" in content
    assert "offen" in content
    assert response.context["adopted_count"] == 1


def test_matrix_without_versions_has_an_empty_state(client, region, users, login):
    login("coordinator")
    content = client.get(url("adoption_matrix")).content.decode()
    assert "Noch keine Fassung eingefroren." in content


def test_coordinator_records_a_committee_recommendation_and_a_kreis_decision(client, world, login):
    login("coordinator")
    response = client.post(url("adoption_create"), adoption_data(world))
    assert response.status_code == 302
    assert response.url == f"{url('adoption_matrix')}?fassung={world.version.pk}"
    kreistag = Body.objects.create(
        region=world.region, slug="kreistag", name="Kreistag", kind=BodyKind.COUNCIL
    )
    response = client.post(
        url("adoption_create"),
        adoption_data(
            world,
            municipality="",
            body=kreistag.pk,
            date="2021-10-01",
            date_precision="month",
            decision="adopted",
        ),
    )
    assert response.status_code == 302
    kreis = Adoption.objects.get(municipality__isnull=True, region=world.region)
    assert kreis.body == kreistag
    change = ObjectChange.objects.filter(object_id=kreis.pk, content_type__model="adoption").get()
    assert change.changes["version"]["after"] == world.version.name
    rows = client.get(url("adoption_matrix")).context["rows"]
    assert rows[0]["adopted"] == kreis
    assert "Oktober 2021" in client.get(url("adoption_matrix")).content.decode()


def test_adoption_validation(client, world, login):
    login("coordinator")
    other_council = Body.objects.create(
        region=world.region,
        slug="rat-havixbeck",
        name="Rat Havixbeck",
        kind=BodyKind.COUNCIL,
        municipality=world.other_town,
    )
    foreign_body = Body.objects.get(region=world.foreign_town.region, slug="rat-fremdstadt")
    cases = {
        "gehört zu Havixbeck": adoption_data(world, body=other_council.pk),
        "gültige Auswahl": adoption_data(world, body=foreign_body.pk),
        "nicht in der Zukunft": adoption_data(world, date="2999-01-01"),
        "gültiges Datum": adoption_data(world, date="31.02.2021"),
    }
    foreign_version = adoption_data(world, version=world.foreign_version.pk)
    before = Adoption.objects.count()
    for expected, data in cases.items():
        response = client.post(url("adoption_create"), data)
        assert response.status_code == 200
        assert expected in response.content.decode(), expected
    response = client.post(url("adoption_create"), foreign_version)
    assert response.status_code == 200
    assert Adoption.objects.count() == before


def test_adoption_delete_needs_confirmation(client, world, login):
    login("admin")
    assert (
        "wirklich löschen" in client.get(url("adoption_delete", world.adoption.pk)).content.decode()
    )
    response = client.post(url("adoption_delete", world.adoption.pk), confirm_data())
    assert response.status_code == 302
    assert not Adoption.objects.filter(pk=world.adoption.pk).exists()
    assert ObjectChange.objects.filter(
        object_id=world.adoption.pk, content_type__model="adoption", action="delete"
    ).exists()


def test_matrix_of_an_older_version(client, world, login):
    from digitalagentur.strategy.versions import freeze_version

    newer = freeze_version(world.strategy, "Fassung 2024")
    login("reader")
    response = client.get(url("adoption_matrix"))
    assert response.context["version"] == newer
    assert response.context["adopted_count"] == 0
    response = client.get(url("adoption_matrix"), {"fassung": world.version.pk})
    assert response.context["adopted_count"] == 1
    assert response.context["rows"][2]["adopted"].date == datetime.date(2021, 7, 1)
