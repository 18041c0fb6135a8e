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
