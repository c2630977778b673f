"""The page cache's front door (core.pagecache_front): a stored page answered before Django's
request handling starts, with the same bytes and headers as Django's own hit, and everything the
cache must not answer left to Django."""

import contextlib

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from core import pagecache
from core.pagecache_front import PageCacheFront
from news.freshness import article_key
from tests.cache_trips import counted_round_trips
from tests.cached_pages import HEADER
from tests.core.test_pagecache_warm import SECURITY_HEADERS
from tests.factories import make_article, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


class Counted:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.body = status, body
        self.headers = {name.lower(): value for name, value in headers}
        self.names = [name for name, _ in headers]

    def __getitem__(self, name):
        return self.headers[name.lower()]


@contextlib.contextmanager
def connection_kept():
    """As Django's test client does: a request must not close the database connection, which
    holds the test's transaction (request_started and request_finished close old connections)."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in signals:
            signal.connect(close_old_connections)


def call(app, path, method="get", **headers):
    environ = getattr(RequestFactory(), method)(path, headers=headers).environ
    seen = {}

    def start_response(status, response_headers, exc_info=None):
        seen.update(status=status, headers=response_headers)

    with connection_kept():
        result = app(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    return Answer(seen["status"], seen["headers"], body)


@pytest.fixture
def django():
    return Counted()


@pytest.fixture
def front(django):
    return PageCacheFront(django)


@pytest.fixture
def story():
    return make_article(title="Hội nghị người lao động", category=make_category(name="Sự kiện"))


def urls(story):
    return ["/", "/tin-tuc/", story.category.get_absolute_url(), story.get_absolute_url()]


def test_the_front_answers_a_stored_page_without_django_or_a_query(
    front, django, story, django_assert_num_queries
):
    for url in urls(story):
        rendered = call(front, url)
        assert rendered[HEADER] == "MISS", url
        calls = django.calls
        with django_assert_num_queries(0):
            hit = call(front, url)
        assert django.calls == calls, url  # Django never saw the request
        assert hit.status == "200 OK" and hit[HEADER] == "HIT", url
        assert hit.body == rendered.body, url
        for name in SECURITY_HEADERS:
            assert hit[name] == rendered[name], (url, name)


def test_the_fronts_hit_carries_what_djangos_own_hit_carries(front, django, story):
    """Same status, bytes and headers as the hit the page cache middleware serves inside Django."""
    for url in urls(story):
        call(front, url)
        inside = call(django, url)  # Django's handler: the middleware's own hit
        assert inside[HEADER] == "HIT", url
        outside = call(front, url)
        assert (outside.status, outside.body) == (inside.status, inside.body), url
        assert outside.headers == inside.headers, url
        assert len(outside.names) == len({n.lower() for n in outside.names}), url


def test_a_miss_asks_the_cache_for_the_page_once_not_in_the_front_and_again_in_django(
    front, django, story
):
    """The middleware takes the front door's MGET (page and generations) instead of its own."""
    for url in urls(story):
        call(front, url)
        call(django, url)  # Django alone: what a miss costs without the front door
        pagecache.bump("news", article_key(story.slug))
        with counted_round_trips() as alone:
            assert call(django, url)[HEADER] == "MISS"
        pagecache.bump("news", article_key(story.slug))
        with counted_round_trips() as through_the_front:
            assert call(front, url)[HEADER] == "MISS"
        assert through_the_front == alone, url


def test_a_shared_link_with_tracking_parameters_is_the_same_stored_page(front, django, story):
    url = story.get_absolute_url()
    call(front, url)
    calls = django.calls
    hit = call(front, f"{url}?fbclid=IwAR0abc&utm_source=zalo&zarsrc=30")
    assert hit[HEADER] == "HIT" and django.calls == calls


@pytest.mark.parametrize(
    "label, request_args",
    [
        ("HEAD", {"method": "head"}),
        ("a conditional GET", {"HTTP_IF_NONE_MATCH": "etag"}),
        ("a session", {"Cookie": "sessionid=abc"}),
        ("flash messages", {"Cookie": "messages=abc"}),
    ],
)
def test_what_the_front_leaves_to_django(front, django, story, label, request_args):
    url = story.get_absolute_url()
    call(front, url)
    assert call(front, url)[HEADER] == "HIT"
    args = dict(request_args)
    method = args.pop("method", "get")
    headers = {k.removeprefix("HTTP_").replace("_", "-"): v for k, v in args.items()}
    calls = django.calls
    call(front, url, method=method, **headers)
    assert django.calls == calls + 1, label


def test_a_conditional_get_gets_its_304_from_django(front, django, story):
    url = story.get_absolute_url()
    call(front, url)
    etag = call(front, url)["ETag"]
    calls = django.calls
    answer = call(front, url, **{"If-None-Match": etag})
    assert answer.status.startswith("304") and answer.body == b""
    assert django.calls == calls + 1


def test_admin_and_files_and_a_bad_host_go_to_django(front, django, story):
    calls = django.calls
    assert call(front, "/quan-tri/").status.startswith("302")
    assert call(front, "/static/nothing.css").status.startswith("404")
    assert call(front, story.get_absolute_url(), Host="ke-gian.example").status.startswith("400")
    assert django.calls == calls + 3


def test_an_edit_makes_the_front_pass_the_request_on_at_once(front, django, story):
    """The front door serves nothing stale: the generations are checked in the same MGET."""
    url = story.get_absolute_url()
    call(front, url)
    call(front, "/tin-tuc/")
    story.title = "Hội nghị người lao động đã sửa"
    story.save()
    for path in (url, "/tin-tuc/"):
        answer = call(front, path)
        assert answer[HEADER] == "MISS", path
        assert "đã sửa" in answer.body.decode(), path


def test_only_its_own_objects_make_an_article_page_stale(front, django, story):
    other = make_article(title="Tin khác", category=make_category(name="Khác"))
    url = story.get_absolute_url()
    call(front, url)
    calls = django.calls
    pagecache.bump(article_key(other.slug))
    assert call(front, url)[HEADER] == "HIT" and django.calls == calls
    pagecache.bump(article_key(story.slug))
    assert call(front, url)[HEADER] == "MISS" and django.calls == calls + 1


def test_without_the_page_cache_the_front_passes_everything_on(front, django, story, settings):
    settings.PAGECACHE_ENABLED = False
    url = story.get_absolute_url()
    call(front, url)
    answer = call(front, url)
    assert HEADER.lower() not in answer.headers and django.calls == 2


def test_the_site_is_served_through_the_front():
    from federation import wsgi

    assert isinstance(wsgi.application, PageCacheFront)
    assert isinstance(wsgi.application.application, WSGIHandler)
