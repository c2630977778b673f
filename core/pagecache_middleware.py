"""The page cache's middleware (core.pagecache keeps the registry and the generations): answers
from the cache what core.pagecache_requests says it may, renders and stores the rest, and says for
how long a page lives."""

import contextlib
import hashlib
import logging
import math
import threading
import time
from collections import OrderedDict

from django.apps import apps
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from core import cachebatch, pagecache
from core.pagecache import (
    HEADER,
    bump,
    enabled,
    gen_key,
    generations,
    page_seconds,
    sections_for_model,
)
from core.pagecache_requests import (
    admin_url_prefix,
    drop_tracking_params,
    has_personal_cookie,
    is_excluded,
    is_uncached,
    keep_read_params,
    page_key,
    resolve_request,
    sections_for_match,
    shown_to_a_signed_in_user,
    storable,
)

logger = logging.getLogger(__name__)


# Where the front door (core.pagecache_front) leaves, for a miss, what it asked the cache: a WSGI
# environ key, which no HTTP header can set.
LOOKED_UP = "core.pagecache.looked_up"


# What each stored page depends on (depends_on's names), as this process last saw it: their
# generations then come in the request's one MGET, with the page. An article page's hit took a
# second round trip for them. Bounded; a page not in it (or whose names changed) takes the second
# round trip once.
KNOWN_OBJECTS = 20_000
_known_objects = OrderedDict()
_known_lock = threading.Lock()


def _known_names(key):
    with _known_lock:
        names = _known_objects.get(key, ())
        if names:
            _known_objects.move_to_end(key)
        return names


def _know_names(key, names):
    with _known_lock:
        if not names:
            _known_objects.pop(key, None)
            return
        _known_objects[key] = tuple(names)
        _known_objects.move_to_end(key)
        while len(_known_objects) > KNOWN_OBJECTS:
            _known_objects.popitem(last=False)


def _objects_current(entry, values=None):
    """Whether the objects a stored page shows (depends_on) are unchanged: from `values` when the
    request's MGET fetched their generations, else a second round trip (only for the pages that
    declared any)."""
    names, stored = (entry[6], entry[7]) if len(entry) > 7 else ((), ())
    if not names:
        return True
    keys = [gen_key(name) for name in names]
    if values is not None and all(values.get(k) is not None for k in keys):
        return tuple(values[k] for k in keys) == tuple(stored)
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
        self.admin_url_prefix = None

    @property
    def admin_prefix(self):
        if self.admin_url_prefix is None:
            self.admin_url_prefix = admin_url_prefix() or ""
        return self.admin_url_prefix

    def __call__(self, request):
        response = self._respond(request)
        if shown_to_a_signed_in_user(request):
            patch_cache_control(response, private=True)
        return response

    def _respond(self, request):
        if not enabled():
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = self.get_response(request)
            self._after_admin_post(request, response)
            return response
        match = self._cacheable_match(request)
        if match is False:
            return self.get_response(request)
        return self.serve(request, match)

    def _cacheable_match(self, request):
        """The request's resolved URL (None for a 404) when the cache may answer it; False when it
        is personal, excluded or never cached."""
        if has_personal_cookie(request) or is_excluded(request.path, self.admin_prefix):
            return False
        match = resolve_request(request)
        return False if is_uncached(match) else match

    def _look_up(self, request, sections):
        """The page's key, the objects this process knows it depends on, the sections'
        generations and what the one MGET answered (the page among it)."""
        key = page_key(request)
        objects = _known_names(key)
        gens, values = generations(sections, extra_keys=[key, *(gen_key(name) for name in objects)])
        return key, objects, gens, values

    def _current(self, key, objects, gens, values, now):
        """The stored page when it is current (its sections' and objects' generations unchanged,
        its lifetime not over), else None."""
        entry = values.get(key)
        if entry is None or entry[0] != gens or entry[1] <= now:
            return None
        names = entry[6] if len(entry) > 7 else ()
        if tuple(names) != objects:
            _know_names(key, names)
        return entry if _objects_current(entry, values) else None

    def answer(self, request):
        """For the front door (core.pagecache_front), before Django handles the request: the
        stored page as (status, headers, content) when the cache holds it current, else None
        (Django then handles the request, this middleware included)."""
        if not enabled():
            return None
        match = self._cacheable_match(request)
        if match is False:
            return None
        drop_tracking_params(request)
        if not keep_read_params(request, match):
            return None
        looked_up = self._look_up(request, sections_for_match(match))
        # On a miss Django handles the request next: serve() takes this instead of asking again.
        request.META[LOOKED_UP] = looked_up
        key, objects, gens, values = looked_up
        if None in gens:
            return None
        entry = self._current(key, objects, gens, values, time.time())
        return None if entry is None else entry[2:5]

    def serve(self, request, match):
        """The page from the cache when it is current, else rendered and stored (match: the
        request's resolved URL, or None)."""
        drop_tracking_params(request)
        if not keep_read_params(request, match):
            response = self.get_response(request)
            response[HEADER] = "SKIP"
            return response
        sections = sections_for_match(match)
        try:
            looked_up = request.META.pop(LOOKED_UP, None) or self._look_up(request, sections)
            key, objects, gens, values = looked_up
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
        now = time.time()
        entry = self._current(key, objects, gens, values, now)
        if entry is not None:
            return self._from_entry(entry)
        request._pagecache_objects = {}
        with self.facts(match, values, key):
            response = self.get_response(request)
            objects = request._pagecache_objects
            if storable(request, response) and None not in objects.values():
                self._store(key, sections, gens, response, now, objects)
            else:
                response[HEADER] = "SKIP"
        return response

    @contextlib.contextmanager
    def facts(self, match, known=None, page=None):
        """Around a render: its cached facts fetched in one round trip (core.cachebatch), beside
        `known`, what the cache already answered for this request; page: the page's key, whose
        last render's own facts come in the same round trip."""
        try:
            token = cachebatch.open_batch(getattr(match, "view_name", None), known or {}, page)
        except Exception:
            logger.warning("Page cache: cached facts not fetched together", exc_info=True)
            yield
            return
        try:
            yield
        finally:
            cachebatch.close_batch(token)

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
            return
        _know_names(key, tuple(objects))

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
            bulk = pagecache.registry.bulk.get(model._meta.concrete_model._meta.label_lower, ())
        bump(*sections_for_model(model), *bulk)
