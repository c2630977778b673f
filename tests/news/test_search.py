"""Site search over the news: diacritics and case ignored, titles first, friendly with any input."""

import datetime as dt
import re
import unicodedata

import pytest
from django.db import connection, transaction
from django.utils import timezone

from core.search import MAX_QUERY_LENGTH, MAX_TERMS, highlight, parse_query, snippet
from news.models import Article
from news.search import MAX_RESULTS, search_articles
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def ago(hours):
    return NOW - dt.timedelta(hours=hours)


def result_urls(client, q, page=None):
    params = {"q": q, **({"page": page} if page else {})}
    response = client.get("/tim-kiem/", params)
    assert response.status_code == 200
    html = response.content.decode()
    news = html.split('aria-label="Tin tức"')[1] if 'aria-label="Tin tức"' in html else ""
    return re.findall(r'<h3 class="result__title"><a href="(/tin-tuc/[^"]+)"', news)


@pytest.fixture
def union_articles():
    category = make_category(name="Hoạt động công đoàn")
    return {
        "title": make_article(
            title="Đại hội Công đoàn cơ sở nhiệm kỳ mới",
            lead="Đại biểu bầu ban chấp hành.",
            body="<p>Không khí phấn khởi.</p>",
            category=category,
            published_at=ago(48),
        ),
        "lead": make_article(
            title="Chăm lo Tết cho người lao động",
            lead="Tổ chức công đoàn các cấp trao quà.",
            body="<p>Hơn 500 suất quà.</p>",
            category=category,
            published_at=ago(30),
        ),
        "body": make_article(
            title="Hội thao chào mừng ngày Quốc tế Lao động",
            lead="Nhiều đội tham gia.",
            body="<h2>Kết quả</h2><p>Ban tổ chức là <strong>Công đoàn</strong> ngành Y tế.</p>",
            category=category,
            published_at=ago(1),
        ),
        "tag": make_article(
            title="Tuyên truyền pháp luật tại khu công nghiệp",
            lead="Phổ biến Bộ luật Lao động.",
            body="<p>Người lao động hỏi đáp trực tiếp.</p>",
            category=category,
            published_at=ago(5),
            tags=["Công đoàn"],
        ),
        "none": make_article(
            title="Giải bóng đá công nhân",
            lead="Hai mươi đội bóng tranh tài.",
            body="<p>Sân vận động tỉnh.</p>",
            category=category,
            published_at=ago(2),
        ),
    }


# What is found ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "công đoàn",
        "cong doan",
        "CÔNG ĐOÀN",
        "Cong Doan",
        unicodedata.normalize("NFD", "công đoàn"),
        "  công   đoàn  ",
        "công-đoàn!",
    ],
    ids=["nfc", "khong-dau", "hoa", "hoa-khong-dau", "nfd", "khoang-trang", "ky-hieu"],
)
def test_any_spelling_of_the_words_finds_the_same_articles(client, union_articles, query):
    found = result_urls(client, query)
    expected = {union_articles[k].get_absolute_url() for k in ["title", "lead", "body", "tag"]}
    assert set(found) == expected
    assert len(found) == 4


def test_title_matches_come_first_then_the_newest(client, union_articles):
    newer_title = make_article(
        title="Công đoàn ngành Giáo dục trao học bổng",
        category=union_articles["title"].category,
        published_at=ago(3),
    )
    found = result_urls(client, "cong doan")
    assert found == [
        newer_title.get_absolute_url(),  # title, 3 hours ago
        union_articles["title"].get_absolute_url(),  # title, 2 days ago
        union_articles["body"].get_absolute_url(),  # body only, 1 hour ago
        union_articles["tag"].get_absolute_url(),  # tag only, 5 hours ago
        union_articles["lead"].get_absolute_url(),  # lead only, 30 hours ago
    ]


def test_every_word_must_be_found_somewhere(client, union_articles):
    assert result_urls(client, "công đoàn ngành y tế") == [
        union_articles["body"].get_absolute_url()
    ]
    assert result_urls(client, "công đoàn bóng đá") == []


def test_tags_added_after_publishing_are_searchable(client, union_articles):
    article = union_articles["none"]
    assert result_urls(client, "thể thao công nhân") == []
    article.tags.add("Thể thao")
    assert result_urls(client, "thể thao công nhân") == [article.get_absolute_url()]


def test_text_inside_body_markup_is_searched_but_not_the_markup(client, union_articles):
    assert result_urls(client, "ket qua") == [union_articles["body"].get_absolute_url()]
    assert result_urls(client, "strong") == []


def test_byline_is_searched(client):
    article = make_article(byline="D.QUỲNH")
    assert result_urls(client, "quynh") == [article.get_absolute_url()]


