"""The login page (/anmelden/) and logout (/abmelden/)."""

from __future__ import annotations

from django.urls import reverse

from digitalagentur.core.testing import TEST_PASSWORD


def test_login_page_is_german_and_accessible(client, region):
    response = client.get(reverse("login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_username">Benutzername</label>' in content
    assert '<label for="id_password">Passwort</label>' in content
    assert 'id="id_username"' in content and 'autocomplete="username"' in content
    assert 'id="id_password"' in content and 'autocomplete="current-password"' in content
    assert ">Anmelden</button>" in content
    assert "csrfmiddlewaretoken" in content


def test_wrong_password_shows_an_error(client, users):
    response = client.post(reverse("login"), {"username": "koord-a", "password": "falsch"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in content
    assert 'aria-invalid="true"' in content
    assert "Passwort" in content and "Benutzername" in content
    assert 'value="koord-a"' in content  # the user name is kept
    assert "_auth_user_id" not in client.session


def test_login_leads_to_the_dashboard_and_logout_back_home(client, users):
    response = client.post(reverse("login"), {"username": "koord-a", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("staff:dashboard")
    assert client.get(reverse("staff:dashboard")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("staff:dashboard")).status_code == 302


def test_login_redirects_to_the_requested_page(client, users):
    target = reverse("staff:project_list")
    response = client.get(target)
    assert response.url == f"{reverse('login')}?next={target}"
    page = client.get(response.url).content.decode()
    assert f'name="next" value="{target}"' in page
    assert "Bitte melden Sie sich an" in page
    response = client.post(
        reverse("login"), {"username": "reader-a", "password": TEST_PASSWORD, "next": target}
    )
    assert response.url == target


def test_next_to_another_host_is_ignored(client, users):
    response = client.post(
        reverse("login"),
        {"username": "reader-a", "password": TEST_PASSWORD, "next": "https://evil.example/"},
    )
    assert response.url == reverse("staff:dashboard")
