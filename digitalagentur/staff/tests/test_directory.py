"""The Digitalagentur's directory in the staff area: people (with consent), bodies and
memberships, lines of work, stakeholder roles and the strategy's timeline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import create_object
from digitalagentur.directory.choices import BodyKind, MembershipRole
from digitalagentur.directory.models import Body, Membership, Person, StakeholderRole, WorkLine
from digitalagentur.strategy.choices import DatePrecision
from digitalagentur.strategy.models import Adoption, TimelineEvent
from digitalagentur.strategy.versions import freeze_version


def make_set(region, strategy, town, prefix):
    person = create_object(
        Person(region=region, name=f"Erika Muster {prefix}", office="Digitalisierungsbeauftragte")
    )
    body = create_object(
        Body(
            region=region,
            slug=f"koordinierungskreis-{prefix.lower()}",
            name=f"Koordinierungskreis {prefix}",
            kind=BodyKind.COORDINATION,
            is_agency_body=True,
        )
    )
    membership = create_object(
        Membership(body=body, person=person, role=MembershipRole.OFFICER, label="")
    )
    line = create_object(WorkLine(region=region, position=1, name=f"Scouting {prefix}"))
    stakeholder = create_object(
        StakeholderRole(
            region=region, code="BMK", name="Bürgermeisterkonferenz", role="Entscheider"
        )
    )
    event = create_object(
        TimelineEvent(
            region=region,
            strategy=strategy,
            date=datetime.date(2019, 6, 1),
            date_precision=DatePrecision.MONTH,
            title=f"Auftakt {prefix}",
        )
    )
    return SimpleNamespace(
        person=person,
        body=body,
        membership=membership,
        workline=line,
        stakeholder=stakeholder,
        timeline=event,
    )


@pytest.fixture
def data(region, other_region, strategy, town):
    own = make_set(region, strategy, town, "A")
    foreign_strategy = t.make_strategy(other_region, title="Strategie B")
    foreign = make_set(other_region, foreign_strategy, None, "B")
    return SimpleNamespace(own=own, foreign=foreign, strategy=strategy, town=town)


@dataclass
class Kind:
    name: str
    model: type
    create_url: callable
    create_data: callable
    edit_data: callable  # (obj, data) -> POST data of an edit
    changed: callable  # obj -> True if the edit arrived


def _with_version(obj, values):
    values = dict(values)
    if hasattr(obj, "version"):
        values["version"] = obj.version
    values.setdefault("reason", "Test")
    return values


KINDS = {
    "person": Kind(
        "person",
        Person,
        lambda d: reverse("staff:person_create"),
        lambda d: {
            "name": "Max Beispiel",
            "office": "Digitalisierungsbeauftragter",
            "organisation": "",
            "municipality": d.town.pk,
            "email": "max@example.org",
            "public_consent": "on",
            "consent_date": "2024-03-01",
        },
        lambda o: {"name": "Erika Neu", "office": o.office, "email": ""},
        lambda o: o.name == "Erika Neu",
    ),
    "body": Kind(
        "body",
        Body,
        lambda d: reverse("staff:body_create"),
        lambda d: {
            "name": "Lenkungskreis",
            "slug": "lenkungskreis",
            "kind": BodyKind.STEERING,
            "municipality": "",
            "is_agency_body": "on",
            "constituted_on": "",
            "position": 2,
            "description": "",
        },
        lambda o: {
            "name": "Koordinierungskreis neu",
            "slug": o.slug,
            "kind": o.kind,
            "position": 1,
            "is_agency_body": "on",
        },
        lambda o: o.name == "Koordinierungskreis neu",
    ),
    "membership": Kind(
        "membership",
        Membership,
        lambda d: reverse("staff:membership_create", args=[d.own.body.pk]),
        lambda d: {
            "person": d.own.person.pk,
            "role": MembershipRole.SPEAKER,
            "label": "Sprechertrio",
            "start_date": "2022-04-26",
            "end_date": "",
        },
        lambda o: {"person": o.person_id, "role": o.role, "label": "Neu", "start_date": ""},
        lambda o: o.label == "Neu",
    ),
    "workline": Kind(
        "workline",
        WorkLine,
        lambda d: reverse("staff:workline_create"),
        lambda d: {"position": 2, "name": "Fördermittel-Akquise", "description": "Geld."},
        lambda o: {"position": 5, "name": o.name, "description": "Neu"},
        lambda o: o.position == 5,
    ),
    "stakeholder": Kind(
        "stakeholder",
        StakeholderRole,
        lambda d: reverse("staff:stakeholder_create"),
        lambda d: {"code": "PA", "name": "Universität", "role": "Beratung", "position": 2},
        lambda o: {"code": o.code, "name": o.name, "role": "Neue Rolle", "position": 1},
        lambda o: o.role == "Neue Rolle",
    ),
    "timeline": Kind(
        "timeline",
        TimelineEvent,
        lambda d: reverse("staff:timeline_create"),
        lambda d: {
            "date": "2020-09-09",
            "date_precision": DatePrecision.DAY,
            "title": "Projektliste",
            "description": "",
            "topic": "strategy",
        },
        lambda o: {
            "date": "2019-06-01",
            "date_precision": "month",
            "title": "Auftakt neu",
            "topic": "events",
            "participants": "30",
        },
        lambda o: o.title == "Auftakt neu" and o.topic == "events" and o.participants == 30,
    ),
}


def edit_url(kind, obj):
    if kind == "body":
        return reverse("staff:body_detail", args=[obj.pk])
    return reverse(f"staff:{kind}_edit", args=[obj.pk])


def delete_url(kind, obj):
    return reverse(f"staff:{kind}_delete", args=[obj.pk])


def changes(model, action, **filters):
    from django.contrib.contenttypes.models import ContentType

    return ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(model), action=action, **filters
    )


def snapshot_db():
    return (
        Person.objects.count(),
        Body.objects.count(),
        Membership.objects.count(),
        WorkLine.objects.count(),
        StakeholderRole.objects.count(),
        TimelineEvent.objects.count(),
        ObjectChange.objects.count(),
        sorted(Person.objects.values_list("name", flat=True)),
        sorted(Membership.objects.values_list("label", flat=True)),
        sorted(WorkLine.objects.values_list("position", flat=True)),
        sorted(StakeholderRole.objects.values_list("role", flat=True)),
        sorted(TimelineEvent.objects.values_list("title", flat=True)),
        sorted(Body.objects.values_list("name", flat=True)),
    )


# --- the coordination writes, with the change log ---------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "admin"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_coordination_creates_with_change_log(client, login, data, kind, role):
    spec = KINDS[kind]
    user = login(role)
    url = spec.create_url(data)
    assert client.get(url).status_code == 200
    before = spec.model.objects.count()
    response = client.post(url, {**spec.create_data(data), "reason": "Neu angelegt"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert spec.model.objects.count() == before + 1
    created = spec.model.objects.order_by("-pk").first()
    entry = changes(spec.model, "create", object_id=created.pk).get()
    assert entry.user == user and entry.reason == "Neu angelegt"
    assert entry.region_id == data.own.body.region_id


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_coordinator_edits_with_change_log(client, login, data, kind):
    spec = KINDS[kind]
    user = login("coordinator")
    obj = getattr(data.own, kind)
    url = edit_url(kind, obj)
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, _with_version(obj, spec.edit_data(obj)))
    assert response.status_code == 302, response.content.decode()[:3000]
    obj.refresh_from_db()
    assert spec.changed(obj)
    assert changes(spec.model, "update", object_id=obj.pk).get().user == user
    if hasattr(obj, "version"):
        assert obj.version == 2


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_coordinator_deletes_after_confirmation(client, login, data, kind):
    spec = KINDS[kind]
    login("coordinator")
    obj = getattr(data.own, kind)
    url = delete_url(kind, obj)
    page = client.get(url)
    assert page.status_code == 200 and "wirklich" in page.content.decode()
    assert spec.model.objects.filter(pk=obj.pk).exists()  # GET deletes nothing
    response = client.post(url, _with_version(obj, {}))
    assert response.status_code == 302
    assert not spec.model.objects.filter(pk=obj.pk).exists()
    assert changes(spec.model, "delete", object_id=obj.pk).exists()


def test_stale_version_is_a_conflict(client, login, data):
    login("coordinator")
    person = data.own.person
    form = {"name": "Erika Eins", "version": 1, "reason": ""}
    assert client.post(reverse("staff:person_edit", args=[person.pk]), form).status_code == 302
    stale = {"name": "Erika Zwei", "version": 1, "reason": ""}
    response = client.post(reverse("staff:person_edit", args=[person.pk]), stale)
    assert response.status_code == 409
    person.refresh_from_db()
    assert person.name == "Erika Eins"


def test_deleting_a_person_removes_and_logs_their_memberships(client, login, data):
    login("coordinator")
    person, membership = data.own.person, data.own.membership
    url = reverse("staff:person_delete", args=[person.pk])
    assert client.post(url, {"version": person.version, "reason": ""}).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert changes(Membership, "delete", object_id=membership.pk).exists()


def test_a_body_with_adoptions_is_not_deleted(client, login, data, strategy):
    login("coordinator")
    body = data.own.body
    version = freeze_version(strategy, "Fassung 2021")
    Adoption.objects.create(
        region=body.region, version=version, body=body, date=datetime.date(2021, 7, 1)
    )
    url = reverse("staff:body_delete", args=[body.pk])
    response = client.post(url, {"version": body.version, "reason": ""}, follow=True)
    assert "kann nicht gelöscht werden" in response.content.decode()
    assert Body.objects.filter(pk=body.pk).exists()
    assert Membership.objects.filter(pk=data.own.membership.pk).exists()  # rolled back


# --- who may not ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["officer", "reader", "outsider", "foreign_coordinator"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_others_cannot_write(client, login, data, kind, role):
    spec = KINDS[kind]
    login(role)
    obj = getattr(data.own, kind)
    before = snapshot_db()
    assert client.get(spec.create_url(data)).status_code == 403
    assert client.post(spec.create_url(data), spec.create_data(data)).status_code == 403
    edit = _with_version(obj, spec.edit_data(obj))
    assert client.post(edit_url(kind, obj), edit).status_code == 403
    assert client.get(delete_url(kind, obj)).status_code == 403
    assert client.post(delete_url(kind, obj), _with_version(obj, {})).status_code == 403
    assert snapshot_db() == before


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_anonymous_is_sent_to_login_and_nothing_changes(client, data, kind):
    spec = KINDS[kind]
    obj = getattr(data.own, kind)
    before = snapshot_db()
    for response in (
        client.post(spec.create_url(data), spec.create_data(data)),
        client.post(edit_url(kind, obj), _with_version(obj, spec.edit_data(obj))),
        client.post(delete_url(kind, obj), _with_version(obj, {})),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert snapshot_db() == before


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_objects_of_another_region_are_not_found(client, login, data, kind):
    spec = KINDS[kind]
    login("coordinator")
    obj = getattr(data.foreign, kind)
    before = snapshot_db()
    assert client.get(edit_url(kind, obj)).status_code == 404
    assert (
        client.post(edit_url(kind, obj), _with_version(obj, spec.edit_data(obj))).status_code == 404
    )
    assert client.post(delete_url(kind, obj), _with_version(obj, {})).status_code == 404
    assert snapshot_db() == before


def test_membership_in_a_foreign_body_cannot_be_created(client, login, data):
    login("coordinator")
    url = reverse("staff:membership_create", args=[data.foreign.body.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["officer", "reader"])
def test_staff_read_the_lists_without_edit_links(client, login, data, role):
    login(role)
    for name in ("directory", "person_list", "body_list", "workline_list", "stakeholder_list"):
        response = client.get(reverse(f"staff:{name}"))
        assert response.status_code == 200, name
        assert "Bearbeiten" not in response.content.decode(), name
    response = client.get(reverse("staff:timeline_list"))
    assert "Auftakt A" in response.content.decode()
    detail = client.get(reverse("staff:body_detail", args=[data.own.body.pk]))
    assert detail.status_code == 200 and "Erika Muster A" in detail.content.decode()
    assert '<form method="post" class="staff-form">' not in detail.content.decode()


def test_lists_show_only_the_own_region(client, login, data):
    login("coordinator")
    Person.objects.create(region=data.own.body.region, name="Olga Org", organisation="wfc GmbH")
    Person.objects.create(region=data.own.body.region, name="Tim Town", municipality=data.town)
    people = client.get(reverse("staff:person_list")).content.decode()
    assert "Erika Muster A" in people and "Erika Muster B" not in people
    assert "wfc GmbH" in people and data.town.display_name in people
    timeline = client.get(reverse("staff:timeline_list")).content.decode()
    assert "Auftakt A" in timeline and "Auftakt B" not in timeline


# --- validation in German, nothing half-saved ---------------------------------------------


def post_create(client, kind, data, **overrides):
    spec = KINDS[kind]
    return client.post(spec.create_url(data), {**spec.create_data(data), **overrides})


@pytest.mark.parametrize(
    ("kind", "overrides", "message"),
    [
        ("person", {"consent_date": ""}, "wann die Einwilligung erteilt wurde"),
        ("person", {"consent_date": "2999-01-01"}, "nicht in der Zukunft"),
        ("person", {"name": "   "}, "Dieses Feld ist zwingend erforderlich"),
        ("person", {"email": "keine-mail"}, "gültige E-Mail Adresse"),
        ("person", {"municipality": "999999999999999999999"}, "gültige Auswahl"),
        ("body", {"slug": "koordinierungskreis-a"}, "Kürzel ist in der Region schon vergeben"),
        ("body", {"slug": "mit leerzeichen"}, "gültiges"),
        ("stakeholder", {"code": "bmk"}, "Kürzel ist in der Region schon vergeben"),
        ("membership", {"start_date": "2024-01-01", "end_date": "2023-01-01"}, "nicht vor dem"),
        ("membership", {"role": MembershipRole.OFFICER}, "hat diese Rolle im Gremium schon"),
        ("workline", {"position": "abc"}, "ganze Zahl"),
        ("timeline", {"date": "1500-01-01"}, "plausibles Datum"),
        ("timeline", {"title": ""}, "zwingend erforderlich"),
    ],
)
def test_invalid_input_is_refused_in_german(client, login, data, kind, overrides, message):
    login("coordinator")
    before = snapshot_db()
    response = post_create(client, kind, data, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert snapshot_db() == before


def test_membership_person_of_another_region_is_refused(client, login, data):
    login("coordinator")
    before = snapshot_db()
    response = post_create(client, "membership", data, person=data.foreign.person.pk)
    assert response.status_code == 200 and "gültige Auswahl" in response.content.decode()
    assert snapshot_db() == before


def test_consent_without_tick_clears_the_date(client, login, data):
    login("coordinator")
    response = post_create(client, "person", data, public_consent="", consent_date="2024-01-01")
    assert response.status_code == 302
    person = Person.objects.get(name="Max Beispiel")
    assert person.public_consent is False and person.consent_date is None


def test_consent_is_recorded_with_its_date(client, login, data):
    login("coordinator")
    assert post_create(client, "person", data).status_code == 302
    person = Person.objects.get(name="Max Beispiel")
    assert person.public_consent and person.consent_date == datetime.date(2024, 3, 1)
    entry = changes(Person, "create", object_id=person.pk).get()
    assert entry.changes["consent_date"]["after"] == "2024-03-01"
    assert datetime.date(2024, 3, 1) <= timezone.localdate()


# --- lists: sorted, paginated, constant queries --------------------------------------------


def test_people_are_sorted_and_paginated(client, login, data, region):
    login("coordinator")
    for n in range(35):
        Person.objects.create(region=region, name=f"Person {n:02d}")
    first = client.get(reverse("staff:person_list")).content.decode()
    assert "Person 00" in first and "Person 34" not in first
    assert first.index("Erika Muster A") < first.index("Person 00")
    second = client.get(reverse("staff:person_list") + "?page=2").content.decode()
    assert "Person 34" in second
    assert client.get(reverse("staff:person_list") + "?page=abc").status_code == 200


def grow(region, strategy, body, n, start=0, town=None):
    for i in range(start, start + n):
        person = Person.objects.create(region=region, name=f"Mehr {i}", municipality=town)
        other = Body.objects.create(
            region=region, slug=f"gremium-{i}", name=f"G {i}", kind="committee", municipality=town
        )
        Membership.objects.create(body=body, person=person, role=MembershipRole.MEMBER)
        Membership.objects.create(body=other, person=person, role=MembershipRole.MEMBER)
        WorkLine.objects.create(region=region, position=10 + i, name=f"Linie {i}")
        StakeholderRole.objects.create(region=region, code=f"C{i}", name="n", role="r")
        TimelineEvent.objects.create(
            region=region, strategy=strategy, date=datetime.date(2020, 1, 1), title=f"E {i}"
        )


def count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name",
    [
        "directory",
        "person_list",
        "body_list",
        "body_detail",
        "workline_list",
        "stakeholder_list",
        "timeline_list",
    ],
)
def test_query_count_does_not_grow_from_3_to_30_rows(client, login, data, region, name):
    login("coordinator")
    body = data.own.body
    url = reverse("staff:body_detail", args=[body.pk]) if name == "body_detail" else None
    url = url or reverse(f"staff:{name}")
    grow(region, data.strategy, body, 2, town=data.town)  # 3 of each
    small = count(client, url)
    grow(region, data.strategy, body, 27, start=2, town=data.town)  # 30 of each
    assert count(client, url) <= small


def test_navigation_and_dashboard_link_the_directory(client, login, data):
    login("reader")
    page = client.get(reverse("staff:dashboard")).content.decode()
    assert reverse("staff:directory") in page
    directory = client.get(reverse("staff:person_list")).content.decode()
    assert f'href="{reverse("staff:directory")}" aria-current="page"' in directory


def test_directory_changes_appear_in_the_change_log_and_dashboard(client, login, data):
    login("coordinator")
    spec = KINDS["membership"]
    assert client.post(spec.create_url(data), spec.create_data(data)).status_code == 302
    log = client.get(reverse("staff:change_list"))
    assert log.status_code == 200 and "Sprechertrio" in log.content.decode()
    assert client.get(reverse("staff:dashboard")).status_code == 200
    body_page = client.get(reverse("staff:body_detail", args=[data.own.body.pk])).content.decode()
    assert "Sprechertrio" in body_page and "Verlauf" in body_page
