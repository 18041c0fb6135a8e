"""The staff forms of funding: German amounts and rates, every form's happy path and its bad
input, permissions per role (officers of a taking-part town and of another town), stale
versions, deletes with confirmation and in-use refusals, and nothing half saved."""

from __future__ import annotations

import datetime
from decimal import Decimal
from itertools import count

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.funding import services
from digitalagentur.funding.finance import Line, Rules, compute
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
from digitalagentur.staff.funding_input import (
    AmountError,
    moment,
    parse_amount,
    parse_rate,
    parse_time,
)
from digitalagentur.staff.views.funding_plan_figures import message_templates

D = Decimal
_seq = count(1)


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def page(response) -> str:
    return response.content.decode()


# -- builders -------------------------------------------------------------------------------------


def make_funder(region, name=None) -> Funder:
    return services.create(Funder(region=region, name=name or f"Fördergeber {next(_seq)}"))


def make_programme(region, name=None, **values) -> Programme:
    values = {
        "funding_rate": D("0.65"),
        "third_party_max_share_of_own": D("0.5"),
        "max_grant": D("15000000.00"),
        "max_months": 48,
        **values,
    }
    return services.create(
        Programme(
            region=region,
            funder=make_funder(region),
            name=name or f"Programm {next(_seq)}",
            **values,
        )
    )


def in_days(days: int) -> datetime.datetime:
    return end_of_day(timezone.localdate() + datetime.timedelta(days=days))


def make_call(programme, title=None, *, deadline=None) -> Call:
    return services.create(
        Call(
            region_id=programme.region_id,
            programme=programme,
            title=title or f"Aufruf {next(_seq)}",
            deadline=deadline or in_days(30),
        )
    )


def make_application(programme, *, towns=(), call=None, **values) -> Application:
    application = services.create(
        Application(
            region_id=programme.region_id,
            programme=programme,
            call=call,
            title=values.pop("title", f"Antrag {next(_seq)}"),
            **values,
        ),
        m2m={"municipalities": [town.pk for town in towns]},
    )
    return application


def make_sub(application, title="Teilprojekt", lines=()) -> SubProject:
    sub = services.create(
        SubProject(region_id=application.region_id, application=application, title=title)
    )
    for kind, amount, *rest in lines:
        services.create(
            BudgetLine(
                region_id=application.region_id,
                subproject=sub,
                kind=kind,
                amount=D(amount),
                eligible=rest[0] if rest else True,
            )
        )
    return sub


def change(obj, action: str, model=None) -> ObjectChange:
    """The one logged change `action` of `obj` (of `model` when obj is already deleted)."""
    content_type = ContentType.objects.get_for_model(model or type(obj))
    return ObjectChange.objects.get(content_type=content_type, object_id=obj.pk, action=action)


# -- numbers as people type them -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1234.5", "1234.50"),
        ("1.234", "1234.00"),  # German thousands, never 1,234 euros
        ("12.345.678,9", "12345678.90"),
        (" 1 234,56 € ", "1234.56"),
        ("15 Mio.", "15000000.00"),
        ("1,5 Mio. €", "1500000.00"),
        ("300 Mio", "300000000.00"),
        ("1.234,56 Euro", "1234.56"),
        ("0", "0.00"),
        ("1,230", "1.23"),  # a trailing zero is no third cent
        ("999.999.999.999,99", "999999999999.99"),
    ],
)
def test_amounts_are_read_the_german_way(text, expected):
    assert parse_amount(text) == D(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "Bitte einen Betrag in Euro angeben"),
        ("1,234.56", "Bitte einen Betrag in Euro angeben"),
        ("1.2345", "Bitte einen Betrag in Euro angeben"),
        ("12,5,0", "Bitte einen Betrag in Euro angeben"),
        ("1e5", "Bitte einen Betrag in Euro angeben"),
        ("-5", "darf nicht negativ sein"),
        ("-1.234,56", "darf nicht negativ sein"),
        ("1,234", "höchstens zwei Nachkommastellen"),
        ("1,234567891 Mio.", "höchstens zwei Nachkommastellen"),
        ("1.000.000.000.000", "unter einer Billion Euro"),
        ("1000000 Mio.", "unter einer Billion Euro"),
    ],
)
def test_bad_amounts_are_refused_in_german(text, message):
    with pytest.raises(AmountError) as caught:
        parse_amount(text)
    assert message in str(caught.value.message)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("65", "0.6500"),
        ("65 %", "0.6500"),
        ("65%", "0.6500"),
        ("62,5", "0.6250"),
        ("62.5", "0.6250"),
        ("62,55", "0.6255"),
        ("0,5 %", "0.0050"),
        ("0", "0.0000"),
        ("100", "1.0000"),
    ],
)
def test_rates_are_typed_in_percent_and_kept_as_fractions(text, expected):
    assert parse_rate(text) == D(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0,65", "Bitte in Prozent angeben"),  # 65 % or 0,65 %? asked, not guessed
        ("101", "zwischen 0 und 100 %"),
        ("-5", "zwischen 0 und 100 %"),
        ("62,555", "höchstens zwei Nachkommastellen"),
        ("viel", "Bitte einen Satz in Prozent angeben"),
    ],
)
def test_bad_rates_are_refused_in_german(text, message):
    with pytest.raises(AmountError) as caught:
        parse_rate(text)
    assert message in str(caught.value.message)


