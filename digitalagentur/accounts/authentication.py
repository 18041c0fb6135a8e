"""API session authentication that honours two-factor authentication.

A browser session that still has to verify its second factor (or set one up because the
region requires it) counts as anonymous in the API: it reads what the public reads and cannot
write. API tokens are unaffected (they are created by administrators for scripts).
"""

from rest_framework.authentication import SessionAuthentication

from .two_factor import Gate, gate


class TwoFactorSessionAuthentication(SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        if gate(request._request) is not Gate.OK:
            return None
        return result