def test_results_are_paginated_and_the_pages_keep_the_query(client):
    category = make_category()
    articles = [
        make_article(
            title=f"Đoàn viên tiêu biểu số {i:02d}", category=category, published_at=ago(i)
        )
        for i in range(25)
    ]
    response = client.get("/tim-kiem/", {"q": "đoàn viên"})
    html = response.content.decode()
    assert "(25 kết quả)" in html
    assert len(result_urls(client, "đoàn viên")) == 20
    assert 'href="?q=%C4%91o%C3%A0n+vi%C3%AAn&amp;page=2"' in html
    second = result_urls(client, "đoàn viên", page=2)
    assert second == [a.get_absolute_url() for a in articles[20:]]
    # A broken page number shows a page anyway: search is forgiving.
    assert len(result_urls(client, "đoàn viên", page="abc")) == 20
    assert result_urls(client, "đoàn viên", page="999") == second


def test_matched_words_are_highlighted_with_their_diacritics(client):
    make_article(
        title="Hội nghị Công đoàn tỉnh Lâm Đồng",
        lead="Ban chấp hành CÔNG ĐOÀN họp phiên thường kỳ.",
    )
    html = client.get("/tim-kiem/", {"q": "cong doan"}).content.decode()
    assert "Hội nghị <mark>Công</mark> <mark>đoàn</mark> tỉnh Lâm Đồng" in html
    assert "Ban chấp hành <mark>CÔNG</mark> <mark>ĐOÀN</mark> họp" in html


def test_search_result_shows_kind_time_and_picture_slot(client):
    make_article(
        title="Công đoàn",
        published_at=dt.datetime(2021, 4, 8, 2, 4, tzinfo=timezone.get_default_timezone()),
    )
    html = client.get("/tim-kiem/", {"q": "cong doan"}).content.decode()
    assert '<span class="badge">Tin tức</span>' in html
    assert "02:04, 08/04/2021" in html


def test_search_page_is_not_indexed(client, union_articles):
    html = client.get("/tim-kiem/", {"q": "cong doan"}).content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_no_result_says_so_in_vietnamese(client, union_articles):
    html = client.get("/tim-kiem/", {"q": "tàu vũ trụ"}).content.decode()
    assert "(0 kết quả)" in html
    assert "Không tìm thấy kết quả nào cho «tàu vũ trụ»" in html


# What a visitor may type --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query,message",
    [
        ("", "Nhập từ khóa để tìm"),
        ("   ", "Nhập từ khóa để tìm"),
        ("!@#$%^&*()", "không có chữ hoặc số nào để tìm"),
        ("%", "không có chữ hoặc số nào để tìm"),
        ("_", "không có chữ hoặc số nào để tìm"),
        ("\\", "không có chữ hoặc số nào để tìm"),
        ("%%__\\\\", "không có chữ hoặc số nào để tìm"),
        ("😀🎉", "không có chữ hoặc số nào để tìm"),
        ("\x00", "không có chữ hoặc số nào để tìm"),
        ("' OR 1=1 --", "kết quả"),
        ('"; DROP TABLE news_article; --', "kết quả"),
        ("công đoàn" * 600, "Từ khóa quá dài nên chỉ dùng 200 ký tự đầu."),
        ("a" * 5000, "Từ khóa quá dài nên chỉ dùng 200 ký tự đầu."),
        ("<script>alert(1)</script>", "kết quả"),
        ("cong%doan", "kết quả"),
    ],
    ids=[
        "rong",
        "khoang-trang",
        "ky-hieu",
        "phan-tram",
        "gach-duoi",
        "gach-cheo",
        "hon-hop",
        "emoji",
        "nul",
        "sql",
        "sql-drop",
        "5000-ky-tu",
        "5000-chu-a",
        "html",
        "phan-tram-giua",
    ],
)
def test_odd_queries_get_a_friendly_vietnamese_page(client, union_articles, query, message):
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<script>alert(1)</script>" not in html


def test_sql_like_query_does_not_match_everything(client, union_articles):
    assert result_urls(client, "%") == []
    assert result_urls(client, "_") == []
    assert result_urls(client, "' OR 1=1 --") == []


def test_percent_inside_a_word_is_not_a_wildcard(client, union_articles):
    assert result_urls(client, "cong%doan") == result_urls(client, "cong doan")
    assert result_urls(client, "bong%da") == [union_articles["none"].get_absolute_url()]


def test_the_query_is_escaped_where_it_is_shown(client):
    html = client.get("/tim-kiem/", {"q": '"><img src=x onerror=alert(1)>'}).content.decode()
    assert "<img src=x onerror" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_several_q_parameters_do_not_break_the_page(client, union_articles):
    response = client.get("/tim-kiem/?q=cong&q=doan")
    assert response.status_code == 200


