"""Redis away: every page still renders from the database, sign-in and saving still work, and no
request waits on the cache for long (the real Django Redis backend against a dead address)."""

import os
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from unittest import mock

import pytest
import redis
from django.core.cache import cache
from django.test import Client, override_settings

from core import cache as tolerant
from federation.models import SiteProfile
from federation.settings import redis_caches
from news import popularity
from news.models import ArticleViewCount
from tests import factories as f
from tests.news.admin_helpers import change_url, form_errors, open_form

pytestmark = pytest.mark.django_db

# A hang detector, not a speed target: without short timeouts a hung Redis holds a request for as
# long as the server keeps the connection open (HOLD_SECONDS here, for ever in real life).
BOUND_SECONDS = 3
HOLD_SECONDS = 8
# What a connection sends of its own when it opens, before the command it was opened for.
HANDSHAKE = {b"HELLO", b"CLIENT", b"AUTH", b"SELECT"}


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SilentServer:
    """Accepts connections and never answers: a Redis that hangs (stopped with SIGSTOP, or a
    firewall that drops replies). Each connection is closed after HOLD_SECONDS, so that a client
    without timeouts fails at last instead of hanging the test run."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.held = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
                self.held.append((time.monotonic(), conn))
            except TimeoutError:
                pass
            now = time.monotonic()
            for opened, conn in list(self.held):
                if now - opened > HOLD_SECONDS:
                    conn.close()
                    self.held.remove((opened, conn))

    def stop(self):
        self.stopping.set()
        self.thread.join()
        for _, conn in self.held:
            conn.close()
        self.sock.close()


@pytest.fixture(params=["closed-port", "silent-server"])
def dead_redis(request):
    """The production cache settings pointed at a Redis that is not there, or that hangs."""
    server = None
    if request.param == "closed-port":
        port = closed_port()
    else:
        server = SilentServer()
        port = server.port
    url = f"redis://127.0.0.1:{port}/0"
    with redis_at(url):
        yield request.param
    if server:
        server.stop()


@contextmanager
def redis_at(url, **cache_settings):
    tolerant._breakers.clear()
    tolerant._pending.clear()
    popularity._counter = None
    caches = redis_caches(url)
    caches["default"].update(cache_settings)
    try:
        with override_settings(CACHES=caches, REDIS_URL=url, PAGECACHE_ENABLED=True):
            yield
    finally:
        popularity._counter = None
        tolerant._breakers.clear()
        tolerant._pending.clear()


def timed(call, *args, **kwargs):
    started = time.monotonic()
    response = call(*args, **kwargs)
    return response, time.monotonic() - started


def test_every_public_page_renders_from_the_database_when_redis_is_away(site, dead_redis):
    visitor = Client(raise_request_exception=False)
    for name, path in site.pages.items():
        for _ in range(2):
            response, seconds = timed(visitor.get, path)
            expected = 404 if name == "not-found" else 200
            assert response.status_code == expected, (name, path, response.status_code)
            assert seconds < BOUND_SECONDS, (name, path, seconds)
            if name not in ("login", "not-found", "ask"):  # "ask" is never cached at all
                # The page cache steps aside: nothing served from it, nothing stored.
                assert response["X-Page-Cache"] == "OFF", (name, path)
    home = visitor.get("/").content.decode()
    assert site.article.title in home
    found = visitor.get("/tim-kiem/?q=cham+lo+tet").content.decode()
    assert f'href="{site.article.get_absolute_url()}"' in found


def test_a_read_is_answered_at_once_when_redis_is_away(site, dead_redis):
    visitor = Client(raise_request_exception=False)
    response, seconds = timed(visitor.post, f"/tin-tuc/luot-doc/{site.article.pk}/")
    assert response.status_code == 204
    assert seconds < BOUND_SECONDS


def test_an_officer_and_an_editor_sign_in_when_redis_is_away(site, dead_redis):
    f.make_officer(username="canbo", password="CanBo@2026")
    f.make_editor(username="bientap", password="BienTap@2026")
    officer = Client(raise_request_exception=False)
    response, seconds = timed(
        officer.post, "/dang-nhap/", {"username": "canbo", "password": "CanBo@2026"}
    )
    assert response.status_code == 302, response.status_code
    assert seconds < BOUND_SECONDS
    assert officer.get("/chuong-trinh-phoi-hop/").status_code == 200

    editor = Client(raise_request_exception=False)
    assert editor.get("/quan-tri/login/").status_code == 200
    response, seconds = timed(
        editor.post,
        "/quan-tri/login/?next=/quan-tri/",
        {"username": "bientap", "password": "BienTap@2026", "next": "/quan-tri/"},
    )
    assert response.status_code == 302, response.status_code
    assert response["Location"] == "/quan-tri/"
    assert seconds < BOUND_SECONDS
    assert editor.get("/quan-tri/").status_code == 200


def test_an_editor_saves_an_article_when_redis_is_away(site, dead_redis):
    editor = Client(raise_request_exception=False)
    editor.force_login(f.make_editor())
    url = change_url(site.article)
    data = open_form(editor, url)
    data["title"] = "Công đoàn Đà Lạt chăm lo Tết cho đoàn viên (cập nhật)"
    response, seconds = timed(editor.post, url, data)
    assert response.status_code == 302, form_errors(response)
    assert seconds < BOUND_SECONDS
    site.article.refresh_from_db()
    assert site.article.title.endswith("(cập nhật)")
    visitor = Client(raise_request_exception=False)
    assert "(cập nhật)" in visitor.get(site.article.get_absolute_url()).content.decode()


def test_healthz_stays_200_and_says_the_cache_is_away(db, dead_redis):
    response, seconds = timed(Client().get, "/healthz")
    assert response.status_code == 200
    assert seconds < BOUND_SECONDS
    body = response.json()
    assert body["database"] == "ok"
    assert body["cache"] != "ok"


def test_a_hung_redis_costs_a_request_at_most_one_attempt(site):
    server = SilentServer()
    try:
        with redis_at(f"redis://127.0.0.1:{server.port}/0"):
            visitor = Client(raise_request_exception=False)
            calls = []
            real = redis.connection.Connection.send_packed_command

            def counted(connection, command, *args, **kwargs):
                name = b"".join(command).split(b"\r\n")[2].upper()
                if name not in HANDSHAKE:
                    calls.append(name)
                return real(connection, command, *args, **kwargs)

            # Counted where every command leaves, redis-py's own calls and the cache's kept
            # connection for reads (core.cache._KeptClient) alike.
            with mock.patch.object(redis.connection.Connection, "send_packed_command", counted):
                for path in ["/", site.pages["article"], "/tin-tuc/"]:
                    calls.clear()
                    assert visitor.get(path).status_code == 200
                    # The first request finds out (one timeout); the next ones do not ask again.
                    assert len(calls) <= (1 if path == "/" else 0), (path, calls)
    finally:
        server.stop()


# Redis back after an outage -------------------------------------------------------------------------


@pytest.fixture
def real_redis():
    """The local Redis, under keys of this test's own (other work may share the database)."""
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis answers at {url}")
    prefix = f"test-outage-{uuid.uuid4().hex}"
    # Tried again at once after a failure, so that the test need not wait for it.
    options = {**redis_caches(url)["default"]["OPTIONS"], "retry_seconds": 0}
    with (
        redis_at(url, KEY_PREFIX=prefix, OPTIONS=options),
        override_settings(CACHE_KEY_PREFIX=prefix),
    ):
        yield
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@contextmanager
def outage():
    """Every command to Redis fails, as when it stops or the network drops: where each leaves,
    redis-py's own calls and the cache's kept connection for reads alike."""
    error = redis.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with mock.patch.object(redis.connection.Connection, "send_packed_command", side_effect=error):
        yield


