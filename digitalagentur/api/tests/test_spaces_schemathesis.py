"""The Landräume endpoints (issue 11) against their OpenAPI schema, with the checks of
test_schemathesis.py (its DATA_DEPENDENT names the fields only the data decides) but only for
these operations, on existing spaces and bookings."""

import pytest
from rest_framework.authtoken.models import Token

from digitalagentur.core import testing as t
from digitalagentur.spaces import booking as service
from digitalagentur.spaces.choices import BookingMode
from digitalagentur.testing.spaces import make_provider, make_space

from .test_schemathesis import run_all_operations, wsgi_app  # noqa: F401 (fixture)
from .test_spaces import at, day

pytestmark = pytest.mark.django_db


@pytest.fixture
def spaces_schema(settings, region, town, users, wsgi_app):  # noqa: F811
    import schemathesis

    settings.DEFAULT_REGION_SLUG = region.slug
    provider = make_provider(region, managers=[users["coordinator"]])
    space = make_space(region, town, provider=provider, amenities=["wlan"], units=4, capacity=4)
    on_request = make_space(region, town, booking_mode=BookingMode.REQUEST)
    date = day()
    mine = service.book(space, users["coordinator"], at(date, 9), at(date, 10))
    request = service.book(on_request, t.make_user("anfragende"), at(date, 9), at(date, 10))
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    token, _ = Token.objects.get_or_create(user=users["coordinator"])
    known = {
        "/api/v1/spaces/{id}/": {"id": space.pk},
        "/api/v1/bookings/{id}/": {"id": mine.pk},
        "/api/v1/bookings/{id}/cancel/": {"id": mine.pk},
        "/api/v1/bookings/{id}/confirm/": {"id": request.pk},
        "/api/v1/bookings/{id}/decline/": {"id": request.pk},
    }
    selected = schema.include(path_regex="^/api/v1/(spaces|bookings)/")
    return selected, token.key, known


def test_space_and_booking_operations_anonymously_and_as_coordinator(spaces_schema):
    schema, token, known = spaces_schema
    assert len(list(schema.get_all_operations())) == 8
    failures = run_all_operations(schema, known_ids=known)
    failures += run_all_operations(schema, {"Authorization": f"Token {token}"}, known)
    assert not failures, "\n\n".join(failures)
