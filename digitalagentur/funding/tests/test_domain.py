"""Funding data: deadlines as the calls write them, call status, who may write, and the demo
bid whose budget overview is seed 003's table."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from digitalagentur.demo.data import funding as demo
from digitalagentur.funding import rules, services
from digitalagentur.funding.finance import millions
from digitalagentur.funding.models import (
    Application,
    Call,
    CallStatus,
    Funder,
    Programme,
    end_of_day,
)
from digitalagentur.funding.overview import duration_months, overviews
from digitalagentur.tenancy.permissions import get_access

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def test_24_uhr_is_the_end_of_that_day_in_berlin():
    deadline = end_of_day(datetime.date(2021, 3, 14))
    assert deadline == datetime.datetime(2021, 3, 15, 0, 0, tzinfo=BERLIN)
    assert deadline.utcoffset() == datetime.timedelta(hours=1)  # winter time
    summer = end_of_day(datetime.date(2021, 4, 14))
    assert summer == datetime.datetime(2021, 4, 15, 0, 0, tzinfo=BERLIN)
    assert summer.utcoffset() == datetime.timedelta(hours=2)


def test_call_status_follows_the_dates():
    call = Call(
        opens_at=datetime.datetime(2021, 1, 1, tzinfo=BERLIN),
        deadline=end_of_day(datetime.date(2021, 3, 14)),
    )
    at = lambda *args: datetime.datetime(*args, tzinfo=BERLIN)  # noqa: E731
    assert call.status_at(at(2020, 12, 31, 23, 59)) == CallStatus.FORTHCOMING
    assert call.status_at(at(2021, 1, 1)) == CallStatus.OPEN
    assert call.status_at(at(2021, 3, 14, 23, 59, 59)) == CallStatus.OPEN
    assert call.status_at(at(2021, 3, 15)) == CallStatus.CLOSED
    call.opens_at = None
    assert call.status_at(at(2000, 1, 1)) == CallStatus.OPEN


@pytest.fixture
def programme(region):
    funder = services.create(Funder(region=region, name="Bund", short_name="BMI"))
    return services.create(
        Programme(region=region, funder=funder, name="Smart Cities", funding_rate=Decimal("0.65"))
    )


@pytest.mark.django_db
def test_bad_values_are_refused_in_german(region, programme):
    with pytest.raises(ValidationError) as error:
        services.create(
            Call(
                region=region,
                programme=programme,
                title="Aufruf",
                opens_at=end_of_day(datetime.date(2021, 4, 1)),
                deadline=end_of_day(datetime.date(2021, 3, 14)),
            )
        )
    assert "Der Beginn muss vor der Bewerbungsfrist liegen." in str(error.value)
    for values in ({"funding_rate": Decimal("1.5")}, {"max_grant": Decimal("-1")}):
        with pytest.raises(ValidationError):
            services.update(programme, values, expected_version=programme.version)
    with pytest.raises(ValidationError) as error:
        services.create(
            Application(
                region=region,
                programme=programme,
                title="Antrag",
                start_date=datetime.date(2022, 1, 1),
                end_date=datetime.date(2021, 1, 1),
            )
        )
    assert "Das Ende liegt vor dem Beginn." in str(error.value)
    assert programme.slug == "smart-cities"


@pytest.mark.django_db
def test_who_may_write(region, town, other_town, users, programme):
    application = services.create(
        Application(region=region, programme=programme, title="Antrag"),
        m2m={"municipalities": [town.pk]},
    )

    def access(role):
        return get_access(users[role], region)

    assert rules.programme_write_denial(access("coordinator")) is None
    assert rules.programme_write_denial(access("officer"))
    assert rules.application_write_denial(access("officer"), application) is None
    assert rules.application_write_denial(access("officer"), town_ids=[other_town.pk])
    assert rules.application_write_denial(access("reader"), application)
    assert rules.application_write_denial(access("admin"), application) is None


def test_duration_in_months():
    application = Application(
        start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2025, 12, 31)
    )
    assert duration_months(application) == 48
    application.end_date = datetime.date(2025, 12, 1)
    assert duration_months(application) == 48
    application.end_date = datetime.date(2026, 1, 1)
    assert duration_months(application) == 49
    application.end_date = None
    assert duration_months(application) is None


@pytest.mark.django_db
def test_the_demo_bid_shows_the_seed_table(django_assert_num_queries):
    call_command("load_demo", verbosity=0)
    bid = Application.objects.select_related("programme").get(
        slug="kreis-coesfeld-raum-fuer-zukunft"
    )
    assert bid.call.deadline == end_of_day(datetime.date(2021, 3, 14))
    assert bid.projects.count() == 7 and bid.municipalities.count() == 11
    with django_assert_num_queries(4):
        overview = overviews([bid])[bid.pk]
    shown = [
        (row.label, *(str(millions(v)) for v in (row.investive, row.consumptive, row.total)))
        for row in overview.rows
    ]
    assert shown == demo.SEED_TABLE
    plan = overview.plan
    assert tuple(str(millions(v)) for v in (plan.investive, plan.consumptive, plan.total)) == (
        demo.SEED_TOTALS
    )
    assert (str(millions(plan.grant)), str(millions(plan.own_share))) == (
        demo.SEED_GRANT,
        demo.SEED_OWN_SHARE,
    )
    assert plan.grant + plan.own_share == plan.total == Decimal("8163500.00")
    # Eleven towns bear the municipal own share in equal parts, to the cent.
    assert len(overview.split) == 11 and not overview.split_problem
    assert sum(row.amount for row in overview.split) == plan.municipal_own_share
    assert max(r.amount for r in overview.split) - min(r.amount for r in overview.split) <= (
        Decimal("0.01")
    )
