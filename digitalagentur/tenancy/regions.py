"""Which region a request belongs to: by host name, else the configured default region."""

from django.conf import settings
from django.db.models import Q

from .hostnames import normalise_hostname
from .models import Region

__all__ = ["normalise_hostname", "resolve_region"]


def resolve_region(host: str) -> Region | None:
    """One indexed query in the normal case: the host's region or the default region.

    Region.save() stores host names normalised, so an exact comparison finds them.
    """
    hostname = normalise_hostname(host)
    condition = Q(slug=settings.DEFAULT_REGION_SLUG)
    if hostname:
        condition |= Q(hostname=hostname)
    candidates = list(Region.objects.filter(condition)[:2])
    for region in candidates:
        if hostname and region.hostname == hostname:
            return region
    if candidates:
        return candidates[0]
    return Region.objects.order_by("pk").first()
