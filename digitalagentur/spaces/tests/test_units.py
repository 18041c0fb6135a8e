"""Desks of a space that has bookings on record are retired, not deleted (issue 11, section 1)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.spaces import booking as svc
from digitalagentur.spaces import manage
from digitalagentur.spaces.models import Booking, Space, Unit
from digitalagentur.testing.spaces import make_space

pytestmark = pytest.mark.django_db


def tomorrow(hour):
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_a_desk_with_past_bookings_is_retired_and_comes_back(region, town):
    space = make_space(region, town, units=3, capacity=3)
    last = space.units.order_by("position").last()
    past = Booking.objects.create(
        region=region,
        space=space,
        unit=last,
        booker=t.make_user("frueher"),
        start=timezone.now() - datetime.timedelta(days=3, hours=2),
        end=timezone.now() - datetime.timedelta(days=3),
        status="confirmed",
        purpose="work",
    )
    manage.set_unit_count(space, 2)
    assert space.units.count() == 2
    assert Unit.every.filter(space=space).count() == 3
    past.refresh_from_db()
    assert past.unit_id == last.pk  # the booking keeps its desk
    # a retired desk is never offered
    user = t.make_user("heute")
    taken = {svc.book(space, user, tomorrow(9), tomorrow(10)).unit_id for _ in range(2)}
    assert last.pk not in taken
    with pytest.raises(svc.AlreadyBooked):
        svc.book(space, user, tomorrow(9), tomorrow(10))
    prefetched = Space.objects.prefetch_related("units").get(pk=space.pk)
    assert len(prefetched.units.all()) == 2
    manage.set_unit_count(space, 3)
    assert last.pk in set(space.units.values_list("pk", flat=True))
    assert svc.book(space, user, tomorrow(9), tomorrow(10)).unit_id == last.pk


def test_a_desk_with_future_bookings_stays(region, town):
    space = make_space(region, town, units=2, capacity=2)
    user = t.make_user("morgen")
    svc.book(space, user, tomorrow(9), tomorrow(10))
    svc.book(space, user, tomorrow(9), tomorrow(10))
    with pytest.raises(ValidationError) as error:
        manage.set_unit_count(space, 1)
    assert "noch Buchungen" in error.value.message_dict["units"][0]
    assert space.units.count() == 2


def test_the_secret_feed_token_never_enters_the_change_log(region, town):
    from digitalagentur.core.models import ObjectChange

    space = make_space(region, town)
    change = ObjectChange.objects.get(object_id=space.pk, content_type__model="space")
    assert "name" in change.changes
    assert "feed_token" not in change.changes
    assert space.feed_token not in str(change.changes)
