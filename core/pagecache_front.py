"""The page cache's front door: a WSGI wrapper that answers a stored page before Django's request
handling starts.

A warm hit inside Django still pays for the handler around the middleware: the request and
response objects, the request_started and request_finished signals (each closes stale database
connections), the security and conditional GET middleware, and copying the stored headers into a
response one by one. That was more than the page itself cost. This wrapper asks the page cache
middleware (`PageCacheMiddleware.answer`, the same rules and the same one MGET) whether it holds
the page, and if so hands its bytes to the server directly, with the headers Django's
SecurityMiddleware would have added.

It answers only what the middleware would answer from the cache without looking further:
unconditional GET requests. A conditional request (If-None-Match, If-Modified-Since) goes through
Django, whose ConditionalGetMiddleware answers 304; HEAD, other methods, personal cookies, the
admin, files, a bad Host header, a cache that does not answer and every miss go through Django as
before. Nothing is stored here: pages are stored by the middleware, after a render.
"""

import logging
from http import HTTPStatus

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest, get_script_name
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.urls import set_script_prefix
from django.utils.module_loading import import_string

from core.pagecache import HEADER
from core.pagecache_middleware import LOOKED_UP, PageCacheMiddleware

logger = logging.getLogger(__name__)

# Requests whose answer depends on what the visitor already holds: Django's ConditionalGet answers.
_CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_RANGE")


class PageCacheFront:
    """Wraps the site's WSGI application (federation/wsgi.py)."""

    def __init__(self, application):
        self.application = application
        self._parts = None
        setting_changed.connect(self._forget)

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "GET" and not any(h in environ for h in _CONDITIONAL):
            try:
                page = self._page(environ)
            except Exception:
                # A bad Host header, an unreachable cache: Django answers, as without this door.
                logger.debug("Page cache front door skipped", exc_info=True)
                page = None
            if page is not None:
                status, headers, content = page
                start_response(f"{status} {HTTPStatus(status).phrase}", headers)
                return [content]
        return self.application(environ, start_response)

    def _page(self, environ):
        middleware, security = self._middleware()
        if middleware is None:
            return None
        set_script_prefix(get_script_name(environ))
        # A copy: the middleware drops tracking parameters from the request's environ, and a miss
        # must reach Django as the server sent it.
        request = WSGIRequest(dict(environ))
        stored = middleware.answer(request)
        if stored is None:
            if LOOKED_UP in request.META:
                # The middleware takes what was just asked of the cache instead of a second MGET.
                environ[LOOKED_UP] = request.META[LOOKED_UP]
            return None
        status, headers, content = stored
        headers = [*headers, (HEADER, "HIT")]
        return status, headers + self._security_headers(security, request, headers), content

    def _middleware(self):
        """The page cache middleware of the settings (the benchmark's has its own), and Django's
        security middleware when the settings use it."""
        if self._parts is None:
            page_cache = security = None
            for path in settings.MIDDLEWARE:
                cls = import_string(path)
                if isinstance(cls, type) and issubclass(cls, PageCacheMiddleware):
                    page_cache = cls(self.application)
                elif cls is SecurityMiddleware:
                    security = cls(self.application)
            self._parts = (page_cache, security, {})
        return self._parts[:2]

    def _security_headers(self, security, request, headers):
        """What SecurityMiddleware adds to a response that lacks them (nosniff, referrer and
        opener policies; HSTS over HTTPS), worked out by it once per scheme."""
        if security is None:
            return []
        memo = self._parts[2]
        secure = request.is_secure()
        if secure not in memo:
            blank = HttpResponse()
            own = {name.lower() for name in blank.headers}
            added = security.process_response(request, blank).items()
            memo[secure] = [(name, value) for name, value in added if name.lower() not in own]
        present = {name.lower() for name, _ in headers}
        return [(name, value) for name, value in memo[secure] if name.lower() not in present]

    def _forget(self, **kwargs):
        # Tests change settings (the middleware list, the security headers) between requests.
        self._parts = None
