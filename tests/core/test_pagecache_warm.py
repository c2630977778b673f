"""A warm hit costs almost nothing: the page cache answers before sessions, authentication, CSRF,
axes and history run, in one round trip to the cache, and with the same headers as a render."""

import pytest
from axes.middleware import AxesMiddleware
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from simple_history import middleware as history

from core import pagecache_middleware
from tests.cache_trips import counted_round_trips
from tests.cached_pages import HEADER
from tests.factories import make_article, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


# What every page must carry, whether rendered or served from the cache.
SECURITY_HEADERS = [
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Content-Type",
]

# The middleware a hit must not reach, and the method each runs on every request.
BELOW = [
    (SessionMiddleware, "process_request"),
    (AuthenticationMiddleware, "process_request"),
    (CsrfViewMiddleware, "process_request"),
    (MessageMiddleware, "process_request"),
    # simple_history's middleware is a function: it opens this context on every request.
    (history, "_context_manager"),
    (AxesMiddleware, "__call__"),
]


@pytest.fixture
def story():
    return make_article(title="Hội nghị người lao động", category=make_category(name="Sự kiện"))


@pytest.fixture
def reached(monkeypatch):
    """The names of the middleware below the page cache that a request went through."""
    seen = []
    for cls, method in BELOW:
        original = getattr(cls, method)

        def spy(*args, _original=original, _name=cls.__name__, **kwargs):
            seen.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(cls, method, spy)
    return seen


def urls(story):
    return ["/", "/tin-tuc/", story.category.get_absolute_url(), story.get_absolute_url()]


def test_a_warm_hit_runs_no_query_and_reaches_no_session_auth_csrf_axes_or_history(
    client, story, reached, django_assert_num_queries
):
    for url in urls(story):
        reached.clear()
        assert client.get(url)[HEADER] == "MISS", url
        # The spies work: a render goes through all of them.
        assert {cls.__name__ for cls, _ in BELOW} <= set(reached), url
        reached.clear()
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response[HEADER] == "HIT", url
        assert reached == [], url
        assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies


def test_a_warm_hit_carries_the_same_policy_and_security_headers_as_a_render(client, story):
    for url in urls(story):
        cold = client.get(url)
        warm = client.get(url)
        assert (cold[HEADER], warm[HEADER]) == ("MISS", "HIT"), url
        for name in SECURITY_HEADERS:
            assert cold.has_header(name), (url, name)
            assert warm[name] == cold[name], (url, name)
        assert "default-src 'self'" in warm["Content-Security-Policy"]
        assert warm.content == cold.content


def test_a_warm_hit_is_one_round_trip_to_the_cache(client, story):
    # An article page also checks its own objects' generations (news.freshness): the process
    # knows which they are from storing the page, and fetches them with it.
    for url in urls(story):
        client.get(url)
        with counted_round_trips() as calls:
            assert client.get(url)[HEADER] == "HIT"
        assert calls == ["get_many"], url


def test_a_process_that_did_not_store_an_article_page_checks_its_objects_once_more(client, story):
    url = story.get_absolute_url()
    client.get(url)
    pagecache_middleware._known_objects.clear()  # as in a worker that did not render it
    with counted_round_trips() as calls:
        assert client.get(url)[HEADER] == "HIT"
    assert calls == ["get_many", "get_many"]
    with counted_round_trips() as calls:
        assert client.get(url)[HEADER] == "HIT"
    assert calls == ["get_many"]


def test_an_object_changed_makes_the_page_stale_within_the_one_round_trip(client, story):
    other = make_article(title="Bài cùng chuyên mục", category=story.category)
    url = story.get_absolute_url()
    client.get(url)
    assert client.get(url)[HEADER] == "HIT"
    other.title = "Bài cùng chuyên mục, tên mới"
    other.save()  # bumps the category's generation, which the article page depends on
    response = client.get(url)
    assert response[HEADER] == "MISS"
    assert "Bài cùng chuyên mục, tên mới" in response.content.decode()


def test_a_warm_hit_still_answers_304_to_its_etag(client, story, reached):
    url = story.get_absolute_url()
    etag = client.get(url)["ETag"]
    reached.clear()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert reached == []
