"""The workers' gallery with its portrait cards and its filter widgets kept in the cache
(federation.workers.cards, core.memo, QueryFilterForm.remember_widgets): the same HTML whether
they come from the cache or not, current after every edit that shows on them, and one round trip
for a page's cards."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import pagecache
from federation.workers import cards
from federation.workers.models import Honour
from tests.cache_trips import counted_round_trips
from tests.cached_pages import HEADER
from tests.factories import image_upload, make_period, make_sector, make_worker
from tests.security.test_cache_outage import closed_port, redis_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

GALLERY = "/dien-hinh-tien-tien/"


@pytest.fixture
def gallery():
    period = make_period(start_year=2020, end_year=2025, name="Giai đoạn 2020–2025")
    sector = make_sector(name="Công nghiệp chế biến")
    workers = [
        make_worker(
            full_name=f"Nguyễn Thị Hoa {n}",
            sector=sector,
            grassroots_union=f"Công đoàn cơ sở {n % 2}",
            honours=[(period, "Chiến sĩ thi đua cơ sở", 2021)],
        )
        for n in range(3)
    ]
    workers.append(make_worker(full_name="Trần Văn Bình", portrait=image_upload()))
    return {"period": period, "sector": sector, "workers": workers}


def rendered(url=GALLERY):
    """A cold render: a visitor with a session is never served from the page cache."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "khong-co-phien"
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.get("X-Page-Cache") != "HIT", url
    return response.content.decode()


def stored_cards():
    return [key for key in caches["default"]._cache if ":pagecache:row:workers:card:" in key]


def test_the_gallery_is_the_same_with_its_cards_cached_or_not(gallery, settings):
    urls = [GALLERY, f"{GALLERY}?nganh={gallery['sector'].slug}", f"{GALLERY}?cong-doan=x"]
    first = {url: rendered(url) for url in urls}
    assert stored_cards()
    assert "<picture>" in first[GALLERY]
    for url in urls:
        assert rendered(url) == first[url], url
    settings.PAGECACHE_ENABLED = False
    cache.clear()
    for url in urls:
        assert rendered(url) == first[url], url
    assert not stored_cards()


def test_edits_show_on_the_next_cold_render(gallery):
    worker = gallery["workers"][0]
    rendered()
    worker.full_name = "Nguyễn Thị Hồng Nhung"
    worker.save()
    assert "Nguyễn Thị Hồng Nhung" in rendered()

    Honour.objects.create(
        worker=worker, period=gallery["period"], title="Bằng khen của Tổng Liên đoàn", year=2024
    )
    assert "Bằng khen của Tổng Liên đoàn" in rendered()

    gallery["period"].name = "Giai đoạn 2020–2025 (nhiệm kỳ mới)"
    gallery["period"].save()
    assert rendered().count("Giai đoạn 2020–2025 (nhiệm kỳ mới)") >= 4  # three cards, a filter

    worker.set_published(False)
    assert "Nguyễn Thị Hồng Nhung" not in rendered()


def test_new_choices_show_in_the_filters(gallery):
    rendered()
    make_sector(name="Giáo dục và đào tạo")
    assert "Giáo dục và đào tạo</option>" in rendered()
    make_worker(grassroots_union="Công đoàn Bệnh viện Đa khoa tỉnh")
    assert "Công đoàn Bệnh viện Đa khoa tỉnh</option>" in rendered()


def test_the_cards_come_in_one_round_trip(gallery, monkeypatch):
    rendered()
    real = cards.render
    trips = []

    def counted(workers):
        with counted_round_trips() as calls:
            result = real(workers)
        trips.append(calls)
        return result

    monkeypatch.setattr(cards, "render", counted)
    rendered()
    assert trips == [["get_many"]]


def test_the_gallery_renders_the_same_when_the_cache_is_away(gallery):
    kept = rendered()
    with redis_at(f"redis://127.0.0.1:{closed_port()}/0"):
        for _ in range(2):
            assert rendered() == kept


def test_a_new_or_hidden_profile_shows_in_the_gallery_and_its_count(gallery):
    assert "4 hồ sơ" in rendered()
    first = make_worker(full_name="An Văn Bảo")
    html = rendered()
    assert "5 hồ sơ" in html and html.index("An Văn Bảo") < html.index("Nguyễn Thị Hoa 0")
    first.set_published(False)
    html = rendered()
    assert "4 hồ sơ" in html and "An Văn Bảo" not in html


def test_an_unfiltered_page_reads_no_row(gallery):
    rendered()
    with CaptureQueriesContext(connection) as queries:
        rendered()
    tables = [re.search(r'FROM "(\w+)"', q["sql"])[1] for q in queries.captured_queries]
    assert tables == ["django_session"]  # the visitor's (unknown) session


def test_a_cold_render_reads_the_cache_in_three_round_trips(gallery, client):
    # The page and its generations; the facts every render of the gallery reads (site profile,
    # menu, the filter's widgets, which profiles the page shows and their count); the cards; the
    # page stored, and no query; the cards come with those facts, as its last render read them
    # (core.cachebatch). Before: three, with six queries; then four.
    client.get(GALLERY)
    client.get(GALLERY)
    pagecache.bump("site")
    with counted_round_trips() as calls:
        response = client.get(GALLERY)
    assert response[HEADER] == "MISS"
    assert calls == ["get_many", "get_many", "set"]
