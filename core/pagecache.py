"""Full-page cache for anonymous visitors, kept fresh by per-section generations, not a site flush.

A page is stored with the generation numbers of the sections it shows. Saving a model bumps only its
sections, so the pages that show it are re-rendered on their next request, and every other page
stays cached. One MGET fetches the page and the current generations together: a stored page whose
generations differ is a miss, and is overwritten.

Apps register, from their AppConfig.ready(), their sections, the models whose changes make a section
stale and the URLs (by name or namespace) that show each section; this module names none of them.
A URL nobody registered depends on every section: always correct, only less often cached.

Visitors with a session (staff, officers: they see previews and officers-only programmes) are never
served from here, nor is any response that sets a cookie, carries a CSRF token or says it is private.
What a signed-in user is shown says `Cache-Control: private`, so no shared cache keeps it either.

Each view says which query parameters it reads (`query_params` on the class, `reads_query()` on a
function). For anonymous visitors every other parameter is dropped before the view runs, so
`?utm_x=1`, `?utm_x=2`, … are one cached page; a view that says nothing is not cached when the
address carries a query string.
"""

import functools
import hashlib
import logging
import math
import time
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

logger = logging.getLogger(__name__)

# What the apps registered ---------------------------------------------------------------------------

# Registered for a model, this makes its changes stale every section (the site's name is on every
# page), including sections registered after it.
EVERY_SECTION = "*"


class Registry:
    """What the apps told the page cache: their sections, the models whose changes make a section
    stale, the URLs that show each section and the URLs never to cache."""

    def __init__(self):
        self.sections = {}  # name → callable: the next scheduled change (aware datetime), or None
        self.models = {}  # "app_label.model_name" → section names
        self.urls = {}  # "namespace:name", "namespace" or "name" → section names
        self.uncached = set()  # the same kinds of keys
        self.bulk = {}  # "app_label.model_name" → sections bumped by a bulk change only

    def copy(self):
        other = Registry()
        other.sections = dict(self.sections)
        other.models = dict(self.models)
        other.urls = dict(self.urls)
        other.uncached = set(self.uncached)
        other.bulk = dict(self.bulk)
        return other


registry = Registry()


def register_section(name, *, next_change=None):
    """A section of the site. next_change(), if given, says when its pages next change without a
    save (a scheduled article going up): an aware datetime, or None."""
    registry.sections[name] = next_change


def register_models(models, *, sections):
    """Saving or deleting any of these models, or changing their many-to-many links, makes these
    sections stale. Models are classes or "app_label.ModelName" labels."""
    for model in models:
        if isinstance(model, str):
            model = apps.get_model(model)
        label = model._meta.label_lower
        registry.models[label] = tuple(dict.fromkeys([*registry.models.get(label, ()), *sections]))
        _connect(model)


def register_bulk_changes(models, *, sections):
    """A bulk change of these models in the admin (an action or a list edit on the change list,
    which send no signal) also makes these sections stale: for pages that follow each object's
    own saves through depends_on() and so do not depend on the model's sections."""
    for model in models:
        label = model.lower() if isinstance(model, str) else model._meta.label_lower
        registry.bulk[label] = tuple(dict.fromkeys([*registry.bulk.get(label, ()), *sections]))


def register_urls(names, *, sections):
    """The pages of these URL names ("news:article", "home") or namespaces ("news") show these
    sections. A URL's own name wins over its namespace. Registering a name again adds sections:
    an app may say that another app's pages show its content (a programme lists its documents)."""
    for name in names:
        registry.urls[name] = tuple(dict.fromkeys([*registry.urls.get(name, ()), *sections]))


def register_uncached(names):
    """URL names or namespaces never served from the cache nor stored: sign-in, previews, uploads."""
    registry.uncached.update(names)


def all_sections():
    return tuple(registry.sections)


