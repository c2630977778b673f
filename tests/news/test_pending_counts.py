"""Pending read and download counts in Redis expire when nothing flushes them for a long time, and
never before they are flushed in the ordinary course (news.popularity.RedisCounter)."""

import uuid

import pytest
import redis

from news import popularity

URL = "redis://127.0.0.1:6379/9"


@pytest.fixture
def client_and_counter(settings):
    settings.REDIS_URL = URL
    connection = redis.Redis.from_url(URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip("Redis không chạy trên máy này")
    counter = popularity.make_counter(f"test:pending:{uuid.uuid4().hex}")
    yield connection, counter
    for key in connection.scan_iter(f"{counter._key}*"):
        connection.delete(key)


def test_pending_counts_expire_only_after_a_long_time_without_counts(client_and_counter):
    connection, counter = client_and_counter
    counter.add(7)
    counter.add(7)
    counter.add(8)
    assert 0 < connection.ttl(counter._key) <= popularity.PENDING_SECONDS
    # Each count pushes the lifetime back: a busy site never loses a pending count.
    connection.expire(counter._key, 60)
    counter.add(9)
    assert connection.ttl(counter._key) > 24 * 3600
    assert counter.drain() == {7: 2, 8: 1, 9: 1}
    assert list(connection.scan_iter(f"{counter._key}*")) == []


def test_a_flush_interrupted_after_taking_the_counts_leaves_nothing_for_ever(
    client_and_counter, monkeypatch
):
    connection, counter = client_and_counter
    counter.add(7)
    monkeypatch.setattr(counter._redis, "hgetall", lambda key: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        counter.drain()
    (left,) = connection.scan_iter(f"{counter._key}:draining:*")
    assert 0 < connection.ttl(left) <= popularity.PENDING_SECONDS


def test_downloads_pending_in_redis_expire_too(client_and_counter, monkeypatch):
    from documents import downloads

    connection, counter = client_and_counter
    monkeypatch.setattr(downloads, "_counter", counter)
    downloads.record_download(3)
    assert 0 < connection.ttl(counter._key) <= popularity.PENDING_SECONDS