def test_24_00_is_the_end_of_the_day_in_berlin():
    day = datetime.date(2021, 3, 14)
    assert parse_time("24:00") is None
    assert moment(day, "24:00") == end_of_day(day)
    assert timezone.localtime(moment(day, "24:00")).date() == datetime.date(2021, 3, 15)
    assert timezone.localtime(moment(day, "14.30")).time() == datetime.time(14, 30)
    assert timezone.localtime(moment(day, "9 Uhr")).time() == datetime.time(9)
    for bad in ("25:00", "12:60", "24:30", "mittags"):
        with pytest.raises(AmountError):
            parse_time(bad)


def test_the_scripts_message_templates_are_the_finance_messages():
    rules = Rules(
        funding_rate=D("0.65"),
        max_grant=D("100.00"),
        third_party_max_share_of_own=D("0.5"),
        max_months=12,
    )
    plan = compute(
        rules, [Line("x", "investive", D("1000.00"))], duration_months=13, third_party=D("900")
    )
    templates = message_templates()
    assert plan.warnings == [
        templates["msg-cap"].format(cap="100,00", uncapped="650,00"),
        templates["msg-third-party"].format(allowed="450,00", offered="900,00"),
    ]
    assert plan.errors == [templates["msg-duration"].format(months=13, max=12)]


# -- funders -------------------------------------------------------------------------------------


def test_a_coordinator_creates_edits_and_deletes_a_funder(client, login, world):
    user = login("coordinator")
    response = client.post(
        url("funder_create"),
        {"name": " Bundesministerium des Innern ", "short_name": "BMI", "website": "bmi.bund.de"},
    )
    funder = Funder.objects.get(region=world.region)
    assert response.status_code == 302
    assert response["Location"].endswith("#foerdergeber")
    assert (funder.name, funder.website) == ("Bundesministerium des Innern", "https://bmi.bund.de")
    assert change(funder, "create").user == user
    # Same name again (case-blind): refused with a message naming the field.
    response = client.post(url("funder_create"), {"name": "bundesministerium des innern"})
    assert response.status_code == 200
    assert "Name</a>: Diesen Fördergeber gibt es in der Region schon." in page(response)
    response = client.post(
        url("funder_edit", funder.pk),
        {"name": "BMI", "short_name": "", "version": funder.version, "reason": "kürzer"},
    )
    assert response.status_code == 302
    funder.refresh_from_db()
    assert (funder.name, funder.version) == ("BMI", 2)
    assert "Wollen Sie „BMI“ wirklich löschen?" in page(client.get(url("funder_delete", funder.pk)))
    response = client.post(url("funder_delete", funder.pk), {"version": 2, "reason": ""})
    assert response.status_code == 302
    assert not Funder.objects.filter(pk=funder.pk).exists()


def test_a_funder_with_programmes_is_not_deleted(client, login, world):
    programme = make_programme(world.region)
    funder = programme.funder
    login("coordinator")
    confirm = page(client.get(url("funder_delete", funder.pk)))
    assert "kann nicht gelöscht werden: 1 Förderprogramm gehört zu diesem Fördergeber" in confirm
    assert "Endgültig löschen" not in confirm
    response = client.post(
        url("funder_delete", funder.pk), {"version": funder.version}, follow=True
    )
    assert response.status_code == 200
    assert "kann nicht gelöscht werden" in page(response)
    assert Funder.objects.filter(pk=funder.pk).exists()


