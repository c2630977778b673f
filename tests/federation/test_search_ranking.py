"""Search ranks like a newsroom's: the phrase first, titles first within it, kinds in tabs with
counts, quotes for the phrase alone, and only the matched words lit (SQLite and PostgreSQL)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from core.search import marks, parse_query, passage
from news.search import search_articles
from tests.factories import (
    make_agreement,
    make_answered_question,
    make_article,
    make_category,
    make_document,
    make_topic,
    make_worker,
)

pytestmark = pytest.mark.django_db


def ago(hours):
    return timezone.now() - dt.timedelta(hours=hours)


def page(client, q, **params):
    response = client.get("/tim-kiem/", {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def news_urls(html):
    news = html.split('aria-label="Tin tức"')[1].split("</section>")[0]
    return re.findall(r'<h3 class="result__title"><a href="(/tin-tuc/[^"]+)"', news)


@pytest.fixture
def ranked():
    """Four articles for "công đoàn", newest first in the reverse of the order they must rank."""
    category = make_category()
    return {
        "phrase_title": make_article(
            title="Công đoàn ngành Y tế tổng kết năm",
            lead="Hội nghị tổng kết.",
            category=category,
            published_at=ago(40),
        ),
        "phrase_body": make_article(
            title="Hội nghị người lao động",
            lead="Ban chấp hành công đoàn cơ sở báo cáo.",
            category=category,
            published_at=ago(30),
        ),
        "words_title": make_article(
            title="Công ty may tặng quà đoàn viên",
            lead="Trao tận tay người lao động.",
            category=category,
            published_at=ago(20),
        ),
        "words_body": make_article(
            title="Giải bóng đá công nhân",
            lead="Đoàn thể thao của công ty tham dự.",
            category=category,
            published_at=ago(10),
        ),
    }


def test_the_phrase_comes_before_scattered_words_and_titles_first_within_each(client, ranked):
    order = ["phrase_title", "phrase_body", "words_title", "words_body"]
    assert news_urls(page(client, "cong doan")) == [ranked[k].get_absolute_url() for k in order]
    assert [a.pk for a in search_articles(parse_query("Công Đoàn"))] == [
        ranked[k].pk for k in order
    ]


def test_within_the_same_rank_the_newest_comes_first(client, ranked):
    newer = make_article(
        title="Công đoàn cơ sở trao học bổng",
        category=ranked["phrase_title"].category,
        published_at=ago(1),
    )
    found = news_urls(page(client, "công đoàn"))
    assert found[:2] == [newer.get_absolute_url(), ranked["phrase_title"].get_absolute_url()]


@pytest.mark.parametrize("q", ['"công đoàn"', "“cong doan”", '"CÔNG ĐOÀN'])
def test_a_query_in_quotes_finds_the_phrase_alone(client, ranked, q):
    assert news_urls(page(client, q)) == [
        ranked["phrase_title"].get_absolute_url(),
        ranked["phrase_body"].get_absolute_url(),
    ]


def test_quoted_words_stand_together_and_the_others_anywhere(client, ranked):
    assert parse_query('"cong doan" co so').phrases == ["cong doan"]
    assert news_urls(page(client, '"công đoàn" cơ sở')) == [
        ranked["phrase_body"].get_absolute_url()
    ]
    assert news_urls(page(client, '"đoàn công"')) == []
    assert "bỏ ngoặc kép" in page(client, '"đoàn công"')


def test_results_are_grouped_by_kind_news_first_with_a_count_each(client, ranked):
    make_agreement(title="Chương trình phối hợp với Công đoàn ngành Giáo dục")
    make_worker(full_name="Nguyễn Thị Hoa")
    make_worker(full_name="Trần Văn Bình")
    make_topic(title="Tháng Công nhân", introduction="<p>Công đoàn chăm lo công nhân.</p>")
    html = page(client, "cong doan")
    tabs = re.findall(
        r'<li><a href="([^"]+)"[^>]*>([^<]+) <span class="search-tabs__count">\((\d+)\)', html
    )
    assert [(label.strip(), int(n)) for _, label, n in tabs][:5] == [
        ("Tất cả", 8),
        ("Tin tức", 4),
        ("Chuyên đề", 1),
        ("Chương trình", 1),
        ("Điển hình", 2),
    ]
    sections = re.findall(r'<section class="search-block" aria-label="([^"]+)">', html)
    assert sections == ["Tin tức", "Chuyên đề", "Chương trình phối hợp", "Điển hình tiên tiến"]
    assert 'Chương trình phối hợp <span class="muted">(1 kết quả)</span>' in html
    assert 'Điển hình tiên tiến <span class="muted">(2 kết quả)</span>' in html
    assert 'aria-current="page">Tất cả' in html


def test_a_tab_lists_one_kind_with_every_count_kept(client, ranked):
    workers = [make_worker(full_name=f"Công nhân số {n}") for n in range(8)]
    html = page(client, "cong doan")
    # The block shows six and links to the tab for all eight.
    assert "Xem tất cả 8 kết quả điển hình tiên tiến" in html
    tab = page(client, "cong doan", loai="dien-hinh")
    assert 'aria-current="page">Điển hình' in tab
    assert all(w.get_absolute_url() in tab for w in workers)
    assert 'aria-label="Tin tức"' not in tab
    assert 'Tin tức <span class="search-tabs__count">(4)</span>' in tab
    # An unknown tab is the "Tất cả" one.
    assert 'aria-current="page">Tất cả' in page(client, "cong doan", loai="khong-co")


def test_only_the_matched_words_are_lit(client):
    make_article(
        title="Công ty công nghệ ký thỏa thuận với công đoàn",
        lead="Công ty công nghệ cam kết với Công đoàn cơ sở.",
    )
    html = page(client, "cong doan")
    # Found through the phrase: the phrase is lit, not each "Công" of "Công ty … công nghệ".
    assert "Công ty công nghệ ký thỏa thuận với <mark>công</mark> <mark>đoàn</mark>" in html
    assert "<mark>Công</mark> ty" not in html
    assert "<mark>công</mark> nghệ" not in html


def test_a_word_inside_another_word_is_not_lit():
    query = parse_query("doan")
    assert str(passage(["Doanh nghiệp và Đoàn viên"], marks(query))) == (
        "Doanh nghiệp và <mark>Đoàn</mark> viên"
    )


def test_a_profile_shows_where_it_matched(client):
    worker = make_worker(
        full_name="Lê Văn Nam",
        position="Thợ may",
        workplace="Công ty May Tân Tiến",
        grassroots_union="Công đoàn cơ sở Công ty May Tân Tiến",
    )
    html = page(client, "cong doan")
    card = html.split(worker.get_absolute_url())[1].split("</li>")[0]
    assert "<mark>Công</mark> <mark>đoàn</mark> cơ sở" in card


def test_diacritics_decomposition_and_case_still_do_not_matter(client, ranked):
    import unicodedata

    expected = news_urls(page(client, "cong doan"))
    for q in ["CÔNG ĐOÀN", unicodedata.normalize("NFD", "công đoàn"), '"Cong Doan"']:
        assert news_urls(page(client, q))[:2] == expected[:2]


def search_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # the site profile and the word's share are warm on a live site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("tab", ["", "dien-hinh", "tin-tuc", "van-ban", "hoi-dap"])
def test_the_search_page_takes_the_same_queries_for_1_and_50_of_each_kind(client, tab):
    category = make_category()

    def grow(n):
        for i in range(n):
            make_article(title=f"Công đoàn cơ sở số {i}", category=category)
            make_worker(full_name=f"Công nhân số {i}")
            make_topic(title=f"Công đoàn chuyên đề {i}")
        for i in range(min(n, 10)):
            make_agreement(title=f"Chương trình phối hợp công đoàn số {i}")
            make_document(summary=f"Kế hoạch của công đoàn số {i}")
            make_answered_question(title=f"Công đoàn cơ sở bảo vệ người lao động thế nào? ({i})")

    grow(1)
    url = "/tim-kiem/?" + (f"loai={tab}&" if tab else "") + "q=cong+doan"
    small = search_queries(client, url)
    grow(49)
    large = search_queries(client, url)
    assert large == small <= 10
