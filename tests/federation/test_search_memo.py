"""The search page's memo and kept results (federation.search_results): the same HTML whether the
results come from the memo, from the kept results or from a fresh search, with or without a
shared cache; a popular query's next visitor runs no search; and no edit, publish, unpublish,
delete or scheduled time ever leaves a result wrong."""

import re

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from federation import search_results
from news import workflow
from news.models import Article
from news.search import SOURCE
from tests.cache_trips import counted_round_trips
from tests.factories import (
    image_upload,
    make_article,
    make_category,
    make_editor,
    make_every_kind_matching,
    make_period,
    make_photo,
    make_photo_like,
    make_worker,
)
from tests.queries import MAX_PUBLIC_QUERIES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

Q = "/tim-kiem/?q=công+đoàn"
URLS = [
    Q,
    f"{Q}&page=2",
    f"{Q}&page=99",
    f"{Q}&loai=tin-tuc",
    f"{Q}&loai=dien-hinh",
    f"{Q}&loai=van-ban&page=2",
    "/tim-kiem/?q=%22công+đoàn%22",
    "/tim-kiem/?q=đoàn+viên+lần+3",
    "/tim-kiem/?q=không+có+gì+như+thế",
]


@pytest.fixture
def site():
    """More matching articles than a page holds, some with a picture, and every other kind."""
    picture = make_photo(article=make_article(status=Article.Status.DRAFT))
    unions = make_category(name="Hoạt động công đoàn")
    articles = []
    for n in range(24):
        article = make_article(
            title=f"Công đoàn cơ sở họp đoàn viên lần {n}",
            lead="Ban chấp hành báo cáo kết quả." if n % 2 else "Công đoàn chăm lo đoàn viên.",
            body=f"<p>Đoàn viên công đoàn lần {n} góp ý.</p>",
            category=unions,
        )
        if n % 3 == 0:
            make_photo_like(picture, article=article)
        articles.append(article)
    make_every_kind_matching(7, make_period())
    return articles