def check_registry(**kwargs):
    """A system check: every section an app names for its models or URLs is one that some app
    registered; a misspelt name would leave those pages out of the site profile's bumps."""
    from django.core.checks import Error

    named = {
        section
        for sections in [*registry.models.values(), *registry.urls.values()]
        for section in sections
        if section != EVERY_SECTION
    }
    return [
        Error(
            f"Trang lưu đệm: phần «{section}» chưa được ứng dụng nào đăng ký "
            "(pagecache.register_section).",
            id="core.E001",
        )
        for section in sorted(named - set(registry.sections))
    ]


# Added by Facebook, Zalo and mail campaigns; no page reads them. Dropped before the view runs, so
# that a viral link, different for every visitor, is still one cached page.
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "zarsrc", "utm_source", "utm_medium", "utm_campaign", "utm_term",
     "utm_content", "utm_id"}
)  # fmt: skip

# Request cookies that change what a page shows: a session (signed in, or anonymous with state)
# and Django's flash messages.
MESSAGES_COOKIE = "messages"

GEN_PREFIX = "pagecache:gen:"
# v2: pages carry their policy header and their objects' generations (a page stored by the
# previous version, without them, is never served).
PAGE_PREFIX = "pagecache:page:v2:"
NEXT_CHANGE_PREFIX = "pagecache:next:"
HEADER = "X-Page-Cache"


def enabled():
    return getattr(settings, "PAGECACHE_ENABLED", False)


def default_seconds():
    return getattr(settings, "PAGECACHE_SECONDS", 300)


# Generations --------------------------------------------------------------------------------------


def _gen_key(section):
    return f"{GEN_PREFIX}{section}"


def _fresh_generation():
    # A lost counter (eviction, restart of Redis) restarts from the clock, never from a value that
    # a stored page may still carry.
    return time.time_ns()


def generations(sections, extra_keys=()):
    """The current generation of each section (created when missing), and the extra keys' values."""
    keys = [_gen_key(s) for s in sections]
    values = cache.get_many([*extra_keys, *keys])
    missing = [k for k in keys if k not in values]
    if missing:
        for key in missing:
            cache.add(key, _fresh_generation(), None)
        values.update(cache.get_many(missing))
    return tuple(values.get(k) for k in keys), values


def _bump_now(sections):
    for section in sections:
        key = _gen_key(section)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, _fresh_generation(), None)
        except Exception:
            logger.exception("Page cache: could not bump section %s", section)


def bump(*sections):
    """Make every cached page of these sections stale.

    Bumped now, and again once the transaction commits: a page rendered between the two from the
    data before the commit was stored under the first bump, and the second one discards it.
    """
    sections = tuple(dict.fromkeys(sections))
    if not sections:
        return
    _bump_now(sections)
    transaction.on_commit(lambda: _bump_now(sections))


def sections_for_model(model):
    meta = model._meta
    sections = registry.models.get(meta.label_lower)
    if sections is None and getattr(meta, "proxy", False):
        sections = registry.models.get(meta.concrete_model._meta.label_lower)
    if sections and EVERY_SECTION in sections:
        return all_sections()
    return sections or ()


def _model_changed(sender, raw=False, **kwargs):
    if raw:  # loaddata: the cache is not for fixtures
        return
    bump(*sections_for_model(sender))


def _m2m_changed(sender, action, instance, **kwargs):
    if action.startswith("post_"):
        bump(*sections_for_model(type(instance)))


def _connect(model):
    """Bump on every save and delete of the model and every change of its many-to-many links."""
    uid = f"pagecache:{model._meta.label_lower}"
    post_save.connect(_model_changed, sender=model, dispatch_uid=f"{uid}:save")
    post_delete.connect(_model_changed, sender=model, dispatch_uid=f"{uid}:delete")
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}:{field.name}")


# How long a page may live -------------------------------------------------------------------------


