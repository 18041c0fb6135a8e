"""Invitations: granting a role to a person without a role in the region, by e-mail link."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.staff import invitations as invitation_services
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.invitations import hash_token
from digitalagentur.tenancy.models import Invitation, RoleAssignment

PASSWORD = "Sonnenblume-Wiese-42"  # noqa: S105 (test-only)
INVALID = "Dieser Einladungslink lässt sich nicht (mehr) verwenden."
LINK_RE = re.compile(r"http://testserver/intern/einladung/([A-Za-z0-9_-]+)/")


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def accept_url(token: str) -> str:
    return reverse("staff:invitation_accept", args=[token])


def role_data(**overrides) -> dict:
    data = {
        "username": "neu",
        "first_name": "Nora",
        "last_name": "Neumann",
        "email": "nora.neumann@example.org",
        "role": Role.COORDINATOR,
        "municipality": "",
        "reason": "",
    }
    data.update(overrides)
    return data


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def state() -> tuple:
    return (
        RoleAssignment.objects.count(),
        get_user_model().objects.count(),
        Invitation.objects.count(),
        ObjectChange.objects.count(),
        sorted(Invitation.objects.values_list("token_hash", "accepted_at", "withdrawn_at")),
    )


@pytest.fixture
def invite(client, users, login, django_capture_on_commit_callbacks):
    """invite(**form data) posts the role form as region admin; returns (response, token)."""

    def _invite(**overrides):
        login("admin")
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url("role_create"), role_data(**overrides))
        assert response.status_code == 302, response.content.decode()
        client.get(response.url)  # shows (and so uses up) the success message
        token = None
        if len(mail.outbox) > before:
            token = LINK_RE.search(mail.outbox[-1].body).group(1)
        return response, token

    return _invite


@pytest.fixture
def foreign_user(other_region):
    user = t.make_user(
        "officer-b", first_name="Geheim", last_name="Person", email="geheim@kreis-b.example"
    )
    t.grant(user, other_region, Role.COORDINATOR)
    return user


# --- sending ------------------------------------------------------------------------------------


def test_the_invitation_mail_reaches_a_real_smtp_server(
    client, region, users, login, smtp_server, django_capture_on_commit_callbacks
):
    login("admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("role_create"), role_data())
    assert response.status_code == 302
    (message,) = smtp_server
    assert message["X-Envelope-To"] == "nora.neumann@example.org"
    assert message["Subject"] == "Einladung in den internen Bereich: Kreis A"
    body = message.get_content()
    assert "Guten Tag Nora Neumann," in body
    assert "mit der Rolle „Koordination" in body
    assert "Ihr Benutzername: neu" in body
    assert "Passwort fest" in body
    token = LINK_RE.search(body).group(1)
    invitation = Invitation.objects.get()
    # Only a hash of the token is stored.
    assert invitation.token_hash == hash_token(token)
    assert token not in str(list(Invitation.objects.values()))
    assert token not in str(list(ObjectChange.objects.values()))


def test_the_mail_leaves_only_after_the_commit(client, users, login):
    login("admin")
    response = client.post(url("role_create"), role_data())  # transaction never commits here
    assert response.status_code == 302
    assert mail.outbox == []


def test_the_link_expires_after_the_configured_days(client, users, settings, invite):
    settings.DIGITALAGENTUR_INVITATION_DAYS = 3
    invite()
    invitation = Invitation.objects.get()
    assert invitation.expires_at - invitation.sent_at == datetime.timedelta(days=3)


def test_a_mail_server_that_is_down_does_not_break_the_page(
    client, users, login, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    login("admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("role_create"), role_data())
    assert response.status_code == 302
    assert Invitation.objects.open().count() == 1  # listed as open: it can be sent again


# --- accepting as a new account -----------------------------------------------------------------


def test_a_new_person_sets_a_password_and_gets_the_role(client, region, town, users, invite):
    _, token = invite(username="senden-2", role=Role.OFFICER, municipality=town.pk)
    client.logout()
    page = client.get(accept_url(token))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Kreis A" in content
    assert "Digitalisierungsbeauftragte/r – Stadt Senden" in content
    assert 'autocomplete="new-password"' in content
    assert '<meta name="referrer" content="same-origin">' in content
    response = client.post(
        accept_url(token), {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    user = get_user_model().objects.get(username="senden-2")
    assert user.check_password(PASSWORD)
    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.region, assignment.role) == (region, Role.OFFICER)
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is not None
    actions = ObjectChange.objects.filter(user=user).values_list("content_type__model", "action")
    assert sorted(actions) == [("invitation", "update"), ("roleassignment", "create")]
    assert "Ihr Passwort ist gespeichert" in messages_of(response)[0]
    # The person can log in with the new password.
    logged_in = client.post(reverse("login"), {"username": "senden-2", "password": PASSWORD})
    assert logged_in.status_code == 302


def test_the_link_works_only_once(client, users, invite):
    _, token = invite()
    client.logout()
    data = {"new_password1": PASSWORD, "new_password2": PASSWORD}
    assert client.post(accept_url(token), data).status_code == 302
    before = state()
    again = client.get(accept_url(token))
    assert again.status_code == 404
    assert INVALID in again.content.decode()
    assert client.post(accept_url(token), {**data, "new_password1": "x"}).status_code == 404
    assert state() == before


@pytest.mark.parametrize(
    ("password1", "password2", "message"),
    [
        (PASSWORD, PASSWORD + "x", "Die beiden Passwörter sind nicht identisch."),
        ("123", "123", "Dieses Passwort ist zu kurz."),
        ("", "", "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_a_bad_password_is_refused_in_german(client, users, invite, password1, password2, message):
    _, token = invite()
    client.logout()
    before = state()
    response = client.post(
        accept_url(token), {"new_password1": password1, "new_password2": password2}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert state() == before
    assert not get_user_model().objects.get(username="neu").has_usable_password()


def test_an_expired_link_gives_the_invalid_page(client, users, invite):
    _, token = invite()
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    client.logout()
    before = state()
    response = client.get(accept_url(token))
    assert response.status_code == 404
    assert INVALID in response.content.decode()
    post = client.post(accept_url(token), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert post.status_code == 404
    assert state() == before


def test_an_expired_invitation_is_marked_in_the_list_and_can_be_resent(client, users, invite):
    _, old = invite()
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))
    assert "abgelaufen" in client.get(url("role_list")).content.decode()
    invitation = Invitation.objects.get()
    client.post(url("invitation_resend", invitation.pk), {"reason": ""})
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=6)


@pytest.mark.parametrize(
    "token",
    ["abc", "x" * 500, "ä-ö-ü", "%00", "..", "0" * 43],
)
def test_malformed_tokens_give_the_same_invalid_page(client, users, token):
    response = client.get(accept_url(token))
    assert response.status_code == 404
    assert INVALID in response.content.decode()
    post = client.post(accept_url(token), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert post.status_code == 404


def test_all_unusable_links_look_alike(client, users, invite, login):
    """Unknown, expired and withdrawn links: one page, no hint about any account."""
    _, expired = invite(username="name-eins")
    Invitation.objects.filter(username="name-eins").update(expires_at=timezone.now())
    _, withdrawn = invite(username="name-zwei")
    invitation = Invitation.objects.get(username="name-zwei")
    client.post(url("invitation_withdraw", invitation.pk), {"reason": ""})
    client.logout()
    pages = {
        token: normalised(client.get(accept_url(token)), token)
        for token in (expired, withdrawn, "unbekannt")
    }
    assert len(set(pages.values())) == 1
    for name in ("name-eins", "name-zwei", "Nora"):
        assert name not in pages["unbekannt"]


# --- resend and withdraw ------------------------------------------------------------------------


def test_admin_sees_open_invitations(client, region, users, invite, other_region):
    _, _token = invite(first_name="Nora", last_name="Neumann")
    foreign_admin = t.make_user_with_role(other_region, Role.ADMIN, username="admin-b")
    foreign = Invitation.objects.create(
        region=other_region,
        user=t.make_user("fremd-eingeladen"),
        role=Role.READER,
        username="fremd-eingeladen",
        email="x@example.org",
        token_hash="f" * 64,
        invited_by=foreign_admin,
        sent_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    response = client.get(url("role_list"))
    content = response.content.decode()
    assert "Offene Einladungen" in content
    invitation = Invitation.objects.get(region=region)
    row = content[content.index(f'id="einladung-{invitation.pk}"') :]
    row = row[: row.index("</tr>")]
    for text in ("neu", "Nora Neumann", "nora.neumann@example.org", "Koordination", "admin-a"):
        assert text in row
    assert timezone.localtime(invitation.expires_at).strftime("%d.%m.%Y") in row
    assert url("invitation_resend", invitation.pk) in row
    assert url("invitation_withdraw", invitation.pk) in row
    assert "fremd-eingeladen" not in content
    # Another region's invitation cannot be touched from here.
    for name in ("invitation_resend", "invitation_withdraw"):
        assert client.get(url(name, foreign.pk)).status_code == 404
        assert client.post(url(name, foreign.pk), {"reason": ""}).status_code == 404
    assert Invitation.objects.get(pk=foreign.pk).is_open


def test_list_query_count_does_not_grow_with_invitations(client, region, users, invite):
    invite(username="erste")
    target = url("role_list")
    client.get(target)
    with CaptureQueriesContext(connection) as small:
        client.get(target)
    for n in range(8):
        invite(username=f"person-{n}")
    client.get(target)
    with CaptureQueriesContext(connection) as large:
        response = client.get(target)
    assert len(response.context["invitations"]) == 9
    assert len(large) == len(small)


def test_resending_makes_the_old_link_invalid(
    client, users, invite, django_capture_on_commit_callbacks
):
    _, old = invite()
    invitation = Invitation.objects.get()
    invitation.sent_at = invitation.sent_at - datetime.timedelta(days=3)
    invitation.expires_at = invitation.expires_at - datetime.timedelta(days=3)
    invitation.save()
    target = url("invitation_resend", invitation.pk)
    assert "der bisherige Link gilt dann nicht mehr" in client.get(target).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(target, {"reason": "Mail nicht angekommen"})
    assert response.status_code == 302
    new = LINK_RE.search(mail.outbox[-1].body).group(1)
    assert len(mail.outbox) == 2
    assert new != old
    fresh = Invitation.objects.get()
    assert fresh.expires_at > invitation.expires_at + datetime.timedelta(days=2)
    change = ObjectChange.objects.filter(object_id=fresh.pk, content_type__model="invitation")
    assert change.latest("pk").reason == "Mail nicht angekommen"
    client.logout()
    assert client.get(accept_url(old)).status_code == 404
    assert client.get(accept_url(new)).status_code == 200


def test_withdrawing_needs_confirmation_and_invalidates_the_link(client, region, users, invite):
    admin_response, token = invite()
    invitation = Invitation.objects.get()
    target = url("invitation_withdraw", invitation.pk)
    page = client.get(target)
    assert page.status_code == 200
    assert "Der Link in der E-Mail gilt dann nicht mehr." in page.content.decode()
    assert Invitation.objects.get().is_open
    response = client.post(target, {"reason": "Falsche Person"})
    assert response.status_code == 302
    assert messages_of(response) == ["Die Einladung für „neu“ wurde zurückgezogen."]
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None
    change = ObjectChange.objects.filter(object_id=invitation.pk, content_type__model="invitation")
    assert change.latest("pk").reason == "Falsche Person"
    assert "Keine offenen Einladungen." in client.get(url("role_list")).content.decode()
    # Withdrawn: neither withdrawn again nor resent (404), and the link is dead.
    assert client.post(target, {"reason": ""}).status_code == 404
    assert client.post(url("invitation_resend", invitation.pk), {"reason": ""}).status_code == 404
    client.logout()
    assert client.get(accept_url(token)).status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "officer", "reader", "outsider"])
@pytest.mark.parametrize("name", ["invitation_resend", "invitation_withdraw"])
def test_only_region_admins_resend_or_withdraw(client, users, invite, login, role, name):
    invite()
    invitation = Invitation.objects.get()
    login(role)
    before = state()
    assert client.get(url(name, invitation.pk)).status_code == 403
    assert client.post(url(name, invitation.pk), {"reason": ""}).status_code == 403
    assert state() == before
    client.logout()
    response = client.post(url(name, invitation.pk), {"reason": ""})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert state() == before


def test_a_second_open_invitation_for_the_same_role_is_refused(client, users, invite):
    invite()
    before = state()
    response = client.post(url("role_create"), role_data())
    assert response.status_code == 200
    assert "Für „neu“ gibt es bereits eine offene Einladung mit dieser Rolle." in (
        response.content.decode()
    )
    assert state() == before


def test_an_invitation_needs_an_email_address(client, users, login):
    login("admin")
    before = state()
    response = client.post(url("role_create"), role_data(email=""))
    assert response.status_code == 200
    assert "Bitte geben Sie eine E-Mail-Adresse an" in response.content.decode()
    assert state() == before


# --- existing accounts from outside the region --------------------------------------------------


def test_an_outside_account_is_invited_at_its_own_address_and_accepts_logged_in(
    client, region, users, invite, foreign_user
):
    _, token = invite(username="officer-b", email="Geheim@Kreis-B.example")
    assert mail.outbox[-1].to == ["geheim@kreis-b.example"]
    assert "melden Sie sich mit Ihrem bestehenden Benutzerkonto an" in mail.outbox[-1].body
    assert not RoleAssignment.objects.filter(user=foreign_user, region=region).exists()
    client.logout()
    page = client.get(accept_url(token)).content.decode()
    assert "Anmelden und Einladung annehmen" in page
    assert "new_password1" not in page
    # Anonymous: no password can be set for an existing account, the POST goes to the login.
    before = state()
    response = client.post(accept_url(token), {"new_password1": "x", "new_password2": "x"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert state() == before
    foreign_user.refresh_from_db()
    assert foreign_user.check_password(t.TEST_PASSWORD)
    # Logged in as that account: accept.
    client.force_login(foreign_user)
    assert "Einladung annehmen" in client.get(accept_url(token)).content.decode()
    response = client.post(accept_url(token))
    assert response.status_code == 302
    assert response.url == url("dashboard")
    assert RoleAssignment.objects.filter(user=foreign_user, region=region, role=Role.COORDINATOR)
    assert client.get(url("dashboard")).status_code == 200


def test_an_outside_account_gets_no_link_at_an_address_that_is_not_its_own(
    client, region, invite, foreign_user
):
    """The admin sees the same answer (nothing about the account), but no mail leaves: the
    owner of `officer-b` never agreed to the address the admin typed."""
    response, token = invite(username="officer-b", email="admin-hat-geraten@example.org")
    assert token is None and mail.outbox == []
    assert Invitation.objects.get().is_open  # listed as open, like every other invitation


def test_a_name_taken_by_a_pending_invitation_cannot_be_claimed_by_another_region(
    client, region, other_region, users, django_capture_on_commit_callbacks
):
    """Region B's admin invites "mueller" first, giving an address of their own; region A's
    invitation of "mueller" (at Müller's real address) must not reach B's address, and B's
    link cannot accept A's invitation."""
    admin_b = t.make_user("admin-b")
    t.grant(admin_b, other_region, Role.ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_services.invite(
            other_region,
            username="mueller",
            role=Role.READER,
            email="falle@kreis-b.example",
            user=admin_b,
            link_for=lambda token: f"http://testserver/intern/einladung/{token}/",
        )
        invitation_services.invite(
            region,
            username="mueller",
            role=Role.ADMIN,
            email="mueller@kreis-a.example",
            user=users["admin"],
            link_for=lambda token: f"http://testserver/intern/einladung/{token}/",
        )
    assert [m.to for m in mail.outbox] == [["falle@kreis-b.example"]]
    token_b = LINK_RE.search(mail.outbox[0].body).group(1)
    data = {"new_password1": PASSWORD, "new_password2": PASSWORD}
    client.post(accept_url(token_b), data)
    mueller = get_user_model().objects.get(username="mueller")
    assert RoleAssignment.objects.filter(user=mueller, region=other_region).exists()
    assert not RoleAssignment.objects.filter(user=mueller, region=region).exists()


def test_another_account_cannot_accept(client, region, users, invite, foreign_user, login):
    _, token = invite(username="officer-b", email="geheim@kreis-b.example")
    before = state()
    login("reader")
    page = client.get(accept_url(token))
    assert page.status_code == 403
    assert "Diese Einladung gilt für ein anderes Benutzerkonto." in page.content.decode()
    assert "officer-b" not in page.content.decode()
    assert client.post(accept_url(token)).status_code == 403
    data = {"new_password1": PASSWORD, "new_password2": PASSWORD}
    assert client.post(accept_url(token), data).status_code == 403
    assert state() == before
    assert Invitation.objects.get().is_open


def test_a_new_accounts_link_refuses_a_logged_in_other_user(client, users, invite, login):
    _, token = invite()
    login("coordinator")
    before = state()
    data = {"new_password1": PASSWORD, "new_password2": PASSWORD}
    assert client.post(accept_url(token), data).status_code == 403
    assert state() == before


def normalised(response, name: str) -> str:
    """A response with what differs by request only (typed name, CSRF token) blanked out."""
    text = response.content.decode().replace(name, "NAME")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", text)


@pytest.mark.parametrize(
    "overrides",
    [
        {},  # success
        {"email": ""},  # invitation without address
        {"role": Role.OFFICER},  # officer without town
        {"first_name": "x" * 151},  # too long
    ],
)
def test_the_form_reveals_nothing_about_accounts_outside_the_region(
    client, users, login, foreign_user, overrides
):
    login("admin")
    results = []
    for name in ("officer-b", "gibt-es-nicht"):
        response = client.post(url("role_create"), role_data(username=name, **overrides))
        results.append(
            (
                response.status_code,
                response.get("Location"),
                # the link's expiry names the minute: two requests may straddle one
                [
                    re.sub(r"\d{1,2}:\d{2}\)", "HH:MM)", m.replace(name, "NAME"))
                    for m in messages_of(response)
                ],
                normalised(response, name),
            )
        )
        listing = client.get(url("role_list")).content.decode()
        assert "Geheim" not in listing
        assert "geheim@kreis-b.example" not in listing
    assert results[0] == results[1]


@pytest.mark.parametrize(
    ("typed", "unknown"),
    [("Officer-B", "Other-Name"), ("\u043efficer-b", "\u043ether-name")],  # case, Cyrillic "о"
)
def test_look_alikes_of_outside_accounts_answer_like_unknown_names(
    client, users, login, foreign_user, typed, unknown
):
    login("admin")
    results = []
    for name in (typed, unknown):
        response = client.post(url("role_create"), role_data(username=name))
        results.append(
            (response.status_code, [m.replace(name, "N") for m in messages_of(response)])
        )
        if response.status_code == 200:
            results.append(normalised(response, name))
        else:
            client.get(response.url)  # uses up the message
    assert results[: len(results) // 2] == results[len(results) // 2 :]
    assert get_user_model().objects.filter(username__iexact="officer-b").count() == 1
