"""Security headers that neither Django nor django-csp sets (Permissions-Policy), and
django-csp's middleware made cheap for ordinary responses.

The platform uses no camera, microphone, location or other powerful browser feature, so every
page denies them to itself and to anything it might embed (settings.PERMISSIONS_POLICY).
"""

import csp.middleware
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """{"camera": [], "fullscreen": ["self"]} as the header value "camera=(), fullscreen=(self)"."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header to every response that has none yet."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, with the policy of an ordinary response built once.

    django-csp builds both headers anew for every response, a fifth of what a cached page
    or a static file costs. A response that changes nothing of the policy (no nonce used,
    no django-csp decorator: all but the API documentation) gets the headers built from the
    current settings once; anything else goes through django-csp unchanged.
    """

    CUSTOMISED = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_exempt",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
        "_csp_exempt_ro",
    )

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in self.CUSTOMISED
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (500, 404):
            return response  # django-csp leaves Django's debug pages alone
        for header, value, excluded in plain_policies():
            if value and header not in response and not request.path_info.startswith(excluded):
                response[header] = value
        # As django-csp: a nonce asked for after the header is written is an error.
        request.csp_nonce = csp.middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response


_plain: tuple = (None, None, ())


def plain_policies() -> tuple:
    """(header, value, excluded path prefixes) of the policy and the report-only policy, for
    the current settings (rebuilt when a test overrides them)."""
    global _plain
    config = (
        getattr(settings, "CONTENT_SECURITY_POLICY", None),
        getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None),
    )
    if _plain[0] is not config[0] or _plain[1] is not config[1]:
        policies = tuple(
            (header, build_policy(report_only=report_only), _excluded(policy))
            for header, report_only, policy in (
                (HEADER, False, config[0]),
                (HEADER_REPORT_ONLY, True, config[1]),
            )
        )
        _plain = (*config, policies)
    return _plain[2]


def _excluded(policy) -> tuple[str, ...]:
    return tuple((policy or {}).get("EXCLUDE_URL_PREFIXES") or ())
