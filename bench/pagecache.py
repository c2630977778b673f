"""The page cache as the benchmark runs it: cold renders on request, and the ceiling never cached."""

from django.conf import settings

from core.pagecache import HEADER
from core.pagecache_middleware import PageCacheMiddleware
from core.pagecache_requests import page_key

BYPASS_HEADER = "X-Page-Cache-Bypass"
# The ceiling page (bench/urls.py) measures the middleware around a view that does nothing.
UNCACHED_PREFIX = "/bench/"


def bypass_requested(request):
    """Only with the secret that the benchmark's own settings hold; never when it is empty."""
    token = getattr(settings, "PAGECACHE_BYPASS_TOKEN", "")
    return bool(token) and request.headers.get(BYPASS_HEADER) == token


class BenchPageCacheMiddleware(PageCacheMiddleware):
    """The production middleware, except that a request carrying the benchmark's secret is rendered
    as if the cache were empty (marked BYPASS), and the benchmark's own pages pass straight through."""

    def answer(self, request):
        if request.path.startswith(UNCACHED_PREFIX) or bypass_requested(request):
            return None
        return super().answer(request)

    def serve(self, request, match):
        if request.path.startswith(UNCACHED_PREFIX):
            return self.get_response(request)
        if bypass_requested(request):
            # As a miss renders: the cached facts in one round trip.
            with self.facts(match, page=page_key(request)):
                response = self.get_response(request)
            response[HEADER] = "BYPASS"
            return response
        return super().serve(request, match)
