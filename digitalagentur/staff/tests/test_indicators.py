"""Indicators in the staff area: rights per role, forms, conflicts, the import, the dashboard."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core.models import PendingUpload
from digitalagentur.core.services import update_object
from digitalagentur.indicators import services
from digitalagentur.indicators.models import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
)
from digitalagentur.testing.indicators import make_indicator

from .helpers import confirm_data

MANAGERS = {"admin", "coordinator"}
ROLES = ["admin", "coordinator", "officer", "reader"]


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def recent(days: int = 30) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def ind(world):
    """A published indicator with a target, a region value and a value of each town."""
    return make_indicator(
        world.region,
        "Online-Dienste",
        unit="Anzahl",
        decimals=1,
        values={recent(60): "10.5"},
        targets={"2030-12-31": 100},
        town_values={world.town: {recent(60): 3}, world.other_town: {recent(60): 4}},
        links={"fields": [world.field.pk]},
    )


@pytest.fixture
def foreign(world):
    return make_indicator(world.foreign_field.region, "Fremder Indikator", values={recent(): 1})


def value_of(indicator, town=None) -> IndicatorValue:
    """The value the fixture `ind` gave the region or the town."""
    return IndicatorValue.objects.get(indicator=indicator, municipality=town, date=recent(60))


def indicator_data(indicator=None, **overrides) -> dict:
    data = {
        "name": "Breitband",
        "slug": "",
        "unit": "%",
        "direction": "higher",
        "decimals": 1,
        "description": "",
        "source": "",
        "owner": "",
        "interval_months": 12,
        "reason": "",
    }
    if indicator is not None:
        indicator.refresh_from_db()
        data.update(
            name=indicator.name,
            slug=indicator.slug,
            unit=indicator.unit,
            direction=indicator.direction,
            decimals=indicator.decimals,
            description=indicator.description,
            interval_months=indicator.interval_months,
            version=indicator.version,
            fields=list(indicator.fields.values_list("pk", flat=True)),
        )
        if indicator.published:
            data["published"] = "on"
    data.update(overrides)
    return data


# -- rights ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_list_and_detail_buttons_only_for_writers(client, login, ind, role):
    login(role)
    draft = make_indicator(ind.region, "Entwurf-Indikator", published=False)
    page = client.get(url("indicator_list")).content.decode()
    assert "Online-Dienste" in page and "Entwurf-Indikator" in page
    assert (url("indicator_create") in page) == (role in MANAGERS)
    assert (url("indicator_import") in page) == (role != "reader")
    detail = client.get(url("indicator_detail", draft.pk))
    assert detail.status_code == 200
    detail = client.get(url("indicator_detail", ind.pk)).content.decode()
    # The status in words, as on the public page (indicators/wording.py).
    assert "nach Zielpfad erwartet 10,5 Anzahl – im Plan." in detail
    assert (url("indicator_edit", ind.pk) in detail) == (role in MANAGERS)
    assert (url("indicator_target_create", ind.pk) in detail) == (role in MANAGERS)
    assert (url("indicator_value_create", ind.pk) in detail) == (role != "reader")
    region_value = url("indicator_value_edit", ind.pk, value_of(ind).pk)
    assert (region_value in detail) == (role in MANAGERS)  # the region's value: coordination


def test_anonymous_and_foreign_users_get_no_access(client, login, ind):
    response = client.get(url("indicator_detail", ind.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    login("foreign_coordinator")
    assert client.get(url("indicator_list")).status_code == 403


def test_another_regions_indicator_and_values_are_404(client, login, foreign):
    login("coordinator")
    value = IndicatorValue.objects.get(indicator=foreign)
    assert client.get(url("indicator_detail", foreign.pk)).status_code == 404
    assert client.get(url("indicator_edit", foreign.pk)).status_code == 404
    assert client.get(url("indicator_value_create", foreign.pk)).status_code == 404
    assert client.get(url("indicator_value", value.pk)).status_code == 404
    response = client.post(url("indicator_delete", foreign.pk), confirm_data(foreign))
    assert response.status_code == 404
    assert Indicator.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_coordination_writes_indicators_and_targets(client, login, world, ind, role):
    login(role)
    allowed = role in MANAGERS
    target = IndicatorTarget.objects.get(indicator=ind)
    pages = [
        (url("indicator_create"), indicator_data(name="Neu")),
        (url("indicator_edit", ind.pk), indicator_data(ind, name="Umbenannt")),
        (url("indicator_target_create", ind.pk), {"date": "2029-12-31", "value": "80"}),
        (
            url("indicator_target_edit", ind.pk, target.pk),
            {"date": "2030-12-31", "value": "90", "version": target.version},
        ),
    ]
    for target_url, data in pages:
        assert client.get(target_url).status_code == (200 if allowed else 403), target_url
        response = client.post(target_url, data)
        assert response.status_code == (302 if allowed else 403), target_url
    ind.refresh_from_db()
    assert (ind.name == "Umbenannt") == allowed
    assert list(ind.fields.all()) == [world.field]  # the edit kept the links it showed
    assert Indicator.objects.filter(name="Neu").exists() == allowed
    assert IndicatorTarget.objects.filter(indicator=ind).count() == (2 if allowed else 1)
    target.refresh_from_db()
    response = client.post(url("indicator_target_delete", ind.pk, target.pk), confirm_data(target))
    assert response.status_code == (302 if allowed else 403)
    response = client.post(url("indicator_delete", ind.pk), confirm_data(ind))
    assert response.status_code == (302 if allowed else 403)
    assert Indicator.objects.filter(pk=ind.pk).exists() != allowed


def test_the_officer_writes_only_values_of_the_own_town(client, login, world, ind):
    login("officer")
    form = client.get(url("indicator_value_create", ind.pk)).content.decode()
    assert "Senden" in form
    assert "Havixbeck" not in form and "ganze Region" not in form

    response = client.post(
        url("indicator_value_create", ind.pk),
        {"date": "2025-06-30", "value": "7,5", "municipality": world.town.pk},
    )
    assert response.status_code == 302
    added = IndicatorValue.objects.get(indicator=ind, date="2025-06-30")
    assert added.value == Decimal("7.5") and added.municipality == world.town

    # Another town's value or one of the whole region: refused in the form, nothing saved.
    for town in (world.other_town.pk, ""):
        response = client.post(
            url("indicator_value_create", ind.pk),
            {"date": "2025-07-31", "value": "1", "municipality": town},
        )
        assert response.status_code == 200
        assert "Bitte prüfen Sie Ihre Eingaben." in response.content.decode()
    assert not IndicatorValue.objects.filter(indicator=ind, date="2025-07-31").exists()

    own = value_of(ind, world.town)
    response = client.post(
        url("indicator_value_edit", ind.pk, own.pk),
        {"date": own.date, "value": "5", "municipality": world.town.pk, "version": own.version},
    )
    assert response.status_code == 302
    assert value_of(ind, world.town).value == Decimal("5")
    # The edit form cannot move the own value to another town.
    response = client.post(
        url("indicator_value_edit", ind.pk, own.pk),
        {"date": own.date, "value": "5", "municipality": world.other_town.pk, "version": 2},
    )
    assert response.status_code == 200
    assert value_of(ind, world.town).version == 2

    for other in (value_of(ind, world.other_town), value_of(ind)):
        assert client.get(url("indicator_value_edit", ind.pk, other.pk)).status_code == 403
        response = client.post(url("indicator_value_delete", ind.pk, other.pk), confirm_data(other))
        assert response.status_code == 403
        assert IndicatorValue.objects.filter(pk=other.pk).exists()
    response = client.post(url("indicator_value_delete", ind.pk, own.pk), {"version": 2})
    assert response.status_code == 302
    assert not IndicatorValue.objects.filter(pk=own.pk).exists()


def test_the_reader_cannot_add_values(client, login, ind):
    login("reader")
    assert client.get(url("indicator_value_create", ind.pk)).status_code == 403
    response = client.post(
        url("indicator_value_create", ind.pk), {"date": "2025-01-01", "value": 1}
    )
    assert response.status_code == 403
    assert client.get(url("indicator_import")).status_code == 403


def test_the_coordinator_enters_a_region_value(client, login, ind):
    login("coordinator")
    form = client.get(url("indicator_value_create", ind.pk)).content.decode()
    assert "ganze Region" in form and "Havixbeck" in form
    response = client.post(
        url("indicator_value_create", ind.pk),
        {"date": "2025-12-31", "value": "1234,5", "municipality": "", "note": "Zählung"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(url("indicator_detail", ind.pk) + "#messwerte")
    row = IndicatorValue.objects.get(indicator=ind, date="2025-12-31")
    assert row.municipality is None and row.value == Decimal("1234.5")
    detail = client.get(url("indicator_detail", ind.pk)).content.decode()
    assert "1.234,5 Anzahl" in detail


# -- forms: German errors, no partial saves --------------------------------------------------


def test_the_edit_form_shows_the_links_and_an_emptied_slug_keeps_the_old(client, login, ind):
    login("coordinator")
    form = client.get(url("indicator_edit", ind.pk)).content.decode()
    field = ind.fields.get()
    assert f'name="fields" value="{field.pk}" id="id_fields_0" checked>' in form
    response = client.post(url("indicator_edit", ind.pk), indicator_data(ind, slug="", fields=[]))
    assert response.status_code == 302
    ind.refresh_from_db()
    assert ind.slug == "online-dienste"
    assert not ind.fields.exists()


def test_create_indicator_with_links_and_generated_slug(client, login, world):
    login("coordinator")
    response = client.post(
        url("indicator_create"),
        indicator_data(
            name="Glasfaser-Anschlüsse",
            fields=[world.field.pk],
            goals=[world.goal.pk],
            projects=[world.own_project.pk],
            municipalities=[world.town.pk],
            published="on",
        ),
    )
    assert response.status_code == 302
    created = Indicator.objects.get(name="Glasfaser-Anschlüsse")
    assert response["Location"] == url("indicator_detail", created.pk)
    assert created.slug == "glasfaser-anschluesse"
    assert list(created.goals.all()) == [world.goal]
    assert list(created.projects.all()) == [world.own_project]
    assert list(created.municipalities.all()) == [world.town]


def test_invalid_indicator_input_shows_german_errors_and_saves_nothing(client, login, world, ind):
    login("coordinator")
    before = Indicator.objects.count()
    cases = [
        indicator_data(name=""),
        indicator_data(decimals=9),
        indicator_data(interval_months=0),
        indicator_data(direction="sideways"),
        indicator_data(fields=[world.foreign_field.pk]),  # another region's field
        indicator_data(fields=["99999999999999999999"]),
        indicator_data(slug=ind.slug),
    ]
    for data in cases:
        response = client.post(url("indicator_create"), data)
        assert response.status_code == 200, data
        assert "Bitte prüfen Sie Ihre Eingaben." in response.content.decode()
    assert Indicator.objects.count() == before
    content = client.post(url("indicator_create"), indicator_data(slug=ind.slug)).content
    assert "Dieses Kürzel ist in der Region schon vergeben." in content.decode()


def test_invalid_values_and_duplicate_dates_save_nothing(client, login, ind):
    login("coordinator")
    existing = value_of(ind)
    before = IndicatorValue.objects.count()
    for data in (
        {"date": "2025-01-01", "value": "abc"},
        {"date": "2025-01-01", "value": "1.234,5"},
        {"date": "31.02.2025", "value": "1"},
        {"date": "2025-01-01", "value": "1,23456"},
        {"date": "2025-01-01", "value": "1.650"},  # 1650 as pages show it: never read as 1,65
        {"date": "2025-01-01", "value": "1" * 25},
        {"date": "9999-12-31", "value": "1"},
        {"date": "2025-01-01", "value": "1", "municipality": "x"},
    ):
        response = client.post(url("indicator_value_create", ind.pk), data)
        assert response.status_code == 200, data
    response = client.post(
        url("indicator_value_create", ind.pk), {"date": existing.date.isoformat(), "value": "2"}
    )
    assert response.status_code == 200
    assert "Für diesen Stichtag gibt es schon einen Wert der Region." in response.content.decode()
    assert IndicatorValue.objects.count() == before
    assert value_of(ind).value == Decimal("10.5")

    response = client.post(
        url("indicator_target_create", ind.pk), {"date": "2030-12-31", "value": "5"}
    )
    assert response.status_code == 200
    assert "Für dieses Datum gibt es schon einen Zielwert." in response.content.decode()
    assert IndicatorTarget.objects.filter(indicator=ind).count() == 1


# -- conflicts ------------------------------------------------------------------------------


def test_a_stale_indicator_save_is_refused(client, login, users, ind):
    login("coordinator")
    stale = indicator_data(ind, description="Meine Beschreibung")
    services.update_indicator(
        Indicator.objects.get(pk=ind.pk),
        {"description": "Von der Kollegin"},
        expected_version=ind.version,
        user=users["admin"],
    )
    response = client.post(url("indicator_edit", ind.pk), stale)
    content = response.content.decode()
    assert response.status_code == 409
    assert "Dieser Indikator wurde inzwischen von admin-a am" in content
    assert "Meine Beschreibung" in content  # the own input is kept
    ind.refresh_from_db()
    assert ind.description == "Von der Kollegin"


def test_a_stale_value_save_and_delete_are_refused(client, login, users, world, ind):
    login("officer")
    own = value_of(ind, world.town)
    stale_version = own.version
    services.update_value(
        own, {"value": Decimal("9")}, expected_version=stale_version, user=users["coordinator"]
    )
    data = {"date": own.date, "value": "4", "municipality": world.town.pk, "version": 1}
    response = client.post(url("indicator_value_edit", ind.pk, own.pk), data)
    assert response.status_code == 409
    assert "Dieser Messwert wurde inzwischen von koord-a am" in response.content.decode()
    response = client.post(url("indicator_value_delete", ind.pk, own.pk), {"version": 1})
    assert response.status_code == 409
    assert value_of(ind, world.town).value == Decimal("9")


# -- list, filters, links -------------------------------------------------------------------


def test_list_filters_by_name_field_status_and_currency(client, login, world, ind):
    stale = make_indicator(world.region, "Alte Zählung", values={"2015-12-31": 1})
    login("coordinator")

    def names(query: str) -> set[str]:
        content = client.get(url("indicator_list") + query).content.decode()
        return {n for n in ("Online-Dienste", "Alte Zählung") if f">{n}</a>" in content}

    assert names("") == {"Online-Dienste", "Alte Zählung"}
    assert names("?q=online") == {"Online-Dienste"}
    assert names(f"?field={world.field.pk}") == {"Online-Dienste"}
    assert names("?aktuell=0") == {"Alte Zählung"}
    assert names("?aktuell=1") == {"Online-Dienste"}
    assert names("?status=unknown") == {"Alte Zählung"}
    assert names("?sichtbarkeit=0") == set()
    # Invalid filters are named and ignored, never a 500.
    response = client.get(url("indicator_list") + "?field=abc&status=x&aktuell=7")
    assert response.status_code == 200
    assert "Einige Filter sind ungültig" in response.content.decode()
    assert stale.pk


def test_empty_list_explains_how_to_start(client, login, world):
    login("coordinator")
    content = client.get(url("indicator_list")).content.decode()
    assert "Noch keine Indikatoren angelegt." in content
    assert url("indicator_import") in content


def test_change_log_links_of_values_and_targets_lead_to_the_indicator(client, login, ind):
    login("reader")
    row = value_of(ind)
    response = client.get(url("indicator_value", row.pk))
    assert response.status_code == 302
    assert response["Location"] == url("indicator_detail", ind.pk) + f"#messwert-{row.pk}"
    target = IndicatorTarget.objects.get(indicator=ind)
    response = client.get(url("indicator_target", target.pk))
    assert response["Location"] == url("indicator_detail", ind.pk) + f"#zielwert-{target.pk}"


def test_detail_links_the_public_page_only_when_published(client, login, ind):
    login("coordinator")
    assert (
        f"/indikatoren/{ind.slug}/" in client.get(url("indicator_detail", ind.pk)).content.decode()
    )
    update_object(ind, {"published": False}, expected_version=ind.version)
    content = client.get(url("indicator_detail", ind.pk)).content.decode()
    assert f"/indikatoren/{ind.slug}/" not in content


# -- import ---------------------------------------------------------------------------------


def csv_file(text: str, name: str = "werte.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows: list[list]) -> SimpleUploadedFile:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("werte.xlsx", out.getvalue())


GOOD_CSV = (
    "Indikator;Stichtag;Wert;Kommune;Anmerkung\n"
    "Online-Dienste;31.12.2024;1.5;;\n"  # a point is read as the decimal point
    "online-dienste;31.12.2025;12,75;Senden;Zählung\n"
)


def token_of(response) -> str:
    return response.context["apply_form"].initial["token"]


def test_import_checks_first_and_writes_only_on_confirmation(client, login, world, ind, users):
    login("coordinator")
    before = IndicatorValue.objects.count()
    response = client.post(url("indicator_import"), {"file": csv_file(GOOD_CSV)})
    content = response.content.decode()
    assert response.status_code == 200
    assert "2 Zeilen: 2 neu, 0 geändert, 0 unverändert, 0 mit Fehlern." in content
    assert "12,75" in content and "31.12.2025" in content
    assert IndicatorValue.objects.count() == before  # the dry run wrote nothing
    token = token_of(response)
    pending = PendingUpload.objects.get()
    assert (pending.token, pending.user) == (token, users["coordinator"])
    assert "indicator" not in str(dict(client.session))  # the file is not in the session

    response = client.post(url("indicator_import_apply"), {"token": token})
    assert response.status_code == 302
    assert response["Location"] == url("indicator_list")
    assert IndicatorValue.objects.count() == before + 2
    assert value_of(ind, world.town).value == Decimal("3")  # other dates untouched
    town_value = IndicatorValue.objects.get(
        indicator=ind, municipality=world.town, date="2025-12-31"
    )
    assert town_value.value == Decimal("12.75") and town_value.note == "Zählung"
    assert not PendingUpload.objects.exists()
    # The token is used up: a second confirmation imports nothing.
    response = client.post(url("indicator_import_apply"), {"token": token}, follow=True)
    assert "nicht mehr vorhanden" in response.content.decode()
    assert IndicatorValue.objects.count() == before + 2


def test_import_with_one_error_writes_nothing_and_offers_no_confirmation(client, login, ind):
    login("coordinator")
    before = IndicatorValue.objects.count()
    text = GOOD_CSV + "Unbekannt;31.12.2025;1;;\nOnline-Dienste;morgen;x;Atlantis;\n"
    response = client.post(url("indicator_import"), {"file": csv_file(text)})
    content = response.content.decode()
    assert "Indikator „unbekannt“ gibt es in dieser Region nicht." in content
    assert "Der Stichtag ist kein Datum" in content
    assert "Die Kommune „atlantis“ gibt es in dieser Region nicht." in content
    assert response.context["apply_form"] is None
    assert not PendingUpload.objects.exists()
    assert IndicatorValue.objects.count() == before


def test_import_apply_rechecks_and_writes_nothing_when_data_changed(client, login, ind):
    login("coordinator")
    before = IndicatorValue.objects.count()
    response = client.post(url("indicator_import"), {"file": csv_file(GOOD_CSV)})
    token = token_of(response)
    Indicator.objects.filter(pk=ind.pk).update(name="Umbenannt", slug="umbenannt")
    response = client.post(url("indicator_import_apply"), {"token": token})
    assert response.status_code == 409
    assert "Nichts wurde importiert" in response.content.decode()
    assert IndicatorValue.objects.count() == before


def test_import_refuses_tampered_tokens(client, login, ind):
    login("coordinator")
    before = IndicatorValue.objects.count()
    response = client.post(url("indicator_import"), {"file": csv_file(GOOD_CSV)})
    token = token_of(response)
    for forged in ("", "x" * 32, token[:-1] + ("A" if token[-1] != "A" else "B"), "a" * 500):
        response = client.post(url("indicator_import_apply"), {"token": forged})
        assert response.status_code == 302
        assert response["Location"] == url("indicator_import")
    assert IndicatorValue.objects.count() == before
    # A pending file older than a day is no longer there to confirm.
    PendingUpload.objects.update(created=timezone.now() - datetime.timedelta(days=1, seconds=1))
    response = client.post(url("indicator_import_apply"), {"token": token})
    assert response["Location"] == url("indicator_import")
    assert IndicatorValue.objects.count() == before
    assert client.get(url("indicator_import_apply")).status_code == 405


def test_another_users_token_is_useless(client, login, ind, users):
    from django.test import Client

    other = Client()
    other.force_login(users["admin"])
    response = other.post(url("indicator_import"), {"file": csv_file(GOOD_CSV)})
    token = token_of(response)
    login("coordinator")
    before = IndicatorValue.objects.count()
    response = client.post(url("indicator_import_apply"), {"token": token})
    assert response.status_code == 302
    assert IndicatorValue.objects.count() == before


def test_the_officers_import_is_refused_row_by_row_for_other_towns(client, login, world, ind):
    login("officer")
    response = client.post(url("indicator_import"), {"file": csv_file(GOOD_CSV)})
    content = response.content.decode()
    assert "Werte für die ganze Region trägt die Koordination ein." in content
    assert response.context["apply_form"] is None

    own_only = "Indikator;Stichtag;Wert;Kommune\nOnline-Dienste;2025-12-31;8;senden\n"
    response = client.post(url("indicator_import"), {"file": csv_file(own_only)})
    response = client.post(url("indicator_import_apply"), {"token": token_of(response)})
    assert response.status_code == 302
    assert IndicatorValue.objects.get(indicator=ind, date="2025-12-31").municipality == world.town


def test_import_reads_xlsx_with_dates_and_numbers(client, login, world, ind):
    login("coordinator")
    old = value_of(ind)
    upload = xlsx_file(
        [
            ["Stichtag", "Indikator", "Wert", "Kommune"],
            # Spreadsheet cells hold naive date-times (Excel knows no time zones).
            [datetime.datetime(2025, 12, 31), "Online-Dienste", 42.25, None],  # noqa: DTZ001
            [old.date, "Online-Dienste", 11, None],  # changes the existing value
            [old.date, "Online-Dienste", 3, "Senden"],  # the same as stored
        ]
    )
    response = client.post(url("indicator_import"), {"file": upload})
    summary = response.context["report"].summary()
    assert summary == {"rows": 3, "created": 1, "updated": 1, "unchanged": 1, "errors": 0}
    client.post(url("indicator_import_apply"), {"token": token_of(response)})
    assert IndicatorValue.objects.get(indicator=ind, date="2025-12-31").value == Decimal("42.25")
    assert value_of(ind).value == Decimal("11")
    assert value_of(ind).version == 2


def test_import_refuses_unreadable_and_oversized_files(client, login, ind):
    login("coordinator")
    for upload, message in (
        (SimpleUploadedFile("werte.pdf", b"%PDF"), "Bitte laden Sie eine CSV- oder XLSX-Datei"),
        (SimpleUploadedFile("werte.xlsx", b"kein zip"), "Die XLSX-Datei ist nicht lesbar."),
        (csv_file("Name;Zahl\nx;1\n"), "Es fehlen Spalten"),
        (csv_file("x" * (2 * 1024 * 1024 + 1)), "größer als 2 MB"),
    ):
        response = client.post(url("indicator_import"), {"file": upload})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not PendingUpload.objects.exists()


def test_the_template_csv_can_be_imported(client, login, ind):
    login("coordinator")
    response = client.get(url("indicator_import_template"))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.startswith("Indikator;Stichtag;Wert;Kommune;Anmerkung\r\n")
    upload = SimpleUploadedFile("vorlage.csv", response.content)
    report = client.post(url("indicator_import"), {"file": upload}).context["report"]
    assert report.ok and report.rows[0].value == Decimal("12.5")


# -- the management command -----------------------------------------------------------------


def test_command_is_a_dry_run_unless_apply(tmp_path, world, ind):
    path = tmp_path / "werte.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    out = io.StringIO()
    before = IndicatorValue.objects.count()
    call_command("import_indicator_values", str(path), region=world.region.slug, stdout=out)
    assert "Zeile 3: Online-Dienste, 31.12.2025, 12,75, Senden: neu" in out.getvalue()
    assert "nichts gespeichert" in out.getvalue()
    assert IndicatorValue.objects.count() == before
    out = io.StringIO()
    call_command(
        "import_indicator_values", str(path), region=world.region.slug, apply=True, stdout=out
    )
    assert "Importiert: 2 neu, 0 geändert, 0 unverändert." in out.getvalue()
    assert IndicatorValue.objects.count() == before + 2


def test_command_fails_on_errors_and_writes_nothing(tmp_path, world, ind):
    path = tmp_path / "werte.csv"
    path.write_text(GOOD_CSV + "Online-Dienste;31.12.2026;zwölf;;\n", encoding="utf-8")
    out = io.StringIO()
    before = IndicatorValue.objects.count()
    with pytest.raises(CommandError, match="1 Zeile"):
        call_command(
            "import_indicator_values", str(path), region=world.region.slug, apply=True, stdout=out
        )
    assert "Der Wert ist keine Zahl" in out.getvalue()
    assert IndicatorValue.objects.count() == before
    with pytest.raises(CommandError, match="Region „nirgendwo“"):
        call_command("import_indicator_values", str(path), region="nirgendwo")
    # Another region's indicator is unknown there.
    with pytest.raises(CommandError):
        call_command("import_indicator_values", str(path), region="kreis-b", stdout=io.StringIO())


# -- dashboard and query counts ---------------------------------------------------------------


def test_dashboard_lists_stale_indicators_not_current_ones(client, login, world, ind):
    make_indicator(world.region, "Veraltete Zählung", values={"2019-12-31": 5})
    make_indicator(world.region, "Ohne Werte")
    login("reader")
    content = client.get(url("dashboard")).content.decode()
    assert "Indikatoren ohne aktuellen Wert" in content
    assert "Veraltete Zählung" in content and "letzter Wert vom 31.12.2019" in content
    assert "Ohne Werte" in content and "noch kein Wert" in content
    assert ">Online-Dienste<" not in content
    assert url("indicator_list") + "?aktuell=0" in content


def count_queries(client, target) -> int:
    client.get(target)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(target).status_code == 200
    return len(captured)


def add_indicators(world, count: int) -> None:
    for n in range(count):
        make_indicator(
            world.region,
            f"Indikator {n}",
            values={"2023-12-31": n, "2024-12-31": n + 1},
            targets={"2030-12-31": 100},
            town_values={world.town: {"2024-12-31": n}},
            links={"fields": [world.field.pk], "municipalities": [world.town.pk]},
            published=n % 2 == 0,
        )


@pytest.mark.parametrize("role", ["coordinator", "officer"])
def test_list_detail_and_dashboard_queries_do_not_grow(
    client, login, world, ind, django_assert_num_queries, role
):
    login(role)
    pages = [
        url("indicator_list"),
        url("indicator_list") + f"?aktuell=0&field={world.field.pk}&q=i",
        url("indicator_detail", ind.pk),
        url("dashboard"),
    ]
    add_indicators(world, 2)
    counts = [count_queries(client, page) for page in pages]
    for n in range(10):
        services.add_value(ind, date=datetime.date(2010 + n, 1, 1), value=Decimal(n))
        services.add_value(
            ind, date=datetime.date(2010 + n, 1, 1), value=Decimal(n), municipality=world.town
        )
        services.add_target(ind, date=datetime.date(2031 + n, 1, 1), value=Decimal(n))
    for n in range(20):
        make_indicator(world.region, f"Weiterer {n}", values={"2010-01-01": n})
    for page, small in zip(pages, counts, strict=True):
        client.get(page)
        with django_assert_num_queries(small):
            client.get(page)
