"""The Redis cache backend for which an outage is a miss: with Redis away the site runs on the database.

Every operation of Django's Redis backend is kept, with one difference: when Redis refuses the
connection or does not answer within the client's short timeouts (settings: REDIS_TIMEOUT_SECONDS),
a read is a miss, a write is dropped, and Redis is left alone for RETRY_SECONDS, so a hung Redis
costs a request at most one timeout. The outage is logged when it starts and when it ends, not at
every request. The read counter's direct Redis calls share the same state (`skip_while_away`).

A write that invalidates something (delete, delete_many, incr: the page cache's generation bumps,
the site profile) cannot simply be dropped: Redis may still hold the value it was meant to replace,
and serve it once it answers again. Those keys are remembered and deleted, before anything else,
as soon as Redis answers this process again; a lost generation restarts from the clock, so the
pages stored under it are never served again. What this cannot cover: a process that ends before
Redis comes back takes its list with it, and another process may serve what Redis still holds
until this one next reaches Redis. Both are bounded by the lifetimes (a page at most
PAGECACHE_SECONDS, the site profile an hour).
"""

import functools
import logging
import os
import threading
import time

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# How long Redis is left alone after a failure before one request tries it again.
RETRY_SECONDS = 5.0
# Keys to invalidate once Redis is back; past this many, the whole cache is cleared instead.
MAX_PENDING = 10_000


class Breaker:
    """Whether one Redis answers, as this process last saw it."""

    def __init__(self, location, retry_seconds=RETRY_SECONDS):
        self.location = location
        self.retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._tried_at = 0.0
        self.down_since = None

    def _may_try(self):
        with self._lock:
            if self.down_since is None:
                return True
            now = time.monotonic()
            if now - self._tried_at < self.retry_seconds:
                return False
            # This caller tries; the others keep skipping until it has an answer.
            self._tried_at = now
            return True

    def _failed(self, exc):
        with self._lock:
            self._tried_at = time.monotonic()
            if self.down_since is not None:
                return
            self.down_since = time.monotonic()
        logger.error(
            "Redis at %s does not answer (%s: %s): pages render from the database, "
            "trying again every %.0f s",
            self.location,
            type(exc).__name__,
            exc,
            self.retry_seconds,
        )

    def _answered(self):
        if self.down_since is None:
            return
        with self._lock:
            since, self.down_since = self.down_since, None
        if since is not None:
            logger.warning(
                "Redis at %s answers again after %.0f s", self.location, time.monotonic() - since
            )

    def call(self, operation, fallback, *, probe=False):
        """operation() when Redis answers; fallback() when it is known to be away or fails now.
        A probe asks Redis whatever the last failure said (the health check)."""
        if not probe and not self._may_try():
            return fallback()
        try:
            result = operation()
        except RedisError as exc:
            self._failed(exc)
            return fallback()
        self._answered()
        return result


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(location):
    """One state per Redis address and process, shared by the cache and the read counter."""
    with _breakers_lock:
        if location not in _breakers:
            _breakers[location] = Breaker(location)
        return _breakers[location]


def skip_while_away(operation, *args):
    """A direct call to the Redis at REDIS_URL (the read counter): None while Redis is away."""
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        return operation(*args)
    return breaker_for(url).call(functools.partial(operation, *args), lambda: None)


def _none():
    return None


class _KeptClient(RedisCacheClient):
    """Django's client makes a new redis.Redis (its response callbacks copied into a fresh dict)
    on every operation; this one keeps one per connection pool. On a page served from the cache
    that construction was a tenth of the request.

    Its MGET (every page served from the cache, every render's facts) goes out on a connection
    that each thread keeps for itself, as one packed command read back directly. redis-py's own
    path takes a connection from the pool and gives it back, asks the socket whether it holds
    stray data, wraps the call for retries and records it for its metrics: 40 µs of CPU around a
    round trip of 30 µs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._own = threading.local()

    def _own_connection(self):
        """This thread's connection for reads, made in this process (a fork gets its own)."""
        own = getattr(self._own, "connection", None)
        if own is None or own[0] != os.getpid():
            connection = self._get_connection_pool(False).make_connection()
            own = self._own.connection = (os.getpid(), connection)
        return own[1]

    def _mget(self, connection, keys):
        try:
            connection.send_packed_command(connection.pack_command("MGET", *keys))
            return connection.read_response()
        except BaseException:
            # Whatever was half sent or half read goes with the closed socket; the next call
            # connects again.
            connection.disconnect()
            raise

    def get_many(self, keys):
        keys = list(keys)
        if not keys:
            return {}
        connection = self._own_connection()
        reused = connection.is_connected
        try:
            values = self._mget(connection, keys)
        except RedisConnectionError:
            # Redis closed a connection that had been open (a restart, an idle timeout): asked
            # again once on a new one, as redis-py's pool would. A timeout is not asked again
            # (a hung Redis costs one), and a failure now is the cache's outage (Breaker).
            if not reused:
                raise
            values = self._mget(connection, keys)
        loads = self._serializer.loads
        return {
            key: loads(value) for key, value in zip(keys, values, strict=True) if value is not None
        }

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(
                connection_pool=self._get_connection_pool(write)
            )
        return client


