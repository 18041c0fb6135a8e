"""drf-spectacular extensions for our own authentication classes (registered on import)."""

from drf_spectacular.authentication import SessionScheme


class TwoFactorSessionScheme(SessionScheme):
    """The session cookie, as for Django's session; the two-factor gate changes nothing in
    the schema (an unverified session simply counts as anonymous)."""

    target_class = "digitalagentur.accounts.authentication.TwoFactorSessionAuthentication"
