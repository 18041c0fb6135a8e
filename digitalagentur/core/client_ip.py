"""The address of the client that sent a request, honest behind a known number of proxies.

Behind a reverse proxy every request comes from the proxy's address, so anything keyed by
address (django-axes' login lock-out, rate limits of public forms) would treat all visitors as
one. The client's address is then in ``X-Forwarded-For``, but that header is written by
whoever sends the request: only the entries appended by proxies we run can be believed.

``DIGITALAGENTUR_TRUSTED_PROXIES`` (an integer, default 0) says how many proxies stand in
front of the application. Each of them appends the address it received the request from, so
with N trusted proxies the client is the Nth entry from the right; everything left of it was
sent by the client and is ignored. With 0 the header is ignored entirely and ``REMOTE_ADDR``
is the client. Use :func:`client_ip` wherever the client's address is needed.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    """The address normalised, or None when it is not an IPv4/IPv6 address."""
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def trusted_proxies():
    """The configured number of trusted proxies (never negative)."""
    return max(int(getattr(settings, "DIGITALAGENTUR_TRUSTED_PROXIES", 0) or 0), 0)


def client_ip(request):
    """The client's IP address as a string ("" only if the server gave none)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    remote = _valid(remote) or remote
    count = trusted_proxies()
    if count == 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        # The request did not pass through all trusted proxies (or one of them dropped the
        # header): nothing in the header can be trusted, the peer is the best we know.
        return remote
    return _valid(forwarded[-count]) or remote


def client_network(ip: str) -> str:
    """The part of a client address that rate limits count: an IPv4 address as it is, an
    IPv6 address cut to its /64 (one connection gets a whole /64, so counting single IPv6
    addresses would let one client pass as many); IPv4-mapped addresses count as IPv4.
    Anything else is used as given ("-" for nothing)."""
    try:
        address = ipaddress.ip_address((ip or "").strip())
    except ValueError:
        return ip or "-"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)