# parse_query, highlight, snippet -----------------------------------------------------------------


def test_parse_query_folds_and_splits():
    query = parse_query("  Công ĐOÀN, cơ-sở!  ")
    assert query.terms == ["cong", "doan", "co", "so"]
    assert query.raw == "Công ĐOÀN, cơ-sở!"
    assert bool(query)


def test_parse_query_reads_nfd_like_nfc():
    assert parse_query(unicodedata.normalize("NFD", "Đoàn viên")).terms == ["doan", "vien"]


def test_parse_query_drops_repeated_words_and_keeps_a_few():
    query = parse_query("một hai ba bốn năm sáu bảy tám chín mười một hai")
    assert len(query.terms) == MAX_TERMS
    assert query.terms[:3] == ["mot", "hai", "ba"]


def test_parse_query_cuts_a_long_query_and_says_so():
    query = parse_query("x" * 5000)
    assert query.too_long
    assert len(query.raw) == MAX_QUERY_LENGTH
    assert query.terms == ["x" * 50]
    assert not parse_query("công đoàn").too_long


@pytest.mark.parametrize("raw", ["", None, "   ", "!!!", "%_\\", "—…«»"])
def test_parse_query_of_nothing_searchable_is_false(raw):
    assert not parse_query(raw)


def test_highlight_marks_folded_matches_and_keeps_the_original_letters():
    assert highlight("Đoàn viên công đoàn", ["doan"]) == (
        "<mark>Đoàn</mark> viên công <mark>đoàn</mark>"
    )


def test_highlight_escapes_html_around_and_inside_marks():
    assert highlight("<b>Công</b> & đoàn", ["cong", "doan"]) == (
        "&lt;b&gt;<mark>Công</mark>&lt;/b&gt; &amp; <mark>đoàn</mark>"
    )


def test_highlight_marks_each_word_once_when_matches_overlap():
    assert highlight("Công đoàn", ["cong doan", "doan"]) == "<mark>Công</mark> <mark>đoàn</mark>"


def test_highlight_lights_whole_words_only_as_the_search_finds_them():
    # The search finds "đoàn" as a word, never inside "Doanh": the page must not light it either.
    assert highlight("Doanh nghiệp và Đoàn viên", ["doan", "oanh"]) == (
        "Doanh nghiệp và <mark>Đoàn</mark> viên"
    )


def test_highlight_of_decomposed_text_still_finds_the_words():
    text = unicodedata.normalize("NFD", "Công đoàn")
    assert highlight(text, ["cong"]) == "<mark>Công</mark> đoàn"


def test_highlight_copes_with_letters_that_fold_to_two():
    assert highlight("Straße của công đoàn", ["cong"]) == "Straße của <mark>công</mark> đoàn"


def test_snippet_shows_the_part_around_the_match():
    text = "Mở đầu dài dòng. " * 30 + "Công đoàn cơ sở đã trao quà." + " Kết thúc." * 30
    cut = snippet(text, ["cong", "doan"], length=120)
    assert "Công đoàn cơ sở" in cut
    assert cut.startswith("…") and cut.endswith("…")
    assert len(cut) <= 122


