"""Which region a request belongs to: by host name, else the configured default region."""

from django.conf import settings
from django.db.models import Q

from .models import Region


def resolve_region(host: str) -> Region | None:
    """One query in the normal case: the host's region or the default region."""
    hostname = host.split(":")[0].lower() if host else ""
    condition = Q(slug=settings.DEFAULT_REGION_SLUG)
    if hostname:
        condition |= Q(hostname=hostname)
    candidates = list(Region.objects.filter(condition))
    for region in candidates:
        if hostname and region.hostname == hostname:
            return region
    if candidates:
        return candidates[0]
    return Region.objects.order_by("pk").first()
