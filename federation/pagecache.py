"""Full-page cache for anonymous visitors, kept fresh by per-section generations, not a site flush.

A page is stored with the generation numbers of the sections it shows ("news", "agreements",
"workers", "site"). Saving a model bumps only its sections, so the pages that show it are re-rendered
on their next request, and every other page stays cached. One MGET fetches the page and the current
generations together: a stored page whose generations differ is a miss, and is overwritten.

Visitors with a session (staff, officers: they see previews and officers-only programmes) are never
served from here, nor is any response that sets a cookie, carries a CSRF token or says it is private.
"""

import hashlib
import logging
import math
import time
from urllib.parse import parse_qsl, urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

logger = logging.getLogger(__name__)

SECTIONS = ("site", "news", "agreements", "workers", "documents", "advice")

# Which sections a change to a model makes stale. The site profile is in every header and footer.
MODEL_SECTIONS = {
    "federation.siteprofile": SECTIONS,
    "news.article": ("news",),
    "news.photo": ("news",),
    "news.category": ("news",),
    "news.tag": ("news",),
    "news.taggedarticle": ("news",),
    "agreements.partner": ("agreements",),
    "agreements.agreement": ("agreements",),
    "agreements.agreementpartner": ("agreements",),
    "agreements.agreementtask": ("agreements",),
    "federation.exemplaryworker": ("workers",),
    "federation.honour": ("workers",),
    "federation.honourperiod": ("workers",),
    "federation.sector": ("workers",),
    "documents.document": ("documents",),
    "documents.documentfile": ("documents",),
    "documents.documentkind": ("documents",),
    "documents.field": ("documents",),
    "documents.issuingbody": ("documents",),
    "advice.question": ("advice",),
}

# What each part of the site shows, by path prefix; the first match wins. A page not listed here
# depends on everything (search, sitemaps), which is always correct, only less often cached.
PATH_SECTIONS = [
    ("/tin-tuc/", ("site", "news")),
    ("/chuyen-muc/", ("site", "news")),
    ("/the/", ("site", "news")),
    # Programmes and profiles list the published articles they link to; programmes, their documents.
    ("/chuong-trinh-phoi-hop/", ("site", "agreements", "news", "documents")),
    ("/doi-tac/", ("site", "agreements")),
    ("/dien-hinh-tien-tien/", ("site", "workers", "news")),
    # A document links to news and programmes; an answer cites documents.
    ("/van-ban/", ("site", "documents", "news", "agreements")),
    ("/hoi-dap/", ("site", "advice", "documents")),
    ("/robots.txt", ("site",)),
]
HOME_SECTIONS = ("site", "news", "workers")

# Never cached: sign-in and previews are personal, the rest is not a page.
EXCLUDED_PREFIXES = (
    "/xem-truoc/",
    "/dang-nhap/",
    "/dang-xuat/",
    "/ckeditor5/",
    "/healthz",
    "/static/",
    "/media/",
    "/bench/",
)

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
PAGE_PREFIX = "pagecache:page:"
NEXT_CHANGE_PREFIX = "pagecache:next-news:"
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
    label = f"{meta.app_label}.{meta.model_name}"
    sections = MODEL_SECTIONS.get(label)
    if sections is None and getattr(meta, "proxy", False):
        concrete = meta.concrete_model._meta
        sections = MODEL_SECTIONS.get(f"{concrete.app_label}.{concrete.model_name}")
    return sections or ()


def _model_changed(sender, raw=False, **kwargs):
    if raw:  # loaddata: the cache is not for fixtures
        return
    bump(*sections_for_model(sender))


def _m2m_changed(sender, action, instance, **kwargs):
    if action.startswith("post_"):
        bump(*sections_for_model(type(instance)))


_connected = False


def connect_signals():
    """Connect the bumps to every model listed in MODEL_SECTIONS and to their many-to-many links."""
    global _connected
    if _connected:
        return
    _connected = True
    for label in MODEL_SECTIONS:
        model = apps.get_model(label)
        uid = f"pagecache:{label}"
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


