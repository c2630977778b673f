"""Read counting without a database write per page view.

A read is counted by a small request that the article page's script sends after load, so a page
served from the full-page cache still counts. The count goes to Redis (HINCRBY, atomic across
workers and hosts) or, without Redis, to a per-process dictionary. Counts reach the database in
batches: whenever the most-read block is rebuilt (at most every few minutes) and by
`manage.py flush_view_counts`, which may also run from cron.

A reader counts once per article a day (`count_read`): a reader is an address plus the browser's
own headers, so that the people behind one office or mobile-carrier address count apart; an
address counts at most READERS_PER_ADDRESS readers per article a day and brings at most
READS_PER_ADDRESS_MINUTE new readers a minute, so that a script changing its browser name at each
post gains little. Only reads of articles the public can see reach the database.
"""

import logging
import threading
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core import cachebatch, memo, pagecache
from core.cache import skip_while_away
from core.clientip import client_ip

logger = logging.getLogger(__name__)

MOST_READ_CACHE_KEY = "news:most-read"
MOST_READ_SECONDS = 300
_REDIS_KEY = "news:views:pending"
# The beacon's URL takes any integer; a key the database cannot hold would fail the whole flush,
# and with it the home page that triggered it.
_MAX_ID = 2**63 - 1

# The pending counts' hash lives this long after its last count: counts are flushed every few
# minutes (the most-read block, the timer), so only a hash that nothing flushes for a month goes,
# and none stays in Redis for ever.
PENDING_SECONDS = 30 * 24 * 3600

READ_WINDOW_SECONDS = 24 * 3600
READERS_PER_ADDRESS = 10
READS_PER_ADDRESS_MINUTE = 30


class LocalCounter:
    def __init__(self):
        self._lock = threading.Lock()
        self._counts = Counter()

    def add(self, article_id):
        with self._lock:
            self._counts[article_id] += 1

    def drain(self):
        with self._lock:
            counts, self._counts = self._counts, Counter()
        return dict(counts)


class RedisCounter:
    def __init__(self, url, key=_REDIS_KEY):
        import redis

        # The cache's short timeouts: a hung Redis must not hold the request.
        self._redis = redis.Redis.from_url(url, **getattr(settings, "REDIS_OPTIONS", {}))
        self._key = f"{getattr(settings, 'CACHE_KEY_PREFIX', 'federation')}:{key}"

    def add(self, article_id):
        # One round trip: the count, and the hash's lifetime pushed back (PENDING_SECONDS).
        pipe = self._redis.pipeline(transaction=False)
        pipe.hincrby(self._key, str(article_id), 1)
        pipe.expire(self._key, PENDING_SECONDS)
        pipe.execute()

    def drain(self):
        # RENAME is atomic: reads that arrive while we flush land in a fresh hash.
        draining = f"{self._key}:draining:{timezone.now().timestamp()}"
        try:
            self._redis.rename(self._key, draining)
        except Exception as exc:  # redis.ResponseError: the hash does not exist yet
            if "no such key" in str(exc).lower():
                return {}
            raise
        # A flush that dies here leaves no key behind for ever.
        self._redis.expire(draining, PENDING_SECONDS)
        counts = self._redis.hgetall(draining)
        self._redis.delete(draining)
        return {int(k): int(v) for k, v in counts.items()}


_counter = None


def make_counter(key=_REDIS_KEY):
    """A counter of pending hits under its own Redis key (or in memory without Redis)."""
    url = getattr(settings, "REDIS_URL", "")
    return RedisCounter(url, key) if url else LocalCounter()


def counter():
    global _counter
    if _counter is None:
        _counter = make_counter()
    return _counter


# Other pending counts that `flush_view_counts` moves too (the library's downloads): each app
# registers its own flush from its AppConfig.ready(), so this module imports none of them.
_flushes = {}


def register_flush(label, flush):
    _flushes[label] = flush


def flush_all():
    """Every pending count into the database: {what: how many}, reads first."""
    return {"lượt đọc": flush_view_counts(), **{label: f() for label, f in _flushes.items()}}


def record_view(article_id):
    # With Redis away the read is not counted; the visitor's page is not kept waiting for it.
    skip_while_away(counter().add, article_id)


