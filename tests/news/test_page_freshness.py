"""Publishing does not make the site cold: an article page follows its own row and its category's
newest articles (news.freshness), so a publish or an edit makes stale only the pages that show it."""

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from news.models import Article
from news.pennames import ArticlePenName, PenName
from tests.cached_pages import HEADER, html, warm
from tests.factories import make_article, make_partner, make_photo, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def story(events):
    return make_article(title="Hội nghị người lao động năm nay", category=events)


def test_publishing_in_another_category_leaves_the_article_page_cached(
    client, story, sport, django_assert_max_num_queries
):
    warm(client, story.get_absolute_url(), "/", sport.get_absolute_url())
    fresh = make_article(title="Giải bóng đá công nhân khai mạc", category=sport)
    with django_assert_max_num_queries(0):
        assert client.get(story.get_absolute_url())[HEADER] == "HIT"
    for url in ["/", "/tin-tuc/", sport.get_absolute_url()]:
        response = client.get(url)
        assert response[HEADER] == "MISS", url
        assert "Giải bóng đá công nhân khai mạc" in html(response), url
    assert "Giải bóng đá công nhân khai mạc" in html(client.get(fresh.get_absolute_url()))


def test_publishing_in_the_same_category_shows_at_once_among_its_related_articles(
    client, story, events
):
    warm(client, story.get_absolute_url())
    make_article(title="Đối thoại với người lao động tại Bảo Lộc", category=events)
    response = client.get(story.get_absolute_url())
    assert response[HEADER] == "MISS"
    assert "Đối thoại với người lao động tại Bảo Lộc" in html(response)


def test_a_draft_saved_in_the_category_leaves_its_article_pages_cached(client, story, events):
    warm(client, story.get_absolute_url())
    draft = make_article(title="Bản nháp", category=events, status=Article.Status.DRAFT)
    draft.title = "Bản nháp, sửa lần hai"
    draft.save()
    assert client.get(story.get_absolute_url())[HEADER] == "HIT"


def test_an_edit_shows_on_its_own_page_and_leaves_other_categories_article_pages_cached(
    client, story, sport
):
    other = make_article(title="Hội thao công nhân", category=sport)
    warm(client, story.get_absolute_url(), other.get_absolute_url())
    story.title = "Hội nghị người lao động (đã cập nhật)"
    story.save()
    response = client.get(story.get_absolute_url())
    assert response[HEADER] == "MISS"
    assert "Hội nghị người lao động (đã cập nhật)" in html(response)
    assert client.get(other.get_absolute_url())[HEADER] == "HIT"


def test_an_edited_article_shows_at_once_in_the_related_block_of_its_neighbours(
    client, story, events
):
    neighbour = make_article(title="Tập huấn an toàn lao động", category=events)
    warm(client, neighbour.get_absolute_url())
    story.title = "Hội nghị người lao động, kết quả"
    story.save()
    assert "Hội nghị người lao động, kết quả" in html(client.get(neighbour.get_absolute_url()))


def test_a_new_photo_shows_at_once_on_its_article(client, story):
    warm(client, story.get_absolute_url())
    make_photo(article=story, caption="Đại biểu biểu quyết", alt_text="Đại biểu giơ tay")
    assert "Đại biểu biểu quyết" in html(client.get(story.get_absolute_url()))


def test_a_new_address_never_serves_the_old_page_under_the_old_one(client, story):
    old = story.get_absolute_url()
    warm(client, old)
    story.slug = "hoi-nghi-nguoi-lao-dong-2026"
    story.save()
    assert client.get(old)[HEADER] != "HIT"
    assert client.get(story.get_absolute_url()).status_code == 200


def test_a_bulk_unpublish_in_the_admin_takes_the_article_page_down(client, story):
    warm(client, story.get_absolute_url())
    admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x")
    client.force_login(admin)
    response = client.post(
        "/quan-tri/news/article/",
        {"action": "unpublish_selected", "_selected_action": [story.pk]},
    )
    assert response.status_code == 302
    client.logout()
    client.cookies.clear()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_scheduled_article_appears_among_the_related_at_its_time(client, events):
    now = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    story = make_article(title="Tin đã đăng từ trước", category=events, published_at=now)
    with time_machine.travel(now, tick=False) as traveller:
        make_article(
            title="Tin hẹn giờ đăng",
            category=events,
            published_at=now + timezone.timedelta(minutes=3),
        )
        warm(client, story.get_absolute_url())
        traveller.move_to(now + timezone.timedelta(minutes=2, seconds=58))
        assert client.get(story.get_absolute_url())[HEADER] == "HIT"
        traveller.move_to(now + timezone.timedelta(minutes=3, seconds=1))
        assert "Tin hẹn giờ đăng" in html(client.get(story.get_absolute_url()))


def test_a_byline_and_a_renamed_pen_name_show_at_once_on_the_article(client, story):
    warm(client, story.get_absolute_url())
    pen_name = PenName.objects.create(name="D. Quỳnh", user=make_user())
    ArticlePenName.objects.create(article=story, pen_name=pen_name)
    assert "D. Quỳnh" in html(client.get(story.get_absolute_url()))
    warm(client, story.get_absolute_url())
    pen_name.name = "Diễm Quỳnh"
    pen_name.save()
    assert "Diễm Quỳnh" in html(client.get(story.get_absolute_url()))


def test_a_renamed_source_partner_shows_at_once_on_the_article(client, events):
    partner = make_partner(name="Báo Lâm Đồng")
    article = make_article(title="Bài đăng lại", category=events, source_partner=partner)
    warm(client, article.get_absolute_url())
    partner.name = "Báo Lâm Đồng điện tử"
    partner.save()
    assert "Báo Lâm Đồng điện tử" in html(client.get(article.get_absolute_url()))
