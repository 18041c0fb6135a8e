"""Which region a request belongs to: by host name, else the configured default region."""

from django.conf import settings
from django.db.models import Q
from django.http.request import split_domain_port

from .models import Region


def normalise_hostname(host: str) -> str:
    """The bare host name of a Host header: lower case, no port, no trailing dot.

    "Digital.Example.org.:8000" and "digital.example.org" name the same host (DNS treats a
    fully qualified name with its root dot as the same name), so both serve the same region.
    Invalid host values give "".
    """
    if not host:
        return ""
    domain, _port = split_domain_port(host.strip())
    return domain


def resolve_region(host: str) -> Region | None:
    """One query in the normal case: the host's region or the default region."""
    hostname = normalise_hostname(host)
    condition = Q(slug=settings.DEFAULT_REGION_SLUG)
    if hostname:
        # Region.hostname is typed by an administrator: match it however it was written.
        condition |= Q(hostname__iexact=hostname) | Q(hostname__iexact=f"{hostname}.")
    candidates = list(Region.objects.filter(condition))
    for region in candidates:
        if hostname and normalise_hostname(region.hostname) == hostname:
            return region
    for region in candidates:
        if region.slug == settings.DEFAULT_REGION_SLUG:
            return region
    return Region.objects.order_by("pk").first()
