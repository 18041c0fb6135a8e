import pytest
from django.test import override_settings

from digitalagentur.tenancy.regions import resolve_region


def test_host_name_selects_its_region(region, other_region):
    assert resolve_region("kreis-b.example.org") == other_region
    assert resolve_region("KREIS-B.example.org:8000") == other_region


def test_unknown_host_falls_back_to_the_default_region(region, other_region):
    with override_settings(DEFAULT_REGION_SLUG="kreis-a"):
        assert resolve_region("unknown.example.org") == region
        assert resolve_region("") == region


def test_without_configured_default_the_first_region_is_served(region, other_region):
    with override_settings(DEFAULT_REGION_SLUG="does-not-exist"):
        assert resolve_region("127.0.0.1") == region


@pytest.mark.django_db
def test_no_region_at_all_is_none():
    assert resolve_region("127.0.0.1") is None


def test_host_name_with_a_trailing_dot_selects_its_region(region, other_region):
    # Regression: "kreis-b.example.org." (fully qualified, with the root dot) was served as
    # the default region instead of its own.
    with override_settings(DEFAULT_REGION_SLUG="kreis-a"):
        assert resolve_region("kreis-b.example.org.") == other_region
        assert resolve_region("Kreis-B.Example.org.:8443") == other_region
        assert resolve_region("kreis-b.example.org..") == region  # not a valid host name


def test_stored_host_name_matches_however_it_was_typed(region, other_region):
    other_region.hostname = "Kreis-B.Example.ORG."
    other_region.save()
    with override_settings(DEFAULT_REGION_SLUG="kreis-a"):
        assert resolve_region("kreis-b.example.org") == other_region
        assert resolve_region("kreis-b.example.org.") == other_region


def test_ipv6_host_with_port_falls_back_to_the_default_region(region, other_region):
    with override_settings(DEFAULT_REGION_SLUG="kreis-a"):
        assert resolve_region("[::1]:8000") == region


def test_request_with_trailing_dot_host_is_allowed_and_served_by_its_region(
    client, region, other_region
):
    with override_settings(
        DEFAULT_REGION_SLUG="kreis-a", ALLOWED_HOSTS=["kreis-b.example.org", "testserver"]
    ):
        response = client.get("/", HTTP_HOST="kreis-b.example.org.")
        assert response.status_code == 200
        assert response.wsgi_request.region == other_region
        # Host names outside ALLOWED_HOSTS are still refused, dot or not.
        assert client.get("/", HTTP_HOST="evil.example.org.").status_code == 400


@pytest.mark.django_db(transaction=True)
def test_the_lookup_is_the_health_check_of_a_reused_connection(settings, monkeypatch):
    """No `SELECT 1` round trip before the lookup (a cached page needs only the lookup), yet
    a connection that died between requests still gets replaced instead of failing."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.test.utils import CaptureQueriesContext

    from digitalagentur.core import testing as t

    region = t.make_region("kreis-a", name="Kreis A")
    settings.DEFAULT_REGION_SLUG = region.slug
    connection = connections[DEFAULT_DB_ALIAS]  # the wrapper itself (monkeypatch restores)
    connection.ensure_connection()
    checks = []
    usable = {"answer": True}
    monkeypatch.setattr(connection, "health_check_enabled", True)
    monkeypatch.setattr(
        connection, "is_usable", lambda: checks.append("SELECT 1") or usable["answer"]
    )

    connection.health_check_done = False  # as at the start of a request, connection reused
    with CaptureQueriesContext(connection) as queries:
        assert resolve_region("localhost") == region
    assert len(queries) == 1 and checks == []
    assert connection.health_check_done  # later queries of the request need no check

    connection.connection.close()  # e.g. the database restarted since the last request
    connection.health_check_done = False
    usable["answer"] = False  # what Django's check finds then (SQLite's always says True)
    assert resolve_region("localhost") == region
    assert checks == ["SELECT 1"]  # asked only once the lookup had failed


@pytest.mark.django_db(transaction=True)
def test_a_real_error_on_a_usable_connection_is_raised_not_retried(settings, monkeypatch):
    from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

    from digitalagentur.tenancy import regions

    connection = connections[DEFAULT_DB_ALIAS]
    connection.ensure_connection()
    monkeypatch.setattr(connection, "health_check_enabled", True)
    monkeypatch.setattr(connection, "is_usable", lambda: True)
    calls = []

    def failing_read(*args):
        calls.append(args)
        raise DatabaseError("canceling statement due to statement timeout")

    monkeypatch.setattr(regions, "_read", failing_read)
    connection.health_check_done = False
    with pytest.raises(DatabaseError):
        resolve_region("localhost")
    assert len(calls) == 1  # not run twice
