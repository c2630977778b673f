"""Article cards kept in the cache (news.cards): the same HTML whether they come from the cache or
not, current after every edit that shows on them, one round trip for a page's cards, and pages
that still render the same when the cache is away."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import pagecache
from federation.models import SiteProfile
from news import cards
from news.models import Photo
from tests.factories import image_upload, make_article, make_category, make_photo, make_topic
from tests.queries import MAX_PUBLIC_QUERIES
from tests.security.test_cache_outage import closed_port, redis_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def card_cache(settings, db):
    settings.PAGECACHE_ENABLED = True
    SiteProfile.load()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site():
    """Two categories on the home page, articles with and without photos, a tag and a topic."""
    unions = make_category(name="Hoạt động công đoàn")
    welfare = make_category(name="Chăm lo đời sống")
    articles = []
    for n in range(12):
        article = make_article(
            title=f"Hội nghị người lao động lần {n}",
            category=unions if n % 2 else welfare,
            tags=["Công đoàn"],
        )
        if n % 3:
            make_photo(article=article, image=image_upload(color=(10 * n, 90, 160)))
        articles.append(article)
    topic = make_topic(title="Tháng Công nhân", articles=articles[:5])
    return {"articles": articles, "unions": unions, "topic": topic}


def pages(site):
    article = site["articles"][0]
    return [
        "/",
        "/tin-tuc/",
        site["unions"].get_absolute_url(),
        "/the/cong-doan/",
        site["topic"].get_absolute_url(),
        article.get_absolute_url(),
    ]


def rendered(url):
    """A cold render: a visitor with a session is never served from the page cache."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "khong-co-phien"
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.get("X-Page-Cache") != "HIT", url
    return response.content.decode()


def news_changed(url):
    """The home page and the lists remember their cards until the news changes (news.home,
    news.listing.ArticlePaginator): only then do they read the articles' cards."""
    pagecache.bump("news")


def card_keys():
    return [key for key in caches["default"]._cache if ":news:card:" in key]


def drop_cards():
    cache.delete_many([key.split(":", 2)[2] for key in card_keys()])


def test_every_page_is_the_same_with_the_cards_cached_or_not(site):
    for url in pages(site):
        cache.clear()
        empty = rendered(url)
        assert card_keys(), url  # the first render stored its cards
        full = rendered(url)
        assert full == empty, url
        assert 'class="card' in full, url


def test_the_html_is_the_same_with_the_card_cache_off(site, settings):
    kept = {url: rendered(url) for url in pages(site)}
    settings.PAGECACHE_ENABLED = False
    cache.clear()
    for url, html in kept.items():
        assert rendered(url) == html, url
    assert not card_keys()


def test_an_edited_title_shows_on_the_next_cold_render(site):
    article = site["articles"][-1]
    for url in ("/", "/tin-tuc/"):
        rendered(url)
    article.title = "Đại hội Công đoàn tỉnh khóa mới"
    article.save()
    for url in ("/", "/tin-tuc/", site["unions"].get_absolute_url()):
        assert "Đại hội Công đoàn tỉnh khóa mới" in rendered(url), url


def test_a_renamed_category_shows_on_the_next_cold_render(site):
    for url in ("/", "/tin-tuc/"):
        rendered(url)
    site["unions"].name = "Công đoàn cơ sở"
    site["unions"].save()
    for url in ("/", "/tin-tuc/", "/the/cong-doan/"):
        html = rendered(url)
        assert html.count("Công đoàn cơ sở</a>") >= 2, url
        assert "Hoạt động công đoàn</a>" not in html, url


def test_a_new_cover_shows_on_the_next_cold_render(site):
    article = site["articles"][-1]  # the oldest, with a photo: a card, not the hero
    before = {url: rendered(url) for url in ("/", "/tin-tuc/")}
    make_photo(article=article, image=image_upload(color=(200, 30, 30)), is_cover=True)
    cover = Photo.objects.get(article=article, is_cover=True)
    stem = cover.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for url, old in before.items():
        html = rendered(url)
        assert html != old, url
        assert stem in html, url
        cache.clear()
        assert rendered(url) == html, url


