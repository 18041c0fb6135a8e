"""Users and roles of a region: only region admins list, grant and revoke them."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.models import Invitation, RoleAssignment

LOCKOUT = "Sie können sich nicht selbst die letzte Administrationsrolle entziehen."


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


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


def assignment_of(user, region, role) -> RoleAssignment:
    return RoleAssignment.objects.get(user=user, region=region, role=role)


@pytest.fixture
def foreign_assignment(other_region):
    town = t.make_municipality(other_region, "Fremdstadt", slug="fremdstadt")
    user = t.make_user_with_role(other_region, Role.OFFICER, town, username="officer-b")
    return assignment_of(user, other_region, Role.OFFICER)


def state() -> tuple[int, int, int]:
    """What a refused request must leave unchanged."""
    return (
        RoleAssignment.objects.count(),
        get_user_model().objects.count(),
        ObjectChange.objects.count(),
    )


# --- access -------------------------------------------------------------------------------------


def role_pages(users, region):
    target = assignment_of(users["reader"], region, Role.READER)
    return {
        "role_list": url("role_list"),
        "role_create": url("role_create"),
        "role_delete": url("role_delete", target.pk),
    }


@pytest.mark.parametrize("role", ["coordinator", "officer", "reader", "outsider"])
@pytest.mark.parametrize("page", ["role_list", "role_create", "role_delete"])
def test_only_region_admins_reach_the_role_pages(client, region, users, login, role, page):
    login(role)
    target = role_pages(users, region)[page]
    before = state()
    assert client.get(target).status_code == 403
    post_data = role_data(username="eindringling", role=Role.ADMIN)
    assert client.post(target, post_data).status_code == 403
    assert state() == before
    assert not get_user_model().objects.filter(username="eindringling").exists()


@pytest.mark.parametrize("page", ["role_list", "role_create", "role_delete"])
def test_anonymous_users_are_sent_to_the_login_page(client, region, users, page):
    target = role_pages(users, region)[page]
    before = state()
    for response in (client.get(target), client.post(target, role_data())):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")
    assert state() == before


def test_another_regions_assignment_is_not_found(client, users, login, foreign_assignment):
    login("admin")
    target = url("role_delete", foreign_assignment.pk)
    before = state()
    assert client.get(target).status_code == 404
    assert client.post(target, {"reason": ""}).status_code == 404
    assert state() == before
    assert RoleAssignment.objects.filter(pk=foreign_assignment.pk).exists()


def test_the_navigation_links_the_role_pages_for_admins_only(client, users, login):
    target = url("role_list")
    login("admin")
    assert client.get(url("dashboard")).content.decode().count(f'href="{target}"') == 2
    login("coordinator")
    assert target not in client.get(url("dashboard")).content.decode()
    assert target not in client.get(url("project_list")).content.decode()


# --- list ---------------------------------------------------------------------------------------


def test_admin_sees_the_roles_of_the_region_only(
    client, region, town, users, login, foreign_assignment
):
    users["officer"].first_name, users["officer"].last_name = "Olga", "Ortmann"
    users["officer"].email = "olga@senden.example"
    users["officer"].save()
    login("admin")
    response = client.get(url("role_list"))
    assert response.status_code == 200
    content = response.content.decode()
    for user in users.values():
        assert user.username in content
    assert "Olga Ortmann" in content
    assert "olga@senden.example" in content
    assert "Digitalisierungsbeauftragte/r" in content
    assert "Stadt Senden" in content
    assert "Lesezugriff (Lenkungskreis, Ausschuss)" in content
    assert "officer-b" not in content
    assert "Fremdstadt" not in content
    assert response.context["page"].paginator.count == 4


def test_list_is_sorted_by_user_name_both_ways(client, region, users, login):
    login("admin")
    names = ["admin-a", "koord-a", "officer-a", "reader-a"]
    rows = client.get(url("role_list")).context["rows"]
    assert [a.user.username for a, _, _ in rows] == names
    rows = client.get(url("role_list") + "?sortierung=-benutzer").context["rows"]
    assert [a.user.username for a, _, _ in rows] == names[::-1]
    rows = client.get(url("role_list") + "?sortierung=rolle").context["rows"]
    assert [a.role for a, _, _ in rows] == list(Role)
    # An unknown sort order falls back to the default instead of failing.
    response = client.get(url("role_list") + "?sortierung=passwort")
    assert response.status_code == 200
    assert [a.user.username for a, _, _ in response.context["rows"]] == names


def test_list_is_paginated(client, region, users, login):
    for n in range(30):
        t.make_user_with_role(region, Role.READER, username=f"leser-{n:02d}")
    login("admin")
    first = client.get(url("role_list"))
    assert len(first.context["rows"]) == 30
    assert first.context["page"].paginator.num_pages == 2
    second = client.get(url("role_list") + "?sortierung=benutzer&page=2")
    names = [a.user.username for a, _, _ in second.context["rows"]]
    assert names == ["leser-28", "leser-29", "officer-a", "reader-a"]
    assert client.get(url("role_list") + "?page=abc").status_code == 200


def test_list_query_count_is_constant_for_3_and_30_assignments(
    client, region, town, django_assert_num_queries
):
    admin = t.make_user_with_role(region, Role.ADMIN, username="admin-a")
    t.make_user_with_role(region, Role.OFFICER, town, username="officer-a")
    t.make_user_with_role(region, Role.READER, username="reader-a")
    client.force_login(admin)
    target = url("role_list")
    assert RoleAssignment.objects.filter(region=region).count() == 3
    client.get(target)  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(target).status_code == 200
    small = len(captured)
    for n in range(27):
        officer = n % 2 == 0
        role = Role.OFFICER if officer else Role.READER
        t.make_user_with_role(region, role, town if officer else None, username=f"person-{n}")
    assert RoleAssignment.objects.filter(region=region).count() == 30
    client.get(target)
    with django_assert_num_queries(small):
        response = client.get(target)
    assert len(response.context["rows"]) == 30


# --- grant --------------------------------------------------------------------------------------


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_new_person_is_invited_not_given_the_role_directly(client, region, users, login):
    admin = login("admin")
    response = client.post(url("role_create"), role_data(reason="Neue Koordinatorin"))
    assert response.status_code == 302
    assert response.url == url("role_list")
    user = get_user_model().objects.get(username="neu")
    assert (user.first_name, user.last_name) == ("Nora", "Neumann")
    assert user.email == "nora.neumann@example.org"
    assert not user.has_usable_password()
    assert not RoleAssignment.objects.filter(user=user).exists()  # only after acceptance
    invitation = Invitation.objects.get(user=user)
    assert (invitation.region, invitation.role) == (region, Role.COORDINATOR)
    assert invitation.invited_by == admin
    change = ObjectChange.objects.get(object_id=invitation.pk, content_type__model="invitation")
    assert change.action == ObjectChange.Action.CREATE
    assert (change.region, change.user, change.reason) == (region, admin, "Neue Koordinatorin")
    assert change.changes["username"]["after"] == "neu"
    assert "token_hash" not in change.changes
    (message,) = messages_of(response)
    assert "Die Einladung für „neu“ als „Koordination" in message
    assert "changepassword" not in message


def test_admin_invites_a_new_officer_of_a_town(client, region, town, users, login):
    login("admin")
    response = client.post(
        url("role_create"), role_data(username="senden-2", role=Role.OFFICER, municipality=town.pk)
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(username="senden-2")
    assert (invitation.role, invitation.municipality) == (Role.OFFICER, town)
    assert invitation.region == region


def test_an_existing_user_gets_the_extra_role(client, region, town, users, login):
    login("admin")
    reader = users["reader"]
    users_before = get_user_model().objects.count()
    response = client.post(
        url("role_create"),
        role_data(
            username="reader-a",
            first_name="Überschrieben",
            email="anders@example.org",
            role=Role.OFFICER,
            municipality=town.pk,
        ),
    )
    assert response.status_code == 302
    assert get_user_model().objects.count() == users_before
    roles = set(RoleAssignment.objects.filter(user=reader, region=region).values_list("role"))
    assert roles == {(Role.READER,), (Role.OFFICER,)}
    reader.refresh_from_db()
    assert reader.first_name != "Überschrieben"  # an existing account keeps its data
    assert reader.email != "anders@example.org"
    assert reader.has_usable_password()
    (message,) = messages_of(response)
    assert "Passwort" not in message
    assert "Stadt Senden" in message


def test_a_user_of_another_region_is_only_invited(client, region, users, login, foreign_assignment):
    login("admin")
    response = client.post(url("role_create"), role_data(username="officer-b", role=Role.READER))
    assert response.status_code == 302
    user = foreign_assignment.user
    assert not RoleAssignment.objects.filter(user=user, region=region).exists()
    assert Invitation.objects.get(region=region).user == user
    assert RoleAssignment.objects.filter(pk=foreign_assignment.pk).exists()


def assert_refused(response, message: str, before) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()
    assert state() == before


@pytest.mark.parametrize("username", ["reader-a", "neu"])
def test_officer_role_needs_a_town(client, users, login, username):
    login("admin")
    before = state()
    response = client.post(url("role_create"), role_data(username=username, role=Role.OFFICER))
    assert_refused(response, "Digitalisierungsbeauftragte brauchen eine Kommune.", before)


def test_other_roles_must_not_have_a_town(client, town, users, login):
    login("admin")
    before = state()
    response = client.post(url("role_create"), role_data(role=Role.READER, municipality=town.pk))
    assert_refused(
        response, "Nur Digitalisierungsbeauftragte werden einer Kommune zugeordnet.", before
    )


def test_towns_of_another_region_are_not_selectable(
    client, town, other_town, users, login, foreign_assignment
):
    login("admin")
    foreign_town = foreign_assignment.municipality
    form = client.get(url("role_create")).context["form"]
    choices = list(form.fields["municipality"].queryset)
    assert set(choices) == {town, other_town}
    before = state()
    response = client.post(
        url("role_create"), role_data(role=Role.OFFICER, municipality=foreign_town.pk)
    )
    assert_refused(response, "Bitte eine gültige Auswahl treffen", before)


@pytest.mark.parametrize(
    "overrides",
    [
        {"municipality": "abc"},
        {"municipality": "99999999999999999999999"},
        {"municipality": "²"},
        {"role": "superuser"},
        {"username": "mit leerzeichen"},
        {"username": ""},
        {"email": "keine-adresse"},
    ],
)
def test_bad_input_is_refused_with_a_message(client, town, users, login, overrides):
    login("admin")
    before = state()
    response = client.post(url("role_create"), role_data(**overrides))
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Eingaben." in response.content.decode()
    assert state() == before


@pytest.mark.parametrize(
    ("username", "role", "with_town"),
    [
        ("koord-a", Role.COORDINATOR, False),  # no town: not caught by the unique constraint
        ("officer-a", Role.OFFICER, True),
    ],
)
def test_a_duplicate_role_is_refused(client, town, users, login, username, role, with_town):
    login("admin")
    before = state()
    data = role_data(username=username, role=role, municipality=town.pk if with_town else "")
    response = client.post(url("role_create"), data)
    assert_refused(response, f"„{username}“ hat diese Rolle in der Region bereits.", before)


def test_a_user_name_differing_only_in_case_is_refused(client, users, login):
    login("admin")
    before = state()
    response = client.post(url("role_create"), role_data(username="Reader-A"))
    assert_refused(response, "Es gibt bereits das Benutzerkonto „reader-a“.", before)


# --- revoke -------------------------------------------------------------------------------------


def test_admin_revokes_a_role(client, region, users, login):
    admin = login("admin")
    assignment = assignment_of(users["reader"], region, Role.READER)
    target = url("role_delete", assignment.pk)
    response = client.get(target)
    assert response.status_code == 200
    assert "„reader-a“ die Rolle „Lesezugriff (Lenkungskreis, Ausschuss)“ entziehen?" in (
        response.content.decode()
    )
    response = client.post(target, {"reason": "Ausgeschieden"})
    assert response.status_code == 302
    assert response.url == url("role_list")
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert get_user_model().objects.filter(pk=users["reader"].pk).exists()  # account stays
    change = ObjectChange.objects.get(object_id=assignment.pk, content_type__model="roleassignment")
    assert change.action == ObjectChange.Action.DELETE
    assert (change.region, change.user, change.reason) == (region, admin, "Ausgeschieden")
    assert change.changes["role"]["before"] == Role.READER
    assert messages_of(response) == [
        "„reader-a“ wurde die Rolle „Lesezugriff (Lenkungskreis, Ausschuss)“ entzogen."
    ]


def test_revoked_user_loses_access(client, region, users, login):
    login("admin")
    assignment = assignment_of(users["coordinator"], region, Role.COORDINATOR)
    client.post(url("role_delete", assignment.pk), {"reason": ""})
    login("coordinator")
    assert client.get(url("dashboard")).status_code == 403


def test_an_admin_cannot_revoke_their_own_last_admin_role(client, region, users, login):
    admin = login("admin")
    own = assignment_of(admin, region, Role.ADMIN)
    target = url("role_delete", own.pk)
    assert LOCKOUT in client.get(target).content.decode()
    list_page = client.get(url("role_list")).content.decode()
    assert target not in list_page
    assert "Ihre letzte Administrationsrolle" in list_page
    before = state()
    response = client.post(target, {"reason": ""})
    assert response.status_code == 400
    assert LOCKOUT in response.content.decode()
    assert state() == before
    assert RoleAssignment.objects.filter(pk=own.pk).exists()


def test_an_admin_may_revoke_another_admin_and_their_own_other_roles(client, region, users, login):
    admin = login("admin")
    other_admin = t.make_user_with_role(region, Role.ADMIN, username="admin-2")
    t.grant(admin, region, Role.READER)
    other = assignment_of(other_admin, region, Role.ADMIN)
    assert url("role_delete", other.pk) in client.get(url("role_list")).content.decode()
    assert client.post(url("role_delete", other.pk), {"reason": ""}).status_code == 302
    own_reader = assignment_of(admin, region, Role.READER)
    assert client.post(url("role_delete", own_reader.pk), {"reason": ""}).status_code == 302
    assert list(RoleAssignment.objects.filter(user=admin).values_list("role", flat=True)) == [
        Role.ADMIN
    ]


def test_a_superuser_may_give_up_their_admin_role(client, region, users):
    root = t.make_user("root", is_superuser=True, is_staff=True)
    own = t.grant(root, region, Role.ADMIN)
    client.force_login(root)
    assert client.post(url("role_delete", own.pk), {"reason": ""}).status_code == 302
    assert client.get(url("role_list")).status_code == 200  # still a platform admin


def test_revoking_an_assignment_removed_meanwhile_is_not_found(client, region, users, login):
    login("admin")
    assignment = assignment_of(users["reader"], region, Role.READER)
    target = url("role_delete", assignment.pk)
    assert client.get(target).status_code == 200
    assignment.delete()
    assert client.post(target, {"reason": ""}).status_code == 404


def test_granting_a_role_to_a_deactivated_account_says_it_has_no_effect_yet(
    client, region, users, login
):
    login("admin")
    t.grant(t.make_user("ruhend", is_active=False), region, Role.COORDINATOR)
    response = client.post(url("role_create"), role_data(username="ruhend", role=Role.READER))
    assert response.status_code == 302
    (message,) = messages_of(response)
    assert "deaktiviert" in message
    assert RoleAssignment.objects.filter(user__username="ruhend", role=Role.READER).exists()


def test_the_role_must_be_chosen_explicitly(client, users, login):
    login("admin")
    form = client.get(url("role_create")).context["form"]
    assert form["role"].value() in (None, "")  # no role (least of all admin) is preselected
    before = state()
    response = client.post(url("role_create"), role_data(role=""))
    assert_refused(response, "Bitte prüfen Sie Ihre Eingaben.", before)


# --- the last admin of a region -----------------------------------------------------------------

LAST_ADMIN = "Das ist die letzte Administrationsrolle der Region."


def test_a_superuser_cannot_remove_the_last_admin_role_of_a_region(client, region):
    admin = t.make_user_with_role(region, Role.ADMIN, username="einzig")
    root = t.make_user("root", is_superuser=True, is_staff=True)
    client.force_login(root)
    target = url("role_delete", assignment_of(admin, region, Role.ADMIN).pk)
    assert LAST_ADMIN in client.get(target).content.decode()
    before = state()
    response = client.post(target, {"reason": ""})
    assert response.status_code == 400
    assert LAST_ADMIN in response.content.decode()
    assert state() == before


def test_an_admin_of_a_deactivated_account_does_not_count(client, region, users, login):
    login("admin")
    sleeping = t.make_user_with_role(region, Role.ADMIN, username="ruhend", is_active=False)
    root = t.make_user("root", is_superuser=True, is_staff=True)
    client.force_login(root)
    own = assignment_of(users["admin"], region, Role.ADMIN)
    response = client.post(url("role_delete", own.pk), {"reason": ""})
    assert response.status_code == 400
    assert LAST_ADMIN in response.content.decode()
    # Removing the deactivated account's admin role is fine: an active admin stays.
    other = assignment_of(sleeping, region, Role.ADMIN)
    assert client.post(url("role_delete", other.pk), {"reason": ""}).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_two_admins_revoking_each_other_at_once_leave_one_admin(region):
    from digitalagentur.staff.services import revoke_role

    first = t.make_user_with_role(region, Role.ADMIN, username="admin-1")
    second = t.make_user_with_role(region, Role.ADMIN, username="admin-2")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def revoke(actor, target):
        try:
            assignment = assignment_of(target, region, Role.ADMIN)
            barrier.wait(timeout=5)
            revoke_role(assignment, user=actor, reason="gleichzeitig")
            outcomes.append("revoked")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            connection.close()  # this thread's own connection (else it outlives the test)

    threads = [
        threading.Thread(target=revoke, args=(first, second)),
        threading.Thread(target=revoke, args=(second, first)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 2
    assert outcomes.count("revoked") == 1
    remaining = RoleAssignment.objects.filter(region=region, role=Role.ADMIN)
    assert remaining.count() == 1
    assert ObjectChange.objects.filter(action=ObjectChange.Action.DELETE).count() == 1


@pytest.mark.parametrize("typed", ["k\u043eord-a", "KOORD-A", "k\u03bford-a"])
def test_a_look_alike_of_an_account_of_the_region_is_refused(client, users, login, typed):
    login("admin")
    before = state()
    response = client.post(url("role_create"), role_data(username=typed, role=Role.READER))
    assert_refused(response, "Es gibt bereits das Benutzerkonto „koord-a“.", before)


@pytest.mark.parametrize("typed", ["m\u00fcller", "k\u043eordination", "a+b"])
def test_new_user_names_outside_the_plain_characters_are_refused(client, users, login, typed):
    login("admin")
    before = state()
    response = client.post(url("role_create"), role_data(username=typed))
    assert_refused(response, "Benutzernamen dürfen nur die Buchstaben a–z", before)
