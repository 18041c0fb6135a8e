"""The client address behind a configured number of trusted proxies, and django-axes using it."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from digitalagentur.core.client_ip import client_ip
from digitalagentur.core.testing import TEST_PASSWORD


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.DIGITALAGENTUR_TRUSTED_PROXIES = 0
    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"
    assert client_ip(request_from("203.0.113.7")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "198.51.100.1", "198.51.100.1"),
        # Whatever the client wrote into the header stays left of the proxy's entry.
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (1, " 2001:DB8::1 ", "2001:db8::1"),
        # Fewer entries than trusted proxies: the request bypassed a proxy, trust nothing.
        (2, "198.51.100.1", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, None, "10.0.0.1"),
        # Garbage is never returned as an address.
        (1, "not-an-address", "10.0.0.1"),
        (1, "198.51.100.1, <script>", "10.0.0.1"),
    ],
)
def test_behind_trusted_proxies_the_nth_entry_from_the_right_is_the_client(
    settings, proxies, forwarded, expected
):
    settings.DIGITALAGENTUR_TRUSTED_PROXIES = proxies
    assert client_ip(request_from("10.0.0.1", forwarded)) == expected


def test_axes_uses_the_client_ip_function(settings):
    from axes.helpers import get_client_ip_address

    settings.DIGITALAGENTUR_TRUSTED_PROXIES = 1
    assert get_client_ip_address(request_from("10.0.0.1", "198.51.100.1")) == "198.51.100.1"


def attempt(client, username, password, remote, forwarded):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_a_spoofed_forwarded_header_does_not_escape_the_lock_without_proxies(
    client, settings, users
):
    settings.DIGITALAGENTUR_TRUSTED_PROXIES = 0
    name = users["coordinator"].username
    for n in range(5):
        attempt(client, name, "falsch", "203.0.113.7", f"198.51.100.{n}")
    # A new forged address each time changes nothing: the pair is locked.
    response = attempt(client, name, TEST_PASSWORD, "203.0.113.7", "198.51.100.99")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_behind_one_proxy_clients_are_locked_out_separately(client, settings, users):
    settings.DIGITALAGENTUR_TRUSTED_PROXIES = 1
    proxy = "10.0.0.1"
    name = users["coordinator"].username
    for _ in range(5):
        attempt(client, name, "falsch", proxy, "198.51.100.1")
    assert attempt(client, name, TEST_PASSWORD, proxy, "198.51.100.1").status_code == 429
    # Another visitor behind the same proxy still logs in with the same user name.
    response = attempt(client, name, TEST_PASSWORD, proxy, "198.51.100.2")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(users["coordinator"].pk)
    # The locked visitor cannot get out by prepending a forged address.
    client.logout()
    forged = attempt(client, name, TEST_PASSWORD, proxy, "198.51.100.77, 198.51.100.1")
    assert forged.status_code == 429
