"""Shared pytest fixtures: one small region with towns, a strategy and a user per role."""

import os

import pytest

from digitalagentur.core import testing as t
from digitalagentur.tenancy.choices import Role
from digitalagentur.testing.browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (pages cached by an earlier test's data)."""
    from django.core.cache import caches

    for cache in caches.all():  # pages and the rate limits' counters (participation)
        cache.clear()
    yield


@pytest.fixture(autouse=True)
def german():
    """Each test starts in the site's language: a request of an earlier test in English
    leaves its language active in the thread (LocaleMiddleware does not reset it)."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def no_page_cache(settings):
    """Every request renders (for tests that count what rendering costs)."""
    settings.DIGITALAGENTUR_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def region(db):
    return t.make_region("kreis-a", name="Kreis A")


@pytest.fixture
def other_region(db):
    return t.make_region("kreis-b", name="Kreis B", hostname="kreis-b.example.org")


@pytest.fixture
def town(region):
    return t.make_municipality(region, "Senden", slug="senden")


@pytest.fixture
def other_town(region):
    return t.make_municipality(region, "Havixbeck", slug="havixbeck")


@pytest.fixture
def strategy(region):
    return t.make_strategy(region, title="Strategie A")


@pytest.fixture
def users(region, town):
    """One user per role in `region`; the officer belongs to `town`."""
    return {
        "admin": t.make_user_with_role(region, Role.ADMIN, username="admin-a"),
        "coordinator": t.make_user_with_role(region, Role.COORDINATOR, username="koord-a"),
        "officer": t.make_user_with_role(region, Role.OFFICER, town, username="officer-a"),
        "reader": t.make_user_with_role(region, Role.READER, username="reader-a"),
    }


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback (aiosmtpd); Django's SMTP backend sends to it.

    Yields the list of received messages (`email.message.EmailMessage`), filled as they arrive.
    """
    from digitalagentur.testing.smtp import running_smtp_server

    with running_smtp_server() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = server.hostname
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield server.messages


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (the Debian package; never `playwright install`)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: sudo apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