# PostgreSQL: the trigram index serves the search --------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="chỉ PostgreSQL có chỉ mục trigram")
def test_postgresql_search_uses_the_trigram_index(union_articles):
    # Two thousand other articles and fresh statistics, so that the planner sees a real table
    # rather than five rows that any index (or none) would serve.
    categories = [union_articles["title"].category] + [make_category() for _ in range(5)]
    Article.objects.bulk_create(
        Article(
            title=f"Tin thể thao số {i}",
            slug=f"tin-the-thao-so-{i}",
            lead="Giải bóng đá công nhân.",
            category=categories[i % len(categories)],
            status=Article.Status.PUBLISHED,
            published_at=ago(100 + i),
            search_title=f"tin the thao so {i}",
            search_text=f"tin the thao so {i} giai bong da nguoi lao dong tinh lam",
        )
        for i in range(2000)
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # New rows wait in the GIN index's pending list, which the planner prices high until
        # VACUUM merges it; VACUUM cannot run inside the test's transaction, this can.
        cursor.execute("SELECT gin_clean_pending_list('news_article_search_text_trgm'::regclass)")
        cursor.execute("ANALYZE news_article")
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = search_articles(["cong", "doan"]).explain()
    assert "news_article_search_text_trgm" in plan, plan
    assert len(search_articles(["cong", "doan"])) == 4


def test_a_search_matches_whole_words_so_doan_does_not_find_doanh_nghiep(client):
    union = make_article(title="Đoàn viên công đoàn dự hội nghị")
    business = make_article(
        title="Doanh nghiệp chăm lo người lao động", lead="Doanh nghiệp tặng quà."
    )
    html = client.get("/tim-kiem/", {"q": "đoàn"}).content.decode()
    assert union.get_absolute_url() in html
    assert business.get_absolute_url() not in html


def test_reindex_search_rebuilds_stale_search_columns(capsys):
    from django.core.management import call_command

    article = make_article(title="Tháng Công nhân năm nay")
    Article.objects.filter(pk=article.pk).update(search_title="", search_text="")
    call_command("reindex_search")
    article.refresh_from_db()
    assert article.search_title == " thang cong nhan nam nay "
    assert "đã lập chỉ mục" in capsys.readouterr().out


# At scale: a common word, more matches than listed, a rare word ---------------------------------


def test_a_word_in_nearly_every_article_still_ranks_title_matches_first(client):
    category = make_category()
    now = timezone.now()
    for n in range(30):
        make_article(
            title=f"Tin hoạt động số {n}",
            lead="Các cấp công đoàn chăm lo cho đoàn viên.",
            category=category,
            published_at=now - timezone.timedelta(hours=n + 1),
        )
    titled = make_article(
        title="Công đoàn ngành Y tế tổng kết năm",
        category=category,
        published_at=now - timezone.timedelta(days=3),
    )
    html = client.get("/tim-kiem/", {"q": "công đoàn"}).content.decode()
    first = html.index('class="result__title"')
    assert titled.get_absolute_url() in html[first : first + 300]
    assert "(31 kết quả)" in html


def test_a_search_with_more_matches_than_it_lists_says_they_are_the_newest(client):
    category = make_category()
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Đoàn viên số {n}",
            slug=f"doan-vien-so-{n}",
            lead="Tin về đoàn viên.",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=now - timezone.timedelta(minutes=n + 1),
            search_title=f" doan vien so {n} ",
            search_text=f" doan vien so {n} tin ve doan vien ",
        )
        for n in range(MAX_RESULTS + 5)
    )
    html = client.get("/tim-kiem/", {"q": "đoàn viên"}).content.decode()
    assert f"({MAX_RESULTS} kết quả mới nhất)" in html
    assert "/tin-tuc/doan-vien-so-0/" in html


def test_a_rare_word_finds_old_articles_too(client):
    category = make_category()
    old = make_article(
        title="Thăm công nhân ở Đạ Huoai",
        category=category,
        published_at=timezone.now() - timezone.timedelta(days=3000),
    )
    for n in range(20):
        make_article(title=f"Tin mới số {n}", category=category)
    assert [a.pk for a in search_articles(["da", "huoai"])] == [old.pk]


def test_a_word_in_a_tenth_of_a_large_table_is_looked_for_among_the_newest(monkeypatch):
    """Below the common share, the newest articles are read when that reads fewer rows than the
    trigram index, which hands over every match of the table ("tháng công nhân": 78 ms at 10,000
    articles through the index, 32 ms among the newest)."""
    from news import search

    monkeypatch.setattr(search, "published_total", lambda: 10_000)
    assert search.newest_window(1.0) == 300  # common: just enough for MAX_RESULTS
    assert search.newest_window(0.5) == 600
    assert search.newest_window(search.COMMON_SHARE) == search.MAX_WINDOW
    # 0.18: 1,667 of the newest rows (in steps of 500) against some 3,600 through the index.
    assert search.newest_window(0.18) == 2000
    assert search.newest_window(0.05) is None  # 6,000 rows against some 1,000: the index
    assert search.newest_window(0.0) is None
    monkeypatch.setattr(search, "published_total", lambda: 100_000)
    assert search.newest_window(0.05) == 6000  # against some 10,000 through the index


def test_a_word_looked_for_among_the_newest_finds_what_the_index_finds(monkeypatch):
    category = make_category()
    wanted = [
        make_article(title=f"Tháng Công nhân ở xã số {n}", category=category, published_at=ago(n))
        for n in range(1, 6)
    ]
    wanted.append(
        make_article(title="Tin hội thao", lead="Mở đầu Tháng Công nhân.", published_at=ago(7))
    )
    for n in range(30):
        make_article(title=f"Tin khác số {n}", category=category, published_at=ago(10 + n))
    query = parse_query("tháng công nhân")
    through_index = [a.pk for a in search_articles(query)]
    from news import search

    monkeypatch.setattr(search, "match_share", lambda q: 0.15)
    monkeypatch.setattr(search, "published_total", lambda: 1_000_000)
    assert search.newest_window(0.15) is not None
    assert [a.pk for a in search_articles(query)] == through_index
    assert through_index == [a.pk for a in wanted]
