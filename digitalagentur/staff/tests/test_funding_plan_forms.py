"""The staff forms of applications: the application, its sub-projects and budget lines, the
towns' parts of the own share and the plan editor; officers write only applications their
town takes part in; the plan editor keeps nothing that breaks the rules or meets a stale
version (one transaction)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.funding import services
from digitalagentur.funding.models import (
    Application,
    BudgetLine,
    OwnShareWeight,
    SubProject,
)
from digitalagentur.tenancy.choices import Role

from .test_funding_forms import (
    change,
    german,  # noqa: F401 (autouse fixture)
    make_application,
    make_call,
    make_programme,
    make_sub,
    page,
    url,
)

D = Decimal


def application_data(**overrides) -> dict:
    data = {
        "title": "Raum für Zukunft",
        "slug": "",
        "call": "",
        "programme": "",
        "summary": "",
        "status": "preparing",
        "district_applies": "on",
        "municipalities": [],
        "partners": "",
        "projects": [],
        "submitted_on": "",
        "decided_on": "",
        "start_date": "2021-01-01",
        "end_date": "2024-12-31",
        "requested_amount": "5.309.754,17",
        "granted_amount": "",
        "third_party": "",
        "split_mode": "equal",
        "internal_notes": "",
        "reason": "",
    }
    data.update(overrides)
    return data


def edit_data(application, **overrides) -> dict:
    application.refresh_from_db()
    towns = list(application.municipalities.values_list("pk", flat=True))
    data = application_data(
        title=application.title,
        call=application.call_id or "",
        programme=application.programme_id or "",
        municipalities=towns,
        start_date=application.start_date or "",
        end_date=application.end_date or "",
        requested_amount=application.requested_amount or "",
        version=application.version,
    )
    data.update(overrides)
    return data


# -- applications ----------------------------------------------------------------------------------


def test_a_coordinator_creates_an_application_whose_programme_is_the_calls(client, login, world):
    programme = make_programme(world.region, "Smart Cities")
    call = make_call(programme, "Staffel 2021")
    login("coordinator")
    form = page(client.get(url("application_create") + f"?aufruf={call.pk}"))
    assert f'<option value="{call.pk}" selected>' in form
    data = application_data(
        call=call.pk,
        municipalities=[world.town.pk, world.other_town.pk],
        projects=[world.own_project.pk],
        third_party="250.000",
        published="on",
    )
    response = client.post(url("application_create"), data)
    application = Application.objects.get(region=world.region)
    assert response["Location"] == url("application_detail", application.pk)
    assert application.programme == programme
    assert application.requested_amount == D("5309754.17")
    assert application.third_party == D("250000.00")
    assert application.slug == "raum-fuer-zukunft"
    assert set(application.municipalities.all()) == {world.town, world.other_town}
    assert list(application.projects.all()) == [world.own_project]
    logged = change(application, "create").changes
    assert logged["municipalities"]["after"] == sorted([world.town.pk, world.other_town.pk])


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_date": "2020-12-31"}, "Ende</a>: Das Ende liegt vor dem Beginn."),
        (
            {"end_date": "2025-06-30"},
            "Ende</a>: Die Laufzeit von 54 Monaten überschreitet die zulässigen 48 Monate.",
        ),
        (
            {"submitted_on": "2021-03-14", "decided_on": "2021-03-01"},
            "Entschieden am</a>: Die Entscheidung liegt vor der Einreichung.",
        ),
        ({"requested_amount": "-1"}, "Beantragt (€)</a>: Der Betrag darf nicht negativ sein."),
        ({"granted_amount": "2 Billionen"}, "Bewilligt (€)</a>: Bitte einen Betrag in Euro"),
        ({"third_party": "1.000.000.000.000"}, "Mittel Dritter (€)</a>: Der Betrag muss unter"),
        ({"status": "gewonnen"}, "Status</a>: "),
        ({"title": ""}, "Titel</a>: "),
    ],
)
def test_bad_application_input_names_the_field(client, login, world, overrides, message):
    programme = make_programme(world.region)
    login("coordinator")
    data = application_data(programme=programme.pk, **overrides)
    response = client.post(url("application_create"), data)
    assert response.status_code == 200
    assert message in page(response)
    assert not Application.objects.exists()


def test_call_programme_and_projects_come_from_the_region_only(client, login, world):
    programme = make_programme(world.region, "Eigenes")
    other = make_programme(world.region, "Anderes")
    call = make_call(programme, "Eigener Aufruf")
    foreign = make_programme(world.foreign_town.region, "Fremd")
    foreign_call = make_call(foreign)
    login("coordinator")
    for overrides, message in [
        ({"call": call.pk, "programme": other.pk}, "gehört zum Programm „Eigenes“"),
        ({"call": foreign_call.pk}, "Aufruf</a>: "),
        ({"programme": foreign.pk}, "Programm</a>: "),
        ({"projects": [world.foreign_project.pk]}, "Projekte</a>: "),
        ({"municipalities": [world.foreign_town.pk]}, "Beteiligte Kommunen</a>: "),
        ({"call": "1" * 40}, "Aufruf</a>: "),
    ]:
        response = client.post(url("application_create"), application_data(**overrides))
        assert response.status_code == 200, overrides
        assert message in page(response), overrides
    assert not Application.objects.exists()


def test_an_officer_writes_only_applications_of_their_town(client, login, world):
    programme = make_programme(world.region)
    own = make_application(programme, towns=[world.town, world.other_town], title="Gemeinsam")
    other = make_application(programme, towns=[world.other_town], title="Nachbar")
    login("officer")  # officer of world.town
    form = page(client.get(url("application_create")))
    assert 'name="published"' not in form  # publishing is the coordination's
    # A new application must include the officer's town.
    data = application_data(programme=programme.pk, municipalities=[world.other_town.pk])
    response = client.post(url("application_create"), data)
    assert "Bitte Ihre Kommune unter den beteiligten Kommunen lassen" in page(response)
    data["municipalities"] = [world.town.pk]
    data["published"] = "on"  # ignored: not the officer's field
    assert client.post(url("application_create"), data).status_code == 302
    created = Application.objects.get(title="Raum für Zukunft")
    assert not created.published
    # Their town's application: edit yes, removing their own town no.
    response = client.post(url("application_edit", own.pk), edit_data(own, title="Gemeinsam 2"))
    assert response.status_code == 302
    data = edit_data(own, municipalities=[world.other_town.pk])
    assert "Bitte Ihre Kommune" in page(client.post(url("application_edit", own.pk), data))
    assert set(own.municipalities.all()) == {world.town, world.other_town}
    # Another town's application: read yes, write no (nor its children).
    assert client.get(url("application_detail", other.pk)).status_code == 200
    sub = make_sub(other, lines=[("investive", "100")])
    for target in (
        url("application_edit", other.pk),
        url("application_delete", other.pk),
        url("application_plan", other.pk),
        url("application_weights", other.pk),
        url("subproject_create", other.pk),
        url("subproject_edit", sub.pk),
        url("budgetline_create", sub.pk),
        url("budgetline_edit", sub.lines.get().pk),
    ):
        assert client.get(target).status_code == 403, target
        assert client.post(target, edit_data(other)).status_code == 403, target
    detail = page(client.get(url("application_detail", other.pk)))
    assert url("application_edit", other.pk) not in detail
    assert url("application_edit", own.pk) in page(client.get(url("application_detail", own.pk)))


def test_an_officer_of_another_town_and_a_reader_write_nothing(client, login, world):
    programme = make_programme(world.region)
    application = make_application(programme, towns=[world.town])
    stranger = t.make_user_with_role(world.region, Role.OFFICER, world.other_town, username="o2")
    client.force_login(stranger)
    assert client.get(url("application_edit", application.pk)).status_code == 403
    data = application_data(programme=programme.pk, municipalities=[world.town.pk])
    assert "Bitte Ihre Kommune" in page(client.post(url("application_create"), data))
    login("reader")
    assert client.get(url("application_create")).status_code == 403
    assert client.get(url("application_edit", application.pk)).status_code == 403
    assert client.post(url("application_delete", application.pk), {"version": 1}).status_code == (
        403
    )
    assert Application.objects.count() == 1


def test_an_application_is_deleted_with_its_plan_after_confirmation(client, login, world):
    programme = make_programme(world.region)
    application = make_application(programme, title="Weg")
    make_sub(application, lines=[("investive", "100")])
    login("coordinator")
    assert "mit seinen Teilprojekten und Budgetzeilen" in page(
        client.get(url("application_delete", application.pk))
    )
    response = client.post(url("application_delete", application.pk), {"version": 1})
    assert response.status_code == 302
    assert not Application.objects.exists() and not BudgetLine.objects.exists()


# -- sub-projects and budget lines -----------------------------------------------------------------


def test_sub_projects_and_lines_are_created_edited_and_deleted(client, login, world):
    programme = make_programme(world.region)
    application = make_application(programme, towns=[world.town])
    login("officer")
    response = client.post(
        url("subproject_create", application.pk),
        {"title": "Raum für Bildung", "position": "1", "project": world.own_project.pk},
    )
    sub = SubProject.objects.get(application=application)
    assert response["Location"] == url("application_detail", application.pk) + "#teilprojekte"
    assert sub.project == world.own_project
    response = client.post(
        url("subproject_create", application.pk),
        {"title": "Fremd", "position": "2", "project": world.foreign_project.pk},
    )
    assert "Projekt</a>: " in page(response)
    response = client.post(
        url("budgetline_create", sub.pk),
        {
            "label": "Tablets",
            "year": "2022",
            "kind": "investive",
            "eligible": "on",
            "amount": "1.234,56",
        },
    )
    line = BudgetLine.objects.get(subproject=sub)
    assert (line.amount, line.kind, line.year, line.eligible) == (
        D("1234.56"),
        "investive",
        2022,
        True,
    )
    for amount, message in [
        ("-3", "Betrag (€)</a>: Der Betrag darf nicht negativ sein."),
        ("", "Betrag (€)</a>: "),
        ("12,345", "Betrag (€)</a>: Bitte höchstens zwei Nachkommastellen (Cent) angeben."),
    ]:
        response = client.post(
            url("budgetline_create", sub.pk), {"label": "x", "kind": "investive", "amount": amount}
        )
        assert message in page(response), amount
    response = client.post(
        url("budgetline_edit", line.pk),
        {"label": "Tablets", "kind": "consumptive", "amount": "1234.5", "version": 1},
    )
    line.refresh_from_db()
    assert (line.amount, line.kind, line.eligible) == (D("1234.50"), "consumptive", False)
    detail = page(client.get(url("application_detail", application.pk)))
    assert "1.234,50 €" in detail and url("budgetline_edit", line.pk) in detail
    assert client.post(url("budgetline_delete", line.pk), {"version": 2}).status_code == 302
    response = client.post(
        url("subproject_edit", sub.pk), {"title": "Raum für Arbeit", "position": "1", "version": 1}
    )
    sub.refresh_from_db()
    assert (sub.title, sub.project) == ("Raum für Arbeit", None)
    assert client.post(url("subproject_delete", sub.pk), {"version": 2}).status_code == 302
    assert not SubProject.objects.exists()


# -- the towns' parts of the own share -------------------------------------------------------------


def test_the_towns_parts_are_set_for_taking_part_towns_only(client, login, world):
    programme = make_programme(world.region)
    application = make_application(programme, towns=[world.town, world.other_town])
    gone = t.make_municipality(world.region, "Billerbeck")
    services.create(
        OwnShareWeight(region=world.region, application=application, municipality=gone, weight=5)
    )
    login("coordinator")
    form = page(client.get(url("application_weights", application.pk)))
    assert "Senden (%)" in form and "Havixbeck (%)" in form and "Billerbeck" not in form
    data = {f"anteil_{world.town.pk}": "62,5", f"anteil_{world.other_town.pk}": "37,5 %"}
    data[f"anteil_{world.foreign_town.pk}"] = "10"  # no field: ignored
    response = client.post(url("application_weights", application.pk), data)
    assert response.status_code == 302
    weights = dict(
        OwnShareWeight.objects.filter(application=application).values_list(
            "municipality__name", "weight"
        )
    )
    assert weights == {"Senden": D("62.5"), "Havixbeck": D("37.5")}
    # A stale part is a conflict; nothing of the form is kept.
    senden = OwnShareWeight.objects.get(municipality=world.town)
    havixbeck = OwnShareWeight.objects.get(municipality=world.other_town)
    services.update(senden, {"weight": D("60")}, expected_version=1)
    data = {
        f"anteil_{world.town.pk}": "50",
        f"version_{world.town.pk}": "1",
        f"anteil_{world.other_town.pk}": "50",
        f"version_{world.other_town.pk}": "1",
    }
    response = client.post(url("application_weights", application.pk), data)
    assert response.status_code == 409
    havixbeck.refresh_from_db()
    assert havixbeck.weight == D("37.5")
    response = client.post(
        url("application_weights", application.pk),
        {**data, f"anteil_{world.town.pk}": "120"},
    )
    assert "Bitte einen Anteil zwischen 0 und 100 % angeben" in page(response)


# -- the plan editor -------------------------------------------------------------------------------


def plan_post(application, rows_by_sub, **overrides) -> dict:
    """POST data of the plan editor: rows_by_sub = {sub: [row dict, ...]}."""
    application.refresh_from_db()
    data = {
        "version": application.version,
        "start_date": application.start_date.isoformat() if application.start_date else "",
        "end_date": application.end_date.isoformat() if application.end_date else "",
        "third_party": str(application.third_party).replace(".", ","),
        "reason": "Plan überarbeitet",
    }
    for sub, rows in rows_by_sub.items():
        prefix = f"tp{sub.pk}"
        existing = [r for r in rows if r.get("line")]
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(existing)
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for i, row in enumerate(rows):
            for key, value in row.items():
                if key in ("eligible", "DELETE"):
                    if value:
                        data[f"{prefix}-{i}-{key}"] = "on"
                else:
                    data[f"{prefix}-{i}-{key}"] = value
    data.update(overrides)
    return data


def row(line=None, **values) -> dict:
    if line is not None:
        line.refresh_from_db()
        base = {
            "line": line.pk,
            "version": line.version,
            "label": line.label,
            "year": line.year or "",
            "kind": line.kind,
            "eligible": line.eligible,
            "amount": str(line.amount),
        }
    else:
        base = {"label": "", "year": "", "kind": "investive", "eligible": True, "amount": ""}
    return {**base, **values}


@pytest.fixture
def plan(world):
    programme = make_programme(world.region, "Smart Cities", max_grant=D("1000.00"))
    application = make_application(
        programme,
        towns=[world.town, world.other_town],
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2024, 12, 31),
    )
    bildung = make_sub(application, "Raum für Bildung", [("investive", "500.00")])
    arbeit = make_sub(application, "Raum für Arbeit", [("consumptive", "300.00", False)])
    return application, bildung, arbeit


def test_the_plan_editor_shows_the_rules_for_the_script(client, login, world, plan):
    application, bildung, _arbeit = plan
    login("officer")
    html = page(client.get(url("application_plan", application.pk)))
    for attribute in (
        'data-funding-rate="0.6500"',
        'data-max-grant="1000.00"',
        'data-third-party-max-share="0.5000"',
        'data-max-months="48"',
        "data-msg-cap=",
        'id="plan-live" role="status" aria-live="polite"',
        f'name="tp{bildung.pk}-0-amount"',
        'data-figure="grant">325,00 €<',
        'value="500,00"',
        "js/funding-plan.js",
    ):
        assert attribute in html, attribute


def test_the_plan_editor_saves_changes_new_and_deleted_lines_at_once(client, login, world, plan):
    application, bildung, arbeit = plan
    user = login("coordinator")
    old = bildung.lines.get()
    dropped = arbeit.lines.get()
    data = plan_post(
        application,
        {
            bildung: [row(old, amount="1.200,00"), row(label="Neu", amount="99,99"), row()],
            arbeit: [row(dropped, DELETE=True)],
        },
        third_party="100",
    )
    response = client.post(url("application_plan", application.pk), data, follow=True)
    assert response.redirect_chain[-1][0] == url("application_detail", application.pk) + "#budget"
    html = page(response)
    assert "Der Finanzierungsplan wurde gespeichert." in html
    # 0.65 x 1.299,99 = 844,99 > 1.000,00? no cap; the third-party rule caps 100 at half.
    old.refresh_from_db()
    assert old.amount == D("1200.00") and old.version == 2
    assert bildung.lines.get(label="Neu").amount == D("99.99")
    assert not BudgetLine.objects.filter(pk=dropped.pk).exists()
    application.refresh_from_db()
    assert application.third_party == D("100.00")
    assert change(old, "update").reason == "Plan überarbeitet"
    assert change(old, "update").user == user


def test_warnings_are_shown_after_saving(client, login, world, plan):
    application, bildung, _arbeit = plan
    login("coordinator")
    data = plan_post(application, {bildung: [row(bildung.lines.get(), amount="2000")]})
    html = page(client.post(url("application_plan", application.pk), data, follow=True))
    assert "Die Förderung ist auf den Höchstbetrag von 1.000,00 € begrenzt" in html
    assert bildung.lines.get().amount == D("2000.00")


def test_a_duration_over_the_maximum_blocks_saving_everything(client, login, world, plan):
    application, bildung, arbeit = plan
    login("coordinator")
    line = bildung.lines.get()
    data = plan_post(
        application,
        {bildung: [row(line, amount="700"), row(label="Neu", amount="5")], arbeit: []},
        end_date="2025-06-30",
    )
    response = client.post(url("application_plan", application.pk), data)
    assert response.status_code == 200
    assert "Die Laufzeit von 54 Monaten überschreitet die zulässigen 48 Monate." in page(response)
    line.refresh_from_db()
    application.refresh_from_db()
    assert line.amount == D("500.00") and line.version == 1
    assert application.end_date == datetime.date(2024, 12, 31)
    assert BudgetLine.objects.count() == 2
    assert not ObjectChange.objects.filter(reason="Plan überarbeitet").exists()


def test_a_stale_line_is_a_conflict_and_nothing_is_kept(client, login, world, plan):
    application, bildung, arbeit = plan
    login("coordinator")
    first, second = bildung.lines.get(), arbeit.lines.get()
    data = plan_post(
        application,
        {bildung: [row(first, amount="111")], arbeit: [row(second, amount="222")]},
    )
    services.update(second, {"label": "von jemand anderem"}, expected_version=1)
    response = client.post(url("application_plan", application.pk), data)
    assert response.status_code == 409
    html = page(response)
    assert "Bearbeitungskonflikt – nichts wurde überschrieben" in html
    assert 'value="222"' in html  # the input is kept
    first.refresh_from_db()
    assert first.amount == D("500.00")  # the first change was rolled back too
    # Saving again from the conflict page, based on the version now shown, wins.
    data[f"tp{arbeit.pk}-0-version"] = 2
    assert client.post(url("application_plan", application.pk), data).status_code == 302
    second.refresh_from_db()
    assert (second.amount, second.label) == (D("222.00"), "")  # the editor's version


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"amount": "-1"}, "Betrag (€): Der Betrag darf nicht negativ sein."),
        ({"amount": "1,234.00"}, "Betrag (€): Bitte einen Betrag in Euro angeben"),
        ({"amount": ""}, "Betrag (€): "),
        ({"amount": "1.000.000.000.000"}, "Betrag (€): Der Betrag muss unter einer Billion"),
        ({"kind": "gold"}, "Art: "),
        ({"year": "1800"}, "Jahr: "),
    ],
)
def test_bad_plan_lines_name_the_field(client, login, world, plan, values, message):
    application, bildung, _arbeit = plan
    login("coordinator")
    data = plan_post(application, {bildung: [row(bildung.lines.get(), **values)]})
    response = client.post(url("application_plan", application.pk), data)
    assert response.status_code == 200
    assert message in page(response)
    assert bildung.lines.get().version == 1


def test_a_line_of_another_application_cannot_be_smuggled_in(client, login, world, plan):
    application, bildung, _arbeit = plan
    foreign = make_application(make_programme(world.foreign_town.region))
    foreign_line = make_sub(foreign, lines=[("investive", "10")]).lines.get()
    login("coordinator")
    data = plan_post(application, {bildung: [row(foreign_line, amount="999")]})
    response = client.post(url("application_plan", application.pk), data)
    assert response.status_code == 409
    assert "wurden inzwischen gelöscht. Es wurde nichts gespeichert" in page(response)
    foreign_line.refresh_from_db()
    assert (foreign_line.amount, foreign_line.version) == (D("10.00"), 1)


def test_clearing_every_part_removes_them(client, login, world):
    programme = make_programme(world.region)
    application = make_application(programme, towns=[world.town])
    weight = services.create(
        OwnShareWeight(
            region=world.region, application=application, municipality=world.town, weight=5
        )
    )
    login("officer")
    data = {f"anteil_{world.town.pk}": "", f"version_{world.town.pk}": str(weight.version)}
    assert client.post(url("application_weights", application.pk), data).status_code == 302
    assert not OwnShareWeight.objects.exists()


def test_the_pages_cost_the_same_queries_however_big_the_plan(client, login, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    programme = make_programme(world.region)
    small = make_application(programme, towns=[world.town])
    make_sub(small, lines=[("investive", "1")])
    big = make_application(programme, towns=[world.town, world.other_town])
    for n in range(6):
        make_sub(big, f"Teil {n}", lines=[("investive", "1"), ("consumptive", "2", False)] * 3)
    login("officer")

    def queries(target) -> int:
        client.get(target)  # warm the caches (session, roles)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(target).status_code == 200
        return len(captured)

    for name in ("application_plan", "application_detail"):
        assert queries(url(name, small.pk)) == queries(url(name, big.pk)), name


def test_a_line_deleted_meanwhile_comes_back_only_if_saved_again(client, login, world, plan):
    application, bildung, _arbeit = plan
    login("coordinator")
    line = bildung.lines.get()
    data = plan_post(application, {bildung: [row(line, amount="777")]})
    services.delete(line, expected_version=1)
    response = client.post(url("application_plan", application.pk), data)
    assert response.status_code == 409
    html = page(response)
    assert "Budgetzeilen, die Sie bearbeitet haben, wurden inzwischen gelöscht." in html
    assert 'value="777"' in html
    assert f'name="tp{bildung.pk}-0-line" id="id_tp{bildung.pk}-0-line"' in html
    assert f'name="tp{bildung.pk}-0-line" value=' not in html  # now a new line
    assert not BudgetLine.objects.filter(subproject=bildung).exists()
    data[f"tp{bildung.pk}-0-line"] = data[f"tp{bildung.pk}-0-version"] = ""
    assert client.post(url("application_plan", application.pk), data).status_code == 302
    assert bildung.lines.get().amount == D("777.00")