# -- programmes ----------------------------------------------------------------------------------


def programme_data(owner, **overrides) -> dict:
    data = {
        "funder": owner.pk,
        "name": "Modellprojekte Smart Cities",
        "slug": "",
        "summary": "Stadtentwicklung digital",
        "funding_rate": "65 %",
        "own_share_rate": "35",
        "third_party_max_share_of_own": "50",
        "max_grant": "15 Mio.",
        "total_volume": "300.000.000,00",
        "max_months": "48",
        "cost_types": ["personnel", "investment"],
        "applicant_types": ["district", "town"],
        "phases": "Phase A: Strategie\nPhase B: Umsetzung",
        "keywords": "Smart City, Daten",
        "funding_type": "Zuschuss",
        "funding_area": "Digitalisierung",
        "funding_region": "bundesweit",
        "eligible_recipients": "Kommunen",
        "legal_basis": "Förderaufruf",
        "contact": "KfW",
        "website": "https://www.smart-city-dialog.de",
        "external_id": "FDB-1",
        "internal_notes": "vertraulich",
        "published": "on",
        "reason": "Aufruf 2021",
    }
    data.update(overrides)
    return data


def test_a_programme_is_created_with_rates_in_percent_and_german_amounts(client, login, world):
    funder = make_funder(world.region, "BMI")
    foreign_field = t.make_field(world.foreign_strategy, "Fremdfeld")
    login("admin")
    data = programme_data(funder, fields=[world.field.pk])
    response = client.post(url("programme_create"), data)
    programme = Programme.objects.get(region=world.region)
    assert response.status_code == 302
    assert response["Location"] == url("programme_detail", programme.pk)
    assert programme.funding_rate == D("0.6500")
    assert programme.own_share_rate == D("0.35")
    assert programme.third_party_max_share_of_own == D("0.5")
    assert programme.max_grant == D("15000000.00")
    assert programme.total_volume == D("300000000.00")
    assert programme.cost_types == ["personnel", "investment"]
    assert programme.applicant_types == ["district", "town"]
    assert list(programme.fields.all()) == [world.field]
    assert programme.slug == "modellprojekte-smart-cities"
    assert programme.published and programme.external_id == "FDB-1"
    assert change(programme, "create").reason == "Aufruf 2021"
    # The edit form shows the stored rules as typed: per cent and German euros.
    form = page(client.get(url("programme_edit", programme.pk)))
    assert 'value="65"' in form and 'value="15.000.000,00"' in form and 'value="50"' in form
    # A field of action of another region is no choice.
    data = programme_data(funder, name="Anderes", external_id="", fields=[foreign_field.pk])
    response = client.post(url("programme_create"), data)
    assert "Handlungsfelder</a>: " in page(response)
    assert Programme.objects.filter(region=world.region).count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"max_grant": "-5"},
            "Höchstbetrag je Antrag (€)</a>: Der Betrag darf nicht negativ sein.",
        ),
        (
            {"total_volume": "1.000.000.000.000"},
            "Gesamtvolumen (€)</a>: Der Betrag muss unter einer Billion Euro liegen.",
        ),
        ({"max_grant": "1,234.56"}, "Höchstbetrag je Antrag (€)</a>: Bitte einen Betrag in Euro"),
        ({"funding_rate": "viel"}, "Fördersatz (%)</a>: Bitte einen Satz in Prozent angeben"),
        ({"funding_rate": "0,65"}, "Fördersatz (%)</a>: Bitte in Prozent angeben"),
        (
            {"funding_rate": "70", "own_share_rate": "35"},
            "Eigenanteil (%)</a>: Fördersatz und Eigenanteil ergeben zusammen mehr als 100 %.",
        ),
        ({"max_months": "0"}, "Höchste Laufzeit (Monate)</a>: "),
        ({"cost_types": ["gold"]}, "Förderfähige Kosten</a>: "),
        ({"funder": "999999"}, "Fördergeber</a>: "),
        ({"funder": "9" * 30}, "Fördergeber</a>: "),
        ({"slug": "schon-da"}, "Kürzel</a>: Dieses Kürzel ist in der Region schon vergeben."),
        ({"external_id": "FDB-9"}, "Kennung in der Förderdatenbank</a>: Ein Programm mit"),
    ],
)
def test_bad_programme_input_names_the_field(client, login, world, overrides, message):
    funder = make_funder(world.region, "BMI")
    make_programme(world.region, "Schon da", slug="schon-da", external_id="FDB-9")
    login("coordinator")
    response = client.post(url("programme_create"), programme_data(funder, **overrides))
    assert response.status_code == 200
    assert message in page(response)
    assert Programme.objects.filter(region=world.region).count() == 1


