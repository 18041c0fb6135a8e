"""The Content-Security-Policy header of core/security.CSPMiddleware: what django-csp would
send, built once for ordinary responses, per response where a page uses a nonce."""

import re

import pytest
from csp.constants import NONE, SELF
from csp.utils import build_policy
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_ordinary_responses_carry_django_csps_policy(client, region):
    expected = build_policy()
    assert "'nonce-" not in expected and "default-src 'self'" in expected
    for url in ("/", reverse("api-project-list"), "/gibt-es-nicht/"):
        response = client.get(url)
        assert response["Content-Security-Policy"] == expected, url
        assert "Content-Security-Policy-Report-Only" not in response


def test_a_page_with_a_nonce_gets_it_in_its_own_header(client, region):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    nonces = set(re.findall(r'nonce="([^"]+)"', response.content.decode()))
    assert len(nonces) == 1
    assert f"'nonce-{nonces.pop()}'" in response["Content-Security-Policy"]
    # The next ordinary response is not affected by it.
    assert "'nonce-" not in client.get("/")["Content-Security-Policy"]


def test_changed_settings_change_the_header(client, region, settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": [NONE]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": [SELF]}}
    response = client.get("/")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    report_only = response["Content-Security-Policy-Report-Only"]
    assert report_only == build_policy(report_only=True) and "img-src 'self'" in report_only


def test_excluded_prefixes_get_no_header(client, region, settings):
    settings.CONTENT_SECURITY_POLICY = {
        "EXCLUDE_URL_PREFIXES": ["/api/"],
        "DIRECTIVES": {"default-src": [SELF]},
    }
    assert "Content-Security-Policy" not in client.get(reverse("api-project-list"))
    assert client.get("/")["Content-Security-Policy"] == "default-src 'self'"
