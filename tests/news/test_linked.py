"""The public articles among those a programme or a profile links to, kept beside the linked
articles' generations (news.linked): current after every save, deletion, bulk change and scheduled
change of a linked article, and the same as the query's answer."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from core import pagecache
from news import freshness, linked
from news.models import Article
from tests.factories import make_agreement, make_article, make_worker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def rendered(url):
    """A cold render: a visitor with a session is never served from the page cache."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "khong-co-phien"
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def profile():
    worker = make_worker(full_name="Nguyễn Thị Hoa")
    story = make_article(title="Người nữ công nhân giỏi việc nước")
    worker.related_articles.add(story)
    return worker, story


def test_the_kept_list_is_the_querys_answer(profile):
    worker, story = profile
    agreement = make_agreement()
    draft = make_article(title="Bản nháp", status=Article.Status.DRAFT)
    agreement.related_articles.add(story, draft, make_article(title="Lễ ký kết"))
    ids = [a.pk for a in agreement.related_articles.all()]
    fresh = linked.public("test", ids)
    stored = cache.get(linked.key("test"))
    assert stored is not None
    kept = linked.public("test", ids, stored)
    expected = list(Article.objects.published().filter(pk__in=ids))
    for answer in (fresh, kept):
        assert [(a.pk, a.title, a.slug, a.category.name) for a in answer] == [
            (a.pk, a.title, a.slug, a.category.name) for a in expected
        ]


def test_a_linked_article_saved_shows_at_once(profile):
    worker, story = profile
    url = worker.get_absolute_url()
    rendered(url)
    story.title = "Người nữ công nhân giỏi việc nước, đảm việc nhà"
    story.save()
    assert "giỏi việc nước, đảm việc nhà" in rendered(url)
    # Its address renamed, then edited again: the list follows the new address's generation.
    story.slug = "nu-cong-nhan-gioi-viec-nuoc"
    story.save()
    assert "/nu-cong-nhan-gioi-viec-nuoc/" in rendered(url)
    story.title = "Chân dung nữ công nhân tiêu biểu"
    story.save()
    assert "Chân dung nữ công nhân tiêu biểu" in rendered(url)
    story.delete()
    assert "Chân dung nữ công nhân tiêu biểu" not in rendered(url)


def test_a_draft_published_later_shows(profile):
    worker, _ = profile
    draft = make_article(title="Bài viết chờ duyệt", status=Article.Status.DRAFT)
    worker.related_articles.add(draft)
    url = worker.get_absolute_url()
    assert "Bài viết chờ duyệt" not in rendered(url)
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert "Bài viết chờ duyệt" in rendered(url)


def test_a_bulk_change_shows(profile):
    worker, story = profile
    url = worker.get_absolute_url()
    rendered(url)
    # What the admin's bulk actions do: no signal, the bulk changes' section bumped.
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
    pagecache.bump(freshness.ARTICLES)
    assert "Người nữ công nhân giỏi việc nước" not in rendered(url)


def test_a_scheduled_article_shows_when_its_time_comes_without_a_save(profile):
    worker, _ = profile
    url = worker.get_absolute_url()
    soon = make_article(
        title="Bài viết hẹn giờ đăng", published_at=timezone.now() + dt.timedelta(minutes=2)
    )
    worker.related_articles.add(soon)
    assert "Bài viết hẹn giờ đăng" not in rendered(url)
    assert "Bài viết hẹn giờ đăng" not in rendered(url)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=3)):
        assert "Bài viết hẹn giờ đăng" in rendered(url)