def seconds_to_midnight(now=None):
    """Every page's header shows today's date, and programmes change status with the date."""
    now = timezone.localtime(now)
    tomorrow = (now + timezone.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (tomorrow - now).total_seconds()


def next_change(section, generation):
    """When the section's pages next change without a save (a Unix time), or None.

    Asked of the section's own next_change() once per generation: scheduling or rescheduling an
    article saves it, which bumps the generation, so the stored answer is never older than the last
    change to the schedule.
    """
    source = registry.sections.get(section)
    if source is None:
        return None
    key = f"{NEXT_CHANGE_PREFIX}{section}:{generation}"
    stored = cache.get(key)
    now = time.time()
    if stored is not None and (stored == 0 or stored > now):
        return stored or None
    moment = source()
    value = moment.timestamp() if moment is not None else 0
    timeout = max(1, math.ceil(value - now)) if value else default_seconds()
    cache.set(key, value, min(timeout, 24 * 3600))
    return value or None


def page_seconds(sections, gens):
    seconds = min(default_seconds(), seconds_to_midnight())
    for section, generation in zip(sections, gens, strict=True):
        upcoming = next_change(section, generation)
        if upcoming is not None:
            seconds = min(seconds, upcoming - time.time())
    return seconds


# Which requests and responses -------------------------------------------------------------------


def _match(request):
    """The resolved URL of the request, or None when it resolves to nothing (a 404)."""
    try:
        return resolve(request.path_info, getattr(request, "urlconf", None))
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
            if key in registry.urls:
                return registry.urls[key]
    return all_sections()


def is_uncached(match):
    return match is not None and any(key in registry.uncached for key in _keys(match))


def _admin_prefix():
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return None


def _has_personal_cookie(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES


def _is_excluded(path, admin_prefix):
    """The admin, and files: static files and uploaded media are not pages."""
    if admin_prefix and path.startswith(admin_prefix):
        return True
    return any(
        prefix and prefix.startswith("/") and path.startswith(prefix)
        for prefix in (settings.STATIC_URL, settings.MEDIA_URL)
    )


def _query_pairs(request):
    """The query string's (name, value) pairs, decoded as the view's request.GET decodes them."""
    raw = request.META.get("QUERY_STRING", "")
    try:
        # WSGI hands over the bytes as Latin-1 text; a browser's UTF-8 must survive a rewrite.
        data = raw.encode("iso-8859-1")
    except UnicodeEncodeError:
        data = raw.encode()
    return [(name, value) for name, values in QueryDict(data).lists() for value in values]


def _set_query(request, pairs):
    request.META["QUERY_STRING"] = urlencode(pairs)
    request.GET = QueryDict(request.META["QUERY_STRING"])


def _drop_tracking_params(request):
    """Remove tracking parameters from the request itself, so the view never sees them."""
    if not request.META.get("QUERY_STRING", ""):
        return
    pairs = _query_pairs(request)
    kept = [(k, v) for k, v in pairs if k not in TRACKING_PARAMS]
    if len(kept) != len(pairs):
        _set_query(request, kept)


def reads_query(*names):
    """Declares the query parameters a function view reads (a class-based view, or a feed, sets
    `query_params` instead); for the page cache, every other parameter is noise."""

    def declare(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            return view(*args, **kwargs)

        wrapper.query_params = frozenset(names)
        return wrapper

    return declare


def _declared_params(match):
    """The query parameters that the view at this address reads, or None when it does not say."""
    if match is None:
        # Not a page, or an address without its final slash, whose redirect keeps the query.
        return None
    view = match.func
    declared = getattr(view, "query_params", None)
    if declared is None:
        declared = getattr(getattr(view, "view_class", None), "query_params", None)
    return None if declared is None else frozenset(declared)


def _keep_read_params(request, match):
    """Keep only the parameters the view reads, in one order; False when the view does not say
    which it reads and the address has a query string (such a page is never stored)."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return True
    declared = _declared_params(match)
    if declared is None:
        return False
    # Sorted by name only: the order of a parameter's values can matter to the view.
    kept = sorted(((k, v) for k, v in _query_pairs(request) if k in declared), key=lambda p: p[0])
    _set_query(request, kept)
    return True


def _page_key(request):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PAGE_PREFIX + hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()


_REFUSING_DIRECTIVES = ("private", "no-cache", "no-store")


def _storable(request, response):
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


def _shown_to_a_signed_in_user(request):
    """Whether the response was made for the signed-in user (the header greets them; officers see
    their programmes and partners' contacts): the session says whether anything looked."""
    session = getattr(request, "session", None)
    if session is None or not session.accessed:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def depends_on(request, *names):
    """The page being rendered shows these objects (e.g. "news.article:<slug>"): it stays current
    while their generations do, whatever happens to the rest of its sections. bump(name) makes it
    stale. Call it before reading the objects: the generations are read now, so an edit that
    lands while the page renders makes the stored page stale at once."""
    objects = getattr(request, "_pagecache_objects", None)
    names = [name for name in names if objects is not None and name not in objects]
    if not names:
        return
    try:
        gens, _ = generations(names)
    except Exception:
        logger.warning("Page cache: object generations unreadable", exc_info=True)
        gens = (None,) * len(names)
    # None (the cache did not answer) keeps the page from being stored.
    objects.update(zip(names, gens, strict=True))


def _objects_current(entry):
    """Whether the objects a stored page shows (depends_on) are unchanged: a second round trip,
    only for the pages that declared any."""
    names, stored = (entry[6], entry[7]) if len(entry) > 7 else ((), ())
    if not names:
        return True
    try:
        current, _ = generations(names)
    except Exception:
        logger.warning("Page cache: object generations unreadable", exc_info=True)
        return False
    return current == stored


def _finish(response, etag, rendered_at):
    """What a cached page carries: validators for conditional GET, and revalidation every time."""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(rendered_at)
    if not response.has_header("Cache-Control"):
        # Browsers ask again on every visit and get a 304 when nothing changed: no stale copy
        # survives an edit in anyone's browser cache.
        patch_cache_control(response, max_age=0, must_revalidate=True)


class PageCacheMiddleware:
    """Serve anonymous visitors' GET and HEAD requests from the cache; store public 200 pages."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefix = None

    @property
    def admin_prefix(self):
        if self._admin_prefix is None:
            self._admin_prefix = _admin_prefix() or ""
        return self._admin_prefix

    def __call__(self, request):
        response = self._respond(request)
        if _shown_to_a_signed_in_user(request):
            patch_cache_control(response, private=True)
        return response

    def _respond(self, request):
        if not enabled():
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = self.get_response(request)
            self._after_admin_post(request, response)
            return response
        if _has_personal_cookie(request) or _is_excluded(request.path, self.admin_prefix):
            return self.get_response(request)
        match = _match(request)
        if is_uncached(match):
            return self.get_response(request)
        return self.serve(request, match)

    def serve(self, request, match):
        """The page from the cache when it is current, else rendered and stored (match: the
        request's resolved URL, or None)."""
        _drop_tracking_params(request)
        if not _keep_read_params(request, match):
            response = self.get_response(request)
            response[HEADER] = "SKIP"
            return response
        sections = sections_for_match(match)
        try:
            key = _page_key(request)
            gens, values = generations(sections, extra_keys=[key])
        except Exception:
            # A bad Host header is the view's business (400); an unreachable cache is not fatal.
            logger.debug("Page cache skipped", exc_info=True)
            return self.get_response(request)
        if None in gens:
            # The cache does not answer (core.cache makes that a miss): without the
            # generations a stored page could not be told from a stale one, so none is served or
            # stored until it answers again.
            response = self.get_response(request)
            response[HEADER] = "OFF"
            return response
        entry = values.get(key)
        now = time.time()
        if entry is not None and entry[0] == gens and entry[1] > now and _objects_current(entry):
            return self._from_entry(entry)
        request._pagecache_objects = {}
        response = self.get_response(request)
        objects = request._pagecache_objects
        if _storable(request, response) and None not in objects.values():
            self._store(key, sections, gens, response, now, objects)
        else:
            response[HEADER] = "SKIP"
        return response

    def _store(self, key, sections, gens, response, now, objects=None):
        try:
            seconds = page_seconds(sections, gens)
        except Exception:
            logger.exception("Page cache: could not compute a lifetime")
            seconds = 0
        etag = response.get("ETag") or (
            '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
        )
        _finish(response, etag, now)
        response[HEADER] = "MISS"
        if seconds < 1:
            return
        headers = tuple(
            (name, value) for name, value in response.items() if name.lower() != HEADER.lower()
        )
        objects = objects or {}
        entry = (
            gens, now + seconds, response.status_code, headers, response.content, etag,
            tuple(objects), tuple(objects.values()),
        )  # fmt: skip
        try:
            cache.set(key, entry, math.ceil(seconds))
        except Exception:
            logger.exception("Page cache: could not store a page")

    def _from_entry(self, entry):
        status, headers, content = entry[2:5]
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HEADER] = "HIT"
        return response

    def _after_admin_post(self, request, response):
        """A safety net for bulk admin actions (queryset.update sends no signal): a successful POST
        to a model's admin pages bumps that model's sections."""
        prefix = self.admin_prefix
        if not prefix or not request.path.startswith(prefix) or response.status_code >= 400:
            return
        parts = request.path[len(prefix) :].split("/")
        if len(parts) < 2:
            return
        try:
            model = apps.get_model(parts[0], parts[1])
        except (LookupError, ValueError):
            return
        bulk = ()
        if parts[2:] == [""]:  # the change list: where actions and list edits are posted
            bulk = registry.bulk.get(model._meta.concrete_model._meta.label_lower, ())
        bump(*sections_for_model(model), *bulk)


# Facts about lists: row counts and where page N starts ---------------------------------------------


class ListMemo:
    """Small facts about one list (its row count, the first row of page N), kept per generation of
    the sections it depends on and never past the next scheduled change.

    COUNT(*) over 100,000 published articles costs more than rendering the page, and OFFSET 9,980
    walks ten thousand index entries; both only change when an article is saved (a bump) or a
    scheduled one comes due (the lifetime). Off, like the page cache, without a shared cache:
    another worker could not tell this one that the list changed.
    """

    def __init__(self, name, sections):
        self.enabled = enabled()
        if self.enabled:
            self.sections = tuple(sections)
            try:
                self.gens, _ = generations(self.sections)
            except Exception:
                # An unreachable cache costs a COUNT and an OFFSET, never the page.
                logger.warning("Page cache: list memo off", exc_info=True)
                self.enabled = False
                return
            if None in self.gens:  # the cache does not answer: see PageCacheMiddleware._cached
                self.enabled = False
                return
            digest = hashlib.md5(repr((name, self.gens)).encode(), usedforsecurity=False)
            self.prefix = f"pagecache:list:{digest.hexdigest()}:"

    def get(self, key):
        if not self.enabled:
            return None
        try:
            found = cache.get(self.prefix + key)
        except Exception:
            logger.warning("Page cache: list memo unreadable", exc_info=True)
            return None
        if found is not None and found[1] > time.time():
            return found[0]
        return None

    def set(self, key, value):
        if not self.enabled:
            return
        try:
            seconds = page_seconds(self.sections, self.gens)
            if seconds >= 1:
                cache.set(self.prefix + key, (value, time.time() + seconds), math.ceil(seconds))
        except Exception:
            logger.warning("Page cache: list memo not stored", exc_info=True)


def cached_count(name, sections, count):
    """A list's row count, counted once per generation (see ListMemo)."""
    memo = ListMemo(name, sections)
    value = memo.get("count")
    if value is None:
        value = count()
        memo.set("count", value)
    return value
