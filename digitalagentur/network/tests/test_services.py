"""Posts and vacancies (issue 14, section 3): validation with German messages (nothing saved),
the database's own checks, the change log of every write, the vacancy rule of the figures and
who may edit what (network/rules.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from digitalagentur.core import testing as t
from digitalagentur.core.services import changes_for
from digitalagentur.directory.models import Person
from digitalagentur.network import rules, services
from digitalagentur.network.models import Post, Vacancy
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.permissions import Access
from digitalagentur.testing.network import make_post, make_vacancy

pytestmark = pytest.mark.django_db

D = Decimal


def messages(exc) -> dict:
    return exc.value.message_dict


# ---- validation -------------------------------------------------------------------------------


def test_filled_may_not_exceed_planned_and_nothing_negative(region, town):
    with pytest.raises(ValidationError) as exc:
        make_post(region, town, planned="0.5", filled="0.75")
    assert "darf den geplanten nicht übersteigen" in messages(exc)["filled_fte"][0]
    with pytest.raises(ValidationError) as exc:
        make_post(region, town, planned="-0.5", filled="0")
    assert "ab 0" in messages(exc)["planned_fte"][0]
    assert not Post.objects.exists()


def test_dates_town_and_holder_are_checked(region, other_region, town):
    with pytest.raises(ValidationError) as exc:
        make_post(region, town, since=datetime.date(2024, 5, 1), until=datetime.date(2024, 4, 30))
    assert "nicht vor „besetzt seit“" in messages(exc)["until"][0]
    foreign_town = t.make_municipality(other_region, "Fremdstadt", slug="fremdstadt")
    with pytest.raises(ValidationError) as exc:
        make_post(region, foreign_town)
    assert messages(exc)["municipality"] == ["Diese Kommune gehört nicht zur Region."]
    stranger = Person.objects.create(region=other_region, name="Fremd")
    with pytest.raises(ValidationError) as exc:
        make_post(region, town, holder=stranger)
    assert messages(exc)["holder"] == ["Diese Person gehört nicht zur Region."]
    with pytest.raises(ValidationError) as exc:
        make_post(region, town, title="   ")
    assert "title" in messages(exc)
    assert not Post.objects.exists()


def test_the_database_refuses_what_clean_refuses(region, town):
    post = make_post(region, town, planned="0.5")
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.filter(pk=post.pk).update(filled_fte=D("0.75"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.filter(pk=post.pk).update(planned_fte=D("-1"), filled_fte=D("-1"))
    vacancy = make_vacancy(post, datetime.date(2024, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Vacancy.objects.filter(pk=vacancy.pk).update(end=datetime.date(2023, 12, 31))


def test_vacancies_of_a_post_may_not_overlap(region, town):
    post = make_post(region, town)
    make_vacancy(post, datetime.date(2022, 1, 1), datetime.date(2022, 3, 31))
    open_one = make_vacancy(post, datetime.date(2023, 6, 1))
    for start, end in [
        (datetime.date(2022, 3, 31), datetime.date(2022, 5, 1)),  # touches the first's last day
        (datetime.date(2021, 1, 1), None),  # open, so it runs into both
        (datetime.date(2024, 1, 1), datetime.date(2024, 2, 1)),  # inside the open one
    ]:
        with pytest.raises(ValidationError) as exc:
            make_vacancy(post, start, end)
        assert "überschneidet sich" in messages(exc)["start"][0]
    make_vacancy(post, datetime.date(2022, 4, 1), datetime.date(2022, 4, 30))  # the gap is free
    with pytest.raises(ValidationError):
        make_vacancy(post, datetime.date(2023, 1, 1), cause=" ")
    # Editing a vacancy does not collide with itself.
    services.close_vacancy(
        open_one, datetime.date(2023, 9, 30), expected_version=open_one.version, user=None
    )
    assert Vacancy.objects.filter(post=post).count() == 3


# ---- change log and the figures ---------------------------------------------------------------


def test_every_write_is_logged(region, town):
    user = t.make_user_with_role(region, Role.COORDINATOR, username="koord")
    post = services.create_post(
        region,
        user=user,
        values={"municipality": town, "title": "CDO", "planned_fte": D("1"), "filled_fte": D("1")},
        reason="Stellenplan",
    )
    vacancy = services.create_vacancy(
        post, user=user, values={"start": datetime.date(2024, 1, 1), "cause": "Elternzeit"}
    )
    services.close_vacancy(
        vacancy, datetime.date(2024, 6, 30), expected_version=vacancy.version, user=user
    )
    post = services.update_post(
        post, {"filled_fte": D("0.5")}, expected_version=post.version, user=user
    )
    assert [c.action for c in changes_for(post)] == ["update", "create"]
    assert changes_for(post).first().changes["filled_fte"] == {"before": "1.00", "after": "0.50"}
    assert [c.action for c in changes_for(vacancy)] == ["update", "create"]
    services.delete_post(post, user=user, expected_version=post.version)
    assert changes_for(post).first().action == "delete"
    assert changes_for(vacancy).first().action == "delete"
    assert not Vacancy.objects.exists()


def test_only_a_vacancy_open_on_the_day_counts(region, town):
    post = make_post(region, town, planned="0.5")
    make_vacancy(post, datetime.date(2023, 6, 1), datetime.date(2023, 8, 31))

    def filled_on(day):
        return services.region_staffing(region, day).towns[0].filled

    assert filled_on(datetime.date(2023, 5, 31)) == D("0.5")
    assert filled_on(datetime.date(2023, 6, 1)) == 0
    assert filled_on(datetime.date(2023, 8, 31)) == 0  # the last vacant day
    assert filled_on(datetime.date(2023, 9, 1)) == D("0.5")


# ---- rules ------------------------------------------------------------------------------------


def test_who_may_edit_which_post(region, other_region, town, other_town):
    own = make_post(region, town)
    other = make_post(region, other_town)
    district = make_post(region, None, "Koordination", planned="1")
    foreign = make_post(other_region, None, "Fremd", planned="1")
    coordination = Access(region_id=region.pk, roles=frozenset({Role.COORDINATOR}))
    officer = Access(
        region_id=region.pk, roles=frozenset({Role.OFFICER}), officer_town_ids=frozenset({town.pk})
    )
    reader = Access(region_id=region.pk, roles=frozenset({Role.READER}))
    public = Access(region_id=region.pk)
    assert [rules.can_edit_post(coordination, p) for p in (own, other, district, foreign)] == [
        True,
        True,
        True,
        False,
    ]
    assert [rules.can_edit_post(officer, p) for p in (own, other, district, foreign)] == [
        True,
        False,
        False,
        False,
    ]
    assert not any(rules.can_edit_post(reader, p) for p in (own, other, district))
    assert rules.can_create_posts(officer) and not rules.can_create_posts(reader)
    assert rules.can_read_posts(reader) and not rules.can_read_posts(public)
    from digitalagentur.tenancy.models import Municipality

    assert list(rules.editable_towns(officer, Municipality.objects.all())) == [town]
    assert set(rules.editable_towns(coordination, Municipality.objects.all())) == {
        town,
        other_town,
    }
