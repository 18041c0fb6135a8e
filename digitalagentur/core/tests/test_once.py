"""One-time form tokens (core/once.py): used once, whatever the session says."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from digitalagentur.core import once
from digitalagentur.core.models import UsedFormToken

pytestmark = pytest.mark.django_db


def test_a_token_is_used_once_and_an_empty_one_never():
    assert once.first_use("abc") is True
    assert once.first_use("abc") is False
    assert once.first_use("abd") is True
    assert once.first_use("") is False
    # Only a digest is kept, never the token itself.
    assert not UsedFormToken.objects.filter(digest="abc").exists()


def test_old_used_tokens_are_dropped():
    once.first_use("alt")
    UsedFormToken.objects.update(used=timezone.now() - once.KEEP - datetime.timedelta(minutes=1))
    once.first_use("neu")
    assert UsedFormToken.objects.count() == 1
