"""Provider pages of Landräume (issue 11, section 1): who sees and decides what, spaces with
their units, opening hours and closed periods; photos and bookings in the sibling modules."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.spaces import booking
from digitalagentur.spaces.choices import BookingMode, BookingStatus, UnitKind
from digitalagentur.spaces.models import ClosedPeriod, OpeningHours, Provider, Space, Unit
from digitalagentur.testing.spaces import make_provider, make_space

OTHER_HOST = "kreis-b.example.org"


def at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def setup(region, other_region, town, users):
    """Two providers of region A with a manager each, a space each on request, one request
    each; a space of region B."""
    anna = t.make_user("anna", first_name="Anna", last_name="Anbieterin", email="anna@example.org")
    bert = t.make_user("bert", email="bert@example.org")
    booker = t.make_user("bea", first_name="Bea", last_name="Bucher", email="bea@example.org")
    extragleis = make_provider(region, "ExtraGleis", managers=[anna])
    verein = make_provider(region, "Heimatverein", managers=[bert])
    wagen = make_space(
        region,
        town,
        provider=extragleis,
        name="Bahnwaggon",
        slug="bahnwaggon",
        booking_mode=BookingMode.REQUEST,
    )
    saal = make_space(
        region,
        town,
        provider=verein,
        name="Dorfsaal",
        slug="dorfsaal",
        booking_mode=BookingMode.REQUEST,
    )
    other_town = t.make_municipality(other_region, "Fremdstadt", slug="fremdstadt")
    foreign = make_space(other_region, other_town, provider=make_provider(other_region, "Fremd"))
    request_wagen = booking.book(wagen, booker, at(2, 9), at(2, 11), note="WAGEN-NOTIZ")
    request_saal = booking.book(saal, booker, at(2, 9), at(2, 11), note="SAAL-NOTIZ")
    return {
        "anna": anna,
        "bert": bert,
        "booker": booker,
        "extragleis": extragleis,
        "verein": verein,
        "wagen": wagen,
        "saal": saal,
        "foreign": foreign,
        "request_wagen": request_wagen,
        "request_saal": request_saal,
        "coordinator": users["coordinator"],
        "officer": users["officer"],
    }


def edit_data(space: Space, **changes) -> dict:
    data = {
        "provider": space.provider_id,
        "name": space.name,
        "slug": space.slug,
        "kind": space.kind,
        "municipality": space.municipality_id,
        "description": space.description,
        "street": "Bahnhofstraße 1",
        "postcode": "48727",
        "city": "Billerbeck",
        "latitude": "51.97",
        "longitude": "7.29",
        "capacity": space.capacity,
        "unit_kind": space.unit_kind,
        "units": space.units.count(),
        "amenities": ["wlan", "kitchen"],
        "accessibility": ["step_free"],
        "purposes": ["work"],
        "house_rules": "",
        "price_model": "free",
        "price": "",
        "booking_mode": space.booking_mode,
        "min_minutes": 60,
        "max_minutes": 600,
        "max_days_ahead": 90,
        "cancel_hours": 24,
        "published": "on",
        "version": space.version,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# -- who ---------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login(client, setup):
    for url in (
        reverse("public:spaces_manage"),
        reverse("public:spaces_manage_space_edit", args=[setup["wagen"].pk]),
        reverse("public:spaces_manage_bookings", args=[setup["wagen"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    response = client.post(
        reverse("public:spaces_manage_booking_confirm", args=[setup["request_wagen"].pk])
    )
    assert response.status_code == 302
    setup["request_wagen"].refresh_from_db()
    assert setup["request_wagen"].status == BookingStatus.REQUESTED


def test_provider_sees_only_own_spaces_and_requests(client, setup):
    client.force_login(setup["anna"])
    response = client.get(reverse("public:spaces_manage"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bahnwaggon" in html and "WAGEN-NOTIZ" in html and "bea@example.org" in html
    assert "Dorfsaal" not in html and "SAAL-NOTIZ" not in html
    assert "Neuen Anbieter anlegen" not in html


def test_coordination_sees_every_space_of_the_region(client, setup):
    client.force_login(setup["coordinator"])
    html = client.get(reverse("public:spaces_manage")).content.decode()
    assert "Bahnwaggon" in html and "Dorfsaal" in html
    assert "WAGEN-NOTIZ" in html and "SAAL-NOTIZ" in html
    assert setup["foreign"].name not in html
    assert "Neuen Anbieter anlegen" in html


def test_a_user_who_manages_nothing_gets_an_empty_state(client, setup):
    client.force_login(setup["officer"])  # a role in the region, but no provider
    response = client.get(reverse("public:spaces_manage"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sie verwalten noch keine Räume" in html
    assert "Bahnwaggon" not in html
    assert client.get(reverse("public:spaces_manage_space_new")).status_code == 403


def test_provider_confirms_own_request_but_not_anothers(client, setup):
    client.force_login(setup["anna"])
    own = setup["request_wagen"]
    response = client.post(reverse("public:spaces_manage_booking_confirm", args=[own.pk]))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == BookingStatus.CONFIRMED
    other = setup["request_saal"]
    response = client.post(reverse("public:spaces_manage_booking_confirm", args=[other.pk]))
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.status == BookingStatus.REQUESTED
    for name in ("spaces_manage_space_edit", "spaces_manage_bookings", "spaces_manage_hours"):
        assert client.get(reverse(f"public:{name}", args=[setup["saal"].pk])).status_code == 403


def test_coordination_decides_any_request_of_the_region(client, setup):
    client.force_login(setup["coordinator"])
    saal = setup["request_saal"]
    url = reverse("public:spaces_manage_booking_decline", args=[saal.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Der Saal wird renoviert."})
    assert response.status_code == 302
    saal.refresh_from_db()
    assert saal.status == BookingStatus.DECLINED and saal.reason == "Der Saal wird renoviert."


def test_other_region_is_404(client, setup):
    foreign = setup["foreign"]
    client.force_login(setup["coordinator"])
    assert (
        client.get(reverse("public:spaces_manage_space_edit", args=[foreign.pk])).status_code == 404
    )
    assert (
        client.get(reverse("public:spaces_manage_bookings", args=[foreign.pk])).status_code == 404
    )
    # The provider's own space asked for through the other region's address: 404 as well.
    client.force_login(setup["anna"])
    url = reverse("public:spaces_manage_space_edit", args=[setup["wagen"].pk])
    assert client.get(url, HTTP_HOST=OTHER_HOST).status_code == 404
    url = reverse("public:spaces_manage_booking_confirm", args=[setup["request_wagen"].pk])
    assert client.post(url, HTTP_HOST=OTHER_HOST).status_code == 404
    setup["request_wagen"].refresh_from_db()
    assert setup["request_wagen"].status == BookingStatus.REQUESTED


# -- spaces ------------------------------------------------------------------------------------


def test_provider_creates_a_desk_space_with_units(client, setup, town):
    client.force_login(setup["anna"])
    url = reverse("public:spaces_manage_space_new")
    page = client.get(url).content.decode()
    assert "ExtraGleis" in page and "Heimatverein" not in page  # only own providers
    data = edit_data(setup["wagen"], name="Coworking Gleis 2", slug="gleis-2", version=None)
    data.update(unit_kind=UnitKind.DESK, capacity=8, units=6, kind="coworking")
    response = client.post(url, data)
    assert response.status_code == 302
    space = Space.objects.get(slug="gleis-2")
    assert space.provider == setup["extragleis"] and space.region_id == setup["wagen"].region_id
    assert space.amenities == ["wlan", "kitchen"] and space.accessibility == ["step_free"]
    assert space.units.count() == 6
    assert ObjectChange.objects.filter(object_id=space.pk, action="create").exists()


def test_provider_cannot_create_for_a_foreign_provider(client, setup):
    client.force_login(setup["anna"])
    data = edit_data(setup["wagen"], name="Kuckuck", slug="kuckuck", version=None)
    data["provider"] = setup["verein"].pk
    response = client.post(reverse("public:spaces_manage_space_new"), data)
    assert response.status_code == 400
    assert "Dies ist keine gültige Auswahl" in response.content.decode()
    assert not Space.objects.filter(slug="kuckuck").exists()


def test_space_form_bad_input_is_german_and_saves_nothing(client, setup):
    client.force_login(setup["anna"])
    wagen = setup["wagen"]
    url = reverse("public:spaces_manage_space_edit", args=[wagen.pk])
    data = edit_data(
        wagen,
        name="",
        slug="dorfsaal",  # taken in the region
        capacity="0",
        latitude="51.9",
        longitude="",
        price_model="hour",
        min_minutes="120",
        max_minutes="60",
        purposes=[],
        amenities=["wlan", "sauna"],
    )
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400
    for message in (
        "Nichts wurde gespeichert",
        "Dieses Feld ist zwingend erforderlich.",
        "Bitte geben Sie Breiten- und Längengrad an",
        "Bitte geben Sie den Preis an.",
        "Die Höchstdauer darf nicht kürzer als die Mindestdauer sein.",
        "Bitte wählen Sie mindestens einen Nutzungszweck.",
        "sauna ist keine gültige Auswahl",
    ):
        assert message in html, message
    fresh = Space.objects.get(pk=wagen.pk)
    assert (fresh.name, fresh.version, fresh.capacity) == (wagen.name, wagen.version, 10)

    response = client.post(url, edit_data(wagen, slug="dorfsaal"))
    assert response.status_code == 400
    assert "Dieses Kürzel ist in der Region schon vergeben." in response.content.decode()


def test_space_edit_saves_and_logs(client, setup):
    client.force_login(setup["anna"])
    wagen = setup["wagen"]
    url = reverse("public:spaces_manage_space_edit", args=[wagen.pk])
    response = client.post(url, edit_data(wagen, name="Der Bahnwaggon", published=None))
    assert response.status_code == 302
    fresh = Space.objects.get(pk=wagen.pk)
    assert fresh.name == "Der Bahnwaggon" and not fresh.published
    assert fresh.version == wagen.version + 1
    change = ObjectChange.objects.filter(object_id=wagen.pk, action="update").latest("pk")
    assert change.changes["name"] == {"before": "Bahnwaggon", "after": "Der Bahnwaggon"}
    assert change.user == setup["anna"]


def test_provider_may_not_put_a_space_into_the_pilot(client, setup):
    client.force_login(setup["anna"])
    wagen = setup["wagen"]
    url = reverse("public:spaces_manage_space_edit", args=[wagen.pk])
    assert 'name="in_pilot"' not in client.get(url).content.decode()
    client.post(url, edit_data(wagen, in_pilot="on"))
    assert not Space.objects.get(pk=wagen.pk).in_pilot


def test_space_edit_conflict_keeps_the_other_change(client, setup):
    client.force_login(setup["anna"])
    wagen = setup["wagen"]
    url = reverse("public:spaces_manage_space_edit", args=[wagen.pk])
    stale = edit_data(wagen, name="Fassung Anna")
    client.force_login(setup["coordinator"])
    assert client.post(url, edit_data(wagen, name="Fassung Koordination")).status_code == 302
    client.force_login(setup["anna"])
    response = client.post(url, stale)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Bearbeitungskonflikt" in html and "koord-a" in html
    assert "Fassung Anna" in html  # the input is kept
    assert Space.objects.get(pk=wagen.pk).name == "Fassung Koordination"
    # Sent again on purpose (the form now carries the current version): saved.
    again = edit_data(Space.objects.get(pk=wagen.pk), name="Fassung Anna")
    assert client.post(url, again).status_code == 302
    assert Space.objects.get(pk=wagen.pk).name == "Fassung Anna"


def test_unit_count_change_is_guarded_by_future_bookings(client, setup, region, town):
    desks = make_space(
        region, town, provider=setup["extragleis"], units=4, capacity=4, name="Schreibtische"
    )
    units = list(desks.units.order_by("position"))
    # Fill all four desks, so that the last one is booked in the future.
    for _n in range(4):
        booking.book(desks, setup["booker"], at(3, 9), at(3, 12))
    client.force_login(setup["anna"])
    url = reverse("public:spaces_manage_space_edit", args=[desks.pk])
    response = client.post(url, edit_data(desks, units=2, name="Schreibtische neu"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "hat noch Buchungen oder Anfragen" in html and "Arbeitsplatz 4" in html
    assert desks.units.count() == 4
    assert Space.objects.get(pk=desks.pk).name == "Schreibtische"  # all or nothing

    free = make_space(
        region, town, provider=setup["extragleis"], units=4, capacity=6, name="Leere Tische"
    )
    booking.book(free, setup["booker"], at(3, 9), at(3, 12))  # takes desk 1
    response = client.post(
        reverse("public:spaces_manage_space_edit", args=[free.pk]), edit_data(free, units=2)
    )
    assert response.status_code == 302
    assert list(free.units.values_list("name", flat=True)) == ["Arbeitsplatz 1", "Arbeitsplatz 2"]
    response = client.post(
        reverse("public:spaces_manage_space_edit", args=[free.pk]),
        edit_data(Space.objects.get(pk=free.pk), units=5),
    )
    assert response.status_code == 302
    assert free.units.count() == 5
    assert Unit.objects.filter(pk=units[0].pk).exists()


# -- providers --------------------------------------------------------------------------------


def test_only_the_coordination_creates_providers(client, setup):
    url = reverse("public:spaces_manage_provider_new")
    client.force_login(setup["anna"])
    assert client.get(url).status_code == 403
    client.force_login(setup["coordinator"])
    response = client.post(
        url,
        {
            "name": "Kulturbahnhof",
            "kind": "association",
            "manager_names": "bert@example.org\nniemand@example.org",
        },
    )
    assert response.status_code == 400
    assert "Kein (eindeutiges) aktives Konto gefunden für: niemand@example.org" in (
        response.content.decode()
    )
    assert not Provider.objects.filter(name="Kulturbahnhof").exists()
    response = client.post(
        url, {"name": "Kulturbahnhof", "kind": "association", "manager_names": "bert"}
    )
    assert response.status_code == 302
    provider = Provider.objects.get(name="Kulturbahnhof")
    assert list(provider.managers.all()) == [setup["bert"]]


# -- opening hours and closed periods ---------------------------------------------------------


def hours_data(**values) -> dict:
    data = {f"d{d}_{n}_{w}": "" for d in range(7) for n in range(2) for w in ("opens", "closes")}
    data.update(values)
    return data


def test_opening_hours_are_saved_with_midnight(client, setup):
    client.force_login(setup["anna"])
    wagen = setup["wagen"]
    url = reverse("public:spaces_manage_hours", args=[wagen.pk])
    response = client.post(
        url,
        hours_data(
            d0_0_opens="8",
            d0_0_closes="12:00",
            d0_1_opens="17:30",
            d0_1_closes="24:00",
            d5_0_opens="09.00",
            d5_0_closes="13:00",
        ),
    )
    assert response.status_code == 302
    rows = [(h.weekday, h.opens, h.closes) for h in OpeningHours.objects.filter(space=wagen)]
    assert rows == [
        (0, datetime.time(8), datetime.time(12)),
        (0, datetime.time(17, 30), datetime.time(0)),
        (5, datetime.time(9), datetime.time(13)),
    ]
    page = client.get(url).content.decode()
    assert 'value="24:00"' in page and 'value="17:30"' in page


def test_opening_hours_bad_input_keeps_the_old_hours(client, setup):
    client.force_login(setup["anna"])
    wagen = setup["wagen"]
    before = list(OpeningHours.objects.filter(space=wagen).values_list("weekday", "opens"))
    url = reverse("public:spaces_manage_hours", args=[wagen.pk])
    response = client.post(
        url,
        hours_data(
            d0_0_opens="25:00",
            d0_0_closes="12:00",
            d1_0_opens="12:00",
            d1_0_closes="08:00",
            d2_0_opens="08:00",
            d2_0_closes="",
            d3_0_opens="08:00",
            d3_0_closes="14:00",
            d3_1_opens="12:00",
            d3_1_closes="18:00",
            d4_0_opens="24:00",
            d4_0_closes="24:00",
        ),
    )
    html = response.content.decode()
    assert response.status_code == 400
    for message in (
        "Bitte eine Uhrzeit zwischen 00:00 und 24:00 angeben.",
        "Das Ende muss nach dem Beginn liegen.",
        "Bitte geben Sie Beginn und Ende an.",
        "Die Zeiten dieses Tages überschneiden sich.",
        "24:00 ist nur als Ende möglich.",
    ):
        assert message in html, message
    after = list(OpeningHours.objects.filter(space=wagen).values_list("weekday", "opens"))
    assert after == before and len(after) == 7


def test_closed_period_add_and_delete_with_confirmation(client, setup):
    client.force_login(setup["anna"])
    wagen = setup["wagen"]
    url = reverse("public:spaces_manage_closed", args=[wagen.pk])
    day = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(url, {"start_date": day, "end_date": day - datetime.timedelta(days=1)})
    assert response.status_code == 400
    assert "Das Ende muss nach dem Beginn liegen." in response.content.decode()
    assert not ClosedPeriod.objects.exists()
    response = client.post(
        url, {"start_date": day, "end_date": day + datetime.timedelta(days=2), "reason": "Ferien"}
    )
    assert response.status_code == 302
    period = ClosedPeriod.objects.get(space=wagen)
    assert timezone.localtime(period.start) == at(10, 0)
    assert timezone.localtime(period.end) == at(13, 0)  # the whole last day
    # Booking in the closed period is refused now.
    errors = booking.check_values(wagen, at(11, 9), at(11, 10))
    assert "Der Raum ist in diesem Zeitraum geschlossen." in errors["start"]

    delete = reverse("public:spaces_manage_closed_delete", args=[wagen.pk, period.pk])
    page = client.get(delete)
    assert page.status_code == 200 and "wirklich löschen" in page.content.decode()
    assert ClosedPeriod.objects.filter(pk=period.pk).exists()  # GET asks only
    assert client.post(delete, {}).status_code == 200  # no confirmation: asked again
    assert ClosedPeriod.objects.filter(pk=period.pk).exists()
    assert client.post(delete, {"confirm": "True"}).status_code == 302
    assert not ClosedPeriod.objects.filter(pk=period.pk).exists()
    # Another provider's closed period: 403; through another space's address: 404.
    client.force_login(setup["bert"])
    period = ClosedPeriod.objects.create(space=wagen, start=at(20, 0), end=at(21, 0))
    wagen_delete = reverse("public:spaces_manage_closed_delete", args=[wagen.pk, period.pk])
    assert client.post(wagen_delete, {"confirm": "True"}).status_code == 403
    saal_delete = reverse("public:spaces_manage_closed_delete", args=[setup["saal"].pk, period.pk])
    assert client.post(saal_delete, {"confirm": "True"}).status_code == 404
    assert ClosedPeriod.objects.filter(pk=period.pk).exists()


def test_coordination_edits_a_provider_and_its_managers(client, setup):
    provider = setup["verein"]
    url = reverse("public:spaces_manage_provider_edit", args=[provider.pk])
    client.force_login(setup["bert"])
    assert client.get(url).status_code == 403
    client.force_login(setup["coordinator"])
    page = client.get(url).content.decode()
    assert "bert@example.org" in page
    data = {"name": "Heimatverein e. V.", "kind": "association", "version": provider.version}
    response = client.post(url, {**data, "manager_names": "anna\nbert"})
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.name == "Heimatverein e. V."
    assert set(provider.managers.all()) == {setup["anna"], setup["bert"]}
    # Anna manages the Dorfsaal now; a stale second save is a conflict and changes nothing.
    client.force_login(setup["anna"])
    assert "Dorfsaal" in client.get(reverse("public:spaces_manage")).content.decode()
    client.force_login(setup["coordinator"])
    response = client.post(url, {**data, "name": "Alter Stand", "manager_names": ""})
    assert response.status_code == 409
    provider.refresh_from_db()
    assert provider.name == "Heimatverein e. V." and provider.managers.count() == 2


def test_coordination_without_providers_is_led_to_create_one(client, region, users):
    client.force_login(users["coordinator"])
    response = client.get(reverse("public:spaces_manage_space_new"))
    assert response.status_code == 302
    assert response["Location"] == reverse("public:spaces_manage_provider_new")


def test_the_edit_page_shows_the_secret_free_busy_feed_to_the_provider(client, setup):
    wagen = setup["wagen"]
    feed = reverse("public:spaces_space_feed", args=[wagen.feed_token])
    client.force_login(setup["anna"])
    page = client.get(reverse("public:spaces_manage_space_edit", args=[wagen.pk]))
    assert feed in page.content.decode()
    client.force_login(setup["bert"])
    other = client.get(reverse("public:spaces_manage_space_edit", args=[wagen.pk]))
    assert other.status_code == 403 and feed not in other.content.decode()
    assert (
        wagen.feed_token
        not in client.get(reverse("public:space_detail", args=["bahnwaggon"])).content.decode()
    )