def test_a_programme_of_another_funder_region_is_refused(client, login, world):
    foreign_funder = make_funder(world.foreign_town.region, "Fremd")
    login("coordinator")
    response = client.post(url("programme_create"), programme_data(foreign_funder))
    assert "Fördergeber</a>: " in page(response)
    assert not Programme.objects.exists()


def test_a_stale_programme_edit_shows_the_conflict_and_keeps_both(client, login, world):
    programme = make_programme(world.region, "Alt")
    login("coordinator")
    data = programme_data(programme.funder, name="Meine Fassung", version=programme.version)
    services.update(programme, {"name": "Fremde Fassung"}, expected_version=1)
    response = client.post(url("programme_edit", programme.pk), data)
    assert response.status_code == 409
    assert "Bearbeitungskonflikt – nichts wurde überschrieben" in page(response)
    assert 'value="Meine Fassung"' in page(response)  # the input is kept
    programme.refresh_from_db()
    assert programme.name == "Fremde Fassung"
    # Saving again on purpose, based on the version now shown, wins.
    data["version"] = 2
    assert client.post(url("programme_edit", programme.pk), data).status_code == 302
    programme.refresh_from_db()
    assert (programme.name, programme.version) == ("Meine Fassung", 3)


def test_a_programme_in_use_is_not_deleted_and_says_why(client, login, world):
    programme = make_programme(world.region, "Genutzt")
    make_call(programme)
    make_application(programme)
    login("coordinator")
    confirm = page(client.get(url("programme_delete", programme.pk)))
    assert (
        "Das Förderprogramm „Genutzt“ kann nicht gelöscht werden, solange 1 Förderantrag und "
        "1 Aufruf darauf verweisen."
    ) in confirm
    response = client.post(url("programme_delete", programme.pk), {"version": 1}, follow=True)
    assert response.status_code == 200
    assert "kann nicht gelöscht werden" in page(response)
    assert Programme.objects.filter(pk=programme.pk).exists()
    assert not ObjectChange.objects.filter(object_repr="Genutzt", action="delete").exists()


def test_an_unused_programme_is_deleted_after_confirmation(client, login, world):
    programme = make_programme(world.region, "Weg damit")
    login("coordinator")
    response = client.post(url("programme_delete", programme.pk), {"version": 1, "reason": "alt"})
    assert response.status_code == 302
    assert not Programme.objects.filter(pk=programme.pk).exists()
    assert ObjectChange.objects.get(object_repr="Weg damit", action="delete").reason == "alt"
    # A stale confirmation deletes nothing.
    other = make_programme(world.region, "Noch da")
    services.update(other, {"summary": "neu"}, expected_version=1)
    response = client.post(url("programme_delete", other.pk), {"version": 1})
    assert response.status_code == 409
    assert Programme.objects.filter(pk=other.pk).exists()


# -- calls and later deadlines ---------------------------------------------------------------------


def call_data(parent, **overrides) -> dict:
    day = timezone.localdate() + datetime.timedelta(days=20)
    data = {
        "programme": parent.pk,
        "title": "Staffel 2026",
        "opens_date": (day - datetime.timedelta(days=30)).isoformat(),
        "opens_time": "",
        "deadline_date": day.isoformat(),
        "deadline_time": "24:00",
        "website": "",
        "reason": "",
    }
    data.update(overrides)
    return data


