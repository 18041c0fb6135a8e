"""Test settings: fast password hashing, SQLite unless DATABASE_URL names another database."""

import os

from .dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
DEBUG = False
LANGUAGE_CODE = "de"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: threads and the live server then lock like production.
    # One file per test process, so that parallel runs never share a database.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")  # noqa: F405
    }

# Serve static files straight from the apps (no collectstatic needed for the live server).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Each test opens and closes its own connections (threads of the concurrency tests too).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Each test runs in a transaction that is rolled back: raise content versions at once.
DIGITALAGENTUR_CONTENT_VERSION_AT_ONCE = True
# Tests never touch a Redis that REDIS_URL may name (each test clears its cache).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"},
}
