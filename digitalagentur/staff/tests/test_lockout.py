"""Brute-force protection of the login (django-axes)."""

from django.urls import reverse

from digitalagentur.core.testing import TEST_PASSWORD


def attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_failures_lock_that_user_name_from_that_address(client, users):
    name = users["coordinator"].username
    for _ in range(4):
        response = attempt(client, name, "falsch")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    assert attempt(client, name, "falsch").status_code == 429  # the fifth failure locks
    locked = attempt(client, name, TEST_PASSWORD)
    assert locked.status_code == 429
    assert "vorübergehend gesperrt" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_does_not_hit_other_users(client, users):
    for _ in range(5):
        attempt(client, users["coordinator"].username, "falsch")
    response = attempt(client, users["reader"].username, TEST_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(users["reader"].pk)


def test_a_success_resets_the_count(client, users):
    name = users["coordinator"].username
    for _ in range(4):
        attempt(client, name, "falsch")
    assert attempt(client, name, TEST_PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, name, "falsch")
    assert attempt(client, name, TEST_PASSWORD).status_code == 302
