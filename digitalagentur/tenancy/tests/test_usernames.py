"""User names that imitate others with look-alike letters are refused."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from digitalagentur.core import testing as t
from digitalagentur.tenancy.admin import NewUserForm
from digitalagentur.tenancy.usernames import (
    NewUsernameValidator,
    find_similar_account,
    skeleton,
    validate_username_characters,
)

CYRILLIC_O = "\u043e"
GREEK_OMICRON = "\u03bf"


@pytest.mark.parametrize(
    ("imitation", "original"),
    [
        (f"k{CYRILLIC_O}{CYRILLIC_O}rdination", "koordination"),
        (f"k{GREEK_OMICRON}ordination", "koordination"),
        ("\u0430dmin", "admin"),  # Cyrillic a
        ("ＡＤＭＩＮ", "admin"),  # full-width letters (NFKC)
        ("Koordinatión", "koordination"),  # accent
        ("KOORDINATION", "koordination"),
    ],
)
def test_look_alikes_share_a_skeleton(imitation, original):
    assert imitation != original
    assert skeleton(imitation) == skeleton(original)


def test_different_names_keep_different_skeletons():
    assert skeleton("koordination") != skeleton("koordinat1on")
    assert skeleton("senden") != skeleton("sender")


@pytest.mark.parametrize("name", ["koordination", "nora.neumann", "a_b-c@d.de", "Senden2"])
def test_plain_names_are_allowed(name):
    validate_username_characters(name)


@pytest.mark.parametrize(
    "name",
    [f"k{CYRILLIC_O}ordination", "müller", "mit leerzeichen", "a+b", "", "ＡＤＭＩＮ", "x\u200by"],
)
def test_other_characters_are_refused_in_german(name):
    with pytest.raises(ValidationError) as info:
        validate_username_characters(name)
    assert "Benutzernamen dürfen nur die Buchstaben a–z" in info.value.messages[0]


def test_find_similar_account_both_ways(db):
    plain = t.make_user("koordination")
    assert find_similar_account("koordination") == plain
    assert find_similar_account("Koordination") == plain
    assert find_similar_account(f"k{CYRILLIC_O}ordination") == plain
    assert find_similar_account("koordinator") is None
    # An old account with a Cyrillic letter is found for the plain name it imitates.
    plain.delete()
    old = t.make_user(f"k{CYRILLIC_O}ordination")
    assert find_similar_account("koordination") == old


def test_the_validator_refuses_names_similar_to_existing_ones(db):
    t.make_user("koordination")
    validator = NewUsernameValidator()
    validator("koordinator")
    for name in ("Koordination", f"k{CYRILLIC_O}ordination"):
        with pytest.raises(ValidationError):
            validator(name)


def test_the_django_admin_cannot_create_look_alike_accounts(db):
    t.make_user("koordination")
    password = "Sonnenblume-Wiese-42"  # noqa: S105 (test-only)
    data = {"password1": password, "password2": password}
    form = NewUserForm(data={**data, "username": f"k{CYRILLIC_O}ordination"})
    assert not form.is_valid()
    assert "Benutzernamen dürfen nur" in str(form.errors["username"])
    form = NewUserForm(data={**data, "username": "neu.person"})
    assert form.is_valid(), form.errors
    form.save()
    assert get_user_model().objects.filter(username="neu.person").exists()


def test_the_django_admin_cannot_deactivate_the_last_admin_of_a_region(db):
    from digitalagentur.tenancy.admin import UserForm
    from digitalagentur.tenancy.choices import Role

    region = t.make_region("kreis-x", name="Kreis X")
    only = t.make_user_with_role(region, Role.ADMIN, username="einzige")

    def deactivate(user):
        data = {
            "username": user.username,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00",
        }
        return UserForm(data=data, instance=user)

    form = deactivate(only)
    assert not form.is_valid()
    assert "letzte aktive Administrationsrolle von: Kreis X" in str(form.errors["is_active"])
    t.make_user_with_role(region, Role.ADMIN, username="zweite")
    form = deactivate(only)
    assert "is_active" not in form.errors
