"""Host names as requests name them."""

from django.http.request import split_domain_port


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
