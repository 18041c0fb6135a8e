"""Writes of indicators: links stay in their region, dates stay unique, the log records them,
and the rule says who may write what."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import EditConflict
from digitalagentur.indicators import queries, rules, services
from digitalagentur.indicators.choices import IndicatorStatus
from digitalagentur.indicators.models import IndicatorValue
from digitalagentur.tenancy.permissions import get_access
from digitalagentur.testing.indicators import make_indicator

D = datetime.date


@pytest.mark.django_db
def test_links_must_belong_to_the_region(region, other_region, strategy):
    own = t.make_field(strategy, "Verwaltung")
    foreign = t.make_field(t.make_strategy(other_region), "Fremd")
    indicator = make_indicator(region, links={"fields": [own.pk]})
    assert list(indicator.fields.all()) == [own]
    with pytest.raises(ValidationError) as error:
        services.create_indicator(
            region=region, values={"name": "X"}, links={"fields": [own.pk, foreign.pk]}
        )
    assert "fields" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.update_indicator(
            indicator, {}, expected_version=indicator.version, links={"fields": [foreign.pk]}
        )
    assert list(indicator.fields.all()) == [own]


@pytest.mark.django_db
def test_slugs_are_unique_and_changes_are_logged(region, users):
    first = make_indicator(region, "Glasfaser in Schulen")
    second = make_indicator(region, "Glasfaser in Schulen")
    assert (first.slug, second.slug) == ("glasfaser-in-schulen", "glasfaser-in-schulen-2")
    updated = services.update_indicator(
        first, {"unit": "%"}, expected_version=first.version, user=users["coordinator"]
    )
    assert updated.version == first.version + 1
    change = ObjectChange.objects.filter(object_id=first.pk, action="update").get()
    assert change.changes == {"unit": {"before": "", "after": "%"}}
    assert change.user == users["coordinator"]
    with pytest.raises(EditConflict):
        services.update_indicator(first, {"unit": "€"}, expected_version=first.version)


@pytest.mark.django_db
def test_one_value_per_date_for_the_region_and_per_town(region, town, other_town):
    indicator = make_indicator(region, values={"2024-12-31": 5})
    with pytest.raises(ValidationError) as error:
        services.add_value(indicator, date=D(2024, 12, 31), value=Decimal(6))
    assert "schon einen Wert der Region" in str(error.value)
    services.add_value(indicator, date=D(2024, 12, 31), value=Decimal(7), municipality=town)
    services.add_value(indicator, date=D(2024, 12, 31), value=Decimal(8), municipality=other_town)
    with pytest.raises(ValidationError):
        services.add_value(indicator, date=D(2024, 12, 31), value=Decimal(9), municipality=town)
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 3


@pytest.mark.django_db
def test_the_largest_values_come_back_exactly(region):
    indicator = make_indicator(region)
    for n, text in enumerate(("99999999999.9999", "-99999999999.9999", "0.0001")):
        services.add_value(indicator, date=D(2020, 1, 1 + n), value=Decimal(text))
    stored = IndicatorValue.objects.filter(indicator=indicator).order_by("date")
    assert [v.value for v in stored] == [
        Decimal("99999999999.9999"),
        Decimal("-99999999999.9999"),
        Decimal("0.0001"),
    ]
    with pytest.raises(ValidationError):
        services.add_value(indicator, date=D(2021, 1, 1), value=Decimal("100000000000"))


@pytest.mark.django_db
def test_put_value_creates_changes_or_leaves_alone(region, town):
    indicator = make_indicator(region)

    def put(value, **extra):
        return services.put_value(
            indicator, date=D(2025, 6, 30), value=Decimal(value), municipality=town, **extra
        )

    assert put("1.5") == "created"
    assert put("1.50") == "unchanged"
    assert put("2") == "updated"
    assert put("2", note="korrigiert") == "updated"
    row = IndicatorValue.objects.get(indicator=indicator)
    assert (row.value, row.note, row.version) == (Decimal(2), "korrigiert", 3)


@pytest.mark.django_db
def test_who_may_write_what(region, town, other_town, users):
    def access(role):
        return get_access(users[role], region)

    assert rules.indicator_write_denial(access("coordinator")) is None
    assert rules.indicator_write_denial(access("admin")) is None
    assert rules.indicator_write_denial(access("officer"))
    assert rules.indicator_write_denial(access("reader"))
    assert rules.value_write_denial(access("officer"), town.pk) is None
    assert "Koordination" in rules.value_write_denial(access("officer"), None)
    assert "eigenen Kommune" in rules.value_write_denial(access("officer"), other_town.pk)
    assert rules.value_write_denial(access("reader"), town.pk)
    assert rules.value_write_denial(access("coordinator"), None) is None
    assert rules.can_write_any_value(access("officer"))
    assert not rules.can_write_any_value(access("reader"))


@pytest.mark.django_db
def test_status_rows_take_a_fixed_number_of_queries(region, town, django_assert_num_queries):
    for n in range(6):
        make_indicator(
            region,
            f"I{n}",
            values={"2024-01-01": 0, "2024-01-06": 35 + 5 * n},
            targets={"2024-01-11": 100},
            town_values={town: {"2024-01-08": n}},
        )
    indicators = list(queries.visible_indicators(region, internal=False))
    with django_assert_num_queries(3):
        rows = queries.with_status(indicators)
    assert [r.status for r in rows] == [
        IndicatorStatus.OFF_TRACK,
        IndicatorStatus.AT_RISK,
        IndicatorStatus.AT_RISK,
        IndicatorStatus.ON_TRACK,
        IndicatorStatus.ON_TRACK,
        IndicatorStatus.ON_TRACK,
    ]
    assert rows[0].latest_date == D(2024, 1, 8)  # the town's value is the latest of all
    with django_assert_num_queries(2):
        town_rows = queries.with_status(indicators, town_id=town.pk)
    assert town_rows[3].town_latest == (D(2024, 1, 8), Decimal(3))
    assert queries.status_counts(rows) == [
        (IndicatorStatus.ON_TRACK, 3),
        (IndicatorStatus.AT_RISK, 2),
        (IndicatorStatus.OFF_TRACK, 1),
    ]


@pytest.mark.django_db
def test_drafts_are_only_for_staff(region):
    make_indicator(region, "Entwurf", published=False)
    make_indicator(region, "Öffentlich")
    assert [i.name for i in queries.visible_indicators(region, internal=False)] == ["Öffentlich"]
    assert queries.visible_indicators(region, internal=True).count() == 2


@pytest.mark.django_db
def test_without_current_value(region, town):
    today = D(2026, 12, 3)
    make_indicator(region, "Aktuell", values={"2025-12-03": 1})
    make_indicator(region, "Veraltet", values={"2025-12-02": 1})
    make_indicator(region, "Leer")
    make_indicator(region, "Nur Kommune", town_values={town: {"2026-11-30": 1}})
    make_indicator(region, "Quartal", interval_months=3, values={"2026-08-01": 1})
    stale = queries.without_current_value(region, today=today)
    # Without any value first, then the oldest last value first.
    assert [i.name for i in stale] == ["Leer", "Veraltet", "Quartal"]


@pytest.mark.django_db
def test_dates_and_intervals_out_of_range_are_refused(region):
    indicator = make_indicator(region, values={"2024-12-31": "118.5"}, targets={"2025-12-31": 120})
    for day in (D(9999, 12, 31), D(1899, 12, 31)):
        with pytest.raises(ValidationError):
            services.add_value(indicator, date=day, value=Decimal(1))
        with pytest.raises(ValidationError):
            services.add_target(indicator, date=day, value=Decimal(1))
    with pytest.raises(ValidationError):
        services.update_indicator(indicator, {"interval_months": 0}, expected_version=1)
    value = indicator.values.get()
    assert str(value) == "Online-Dienste: 118,5 am 31.12.2024"
    assert str(indicator.targets.get()) == "Online-Dienste: 120 bis 31.12.2025"