def test_a_photo_taken_away_shows_on_the_next_cold_render(site):
    article = site["articles"][-1]
    stem = article.photos.get().image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert stem in rendered("/tin-tuc/")
    article.photos.get().delete()
    assert stem not in rendered("/tin-tuc/")


class CacheCalls:
    """The cache operations made while news.cards renders a page's cards."""

    def __init__(self, monkeypatch):
        self.calls, self.inside = [], False
        backend = caches["default"]
        for name in ("get", "get_many", "set", "set_many", "add", "incr", "delete", "has_key"):
            monkeypatch.setattr(backend, name, self._spy(name, getattr(backend, name)))
        real = cards.render
        monkeypatch.setattr(cards, "render", lambda wanted: self._inside(real, wanted))

    def _spy(self, name, original):
        def spy(*args, **kwargs):
            # Only what news.cards asks: the memory cache's get_many calls its own get.
            if not self.inside:
                return original(*args, **kwargs)
            self.calls.append(name)
            self.inside = False
            try:
                return original(*args, **kwargs)
            finally:
                self.inside = True

        return spy

    def _inside(self, real, wanted):
        self.inside = True
        try:
            return real(wanted)
        finally:
            self.inside = False


def test_a_page_fetches_its_cards_in_one_round_trip(site, monkeypatch):
    for url in pages(site):
        rendered(url)
    spy = CacheCalls(monkeypatch)
    for url in pages(site):
        news_changed(url)
        spy.calls.clear()
        rendered(url)
        assert spy.calls == ["get_many"], (url, spy.calls)


def test_missing_cards_are_stored_in_one_more_round_trip(site, monkeypatch):
    for url in pages(site):
        rendered(url)
    drop_cards()
    spy = CacheCalls(monkeypatch)
    for url in pages(site):
        news_changed(url)
        spy.calls.clear()
        rendered(url)
        assert spy.calls in (["get_many", "set_many"], ["get_many"]), url


def test_cached_cards_need_no_photos_and_no_more_queries(site):
    def queries(url):
        news_changed(url)
        with CaptureQueriesContext(connection) as captured:
            rendered(url)
        return [q["sql"] for q in captured.captured_queries]

    for url in ("/", "/tin-tuc/", site["unions"].get_absolute_url(), "/the/cong-doan/"):
        cache.clear()
        rendered(url)  # the site profile, the most read and the list's count are warm on a site
        drop_cards()
        cold = queries(url)
        warm = queries(url)
        assert len(warm) <= len(cold) <= MAX_PUBLIC_QUERIES, url
        assert not [sql for sql in warm if '"news_photo"' in sql.split("WHERE")[0]], url
        assert any('"news_photo"' in sql for sql in cold), url


def test_pages_render_the_same_when_the_cache_is_away(site):
    kept = {url: rendered(url) for url in pages(site)}
    with redis_at(f"redis://127.0.0.1:{closed_port()}/0"):
        for url in pages(site):
            for _ in range(2):
                assert rendered(url) == kept[url], url


def test_only_the_pictures_above_the_fold_load_eagerly(site):
    """The hero and the latest column load at once; the category blocks and the related cards wait
    until they are near, so that the phone spends its first bytes on what it shows."""
    for url in ["/", site["articles"][0].get_absolute_url()]:
        cards = re.findall(
            r'<article class="card (card--\w+)">(.*?)</article>', rendered(url), re.S
        )
        with_pictures = [(kind, html) for kind, html in cards if "<picture>" in html]
        assert with_pictures, url
        for kind, html in with_pictures:
            eager = 'loading="lazy"' not in html
            assert eager == (
                kind in {"card--hero"}
                or (kind == "card--thumb" and url == "/" and "card__category" in html)
            ), (url, kind)
            assert ('fetchpriority="high"' in html) == eager, (url, kind)