def test_an_edit_made_while_redis_was_away_shows_once_it_is_back(site, real_redis):
    SiteProfile.load()  # created once on a live site; its first save makes every page stale
    visitor = Client()
    url = site.article.get_absolute_url()
    visitor.get(url)
    assert visitor.get(url)["X-Page-Cache"] == "HIT"
    with outage():
        site.article.title = "Tin sửa khi Redis vắng mặt"
        site.article.save()
        profile = SiteProfile.load()
        profile.name = "Liên đoàn Lao động tỉnh (tên mới)"
        profile.save()
        during = visitor.get(url)
        assert during["X-Page-Cache"] == "OFF"
        assert "Tin sửa khi Redis vắng mặt" in during.content.decode()
    # Redis kept the page and the profile stored before the edit: neither may come back.
    after = visitor.get(url)
    assert after["X-Page-Cache"] == "MISS"
    assert "Tin sửa khi Redis vắng mặt" in after.content.decode()
    assert "Liên đoàn Lao động tỉnh (tên mới)" in after.content.decode()
    assert visitor.get(url)["X-Page-Cache"] == "HIT"


def test_reads_waiting_in_redis_reach_the_database_once_it_is_back(site, real_redis):
    visitor = Client()
    beacon = f"/tin-tuc/luot-doc/{site.article.pk}/"
    # Two readers: one reader's repeated reads count once (news.popularity).
    assert visitor.post(beacon, REMOTE_ADDR="203.0.113.1").status_code == 204
    assert visitor.post(beacon, REMOTE_ADDR="203.0.113.2").status_code == 204
    with outage():
        assert visitor.post(beacon).status_code == 204  # not counted: Redis is away
        assert visitor.get("/").status_code == 200
        assert not ArticleViewCount.objects.exists()
    cache.delete(popularity.MOST_READ_CACHE_KEY)
    assert visitor.get("/").status_code == 200
    assert ArticleViewCount.objects.get(article=site.article).count == 2


