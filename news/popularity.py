"""Read counting without a database write per page view.

A read is counted by a small request that the article page's script sends after load, so a page
served from the full-page cache still counts. The count goes to Redis (HINCRBY, atomic across
workers and hosts) or, without Redis, to a per-process dictionary. Counts reach the database in
batches: whenever the most-read block is rebuilt (at most every few minutes) and by
`manage.py flush_view_counts`, which may also run from cron.
"""

import threading
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

MOST_READ_CACHE_KEY = "news:most-read"
MOST_READ_SECONDS = 300
_REDIS_KEY = "news:views:pending"
# The beacon's URL takes any integer; a key the database cannot hold would fail the whole flush,
# and with it the home page that triggered it.
_MAX_ID = 2**63 - 1


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

        self._redis = redis.Redis.from_url(url)
        self._key = f"{getattr(settings, 'CACHE_KEY_PREFIX', 'federation')}:{key}"

    def add(self, article_id):
        self._redis.hincrby(self._key, str(article_id), 1)

    def drain(self):
        # RENAME is atomic: reads that arrive while we flush land in a fresh hash.
        draining = f"{self._key}:draining:{timezone.now().timestamp()}"
        try:
            self._redis.rename(self._key, draining)
        except Exception as exc:  # redis.ResponseError: the hash does not exist yet
            if "no such key" in str(exc).lower():
                return {}
            raise
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
    counter().add(article_id)


def flush_view_counts():
    """Move pending reads into ArticleViewCount. Returns the number of reads written."""
    from news.models import Article, ArticleViewCount

    pending = {pk: n for pk, n in counter().drain().items() if 0 < pk <= _MAX_ID}
    if not pending:
        return 0
    today = timezone.localdate()
    existing_ids = set(Article.objects.filter(pk__in=pending).values_list("pk", flat=True))
    with transaction.atomic():
        for article_id, count in pending.items():
            if article_id not in existing_ids:
                continue
            updated = ArticleViewCount.objects.filter(article_id=article_id, day=today).update(
                count=F("count") + count
            )
            if not updated:
                ArticleViewCount.objects.create(article_id=article_id, day=today, count=count)
    return sum(c for a, c in pending.items() if a in existing_ids)


def most_read(limit=5, days=7):
    """The most-read public articles of the last `days` days, cached for a few minutes."""
    from news.models import Article

    ids = cache.get(MOST_READ_CACHE_KEY)
    if ids is None:
        flush_view_counts()
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
    articles = Article.objects.published().select_related("category").in_bulk(ids)
    return [articles[pk] for pk in ids if pk in articles]
