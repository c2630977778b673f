"""The visitor's real address behind our own proxies, for the login lockout (django-axes)."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The address that the outermost of our PROXY_COUNT trusted proxies saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so only the
    right-most PROXY_COUNT entries were written by us; anything to their left came from the client
    and may be forged. With no proxy (or a header shorter than the chain, which our proxies would
    never send) the connecting address is all we can trust.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.PROXY_COUNT
    if count < 1:
        return remote
    entries = [e.strip() for e in request.headers.get("x-forwarded-for", "").split(",")]
    if len(entries) < count:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-count]))
    except ValueError:
        return remote