def test_healthz_says_degraded_while_redis_is_away_and_ok_once_it_is_back(db, real_redis):
    assert Client().get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}
    with outage():
        response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["cache"].startswith("không kết nối được")
    assert Client().get("/healthz").json()["cache"] == "ok"


def test_a_renders_writes_go_to_redis_together_each_with_its_lifetime(real_redis):
    """core.cachebatch.write inside a render: nothing is written until it ends, then every
    entry in one pipeline (TolerantRedisCache.set_each), each with its own lifetime; and the
    render's later reads see what it wrote. With Redis away the writes are dropped, not raised."""
    from core import cachebatch

    token = cachebatch.open_batch(None, {})
    cachebatch.write({"kept:a": ("một", 1), "kept:b": [2, 3]}, 60)
    cachebatch.write({"kept:c": "ba"}, 3600)
    assert cache.get("kept:a") is None  # not written yet
    assert cachebatch.get_many(["kept:a", "kept:c"]) == {"kept:a": ("một", 1), "kept:c": "ba"}
    cachebatch.close_batch(token)
    assert cache.get_many(["kept:a", "kept:b", "kept:c"]) == {
        "kept:a": ("một", 1),
        "kept:b": [2, 3],
        "kept:c": "ba",
    }
    client = cache._cache.get_client(write=True)
    assert 0 < client.ttl(cache.make_key("kept:b")) <= 60
    assert 3500 < client.ttl(cache.make_key("kept:c")) <= 3600
    lost = redis.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with mock.patch.object(redis.client.Pipeline, "execute", side_effect=lost):
        cache.set_each({"kept:d": ("bốn", 60)})  # dropped, as any write while Redis is away
    assert cache.get("kept:d") is None


def test_reads_on_the_kept_connection_are_django_s_and_survive_redis_closing_it(real_redis, caplog):
    """The cache's MGET goes out on a connection each thread keeps (core.cache._KeptClient): the
    values are those Django's client reads, and a connection Redis closed (a restart, an idle
    timeout) is opened again without a miss and without taking Redis for away."""
    cache.set("kept:page", {"trang": "chủ", "số": [1, 2]})
    cache.set("kept:count", 7)  # integers are stored as such, not pickled
    keys = ["kept:page", "kept:count", "kept:absent"]
    expected = {"kept:page": {"trang": "chủ", "số": [1, 2]}, "kept:count": 7}
    assert cache.get_many(keys) == expected
    client = cache._cache.get_client(write=True)
    assert client.client_kill_filter(_type="normal", skipme=True) >= 1
    assert cache.get_many(keys) == expected
    assert "does not answer" not in caplog.text
    assert cache.breaker.down_since is None
