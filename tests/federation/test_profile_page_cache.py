"""A profile's page with the profile kept in the cache (federation.workers.views, core.memo.keep):
the same HTML whether it comes from the cache or not, current after every edit of the profile, its
honours, periods, sector and links, and the linked articles' public state read on each render."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import pagecache
from federation.workers.models import Honour
from news.models import Article
from tests.cache_trips import counted_round_trips
from tests.cached_pages import HEADER
from tests.factories import image_upload, make_article, make_period, make_sector, make_worker
from tests.security.test_cache_outage import closed_port, redis_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def profile():
    period = make_period(start_year=2020, end_year=2025, name="Giai đoạn 2020–2025")
    worker = make_worker(
        full_name="Nguyễn Thị Hoa",
        sector=make_sector(name="Công nghiệp chế biến"),
        portrait=image_upload(),
        honours=[(period, "Chiến sĩ thi đua cơ sở", 2021)],
    )
    story = make_article(title="Người nữ công nhân giỏi việc nước, đảm việc nhà")
    worker.related_articles.add(story)
    return {"worker": worker, "period": period, "story": story}


def rendered(url, status=200):
    """A cold render: a visitor with a session is never served from the page cache."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "khong-co-phien"
    response = client.get(url)
    assert response.status_code == status, url
    assert response.get("X-Page-Cache") != "HIT", url
    return response.content.decode()


def stored_pages():
    return [key for key in caches["default"]._cache if ":pagecache:kept:workers:page:" in key]


def test_the_page_is_the_same_kept_or_not(profile, settings):
    url = profile["worker"].get_absolute_url()
    first = rendered(url)
    assert stored_pages()
    assert "Người nữ công nhân giỏi việc nước" in first and "<picture>" in first
    assert rendered(url) == first
    settings.PAGECACHE_ENABLED = False
    cache.clear()
    assert rendered(url) == first
    assert not stored_pages()


def test_edits_of_the_profile_show_on_the_next_cold_render(profile):
    worker = profile["worker"]
    url = worker.get_absolute_url()
    rendered(url)
    worker.quote = "Tay nghề là vốn quý nhất của người thợ."
    worker.save()
    assert "Tay nghề là vốn quý nhất của người thợ." in rendered(url)

    Honour.objects.create(
        worker=worker, period=profile["period"], title="Bằng khen của Tổng Liên đoàn", year=2024
    )
    assert "Bằng khen của Tổng Liên đoàn" in rendered(url)

    profile["period"].name = "Giai đoạn 2020–2025 (nhiệm kỳ mới)"
    profile["period"].save()
    assert "Giai đoạn 2020–2025 (nhiệm kỳ mới)</a>" in rendered(url)

    worker.sector.name = "Chế biến nông sản"
    worker.sector.save()
    assert "Chế biến nông sản</a>" in rendered(url)

    worker.set_published(False)
    rendered(url, status=404)


def test_links_to_articles_show_from_either_side_and_leave_when_taken_down(profile):
    worker = profile["worker"]
    url = worker.get_absolute_url()
    rendered(url)
    prize = make_article(title="Nữ công nhân nhận Giải thưởng Nguyễn Đức Cảnh")
    worker.related_articles.add(prize)
    assert "Giải thưởng Nguyễn Đức Cảnh" in rendered(url)
    visit = make_article(title="Lãnh đạo tỉnh thăm gia đình công nhân tiêu biểu")
    visit.exemplary_workers.add(worker)
    assert "Lãnh đạo tỉnh thăm gia đình công nhân tiêu biểu" in rendered(url)
    profile["story"].status = Article.Status.DRAFT
    profile["story"].save()
    assert "Người nữ công nhân giỏi việc nước" not in rendered(url)


def test_a_kept_profile_reads_no_row(profile):
    url = profile["worker"].get_absolute_url()
    rendered(url)
    with CaptureQueriesContext(connection) as queries:
        rendered(url)
    tables = [re.search(r'FROM "(\w+)"', q["sql"])[1] for q in queries.captured_queries]
    assert tables == ["django_session"]  # the visitor's (unknown) session


def test_the_page_renders_the_same_when_the_cache_is_away(profile):
    url = profile["worker"].get_absolute_url()
    kept = rendered(url)
    with redis_at(f"redis://127.0.0.1:{closed_port()}/0"):
        for _ in range(2):
            assert rendered(url) == kept


def test_a_cold_render_reads_the_cache_in_three_round_trips(profile, client):
    # The page and its generations; the facts every page reads; the profile kept, with its
    # articles' list (news.linked); that list's generations, with the articles' cards; the page
    # stored, and no query. What the last render of the page read of its own (the profile kept,
    # its articles' list and their cards) comes with the facts every page reads
    # (core.cachebatch). Before: four, with three queries; then five.
    url = profile["worker"].get_absolute_url()
    client.get(url)
    client.get(url)
    pagecache.bump("site")
    with counted_round_trips() as calls:
        response = client.get(url)
    assert response[HEADER] == "MISS"
    assert calls == ["get_many", "get_many", "set"]
