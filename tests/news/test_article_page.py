"""The article page's light reads (news.article_page): the same HTML byte for byte as the ORM's
prefetches gave, for articles with and without photos, credits, pen names, a source partner,
tags and topics, and fewer queries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from django.test import Client
from django.test.utils import CaptureQueriesContext

from federation.models import SiteProfile
from news import article_page, views
from news.models import Article, Photo
from news.pennames import ArticlePenName, PenName
from tests.factories import (
    make_article,
    make_category,
    make_partner,
    make_photo,
    make_photo_like,
    make_topic,
    make_user,
)

pytestmark = pytest.mark.django_db


def orm_photos(article):
    """What the page read before: the photos through the prefetch machinery."""
    prefetch_related_objects(
        [article],
        Prefetch("photos", queryset=Photo.objects.select_related("pen_name")),
        Article.byline_prefetch(),
    )


def orm_links(article):
    """What the page read before: tags and topics through the ORM."""
    tags = list(article.tags.all())
    topics = list(
        article.topics.order_by("-is_active", "order", "id").only("title", "slug", "is_active")
    )
    return tags, topics


@pytest.fixture
def shapes():
    """Articles of every shape the page shows."""
    SiteProfile.load()
    news = make_category(name="Hoạt động công đoàn")
    plain = make_article(category=news, title="Bài không ảnh", byline="Phóng viên")
    pictured = make_article(category=news, title="Bài có ảnh", tags=["Công đoàn", "An toàn"])
    first = make_photo(article=pictured, caption="Ảnh đầu", credit="Minh Anh", order=2)
    pen = PenName.objects.create(name="D. Quỳnh", user=make_user())
    make_photo_like(first, caption="Ảnh bìa", is_cover=True, pen_name=pen, order=1)
    make_photo_like(first, caption="", alt_text="Không chú thích", order=3)
    make_photo(article=pictured, with_image=False, caption="Chờ ảnh")
    second = PenName.objects.create(name="T.N", user=make_user())
    ArticlePenName.objects.create(article=pictured, pen_name=second, order=1)
    ArticlePenName.objects.create(article=pictured, pen_name=pen, order=0)
    partner = make_partner()
    reposted = make_article(
        category=news,
        title="Bài đăng lại",
        source_partner=partner,
        source_url="https://doitac.example.vn/bai-goc",
        source_label="Đối tác",
        tags=["An toàn"],
    )
    make_topic(articles=[pictured, reposted], title="Tháng Công nhân", is_active=False)
    make_topic(articles=[pictured], title="An toàn lao động")
    make_topic(articles=[reposted], title="Chuyển đổi số")
    return [plain, pictured, reposted]


def pages(articles):
    cache.clear()
    client = Client()
    return [client.get(article.get_absolute_url()).content for article in articles]


def test_same_html_as_the_orms_prefetches(shapes, monkeypatch):
    light = pages(shapes)
    monkeypatch.setattr(views, "attach_photos", orm_photos)
    monkeypatch.setattr(article_page, "article_links", orm_links)
    assert pages(shapes) == light
    assert b"D. Qu\xe1\xbb\xb3nh, T.N" in light[1]  # the byline, pen names in their order
    assert b"Th\xc3\xa1ng C\xc3\xb4ng nh\xc3\xa2n" in light[2]


def counted(articles):
    client = Client()
    counts = []
    for article in articles:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    return counts


def test_two_queries_fewer(shapes, monkeypatch):
    light = counted(shapes)
    monkeypatch.setattr(views, "attach_photos", orm_photos)
    monkeypatch.setattr(article_page, "article_links", orm_links)
    assert light == [count - 2 for count in counted(shapes)]
