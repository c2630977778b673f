"""Topics (chuyên đề): editors group articles in an order; the public lists, reads and follows them."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from core import roles
from federation.models import SiteProfile
from news.models import Article, Topic, TopicArticle
from tests.factories import (
    image_upload,
    make_article,
    make_category,
    make_editor,
    make_photo,
    make_topic,
)

pytestmark = pytest.mark.django_db


def body(response):
    assert response.status_code == 200
    return response.content.decode()


def article_links(html):
    return re.findall(r'<h3 class="card__title"><a href="(/tin-tuc/[^"]+)"', html)


def test_a_topic_lists_its_public_articles_in_the_editors_order(client):
    first, second, third = (make_article(title=f"Bài {n} trong chuyên đề") for n in range(3))
    draft = make_article(title="Bài nháp trong chuyên đề", status=Article.Status.DRAFT)
    topic = make_topic(title="Tháng Công nhân 2026", articles=[third, draft, first, second])
    html = body(client.get("/chuyen-de/thang-cong-nhan-2026/"))
    assert topic.get_absolute_url() == "/chuyen-de/thang-cong-nhan-2026/"
    assert article_links(html) == [a.get_absolute_url() for a in [third, first, second]]
    assert "Bài nháp" not in html
    assert "<h1" in html and "Tháng Công nhân 2026" in html
    assert 'href="/chuyen-de/thang-cong-nhan-2026/rss/"' in html


def test_a_topic_page_is_paginated_and_a_wrong_page_is_404(client):
    category = make_category()
    articles = [make_article(title=f"Tin chuyên đề {n:02d}", category=category) for n in range(23)]
    topic = make_topic(articles=articles)
    assert len(article_links(body(client.get(topic.get_absolute_url())))) == 20
    second = article_links(body(client.get(topic.get_absolute_url(), {"page": 2})))
    assert second == [a.get_absolute_url() for a in articles[20:]]
    for page in ["3", "abc", "0"]:
        assert client.get(topic.get_absolute_url(), {"page": page}).status_code == 404
    assert client.get("/chuyen-de/khong-co/").status_code == 404


def test_the_topic_list_shows_running_topics_first(client):
    old = make_topic(title="Chương trình phối hợp 2021–2023", is_active=False)
    running = make_topic(title="Tháng Công nhân 2026", order=1)
    html = body(client.get("/chuyen-de/"))
    assert html.index(running.get_absolute_url()) < html.index(old.get_absolute_url())
    assert "Đang diễn ra" in html
    assert list(Topic.objects.active()) == [running]


def test_an_article_shows_its_topics(client):
    article = make_article()
    topic = make_topic(title="Tháng Công nhân 2026", articles=[article])
    html = body(client.get(article.get_absolute_url()))
    assert "Chuyên đề:" in html
    assert f'<a href="{topic.get_absolute_url()}">Tháng Công nhân 2026</a>' in html


def test_a_topic_has_an_rss_feed_of_its_public_articles(client):
    inside = make_article(title="Bài thuộc chuyên đề")
    outside = make_article(title="Bài ngoài chuyên đề")
    hidden = make_article(title="Bài ẩn", status=Article.Status.DRAFT)
    topic = make_topic(title="Tháng Công nhân 2026", articles=[inside, hidden])
    response = client.get(f"{topic.get_absolute_url()}rss/")
    xml = body(response)
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "<title>Tháng Công nhân 2026 – " in xml
    assert inside.get_absolute_url() in xml
    assert outside.get_absolute_url() not in xml and hidden.get_absolute_url() not in xml


def test_topics_are_in_the_sitemap(client):
    topic = make_topic(title="Tháng Công nhân 2026")
    assert "sitemap-chuyen-de.xml" in body(client.get("/sitemap.xml"))
    assert f"http://testserver{topic.get_absolute_url()}" in body(
        client.get("/sitemap-chuyen-de.xml")
    )


def test_search_finds_a_topic_by_its_introduction(client):
    topic = make_topic(
        title="Tháng Công nhân 2026", introduction="<p>Chăm lo đoàn viên khó khăn.</p>"
    )
    html = body(client.get("/tim-kiem/", {"q": "doan vien kho khan"}))
    assert topic.get_absolute_url() in html
    assert "Chăm lo <mark>đoàn</mark> <mark>viên</mark> <mark>khó</mark> <mark>khăn</mark>." in html


def test_the_topic_strip_shows_active_topics_in_order_in_one_query():
    second = make_topic(title="Chương trình phối hợp 2021–2023", order=2)
    first = make_topic(title="Tháng Công nhân 2026", order=1)
    make_topic(title="Chuyên đề đã khép lại", is_active=False)
    with CaptureQueriesContext(connection) as queries:
        html = Template("{% load news_topics %}{% topic_strip %}").render(Context())
    assert len(queries) == 1
    assert html.index(first.get_absolute_url()) < html.index(second.get_absolute_url())
    assert "đã khép lại" not in html
    # Every front page shows it: the next renders take no query until a topic changes.
    with CaptureQueriesContext(connection) as queries:
        assert Template("{% load news_topics %}{% topic_strip %}").render(Context()).strip()
    assert len(queries) == 0
    for topic in Topic.objects.all():
        topic.is_active = False
        topic.save()
    assert Template("{% load news_topics %}{% topic_strip %}").render(Context()).strip() == ""


def test_the_front_page_shows_the_active_topics(client):
    make_topic(title="Tháng Công nhân 2026", order=1)
    make_topic(title="Chuyên đề đã khép lại", is_active=False)
    page = client.get("/").content.decode()
    strip = page.split('class="topic-strip"')[1].split("</section>")[0]
    assert "Tháng Công nhân 2026" in strip
    assert "Chuyên đề đã khép lại" not in page


def test_the_introduction_is_sanitized_and_the_picture_goes_through_the_image_pipeline(client):
    topic = Topic.objects.create(
        title="Ảnh và giới thiệu",
        introduction='<p onclick="x()">Giới thiệu</p><script>alert(1)</script>',
        picture=image_upload(),
        picture_alt="Công nhân tại nhà máy",
    )
    topic.refresh_from_db()
    assert "<script>" not in topic.introduction and "onclick" not in topic.introduction
    assert topic.picture_width == 1200
    html = body(client.get(topic.get_absolute_url()))
    assert 'alt="Công nhân tại nhà máy"' in html
    assert "<picture" in html


def test_a_reserved_or_clashing_slug_is_never_given():
    assert make_topic(title="RSS").slug != "rss"
    assert make_topic(title="Tháng Công nhân").slug == "thang-cong-nhan"
    assert make_topic(title="Tháng Công nhân").slug == "thang-cong-nhan-2"


def test_editors_manage_topics_and_order_their_articles_in_the_admin(client):
    editor = make_editor()
    first, second = make_article(title="Bài một"), make_article(title="Bài hai")
    client.force_login(editor)
    assert Group.objects.get(name=roles.EDITORS).permissions.filter(codename="change_topic")
    response = client.post(
        "/quan-tri/news/topic/add/",
        {
            "title": "Tháng Công nhân 2026",
            "slug": "thang-cong-nhan-2026",
            "introduction": "<p>Giới thiệu</p>",
            "picture_alt": "",
            "is_active": "on",
            "order": "0",
            "links-TOTAL_FORMS": "2",
            "links-INITIAL_FORMS": "0",
            "links-MIN_NUM_FORMS": "0",
            "links-MAX_NUM_FORMS": "1000",
            "links-0-article": str(first.pk),
            "links-0-order": "2",
            "links-1-article": str(second.pk),
            "links-1-order": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    topic = Topic.objects.get()
    assert list(topic.published_articles()) == [second, first]
    assert topic.history.count() == 1
    assert TopicArticle.history.count() == 2
    page = body(client.get(f"/quan-tri/news/topic/{topic.pk}/change/"))
    assert "Bài một" in page and "admin-autocomplete" in page
    assert body(client.get("/quan-tri/news/topic/")).count("Tháng Công nhân 2026") >= 1


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["list", "topic"])
def test_topic_pages_take_the_same_queries_for_1_and_50_rows(client, page):
    picture = make_photo()
    category = make_category()

    def grow(n):
        articles = [make_article(category=category) for _ in range(n)]
        for article in articles:
            make_photo(article=article, image=picture.image.name, width=1200, height=800)
        return articles

    topic = make_topic(articles=grow(1))
    url = "/chuyen-de/" if page == "list" else topic.get_absolute_url()
    small = count_queries(client, url)
    if page == "list":
        for _ in range(49):
            make_topic(picture=picture.image.name, picture_alt="Ảnh")
    else:
        for order, article in enumerate(grow(49), start=2):
            TopicArticle.objects.create(topic=topic, article=article, order=order)
    assert count_queries(client, url) == small <= 10


def test_a_topic_or_its_article_order_changing_makes_its_cached_pages_current(client, settings):
    settings.PAGECACHE_ENABLED = True
    SiteProfile.load()  # created once on a live site; its first save bumps every section
    first, second = make_article(title="Bài thứ nhất"), make_article(title="Bài thứ hai")
    topic = make_topic(title="Tháng Công nhân 2026", articles=[first, second])
    urls = ["/chuyen-de/", topic.get_absolute_url(), first.get_absolute_url()]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "HIT", url
    TopicArticle.objects.filter(article=second).update(order=0)  # no signal: still cached
    assert client.get(topic.get_absolute_url())["X-Page-Cache"] == "HIT"
    link = TopicArticle.objects.get(article=second)
    link.save()
    html = body(client.get(topic.get_absolute_url()))
    assert article_links(html) == [second.get_absolute_url(), first.get_absolute_url()]
    topic.title = "Tháng Công nhân năm 2026"
    topic.save()
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "MISS", url
