"""Test settings: fast password hashing, SQLite unless DATABASE_URL names another database."""

from .dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
DEBUG = False
LANGUAGE_CODE = "de"