def next_news_change(news_generation):
    """When the next scheduled article goes up or comes down (a Unix time), or None.

    Computed once per news generation: scheduling or rescheduling an article saves it, which bumps
    the generation, so the stored answer is never older than the last change to the schedule.
    """
    key = f"{NEXT_CHANGE_PREFIX}{news_generation}"
    stored = cache.get(key)
    now = time.time()
    if stored is not None and (stored == 0 or stored > now):
        return stored or None
    article = apps.get_model("news", "Article")
    moment = timezone.now()
    found = (
        article.objects.alive()
        .filter(status="published")
        .aggregate(
            up=Min("published_at", filter=Q(published_at__gt=moment)),
            down=Min("unpublish_at", filter=Q(unpublish_at__gt=moment)),
        )
    )
    times = [t.timestamp() for t in found.values() if t is not None]
    value = min(times) if times else 0
    timeout = max(1, math.ceil(value - now)) if value else default_seconds()
    cache.set(key, value, min(timeout, 24 * 3600))
    return value or None


def page_seconds(sections, gens):
    seconds = min(default_seconds(), seconds_to_midnight())
    if "news" in sections:
        upcoming = next_news_change(gens[sections.index("news")])
        if upcoming is not None:
            seconds = min(seconds, upcoming - time.time())
    return seconds


# Which requests and responses -------------------------------------------------------------------


def sections_for_path(path):
    if path == "/":
        return HOME_SECTIONS
    for prefix, sections in PATH_SECTIONS:
        if path.startswith(prefix):
            return sections
    return SECTIONS


def _admin_prefix():
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return None


def _bypass_requested(request):
    """The benchmark's cold renders: only with the secret that the benchmark's own settings hold."""
    token = getattr(settings, "PAGECACHE_BYPASS_TOKEN", "")
    header = getattr(settings, "PAGECACHE_BYPASS_HEADER", "X-Page-Cache-Bypass")
    return bool(token) and request.headers.get(header) == token


def _has_personal_cookie(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES


def _is_excluded(path, admin_prefix):
    if admin_prefix and path.startswith(admin_prefix):
        return True
    return path.startswith(EXCLUDED_PREFIXES)


def _drop_tracking_params(request):
    """Remove tracking parameters from the request itself, so the view never sees them."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if k not in TRACKING_PARAMS]
    if len(kept) != len(pairs):
        request.META["QUERY_STRING"] = urlencode(kept)
        request.GET = QueryDict(request.META["QUERY_STRING"])


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
        if not enabled():
            return self.get_response(request)
        path = request.path
        if request.method not in ("GET", "HEAD"):
            response = self.get_response(request)
            self._after_admin_post(request, response)
            return response
        if _has_personal_cookie(request) or _is_excluded(path, self.admin_prefix):
            return self.get_response(request)
        if _bypass_requested(request):
            response = self.get_response(request)
            response[HEADER] = "BYPASS"
            return response
        return self._cached(request)

    def _cached(self, request):
        _drop_tracking_params(request)
        sections = sections_for_path(request.path)
        try:
            key = _page_key(request)
            gens, values = generations(sections, extra_keys=[key])
        except Exception:
            # A bad Host header is the view's business (400); an unreachable cache is not fatal.
            logger.debug("Page cache skipped", exc_info=True)
            return self.get_response(request)
        entry = values.get(key)
        now = time.time()
        if entry is not None and entry[0] == gens and entry[1] > now:
            return self._from_entry(entry)
        response = self.get_response(request)
        if _storable(request, response):
            self._store(key, sections, gens, response, now)
        else:
            response[HEADER] = "SKIP"
        return response

    def _store(self, key, sections, gens, response, now):
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
        entry = (gens, now + seconds, response.status_code, headers, response.content, etag)
        try:
            cache.set(key, entry, math.ceil(seconds))
        except Exception:
            logger.exception("Page cache: could not store a page")

    def _from_entry(self, entry):
        _, _, status, headers, content, _ = entry
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
        bump(*sections_for_model(model))


# Facts about lists: row counts and where page N starts ---------------------------------------------


class ListMemo:
    """Small facts about one list (its row count, the first row of page N), kept per generation of
    the sections it depends on and never past the next scheduled change.

    COUNT(*) over 100,000 published articles costs more than rendering the page, and OFFSET 9,980
    walks ten thousand index entries; both only change when an article is saved (a bump) or a
    scheduled one comes due (the lifetime). Off, like the page cache, without a shared cache:
    another worker could not tell this one that the list changed.
    """

    def __init__(self, name, sections=("news",)):
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