def client_address(request):
    """The reader's address, by the rule the login lockout uses (core.clientip), so that the
    proxies in front of the site are described once."""
    return client_ip(request) or ""


def _digest(*parts):
    # Keyed with SECRET_KEY: the cache holds no reader's address in the clear.
    return salted_hmac("news.popularity", "\n".join(parts), algorithm="sha256").hexdigest()[:32]


def _incr(key, seconds):
    """Add one to a counter that lives `seconds` from its first count; the new value."""
    if cache.add(key, 1, seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, seconds)
        return 1


def count_read(request, article_id):
    """Count the request's read of the article unless this reader was counted for it within
    READ_WINDOW_SECONDS, or the address is over its caps. Returns whether it counted.

    Whether the article is public is settled when the counts are flushed, so that the beacon
    stays free of database queries. An unreachable cache loses the read, not the request.
    """
    if not 0 < article_id <= _MAX_ID:
        return False
    address = client_address(request)
    reader = _digest(
        address,
        request.headers.get("User-Agent", ""),
        request.headers.get("Accept-Language", ""),
    )
    per_address = _digest(address)
    minute_key = f"news:reads:minute:{per_address}"
    try:
        # Checked first, so that a capped address makes no more keys.
        if (cache.get(minute_key) or 0) >= READS_PER_ADDRESS_MINUTE:
            return False
        if not cache.add(f"news:read:{article_id}:{reader}", 1, READ_WINDOW_SECONDS):
            return False
        # Every new reader spends the address's minute, counted or not: a script that changes its
        # browser name at each post soon makes no more keys.
        if _incr(minute_key, 60) > READS_PER_ADDRESS_MINUTE:
            return False
        address_key = f"news:read:{article_id}:address:{per_address}"
        if _incr(address_key, READ_WINDOW_SECONDS) > READERS_PER_ADDRESS:
            return False
        record_view(article_id)
    except Exception:
        logger.warning("Read not counted: cache unreachable", exc_info=True)
        return False
    return True


def flush_view_counts():
    """Move pending reads into ArticleViewCount. Returns the number of reads written.

    Reads of an article the public cannot see now (a draft, a scheduled or trashed article, an
    unknown number) are dropped.
    """
    from news.models import Article, ArticleViewCount

    pending = {pk: n for pk, n in counter().drain().items() if 0 < pk <= _MAX_ID}
    if not pending:
        return 0
    today = timezone.localdate()
    public_ids = set(
        Article.objects.published().filter(pk__in=pending).values_list("pk", flat=True)
    )
    with transaction.atomic():
        for article_id, count in pending.items():
            if article_id not in public_ids:
                continue
            updated = ArticleViewCount.objects.filter(article_id=article_id, day=today).update(
                count=F("count") + count
            )
            if not updated:
                ArticleViewCount.objects.create(article_id=article_id, day=today, count=count)
    return sum(c for a, c in pending.items() if a in public_ids)


def most_read(limit=5, days=7):
    """The most-read public articles of the last `days` days, as (title, address) pairs: which
    ones is kept a few minutes; their titles and addresses are read once per change of the news
    and of that list (core.memo), and never past a scheduled take-down."""
    from news.models import Article

    ids = cachebatch.get(MOST_READ_CACHE_KEY, learn=True)
    if ids is None:
        # With Redis away the pending reads wait there; the block shows what the database has.
        skip_while_away(flush_view_counts)
        since = timezone.localdate() - timezone.timedelta(days=days - 1)
        ids = list(
            Article.objects.published()
            .filter(view_counts__day__gte=since)
            .annotate(reads=Sum("view_counts__count"))
            .order_by("-reads", "-published_at")
            .values_list("pk", flat=True)[:limit]
        )
        cache.set(MOST_READ_CACHE_KEY, ids, MOST_READ_SECONDS)
    if not ids:
        return []

    def shown():
        articles = Article.objects.published().only("title", "slug").in_bulk(ids)
        return [
            (articles[pk].title, articles[pk].get_absolute_url()) for pk in ids if pk in articles
        ]

    if not pagecache.enabled():
        # Like the lists' memo: without a shared cache, another worker's edit would not show.
        return shown()
    return memo.remember(f"most-read:{limit}", ("news",), shown, scheduled=True, inputs=tuple(ids))
