"""Two-factor authentication on the Landräume management pages (issue 11, review B point 1).

The provider pages (/landraeume/verwalten/, `public:spaces_manage*`) and the employer pages
(/landraeume/arbeitgeber/, `public:spaces_employer*`) live in the `public` namespace but show
bookers' personal data to the coordination. accounts/middleware.py applies the same gate to them
as to the staff area (/intern/): a user the gate covers is sent to the setup (no device) or to
the login code step (device, session not verified).

Who the region's policy covers is decided in accounts/two_factor.py and kept as it is: users
with a role in the region (and anyone who has set up a device). A provider or employer manager
without a role, typically a self-registered account, is not forced to set up 2FA: the policy
is for the region's staff, and asking members of the public for an authenticator app would shut
small providers (clubs, a café) out. Such a manager only sees the bookings of their own spaces.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from digitalagentur.accounts import services
from digitalagentur.accounts.services import set_two_factor_policy
from digitalagentur.core import testing as t
from digitalagentur.spaces import pilot
from digitalagentur.spaces.models import Employer, Provider
from digitalagentur.testing.spaces import make_provider, make_space

SETUP = "/konto/zwei-faktor/einrichten/"


@pytest.fixture
def site(region, town, users):
    """A region requiring 2FA with a provider (managed by a user without a role), a space and
    an employer."""
    set_two_factor_policy(region, True, user=users["admin"])
    manager = t.make_user("anna", email="anna@example.org")
    provider = make_provider(region, "ExtraGleis", managers=[manager])
    space = make_space(region, town, provider=provider, name="Bahnwaggon", slug="bahnwaggon")
    employer = pilot.create_employer(Employer(region=region, name="wfc"), managers=[manager])
    return {"manager": manager, "provider": provider, "space": space, "employer": employer}


def gated_urls(site) -> list[str]:
    return [
        reverse("public:spaces_manage"),
        reverse("public:spaces_manage_bookings", args=[site["space"].pk]),
        reverse("public:spaces_manage_space_edit", args=[site["space"].pk]),
        reverse("public:spaces_employers"),
        reverse("public:spaces_employer", args=[site["employer"].pk]),
        reverse("public:spaces_employer_csv", args=[site["employer"].pk]),
    ]


def confirmed_device(user):
    device = services.pending_totp_device(user)
    device.confirmed = True
    device.save()
    services.regenerate_recovery_codes(user)
    return device


def verify_session(client, device) -> None:
    """What the login code step leaves in the session (django-otp's login)."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def test_setup_url_is_the_accounts_setup_page():
    assert reverse("accounts:two_factor_setup") == SETUP


def test_coordinator_without_device_is_sent_to_the_setup(client, users, site):
    client.force_login(users["coordinator"])
    # As in the staff area ...
    assert client.get(reverse("staff:dashboard")).url == SETUP
    # ... and on every management page: provider overview, a space's bookings, the employers.
    for url in gated_urls(site):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == SETUP, url
    # A write is refused the same way, before the view runs.
    response = client.post(reverse("public:spaces_manage_provider_new"), {"name": "Neu"})
    assert response.status_code == 302 and response.url == SETUP
    assert not Provider.objects.filter(name="Neu").exists()


def test_coordinator_with_device_but_unverified_session_enters_the_code(client, users, site):
    coordinator = users["coordinator"]
    confirmed_device(coordinator)
    client.force_login(coordinator)  # password only
    url = reverse("public:spaces_manage_bookings", args=[site["space"].pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login_code"))
    assert "next=%2Flandraeume%2Fverwalten%2F" in response.url


def test_coordinator_with_verified_session_gets_the_pages(client, users, site):
    coordinator = users["coordinator"]
    device = confirmed_device(coordinator)
    client.force_login(coordinator)
    verify_session(client, device)
    for url in gated_urls(site):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Bahnwaggon" in client.get(reverse("public:spaces_manage")).content.decode()


def test_provider_manager_without_role_is_not_forced(client, site):
    """The policy covers the region's staff (users with a role); a manager without a role
    reaches the own provider's pages with the password only (see the module docstring)."""
    client.force_login(site["manager"])
    assert client.get(reverse("public:spaces_manage")).status_code == 200
    url = reverse("public:spaces_manage_bookings", args=[site["space"].pk])
    assert client.get(url).status_code == 200
    url = reverse("public:spaces_employer", args=[site["employer"].pk])
    assert client.get(url).status_code == 200


def test_provider_manager_with_own_device_must_verify(client, site):
    """Whoever has set up 2FA verifies the session, role or not (as in the staff area)."""
    manager = site["manager"]
    device = confirmed_device(manager)
    client.force_login(manager)
    response = client.get(reverse("public:spaces_manage"))
    assert response.status_code == 302 and response.url.startswith(reverse("login_code"))
    verify_session(client, device)
    assert client.get(reverse("public:spaces_manage")).status_code == 200


def test_public_search_and_space_page_are_never_gated(client, users, site):
    client.force_login(users["coordinator"])  # no device, region requires 2FA
    assert client.get(reverse("public:spaces")).status_code == 200
    detail = reverse("public:space_detail", kwargs={"slug": site["space"].slug})
    assert client.get(detail).status_code == 200
    assert client.get(reverse("public:my_bookings")).status_code == 200


def test_without_the_policy_nothing_changes(client, users, region, site):
    set_two_factor_policy(region, False, user=users["admin"])
    client.force_login(users["coordinator"])
    assert client.get(reverse("public:spaces_manage")).status_code == 200
