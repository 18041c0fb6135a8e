"""Security headers: the Content-Security-Policy everywhere, and every header production sends.

Production's values are taken from digitalagentur/settings/production.py itself (loaded with
the environment it requires) and applied to the test run, so that a change there shows here.
"""

import importlib
import secrets
import sys
from html.parser import HTMLParser

import pytest
from django.test import override_settings
from django.urls import reverse

from digitalagentur.core.security import permissions_policy_header

PRODUCTION_SECURITY_SETTINGS = (
    "SECURE_",
    "SESSION_COOKIE_",
    "CSRF_COOKIE_",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
    "MIDDLEWARE",
)


def load_production_settings(monkeypatch, tmp_path) -> dict:
    monkeypatch.setenv("DJANGO_SECRET_KEY", secrets.token_urlsafe(64))
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "digital.example.org")
    monkeypatch.setenv("DIGITALAGENTUR_VAR_DIR", str(tmp_path))
    for name in ("DJANGO_SECURE_SSL_REDIRECT", "DJANGO_HSTS_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    # Fresh imports of production and the base it reads (with this environment); the modules
    # the test run loaded are put back afterwards.
    names = ("digitalagentur.settings.production", "digitalagentur.settings.base")
    previous = {name: sys.modules.pop(name, None) for name in names}
    try:
        module = importlib.import_module(names[0])
    finally:
        for name, loaded in previous.items():
            sys.modules.pop(name, None)
            if loaded is not None:
                sys.modules[name] = loaded
    return {
        key: getattr(module, key)
        for key in dir(module)
        if key.isupper() and key.startswith(PRODUCTION_SECURITY_SETTINGS)
    }


@pytest.fixture
def production(monkeypatch, tmp_path):
    values = load_production_settings(monkeypatch, tmp_path)
    with override_settings(**values):
        yield values


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_strict_csp(response):
    csp = csp_directives(response)
    assert csp["default-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        sources = csp[directive]
        assert "'self'" in sources
        assert "'unsafe-inline'" not in sources, directive
        assert "'unsafe-eval'" not in sources, directive
        assert not any(s in ("*", "http:", "https:", "data:") for s in sources), directive
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    return csp


class InlineCode(HTMLParser):
    """Collects inline scripts, style blocks, style attributes and on* event handlers."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs:
            if attrs.get("type") not in ("application/json", "application/ld+json"):
                self.found.append(("inline script", attrs.get("nonce")))
        if tag == "style":
            self.found.append(("style block", attrs.get("nonce")))
        for name in attrs:
            if name == "style":
                self.found.append((f"style attribute on <{tag}>", None))
            if name.startswith("on"):
                self.found.append((f"{name} handler on <{tag}>", None))


def inline_code(response) -> list[tuple[str, str | None]]:
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser.found


def nonce_of(response) -> str | None:
    for source in csp_directives(response)["script-src"]:
        if source.startswith("'nonce-"):
            return source[len("'nonce-") : -1]
    return None


# ---- every environment -----------------------------------------------------------------------


@pytest.fixture
def pages(region, town, strategy, users):
    """HTML pages of each interface (the staff dashboard needs a login)."""
    return [
        reverse("public:home"),
        reverse("public:strategy"),
        reverse("public:project_list"),
        reverse("public:municipality_list"),
        reverse("login"),
        reverse("staff:dashboard"),
        "/gibt-es-nicht/",
    ]


def test_every_page_has_a_strict_csp_and_no_inline_code(client, users, pages):
    client.force_login(users["coordinator"])
    problems = []
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_strict_csp(response)
        assert nonce_of(response) is None, f"{url} uses a nonce"
        problems += [f"{url}: {what}" for what, _nonce in inline_code(response)]
    assert not problems, "\n".join(problems)


def test_the_inline_code_check_finds_inline_code():
    class Fake:
        content = (
            b'<p style="color:red" onclick="x()">a</p><script>alert(1)</script>'
            b'<script src="/static/js/a.js"></script><p>onclick="x" as text</p>'
        )

    found = [what for what, _nonce in inline_code(Fake())]
    assert found == ["style attribute on <p>", "onclick handler on <p>", "inline script"]


def test_headers_are_sent_in_every_environment(client, region):
    response = client.get(reverse("public:home"))
    assert_strict_csp(response)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy.split(", ")


def test_json_api_and_static_files_carry_the_policy_too(client, region):
    api = client.get("/api/v1/projects/")
    assert api.status_code == 200
    static = client.get("/static/css/site.css")
    assert static.status_code == 200
    for response in (api, static):
        assert csp_directives(response)["frame-ancestors"] == ["'none'"]
        assert "camera=()" in response["Permissions-Policy"]


def test_permissions_policy_header_syntax():
    assert (
        permissions_policy_header({"camera": [], "fullscreen": ["self"]})
        == "camera=(), fullscreen=(self)"
    )


def test_swagger_ui_runs_its_inline_init_script_by_nonce_only(client, region):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    csp = assert_strict_csp(response)
    nonce = nonce_of(response)
    assert nonce and len(nonce) >= 16
    assert f"'nonce-{nonce}'" in csp["style-src"]
    found = inline_code(response)
    assert ("inline script", nonce) in found
    # Everything inline on the page carries this response's nonce.
    assert found and all(n == nonce for _what, n in found), found
    # A fresh nonce per response.
    assert nonce_of(client.get(reverse("api-docs"))) != nonce


# ---- production ------------------------------------------------------------------------------


def test_production_sends_every_security_header(client, region, production):
    response = client.get(reverse("public:home"), secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = assert_strict_csp(response)
    assert "upgrade-insecure-requests" in csp
    policy = response["Permissions-Policy"].split(", ")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_production_redirects_http_to_https(client, region, production):
    response = client.get(reverse("public:home"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_production_cookies_are_secure_and_http_only(client, users, production):
    from digitalagentur.core.testing import TEST_PASSWORD

    response = client.post(
        reverse("login"),
        {"username": users["coordinator"].username, "password": TEST_PASSWORD},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    page = client.get(reverse("login"), secure=True)
    assert page.cookies["csrftoken"]["secure"]


def test_production_settings_are_loaded_from_the_production_module(production):
    # Guards the fixture: without production's values the tests above would prove nothing.
    assert production["SECURE_HSTS_SECONDS"] == 31536000
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["upgrade-insecure-requests"]
