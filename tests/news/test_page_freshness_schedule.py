"""Scheduled articles (hẹn giờ đăng, hẹn giờ gỡ) and the page cache: saving one makes stale only
the pages that will show it at its time (its own, its category's, its tags' and topics'), and
those pages change at that time, with no save and no cron job."""

import pytest
import time_machine
from django.utils import timezone

from news.models import Tag
from tests.cached_pages import HEADER, html, warm
from tests.factories import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def ten_oclock():
    return timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)


def test_saving_a_scheduled_article_leaves_other_categories_article_pages_cached(
    client, events, sport, ten_oclock
):
    other = make_article(title="Hội thao công nhân", category=sport, published_at=ten_oclock)
    with time_machine.travel(ten_oclock, tick=False):
        warm(client, other.get_absolute_url())
        scheduled = make_article(
            title="Tin hẹn giờ đăng",
            category=events,
            published_at=ten_oclock + timezone.timedelta(minutes=3),
        )
        assert client.get(other.get_absolute_url())[HEADER] == "HIT"
        scheduled.lead = "Sapo sửa lại trước giờ đăng."
        scheduled.save()
        assert client.get(other.get_absolute_url())[HEADER] == "HIT"


def test_a_scheduled_takedown_saved_leaves_other_categories_article_pages_cached(
    client, events, sport, ten_oclock
):
    other = make_article(title="Hội thao công nhân", category=sport, published_at=ten_oclock)
    story = make_article(title="Thông báo tạm thời", category=events, published_at=ten_oclock)
    with time_machine.travel(ten_oclock + timezone.timedelta(minutes=1), tick=False):
        warm(client, other.get_absolute_url())
        story.unpublish_at = ten_oclock + timezone.timedelta(minutes=5)
        story.save()
        assert client.get(other.get_absolute_url())[HEADER] == "HIT"


def test_a_scheduled_article_saved_after_its_neighbours_were_cached_appears_at_its_time(
    client, events, ten_oclock
):
    story = make_article(title="Tin đã đăng từ trước", category=events, published_at=ten_oclock)
    with time_machine.travel(ten_oclock, tick=False) as traveller:
        warm(client, story.get_absolute_url(), "/", "/tin-tuc/", events.get_absolute_url())
        make_article(
            title="Tin hẹn giờ đăng",
            category=events,
            published_at=ten_oclock + timezone.timedelta(minutes=3),
        )
        warm(client, story.get_absolute_url(), "/", "/tin-tuc/", events.get_absolute_url())
        traveller.move_to(ten_oclock + timezone.timedelta(minutes=2, seconds=58))
        assert "Tin hẹn giờ đăng" not in html(client.get(story.get_absolute_url()))
        traveller.move_to(ten_oclock + timezone.timedelta(minutes=3, seconds=1))
        for url in [story.get_absolute_url(), "/", "/tin-tuc/", events.get_absolute_url()]:
            assert "Tin hẹn giờ đăng" in html(client.get(url)), url


def test_moving_a_scheduled_article_earlier_shows_it_at_the_new_time(client, events, ten_oclock):
    story = make_article(title="Tin đã đăng từ trước", category=events, published_at=ten_oclock)
    scheduled = make_article(
        title="Tin hẹn giờ đăng",
        category=events,
        published_at=ten_oclock + timezone.timedelta(minutes=30),
    )
    with time_machine.travel(ten_oclock, tick=False) as traveller:
        warm(client, story.get_absolute_url())
        scheduled.published_at = ten_oclock + timezone.timedelta(minutes=3)
        scheduled.save()
        warm(client, story.get_absolute_url())
        traveller.move_to(ten_oclock + timezone.timedelta(minutes=3, seconds=1))
        assert "Tin hẹn giờ đăng" in html(client.get(story.get_absolute_url()))


def test_a_takedown_set_later_leaves_the_related_block_at_its_time(client, events, ten_oclock):
    story = make_article(title="Tin đã đăng từ trước", category=events, published_at=ten_oclock)
    notice = make_article(title="Thông báo tạm thời", category=events, published_at=ten_oclock)
    with time_machine.travel(ten_oclock + timezone.timedelta(minutes=1), tick=False) as traveller:
        warm(client, story.get_absolute_url())
        notice.unpublish_at = ten_oclock + timezone.timedelta(minutes=4)
        notice.save()
        warm(client, story.get_absolute_url())
        assert "Thông báo tạm thời" in html(client.get(story.get_absolute_url()))
        traveller.move_to(ten_oclock + timezone.timedelta(minutes=4, seconds=1))
        assert "Thông báo tạm thời" not in html(client.get(story.get_absolute_url()))


def test_a_scheduled_article_appears_at_its_time_among_the_related_of_its_tag(
    client, events, sport, ten_oclock
):
    tag = Tag.objects.create(name="An toàn lao động", slug="an-toan-lao-dong")
    story = make_article(
        title="Tin đã đăng từ trước", category=sport, published_at=ten_oclock, tags=[tag]
    )
    with time_machine.travel(ten_oclock, tick=False) as traveller:
        warm(client, story.get_absolute_url())
        make_article(
            title="Tin hẹn giờ đăng",
            category=events,
            published_at=ten_oclock + timezone.timedelta(minutes=3),
            tags=[tag],
        )
        warm(client, story.get_absolute_url())
        traveller.move_to(ten_oclock + timezone.timedelta(minutes=3, seconds=1))
        assert "Tin hẹn giờ đăng" in html(client.get(story.get_absolute_url()))
