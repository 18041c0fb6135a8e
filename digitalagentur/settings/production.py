"""Production: secrets and hosts from the environment, HTTPS everywhere, hashed static files.

Every variable read here and in base.py is listed in docs/deployment.md ("Configuration").
The server is gunicorn with digitalagentur/gunicorn_conf.py; `make serve` starts it locally.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _secret_key() -> str:
    """DJANGO_SECRET_KEY, or the contents of the file DJANGO_SECRET_KEY_FILE names.

    The file form suits systemd credentials, container secrets and `make serve`, which keeps a
    generated key in var/secret_key so that sessions survive restarts.
    """
    key = os.environ.get("DJANGO_SECRET_KEY", "")
    path = os.environ.get("DJANGO_SECRET_KEY_FILE", "")
    if not key and path:
        try:
            key = Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"DJANGO_SECRET_KEY_FILE cannot be read: {exc}") from exc
    return key


SECRET_KEY = _secret_key()
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY (or the file DJANGO_SECRET_KEY_FILE) must hold a random value of "
        "50+ characters."
    )
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the host names served.")

DEBUG = False
DIGITALAGENTUR_ENV = "production"  # e.g. load_demo refuses to run without --allow-production

# DIGITALAGENTUR_HTTPS=0 is for a production-like server on plain http://127.0.0.1 only
# (`make serve`): no redirect to HTTPS, no HSTS, no Secure cookies (a browser would not send
# them back over http, so logging in would fail) and no upgrade-insecure-requests.
DIGITALAGENTUR_HTTPS = os.environ.get("DIGITALAGENTUR_HTTPS", "1") == "1"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
# ... and for host names that never leave the machine (localhost, RFC 2606's .test).
if not DIGITALAGENTUR_HTTPS and not all(
    h in LOCAL_HOSTS or h.endswith((".localhost", ".test"))
    for h in ALLOWED_HOSTS  # noqa: F405
):
    raise ImproperlyConfigured(
        "DIGITALAGENTUR_HTTPS=0 is only for local hosts (127.0.0.1, localhost, *.test); "
        "a public host name needs HTTPS."
    )

SECURE_SSL_REDIRECT = DIGITALAGENTUR_HTTPS and (
    os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
)
# The proxy in front (deploy/nginx/digitalagentur.conf) sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = (
    int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    if DIGITALAGENTUR_HTTPS
    else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = DIGITALAGENTUR_HTTPS
CSRF_COOKIE_SECURE = DIGITALAGENTUR_HTTPS
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Set by SecurityMiddleware in every environment already; stated here so that production's
# headers are all in one place (asserted by core/tests/test_security_headers.py).
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The Content-Security-Policy and Permissions-Policy of base.py apply unchanged; production
# also asks browsers to fetch any http: reference over HTTPS.
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,  # noqa: F405
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],  # noqa: F405
        "upgrade-insecure-requests": DIGITALAGENTUR_HTTPS,
    },
}
if not DIGITALAGENTUR_HTTPS:
    del CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"]

# Hashed file names (cached for a year by browsers and nginx) with gzip variants, served by
# WhiteNoise. `digitalagentur collectstatic` must have run (checked: core/checks.py).
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}
WHITENOISE_MAX_AGE = 60 * 60  # files without a hash in their name (hashed ones: forever)