def test_a_call_is_created_with_a_24_00_deadline(client, login, world):
    programme = make_programme(world.region)
    login("coordinator")
    data = call_data(programme)
    response = client.post(url("call_create", programme.pk), data)
    call = Call.objects.get(programme=programme)
    assert response["Location"] == url("programme_detail", programme.pk) + f"#aufruf-{call.pk}"
    day = datetime.date.fromisoformat(data["deadline_date"])
    assert call.deadline == end_of_day(day)
    assert timezone.localtime(call.opens_at).time() == datetime.time(0)
    # The edit form shows the deadline as it was typed.
    form = page(client.get(url("call_edit", call.pk)))
    assert f'value="{day.isoformat()}"' in form and 'value="24:00"' in form
    # An empty time is 24:00 too; a time of day is kept.
    data = call_data(programme, title="Mittags", deadline_time="12:30", opens_date="")
    client.post(url("call_create", programme.pk), data)
    noon = Call.objects.get(title="Mittags")
    assert timezone.localtime(noon.deadline).time() == datetime.time(12, 30)
    assert noon.opens_at is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"deadline_date": "2021-03-14"},
            "Bewerbungsfrist (Datum)</a>: Die Bewerbungsfrist liegt in der Vergangenheit",
        ),
        (
            {"opens_date": "2099-01-01", "deadline_date": "2098-12-31"},
            "Beginn (Datum)</a>: Der Beginn muss vor der Bewerbungsfrist liegen.",
        ),
        ({"deadline_time": "25:00"}, "Bewerbungsfrist (Uhrzeit)</a>: Bitte eine Uhrzeit wie"),
        ({"deadline_date": "kaputt"}, "Bewerbungsfrist (Datum)</a>: "),
        ({"deadline_date": "9999-12-31"}, "Bitte ein Datum zwischen 1900 und 2200 angeben."),
        ({"opens_date": "", "opens_time": "10:00"}, "Bitte zur Uhrzeit auch das Datum angeben."),
        ({"programme": "999999"}, "Programm</a>: "),
    ],
)
def test_bad_call_input_names_the_field(client, login, world, overrides, message):
    programme = make_programme(world.region)
    login("coordinator")
    response = client.post(url("call_create", programme.pk), call_data(programme, **overrides))
    assert response.status_code == 200
    assert message in page(response)
    assert not Call.objects.exists()


def test_an_old_call_can_still_be_edited(client, login, world):
    programme = make_programme(world.region)
    call = make_call(programme, "Staffel 2021", deadline=end_of_day(datetime.date(2021, 3, 14)))
    login("coordinator")
    form = page(client.get(url("call_edit", call.pk)))
    assert 'value="2021-03-14"' in form and 'value="24:00"' in form
    data = call_data(
        programme,
        title="Staffel 2021 (Smart Cities)",
        opens_date="",
        deadline_date="2021-03-14",
        version=call.version,
    )
    assert client.post(url("call_edit", call.pk), data).status_code == 302
    call.refresh_from_db()
    assert call.title == "Staffel 2021 (Smart Cities)"
    assert call.deadline == end_of_day(datetime.date(2021, 3, 14))


def test_a_call_with_applications_is_not_deleted(client, login, world):
    programme = make_programme(world.region)
    call = make_call(programme, "Benutzt")
    make_application(programme, call=call)
    unused = make_call(programme, "Frei")
    services.create(CallDeadline(region=world.region, call=unused, title="Rat", due=in_days(3)))
    login("coordinator")
    response = client.post(url("call_delete", call.pk), {"version": 1}, follow=True)
    assert "Der Aufruf „Benutzt“ kann nicht gelöscht werden" in page(response)
    assert Call.objects.filter(pk=call.pk).exists()
    response = client.post(url("call_delete", unused.pk), {"version": 1})
    assert response.status_code == 302
    assert not Call.objects.filter(pk=unused.pk).exists()
    assert not CallDeadline.objects.exists()  # its later deadlines went with it


