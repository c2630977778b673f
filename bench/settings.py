"""Settings for the benchmark (bench/run.py): the production settings, plus its ceiling page and a
page cache that renders afresh the requests that carry the benchmark's secret."""

import os

from federation.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# A request carrying this secret in X-Page-Cache-Bypass is rendered as if the cache were empty (the
# "cold" figures). bench/run.py draws a new one for every run; without it nothing bypasses.
PAGECACHE_BYPASS_TOKEN = os.environ.get("BENCH_PAGE_CACHE_BYPASS_TOKEN", "")
MIDDLEWARE = [
    "bench.pagecache.BenchPageCacheMiddleware"
    if name == "core.pagecache_middleware.PageCacheMiddleware"
    else name
    for name in MIDDLEWARE  # noqa: F405
]
