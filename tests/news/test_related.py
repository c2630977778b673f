"""Related articles under an article: shared tags and topics first, then the category, at a fixed
query cost."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import Article, TopicArticle
from news.related import related_articles
from tests.factories import make_article, make_category, make_photo, make_topic

pytestmark = pytest.mark.django_db


def related_links(html):
    aside = html.split('aria-label="Tin liên quan"')[1].split("</aside>")[0]
    return re.findall(r'<h3 class="card__title"><a href="(/tin-tuc/[^"]+)"', aside)


def test_shared_tags_and_topics_come_first_then_the_category_never_the_article(client):
    home, elsewhere = make_category(), make_category()
    article = make_article(category=home, tags=["Công đoàn", "Tháng Công nhân"])
    topic = make_topic(articles=[article])
    two_tags = make_article(category=elsewhere, tags=["Công đoàn", "Tháng Công nhân"])
    tag_and_topic = make_article(category=elsewhere, tags=["Công đoàn"])
    TopicArticle.objects.create(topic=topic, article=tag_and_topic, order=5)
    one_tag = make_article(category=elsewhere, tags=["Tháng Công nhân"])
    same_category = make_article(category=home)
    make_article(category=elsewhere)  # nothing in common
    make_article(category=home, tags=["Công đoàn"], status=Article.Status.DRAFT)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Tin liên quan" in html
    assert related_links(html) == [
        a.get_absolute_url() for a in [two_tags, tag_and_topic, one_tag, same_category]
    ]


def test_with_nothing_shared_the_newest_of_the_category_are_related(client):
    category = make_category()
    older, article, newer = (make_article(category=category, tags=[]) for _ in range(3))
    make_article(category=make_category())
    found = related_articles(article, [], [])
    assert article not in found
    assert set(found) == {older, newer}


def test_an_article_alone_in_its_category_has_no_related_list(client):
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert related_links(html) == []


def page_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_article_page_takes_the_same_queries_with_1_and_50_related_candidates(client):
    picture = make_photo()
    category = make_category()
    article = make_article(category=category, tags=["Công đoàn", "Đoàn viên"])
    topic = make_topic(articles=[article])

    def candidate(n):
        other = make_article(category=category if n % 2 else make_category(), tags=["Công đoàn"])
        TopicArticle.objects.create(topic=topic, article=other, order=n + 1)
        make_photo(article=other, image=picture.image.name, width=1200, height=800)
        return other

    candidate(0)
    small, html = page_queries(client, article.get_absolute_url())
    assert len(related_links(html)) == 1
    for n in range(1, 50):
        candidate(n)
    large, html = page_queries(client, article.get_absolute_url())
    assert len(related_links(html)) == 4
    assert large == small <= 10


def test_a_cached_article_page_drops_a_related_article_taken_down_in_another_category(
    client, settings
):
    from federation.models import SiteProfile

    settings.PAGECACHE_ENABLED = True
    SiteProfile.load()  # created once on a live site; its first save bumps every section
    article = make_article(category=make_category(), tags=["Tháng Công nhân"])
    elsewhere = make_article(category=make_category(), tags=["Tháng Công nhân"])
    url = article.get_absolute_url()
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "HIT"
    assert related_links(response.content.decode()) == [elsewhere.get_absolute_url()]
    elsewhere.trash()
    response = client.get(url)
    assert response["X-Page-Cache"] == "MISS"
    assert related_links(response.content.decode()) == []
    newcomer = make_article(category=make_category(), tags=[])
    newcomer.tags.add("Tháng Công nhân")
    assert related_links(client.get(url).content.decode()) == [newcomer.get_absolute_url()]