def test_later_deadlines_are_created_edited_and_deleted(client, login, world):
    programme = make_programme(world.region)
    call = make_call(programme)
    login("coordinator")
    response = client.post(
        url("calldeadline_create", call.pk),
        {"title": "Ratsbeschlüsse zum Eigenanteil", "due_date": "2021-04-14", "due_time": ""},
    )
    deadline = CallDeadline.objects.get(call=call)
    assert response["Location"] == url("programme_detail", programme.pk) + f"#frist-{deadline.pk}"
    assert deadline.due == end_of_day(datetime.date(2021, 4, 14))
    response = client.post(
        url("calldeadline_edit", deadline.pk),
        {"title": "Ratsbeschluss", "due_date": "2021-04-14", "due_time": "18:00", "version": 1},
    )
    deadline.refresh_from_db()
    assert timezone.localtime(deadline.due).time() == datetime.time(18)
    response = client.post(
        url("calldeadline_edit", deadline.pk),
        {"title": "Ratsbeschluss", "due_date": "2021-04-14", "due_time": "18:00", "version": 1},
    )
    assert response.status_code == 409  # version 1 is stale now
    assert client.post(url("calldeadline_delete", deadline.pk), {"version": 2}).status_code == 302
    assert not CallDeadline.objects.exists()


# -- who may write programmes ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["officer", "reader", "foreign_coordinator"])
def test_only_the_coordination_writes_funders_programmes_and_calls(client, login, world, role):
    programme = make_programme(world.region)
    call = make_call(programme)
    deadline = services.create(
        CallDeadline(region=world.region, call=call, title="Rat", due=in_days(3))
    )
    login(role)
    targets = [
        url("funder_create"),
        url("funder_edit", programme.funder_id),
        url("funder_delete", programme.funder_id),
        url("programme_create"),
        url("programme_edit", programme.pk),
        url("programme_delete", programme.pk),
        url("call_create", programme.pk),
        url("call_edit", call.pk),
        url("call_delete", call.pk),
        url("calldeadline_create", call.pk),
        url("calldeadline_edit", deadline.pk),
        url("calldeadline_delete", deadline.pk),
    ]
    for target in targets:
        assert client.get(target).status_code == 403, target
        assert client.post(target, {"name": "x", "version": 1}).status_code == 403, target
    programme.refresh_from_db()
    assert programme.version == 1
    detail = (
        page(client.get(url("programme_detail", programme.pk)))
        if role != "foreign_coordinator"
        else ""
    )
    assert url("programme_edit", programme.pk) not in detail
    assert url("call_edit", call.pk) not in detail


def test_another_regions_objects_are_404(client, login, world):
    programme = make_programme(world.foreign_town.region)
    call = make_call(programme)
    application = make_application(programme)
    sub = make_sub(application, lines=[("investive", "10")])
    line = sub.lines.get()
    login("coordinator")
    for target in (
        url("funder_edit", programme.funder_id),
        url("programme_edit", programme.pk),
        url("programme_delete", programme.pk),
        url("call_create", programme.pk),
        url("call_edit", call.pk),
        url("calldeadline_create", call.pk),
        url("application_edit", application.pk),
        url("application_delete", application.pk),
        url("application_plan", application.pk),
        url("application_weights", application.pk),
        url("subproject_create", application.pk),
        url("subproject_edit", sub.pk),
        url("budgetline_create", sub.pk),
        url("budgetline_edit", line.pk),
        url("budgetline_delete", line.pk),
    ):
        assert client.get(target).status_code == 404, target


def test_the_coordination_sees_the_buttons_a_reader_does_not(client, login, world):
    programme = make_programme(world.region)
    call = make_call(programme)
    application = make_application(programme, call=call, towns=[world.town])
    login("coordinator")
    overview = page(client.get(url("funding_overview")))
    assert url("programme_create") in overview and url("funder_create") in overview
    assert url("funder_edit", programme.funder_id) in overview
    assert url("application_create") in overview
    detail = page(client.get(url("programme_detail", programme.pk)))
    for target in (
        url("programme_edit", programme.pk),
        url("call_create", programme.pk),
        url("call_edit", call.pk),
        url("calldeadline_create", call.pk),
    ):
        assert target in detail
    assert url("application_plan", application.pk) in page(
        client.get(url("application_detail", application.pk))
    )
    login("reader")
    overview = page(client.get(url("funding_overview")))
    assert url("programme_create") not in overview and url("application_create") not in overview
    assert url("application_edit", application.pk) not in page(
        client.get(url("application_detail", application.pk))
    )


def test_the_municipality_form_keeps_the_population(client, login, world):
    login("coordinator")
    response = client.post(
        url("municipality_edit", world.town.pk),
        {"description": "", "website": "", "population": "23400", "version": 1},
    )
    assert response.status_code == 302
    world.town.refresh_from_db()
    assert world.town.population == 23400
