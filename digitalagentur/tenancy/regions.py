"""Which region a request belongs to: by host name, else the configured default region."""

from django.conf import settings

from .models import Region


def resolve_region(host: str) -> Region | None:
    hostname = host.split(":")[0].lower() if host else ""
    if hostname:
        region = Region.objects.filter(hostname=hostname).first()
        if region is not None:
            return region
    region = Region.objects.filter(slug=settings.DEFAULT_REGION_SLUG).first()
    if region is None:
        region = Region.objects.order_by("pk").first()
    return region