class TolerantRedisCache(RedisCache):
    """Django's Redis cache, for which Redis being away is a miss (see the module's docstring).

    OPTIONS takes, besides the Redis client's own (socket_connect_timeout, socket_timeout),
    `retry_seconds`: how long to leave a failed Redis alone.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        retry_seconds = float(options.pop("retry_seconds", RETRY_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = _KeptClient
        location = server if isinstance(server, str) else ",".join(server)
        self.breaker = breaker_for(location)
        self.breaker.retry_seconds = retry_seconds
        self._pending = _pending_for(location)

    def validate_key(self, key):
        """Redis takes any key. Django's check warns of memcached's limits (250 characters, no
        spaces or control characters), a character at a time, on every key of every call: a
        page's MGET of twenty keys spent more in it than in parsing Redis's reply."""

    # The guard -----------------------------------------------------------------------------------

    def _run(self, operation, fallback, *, invalidates=()):
        def attempt():
            self._pending.settle(self._cache)
            return operation()

        def missed():
            self._pending.remember(invalidates)
            return fallback()

        return self.breaker.call(attempt, missed)

    def answers(self):
        """Whether Redis answers now, asked whatever the last failure said: for /healthz."""

        def ping():
            self._pending.settle(self._cache)
            return bool(self._cache.get_client(write=True).ping())

        return self.breaker.call(ping, lambda: False, probe=True)

    # Reads: a miss -------------------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._run(functools.partial(super().get, key, default, version), lambda: default)

    def get_many(self, keys, version=None):
        return self._run(functools.partial(super().get_many, keys, version), dict)

    def has_key(self, key, version=None):
        return self._run(functools.partial(super().has_key, key, version), lambda: False)

    # Writes: dropped -----------------------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(
            functools.partial(super().add, key, value, timeout, version), lambda: False
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(functools.partial(super().set, key, value, timeout, version), _none)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(
            functools.partial(super().set_many, data, timeout, version), lambda: list(data)
        )

    def set_each(self, entries, version=None):
        """set() for each key of {key: (value, timeout)}, each with its own lifetime, in one
        round trip (a pipeline): what a render kept, written when it ends (core.cachebatch)."""

        def write():
            pipeline = self._cache.get_client(None, write=True).pipeline(transaction=False)
            for key, (value, timeout) in entries.items():
                pipeline.set(
                    self.make_and_validate_key(key, version=version),
                    self._cache._serializer.dumps(value),
                    ex=self.get_backend_timeout(timeout),
                )
            pipeline.execute()

        return self._run(write, _none)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(functools.partial(super().touch, key, timeout, version), lambda: False)

    # Invalidations: remembered until Redis answers ---------------------------------------------

    def delete(self, key, version=None):
        return self._run(
            functools.partial(super().delete, key, version),
            lambda: False,
            invalidates=[self.make_and_validate_key(key, version=version)],
        )

    def delete_many(self, keys, version=None):
        return self._run(
            functools.partial(super().delete_many, keys, version),
            _none,
            invalidates=[self.make_and_validate_key(k, version=version) for k in keys],
        )

    def incr(self, key, delta=1, version=None):
        def missing():
            # As for a key that is not there: the caller starts it afresh (and that write is
            # dropped too, while the key waits to be deleted).
            raise ValueError(f"Key '{key}' not found (the cache does not answer).")

        return self._run(
            functools.partial(super().incr, key, delta, version),
            missing,
            invalidates=[self.make_and_validate_key(key, version=version)],
        )

    def clear(self):
        def later():
            self._pending.clear_all = True
            return False

        return self._run(super().clear, later)


class _Pending:
    """Keys whose invalidation Redis missed, deleted before anything else once it answers."""

    def __init__(self, location):
        self.location = location
        self._lock = threading.Lock()
        self.keys = set()
        self.clear_all = False

    def remember(self, keys):
        if not keys:
            return
        with self._lock:
            self.keys.update(keys)
            if len(self.keys) > MAX_PENDING and not self.clear_all:
                logger.error(
                    "Redis at %s: more than %d invalidations missed; the cache will be cleared "
                    "when it answers",
                    self.location,
                    MAX_PENDING,
                )
                self.clear_all = True
            if self.clear_all:
                self.keys.clear()

    def settle(self, client):
        """Runs inside the guard: a failure here is a failure of the operation that follows."""
        if not self.keys and not self.clear_all:
            return
        with self._lock:
            keys, clear_all = list(self.keys), self.clear_all
        if clear_all:
            client.clear()
        elif keys:
            client.delete_many(keys)
        with self._lock:
            self.keys.difference_update(keys)
            if clear_all:
                self.clear_all = False
        logger.warning(
            "Redis at %s: %s invalidations missed during the outage applied",
            self.location,
            "all" if clear_all else len(keys),
        )


_pending = {}


def _pending_for(location):
    with _breakers_lock:
        if location not in _pending:
            _pending[location] = _Pending(location)
        return _pending[location]


def cache_answers(cache):
    """For /healthz: whether the cache answers (a Redis is asked now; any other backend is tried)."""
    if hasattr(cache, "answers"):
        return cache.answers()
    try:
        cache.get("healthz:probe")
    except Exception:
        logger.warning("Cache does not answer", exc_info=True)
        return False
    return True