def rendered(url):
    """A cold render: a visitor with a session is never served from the page cache."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "khong-co-phien"
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.get("X-Page-Cache") != "HIT", url
    return response.content.decode()


def fresh(url, settings):
    """The page as a search without any cache gives it."""
    settings.PAGECACHE_ENABLED = False
    try:
        return rendered(url)
    finally:
        settings.PAGECACHE_ENABLED = True


def keys(part):
    return [key for key in caches["default"]._cache if part in key]


def drop(part):
    cache.delete_many([key.split(":", 2)[2] for key in keys(part)])


MEMO, KEPT = ":pagecache:list:", ":search:result:"


def titles(html):
    return re.findall(r'<h3 class="result__title"><a href="[^"]+">(.*?)</a>', html)


def test_the_page_is_the_same_from_the_memo_from_kept_results_or_searched_afresh(site, settings):
    for url in URLS:
        cache.clear()
        first = rendered(url)
        assert keys(MEMO), url
        assert rendered(url) == first, url  # from the memo
        drop(MEMO)
        assert rendered(url) == first, url  # searched again, news results kept
        drop(KEPT)
        assert rendered(url) == first, url
        assert fresh(url, settings) == first, url


def test_without_a_shared_cache_nothing_is_kept_and_the_page_is_the_same(site, settings):
    kept = {url: rendered(url) for url in URLS}
    settings.PAGECACHE_ENABLED = False
    cache.clear()
    for url, html in kept.items():
        assert rendered(url) == html, url
    assert not keys(MEMO) and not keys(KEPT)


def test_the_next_visitor_of_a_query_runs_no_search_however_it_is_typed(site):
    rendered(Q)
    for url in (Q, "/tim-kiem/?q=CONG++DOAN", "/tim-kiem/?q=Công+Đoàn&utm_source=zalo"):
        with CaptureQueriesContext(connection) as queries:
            html = rendered(url)
        searched = [q["sql"] for q in queries.captured_queries if "LIKE" in q["sql"]]
        assert not searched, (url, searched)
        assert len(titles(html)) == 20 + 5 * 6, url


def test_a_search_stays_within_the_query_budget_with_the_memo_cold_or_warm(site):
    # A page past the end counts on its own first (CountedPaginator): not a visitor's page.
    for url in [url for url in URLS if "page=99" not in url]:
        cache.clear()
        rendered(url)  # the site's own facts (profile, menu) warm, as on a live site
        drop(MEMO)
        drop(KEPT)
        with CaptureQueriesContext(connection) as cold:
            rendered(url)
        with CaptureQueriesContext(connection) as warm:
            rendered(url)
        assert len(cold.captured_queries) <= MAX_PUBLIC_QUERIES, url
        assert len(warm.captured_queries) < len(cold.captured_queries) or not cold, url


def test_an_edited_title_shows_at_once(site, settings):
    article = site[-1]  # the oldest: on page 2 of the news
    url = f"{Q}&page=2"
    before = rendered(url)
    article.title = "Công đoàn ngành Giáo dục tổng kết năm học"
    article.save()
    after = rendered(url)
    assert "<mark>Công</mark> <mark>đoàn</mark> ngành Giáo dục tổng kết năm học" in after
    assert "Công đoàn cơ sở họp đoàn viên lần 23" not in after
    assert after != before
    assert after == fresh(url, settings)


def test_an_edited_body_changes_the_passage_at_once(site, settings):
    article = make_article(
        title="Mùa lúa mới", lead="Nông trường thu hoạch.", body="<p>Đạ Huoai vào vụ.</p>"
    )
    url = "/tim-kiem/?q=huoai"
    assert "<mark>Huoai</mark> vào vụ" in rendered(url)
    article.body = "<p>Nông dân Đạ Huoai gặt lúa chín sớm.</p>"
    article.save()
    after = rendered(url)
    assert "Nông dân Đạ <mark>Huoai</mark> gặt lúa chín sớm." in after
    assert "vào vụ" not in after
    assert after == fresh(url, settings)


def test_a_new_article_an_unpublished_one_and_a_deleted_one_show_at_once(site, settings):
    editor = make_editor()
    url = f"{Q}&loai=tin-tuc"
    assert "(24 kết quả)" in rendered(url)
    make_article(title="Công đoàn tỉnh phát động thi đua", published_at=timezone.now())
    html = rendered(url)
    assert "(25 kết quả)" in html
    assert titles(html)[0] == "<mark>Công</mark> <mark>đoàn</mark> tỉnh phát động thi đua"
    workflow.unpublish(article=site[0], by=editor)
    html = rendered(url)
    assert "(24 kết quả)" in html and "lần 0<" not in html
    workflow.trash(article=site[1], by=editor)
    html = rendered(url)
    assert "(23 kết quả)" in html and "lần 1<" not in html
    site[2].delete()
    html = rendered(url)
    assert "(22 kết quả)" in html and "lần 2<" not in html
    assert html == fresh(url, settings)


def test_a_scheduled_article_shows_at_its_time(site):
    ten = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    with time_machine.travel(ten, tick=False) as traveller:
        make_article(
            title="Công đoàn hẹn giờ đăng", published_at=ten + timezone.timedelta(minutes=2)
        )
        assert "hẹn giờ đăng" not in rendered(Q)
        assert "hẹn giờ đăng" not in rendered(Q)  # from the memo
        traveller.shift(timezone.timedelta(minutes=3))  # before the memo's own lifetime ends
        assert "<mark>Công</mark> <mark>đoàn</mark> hẹn giờ đăng" in rendered(Q)


def test_a_tag_that_changes_what_matched_changes_the_highlighting(settings):
    article = make_article(
        title="Hội nghị", lead="Công nhân gặp đoàn viên.", body="<p>Gặp mặt.</p>"
    )
    url = "/tim-kiem/?q=công+đoàn"
    before = rendered(url)
    assert "<mark>Công</mark> nhân gặp <mark>đoàn</mark> viên." in before
    article.tags.add("Công đoàn")  # now the phrase is found: only the phrase is lit
    after = rendered(url)
    assert "Công nhân gặp đoàn viên." in after
    assert after == fresh(url, settings)


def test_a_new_cover_shows_at_once(site, settings):
    article = site[1]
    make_photo(article=article, image=image_upload(color=(200, 30, 30)), is_cover=True)
    stem = article.photos.get().image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    rendered(Q)
    assert stem in rendered(Q)
    photo = article.photos.get()
    photo.alt_text = "Ảnh mới của hội nghị"
    photo.save()
    html = rendered(Q)
    assert 'alt="Ảnh mới của hội nghị"' in html
    photo.delete()
    html = rendered(Q)
    assert stem not in html
    assert html == fresh(Q, settings)


def test_an_edited_profile_shows_in_its_block_at_once(site, settings):
    worker = make_worker(full_name="Lê Thị Công Đoàn")
    assert "Lê Thị <mark>Công</mark> <mark>Đoàn</mark>" in rendered(Q)
    worker.full_name = "Lê Thị Hoa"
    worker.position = "Chủ tịch công đoàn cơ sở"
    worker.save()
    html = rendered(Q)
    assert "Lê Thị Hoa" in html and "Lê Thị <mark>Công</mark>" not in html
    assert html == fresh(Q, settings)


def test_after_an_edit_only_the_changed_news_result_is_rendered_again(site, monkeypatch):
    rendered(Q)
    calls = []
    result = SOURCE.result
    monkeypatch.setattr(
        SOURCE, "result", lambda obj, query: calls.append(obj.pk) or result(obj, query)
    )
    site[0].lead = "Công đoàn tỉnh biểu dương đoàn viên."
    site[0].save()
    html = rendered(Q)
    assert calls == [site[0].pk]
    assert "<mark>Công</mark> <mark>đoàn</mark> tỉnh biểu dương" in html


def test_an_article_edited_searches_the_news_again_and_leaves_every_other_kind_remembered(
    site, settings
):
    """Each kind's results follow only the sections they show (core.search.Source.sections):
    an edit of the news runs the news's (and its topics') search again, not the programmes',
    profiles', documents' or answers' (and the reverse)."""
    others = ("agreements_", "documents_", "federation_exemplaryworker", "advice_")

    def searched(url):
        with CaptureQueriesContext(connection) as queries:
            html = rendered(url)
        sql = [q["sql"].split(" FROM ")[1][:40] for q in queries if " FROM " in q["sql"]]
        return html, sql

    html, sql = searched(Q)
    assert any(table in " ".join(sql) for table in others)  # the first search reads every kind
    site[0].title = "Công đoàn cơ sở họp đoàn viên, đã sửa"
    site[0].save()
    html, sql = searched(Q)
    assert "đã sửa" in html and html == fresh(Q, settings)
    assert any('"news_article"' in part for part in sql)
    assert not [part for part in sql if any(table in part for table in others)], sql
    worker = make_worker(full_name="Nguyễn Văn Công Đoàn")
    html, sql = searched(Q)
    assert "Nguyễn Văn <mark>Công</mark> <mark>Đoàn</mark>" in html
    assert html == fresh(Q, settings)
    assert any("federation_exemplaryworker" in part for part in sql)
    assert not [part for part in sql if '"news_article"' in part], (sql, worker.pk)


@pytest.mark.parametrize(
    ("typed", "number"),
    [(None, 1), ("", 1), ("abc", 1), ("1.5", 1), ("2", 2), (" 3 ", 3), ("0", 0), ("-4", 0),
     ("1" * 30, 0)],
)  # fmt: skip
def test_a_page_number_is_read_as_the_paginator_reads_it(typed, number):
    assert search_results.page_number(typed) == number


def test_a_query_typed_another_way_reads_the_cache_in_four_round_trips(site, client):
    client.get(Q)
    client.get("/tim-kiem/?q=cong+doan+co+so")  # the view learns the facts every render reads
    with counted_round_trips() as calls:
        response = client.get("/tim-kiem/?q=CÔNG+ĐOÀN")
    # The page and the generations; the facts every page reads (site profile, menu); the
    # query's memo; the page stored. No search, no result rendered or stored.
    assert response["X-Page-Cache"] == "MISS"
    assert calls == ["get_many", "get_many", "get_many", "set"]
