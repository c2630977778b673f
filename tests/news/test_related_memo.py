""" "Tin liên quan" remembered per article (news.related.remembered): the same list as the
statement gives, read back without it, and never older than the articles it could show."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news import related
from news.models import Article, Category, TopicArticle
from tests.cached_pages import afresh
from tests.factories import make_article, make_category, make_topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def related_titles(url):
    html = afresh(url).content.decode()
    aside = html.split('aria-label="Tin liên quan"')[1].split("</aside>")[0]
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', aside)


def statement_runs(url):
    """How many times the related statement ran for one render afresh."""
    with CaptureQueriesContext(connection) as queries:
        afresh(url)
    return sum("same_category" in q["sql"] for q in queries)


@pytest.fixture
def article():
    home = make_category(name="Hoạt động công đoàn")
    article = make_article(title="Bài chính", category=home, tags=["Công đoàn"])
    make_article(title="Cùng thẻ", category=make_category(), tags=["Công đoàn"])
    make_article(title="Cùng chuyên mục", category=home, tags=[])
    return article


def test_the_second_render_reads_the_list_back_without_the_statement(article):
    url = article.get_absolute_url()
    first = related_titles(url)
    assert first == ["Cùng thẻ", "Cùng chuyên mục"]
    assert statement_runs(url) == 0
    assert related_titles(url) == first


def test_the_page_is_the_same_with_the_list_remembered_or_not(article, settings):
    url = article.get_absolute_url()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "khong-co-phien"
    computed = client.get(url).content
    remembered = client.get(url).content
    settings.PAGECACHE_ENABLED = False
    without_cache = client.get(url).content
    assert computed == remembered == without_cache


def test_a_related_article_edited_shows_its_new_title(article):
    url = article.get_absolute_url()
    related_titles(url)
    shared = Article.objects.get(title="Cùng thẻ")
    shared.title = "Cùng thẻ, tên mới"
    shared.save()
    assert related_titles(url) == ["Cùng thẻ, tên mới", "Cùng chuyên mục"]


def test_a_new_article_sharing_a_tag_joins_the_list(article):
    url = article.get_absolute_url()
    related_titles(url)
    make_article(
        title="Mới, cùng thẻ",
        category=make_category(),
        tags=["Công đoàn"],
        published_at=timezone.now(),
    )
    assert related_titles(url)[0] == "Mới, cùng thẻ"


def test_a_new_article_in_the_category_joins_the_list(article):
    url = article.get_absolute_url()
    related_titles(url)
    make_article(title="Mới, cùng chuyên mục", category=article.category, tags=[])
    assert "Mới, cùng chuyên mục" in related_titles(url)


def test_an_unpublished_related_article_leaves_the_list(article):
    url = article.get_absolute_url()
    related_titles(url)
    shared = Article.objects.get(title="Cùng thẻ")
    shared.status = Article.Status.DRAFT
    shared.save()
    assert related_titles(url) == ["Cùng chuyên mục"]


def test_a_tag_taken_off_the_article_changes_the_list(article):
    url = article.get_absolute_url()
    related_titles(url)
    article.tags.clear()
    assert related_titles(url) == ["Cùng chuyên mục"]


def test_an_article_put_in_a_topic_brings_the_topic_s_articles(article):
    url = article.get_absolute_url()
    other = make_article(title="Trong chuyên đề", category=make_category(), tags=[])
    topic = make_topic(articles=[other])
    related_titles(url)
    TopicArticle.objects.create(topic=topic, article=article, order=1)
    assert "Trong chuyên đề" in related_titles(url)


def test_a_renamed_category_makes_the_list_read_again(article):
    """What is kept of each related article carries its category's name and address."""
    url = article.get_absolute_url()
    related_titles(url)
    category = Category.objects.get(pk=article.category_id)
    category.name = "Tên mới"
    category.save()
    assert statement_runs(url) == 1


def test_a_scheduled_article_joins_the_list_when_its_time_comes(article):
    url = article.get_absolute_url()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        make_article(
            title="Hẹn giờ, cùng thẻ",
            category=make_category(),
            tags=["Công đoàn"],
            published_at=timezone.now() + timedelta(minutes=10),
        )
        assert "Hẹn giờ, cùng thẻ" not in related_titles(url)
        traveller.shift(timedelta(minutes=11))
        assert related_titles(url)[0] == "Hẹn giờ, cùng thẻ"


def test_the_list_is_not_kept_when_the_cache_is_off(article, settings):
    settings.PAGECACHE_ENABLED = False
    url = article.get_absolute_url()
    related_titles(url)
    assert statement_runs(url) == 1
    assert not any(key for key in cache._cache if ":news:related:" in key)


def test_a_stored_list_from_another_format_is_not_read(article, monkeypatch):
    url = article.get_absolute_url()
    related_titles(url)
    monkeypatch.setattr(related, "FORMAT", related.FORMAT + 1)
    assert statement_runs(url) == 1
