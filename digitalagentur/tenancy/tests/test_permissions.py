"""The permission chain: rights per role, per town and per region."""

import pytest

from digitalagentur.core import testing as t
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.permissions import get_access


@pytest.fixture
def own_project(region, town):
    return t.make_project(region, "Eigenes Projekt", towns=[town])


@pytest.fixture
def foreign_project(region, other_town):
    return t.make_project(region, "Fremdes Projekt", towns=[other_town])


@pytest.fixture
def other_region_project(other_region):
    town_b = t.make_municipality(other_region, "Stadt B")
    return t.make_project(other_region, "Projekt B", towns=[town_b])


def test_anonymous_has_public_rights_only(region, own_project):
    from django.contrib.auth.models import AnonymousUser

    access = get_access(AnonymousUser(), region)
    assert not access.can_read_internal
    assert not access.can_manage
    assert not access.can_edit_project(own_project)


@pytest.mark.parametrize("role", ["admin", "coordinator"])
def test_managers_edit_everything_in_their_region_only(
    role, users, region, own_project, foreign_project, other_region_project
):
    access = get_access(users[role], region)
    assert access.can_read_internal and access.can_manage
    assert access.can_edit_project(own_project)
    assert access.can_edit_project(foreign_project)
    assert not access.can_edit_project(other_region_project)


def test_only_admins_administer(users, region):
    assert get_access(users["admin"], region).can_admin
    assert not get_access(users["coordinator"], region).can_admin


def test_officer_edits_own_town_and_its_projects_only(
    users, region, town, other_town, own_project, foreign_project, other_region_project
):
    access = get_access(users["officer"], region)
    assert access.can_read_internal
    assert not access.can_manage
    assert access.can_edit_project(own_project)
    assert not access.can_edit_project(foreign_project)
    assert not access.can_edit_project(other_region_project)
    assert access.can_edit_municipality(town)
    assert not access.can_edit_municipality(other_town)
    assert access.can_create_project_for([town.pk])
    assert not access.can_create_project_for([other_town.pk])


def test_reader_reads_but_edits_nothing(users, region, town, own_project, strategy):
    access = get_access(users["reader"], region)
    assert access.can_read_internal
    assert not access.can_edit_project(own_project)
    assert not access.can_edit_municipality(town)
    assert not access.can_edit_strategy_content(strategy)


def test_roles_do_not_carry_over_to_another_region(users, other_region):
    for user in users.values():
        access = get_access(user, other_region)
        assert not access.can_read_internal
        assert not access.can_manage


def test_officer_role_requires_a_town(region):
    from django.db import IntegrityError, transaction

    user = t.make_user()
    with pytest.raises(IntegrityError), transaction.atomic():
        t.grant(user, region, Role.OFFICER, None)


def test_inactive_users_lose_their_rights(users, region):
    user = users["coordinator"]
    user.is_active = False
    user.save()
    assert not get_access(user, region).can_read_internal


def test_a_role_without_town_cannot_be_granted_twice(region):
    from django.db import IntegrityError, transaction

    user = t.make_user()
    t.grant(user, region, Role.COORDINATOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        t.grant(user, region, Role.COORDINATOR)
