"""Which requests the page cache may answer and which responses it may store (the middleware,
core.pagecache_middleware, and its front door, core.pagecache_front, ask these).

A request is answered from the cache only for an anonymous visitor without a personal cookie, on a
URL that is not excluded, with only the query parameters its view declares; a response is stored
only when nothing in it is personal (no cookie set, no CSRF token, not private).
"""

import functools
import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict
from django.urls import NoReverseMatch, Resolver404, get_resolver, reverse

from core import pagecache
from core.pagecache import MESSAGES_COOKIE, PAGE_PREFIX, TRACKING_PARAMS, all_sections


def resolve_request(request):
    """The resolved URL of the request, or None when it resolves to nothing (a 404)."""
    return _resolved(get_resolver(getattr(request, "urlconf", None)), request.path_info)


@functools.lru_cache(maxsize=4096)
def _resolved(resolver, path):
    """resolve(), remembered per URL configuration and path: asked on every request the page cache
    sees, twice on a miss (here and in Django's handler)."""
    try:
        return resolver.resolve(path)
    except Resolver404:
        return None


def _keys(match):
    """The registry keys of a resolved URL, most specific first: its name, then its namespace."""
    keys = []
    if match.url_name:
        keys.append(match.view_name)
    if match.namespace:
        keys.append(match.namespace)
    return keys


def sections_for_match(match):
    """The sections a page shows: what its URL name or namespace registered, else all of them."""
    if match is not None:
        for key in _keys(match):
            if key in pagecache.registry.urls:
                return pagecache.registry.urls[key]
    return all_sections()


def is_uncached(match):
    return match is not None and any(key in pagecache.registry.uncached for key in _keys(match))


def admin_url_prefix():
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return None


def has_personal_cookie(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES


def is_excluded(path, admin_prefix):
    """The admin, and files: static files and uploaded media are not pages."""
    if admin_prefix and path.startswith(admin_prefix):
        return True
    return any(
        prefix and prefix.startswith("/") and path.startswith(prefix)
        for prefix in (settings.STATIC_URL, settings.MEDIA_URL)
    )


def _query_pairs(raw):
    """The query string's (name, value) pairs, decoded as the view's request.GET decodes them."""
    try:
        # WSGI hands over the bytes as Latin-1 text; a browser's UTF-8 must survive a rewrite.
        data = raw.encode("iso-8859-1")
    except UnicodeEncodeError:
        data = raw.encode()
    return [(name, value) for name, values in QueryDict(data).lists() for value in values]


def _set_query(request, query):
    if query != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)


# Both below are asked on every request with a query string (twice on a miss: the front door, then
# the middleware), for a few distinct query strings: remembered, a bounded number of them.


@functools.lru_cache(maxsize=4096)
def _without_tracking(raw):
    pairs = _query_pairs(raw)
    kept = [(k, v) for k, v in pairs if k not in TRACKING_PARAMS]
    return raw if len(kept) == len(pairs) else urlencode(kept)


@functools.lru_cache(maxsize=4096)
def _only(raw, declared):
    # Sorted by name only: the order of a parameter's values can matter to the view.
    return urlencode(
        sorted(((k, v) for k, v in _query_pairs(raw) if k in declared), key=lambda p: p[0])
    )


def drop_tracking_params(request):
    """Remove tracking parameters from the request itself, so the view never sees them."""
    raw = request.META.get("QUERY_STRING", "")
    if raw:
        _set_query(request, _without_tracking(raw))


def declared_params(match):
    """The query parameters that the view at this address reads, or None when it does not say."""
    if match is None:
        # Not a page, or an address without its final slash, whose redirect keeps the query.
        return None
    view = match.func
    declared = getattr(view, "query_params", None)
    if declared is None:
        declared = getattr(getattr(view, "view_class", None), "query_params", None)
    return None if declared is None else frozenset(declared)


def keep_read_params(request, match):
    """Keep only the parameters the view reads, in one order; False when the view does not say
    which it reads and the address has a query string (such a page is never stored)."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return True
    declared = declared_params(match)
    if declared is None:
        return False
    _set_query(request, _only(query, declared))
    return True


def page_key(request):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PAGE_PREFIX + hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()


_REFUSING_DIRECTIVES = ("private", "no-cache", "no-store")


def storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in _REFUSING_DIRECTIVES):
        return False
    if "*" in response.get("Vary", ""):
        return False
    # A CSRF token is per visitor: a page that used one is never shared.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or b"csrfmiddlewaretoken" in response.content:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def shown_to_a_signed_in_user(request):
    """Whether the response was made for the signed-in user (the header greets them; officers see
    their programmes and partners' contacts): the session says whether anything looked."""
    session = getattr(request, "session", None)
    if session is None or not session.accessed:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
