"""The article page's row, photos, tags, topics and byline kept per article (news.article_page.
remembered): the same page as read from the database, read back without a query, and current
after every change that shows on it."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article, Tag
from news.pennames import ArticlePenName, PenName
from tests.cached_pages import afresh as cold
from tests.factories import make_article, make_category, make_photo, make_topic, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

NEWS_TABLES = ("news_article", "news_photo", "news_tag", "news_topic", "news_articlepenname")


def news_queries(url):
    with CaptureQueriesContext(connection) as queries:
        response = cold(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries if any(t in q["sql"] for t in NEWS_TABLES)]


@pytest.fixture
def article():
    article = make_article(
        title="Hội nghị người lao động",
        category=make_category(name="Sự kiện"),
        tags=["Công đoàn"],
        body="<p>Nội dung ban đầu.</p>",
    )
    make_photo(article=article, caption="Quang cảnh hội nghị")
    make_topic(title="Tháng Công nhân", articles=[article])
    ArticlePenName.objects.create(
        article=article, pen_name=PenName.objects.create(name="Minh Tú", user=make_user()), order=1
    )
    return article


def test_a_page_read_again_reads_nothing_of_the_article_from_the_database(article):
    url = article.get_absolute_url()
    assert news_queries(url)
    assert news_queries(url) == []


def test_the_page_is_the_same_kept_or_not(article, settings):
    url = article.get_absolute_url()
    first, kept = cold(url).content, cold(url).content
    settings.PAGECACHE_ENABLED = False
    assert first == kept == cold(url).content


def edit_title(article):
    article = Article.objects.get(pk=article.pk)
    article.title = "Hội nghị người lao động năm 2026"
    article.body = "<p>Nội dung đã sửa.</p>"
    article.save()
    return ["Hội nghị người lao động năm 2026", "Nội dung đã sửa."]


def edit_caption(article):
    photo = article.photos.get()
    photo.caption = "Đại biểu biểu quyết"
    photo.save()
    return ["Đại biểu biểu quyết"]


def add_tag(article):
    article.tags.add("An toàn lao động")
    return ["An toàn lao động"]


def rename_tag(article):
    tag = Tag.objects.get(name="Công đoàn")
    tag.name = "Công đoàn cơ sở"
    tag.save()
    return ["Công đoàn cơ sở"]


def rename_pen_name(article):
    pen = PenName.objects.get(name="Minh Tú")
    pen.name = "Tú Minh"
    pen.save()
    return ["Tú Minh"]


def rename_category(article):
    category = article.category
    category.name = "Tin sự kiện"
    category.save()
    return ["Tin sự kiện"]


@pytest.mark.parametrize(
    "change", [edit_title, edit_caption, add_tag, rename_tag, rename_pen_name, rename_category]
)
def test_each_change_shows_on_the_next_render(article, change):
    url = article.get_absolute_url()
    cold(url)
    cold(url)
    for text in change(article):
        assert text in cold(url).content.decode(), (change.__name__, text)


def test_an_article_taken_down_or_trashed_is_gone_at_once(article):
    url = article.get_absolute_url()
    cold(url)
    article = Article.objects.get(pk=article.pk)
    article.status = Article.Status.DRAFT
    article.save()
    assert cold(url).status_code == 404
    other = make_article(title="Bài sẽ vào thùng rác")
    cold(other.get_absolute_url())
    other.trash()
    assert cold(other.get_absolute_url()).status_code == 404


def test_an_article_coming_down_at_its_time_is_gone_at_that_time(article):
    url = article.get_absolute_url()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        article = Article.objects.get(pk=article.pk)
        article.unpublish_at = timezone.now() + timedelta(minutes=10)
        article.save()
        assert cold(url).status_code == 200
        assert cold(url).status_code == 200
        traveller.shift(timedelta(minutes=10, seconds=1))
        assert cold(url).status_code == 404


def test_nothing_is_kept_without_a_shared_cache(article, settings):
    settings.PAGECACHE_ENABLED = False
    url = article.get_absolute_url()
    cold(url)
    assert news_queries(url)


def test_the_articles_own_part_is_kept_rendered_and_is_what_the_template_renders(
    article, monkeypatch
):
    """news.article_page.main_html: rendered once, read back as it was, and byte for byte what
    the page's template renders itself when it is not given (as for the preview)."""
    from news import article_page

    url = article.get_absolute_url()
    renders = []
    original = article_page.get_template

    def counted(name):
        if name == article_page.MAIN_TEMPLATE:
            renders.append(name)
        return original(name)

    monkeypatch.setattr(article_page, "get_template", counted)
    kept = [cold(url).content for _ in range(3)]
    assert len(renders) == 1 and kept[0] == kept[1] == kept[2]
    monkeypatch.setattr(article_page, "main_html", lambda context: "")
    assert cold(url).content == kept[0]


def test_the_kept_part_follows_the_site_profile_and_the_address_it_is_shared_from(article):
    from federation.models import SiteProfile

    url = article.get_absolute_url()
    cold(url)
    profile = SiteProfile.load()
    profile.name = "Công đoàn tỉnh Lâm Đồng (thử)"
    profile.save()
    assert "<strong>Công đoàn tỉnh Lâm Đồng (thử)</strong>" in cold(url).content.decode()
    from django.test import Client

    visitor = Client(headers={"host": "localhost"})
    visitor.cookies["sessionid"] = "khong-co-phien"
    html = visitor.get(url).content.decode()
    assert f'data-copy-link="http://localhost{url}"' in html
    assert f'data-copy-link="http://testserver{url}"' in cold(url).content.decode()
