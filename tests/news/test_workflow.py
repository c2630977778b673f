"""Scheduled publication and previews, seen from the public site: nothing shows before its time
or after its takedown time (no cron job, only the clock), and drafts are seen only by the right
people, or through a signed link that expires."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from news import preview
from news.models import Article
from tests.factories import make_article, make_category, make_correspondent, make_editor
from tests.news.admin_helpers import (
    LIST_URL,
    change_url,
    open_form,
    page_messages,
    split_datetime,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY_8AM = dt.datetime(2026, 3, 2, 8, 0, tzinfo=LOCAL)


def where_it_shows(client, article):
    """Every public place an article can appear, as an anonymous visitor sees them."""
    url = article.get_absolute_url()
    return {
        "page": client.get(url).status_code == 200,
        "list": url in client.get("/tin-tuc/").content.decode(),
        "category": url in client.get(article.category.get_absolute_url()).content.decode(),
        "feed": url in client.get("/tin-tuc/rss/").content.decode(),
        "sitemap": url in client.get("/sitemap-tin-tuc.xml").content.decode(),
        "search": url in client.get("/tim-kiem/", {"q": "hội thao"}).content.decode(),
        "home": url in client.get("/").content.decode(),
    }


EVERYWHERE = dict.fromkeys(["page", "list", "category", "feed", "sitemap", "search", "home"], True)
NOWHERE = dict.fromkeys(EVERYWHERE, False)


@pytest.fixture
def correspondent():
    return make_correspondent(email="ctv.baoloc@example.vn")


@pytest.fixture
def editor():
    return make_editor()


@pytest.fixture
def submitted(correspondent):
    return make_article(
        title="Hội thao công nhân viên chức huyện Bảo Lâm",
        status=Status.SUBMITTED,
        published_at=None,
        created_by=correspondent,
        category=make_category(name="Văn hóa thể thao"),
    )


# Scheduling ---------------------------------------------------------------------------------------


def test_scheduled_article_appears_at_its_time_without_any_command(
    client, editor, correspondent, submitted, time_machine
):
    time_machine.move_to(MONDAY_8AM)
    tomorrow_7am = dt.datetime(2026, 3, 3, 7, 0, tzinfo=LOCAL)
    client.force_login(editor)
    data = open_form(client, change_url(submitted))
    data.update(split_datetime("published_at", tomorrow_7am), _workflow="publish")

    response = client.post(change_url(submitted), data)

    assert "Bài đã được hẹn giờ đăng lúc 07:00, 03/03/2026." in page_messages(client, response)
    submitted.refresh_from_db()
    assert submitted.status == Status.PUBLISHED
    assert submitted.published_at == tomorrow_7am
    assert "Hẹn giờ đăng" in client.get(LIST_URL).content.decode()
    (message,) = mail.outbox
    assert message.to == [correspondent.email]
    assert "đã được hẹn giờ đăng" in message.body
    assert "07:00, 03/03/2026" in message.body
    client.logout()

    assert where_it_shows(client, submitted) == NOWHERE

    time_machine.move_to(dt.datetime(2026, 3, 3, 6, 59, tzinfo=LOCAL))
    assert where_it_shows(client, submitted) == NOWHERE

    time_machine.move_to(dt.datetime(2026, 3, 3, 7, 1, tzinfo=LOCAL))
    assert where_it_shows(client, submitted) == EVERYWHERE


def test_takedown_time_hides_a_published_article_again(client, editor, submitted, time_machine):
    time_machine.move_to(MONDAY_8AM)
    client.force_login(editor)
    data = open_form(client, change_url(submitted))
    data.update(split_datetime("unpublish_at", MONDAY_8AM + dt.timedelta(days=2)))
    client.post(change_url(submitted), {**data, "_workflow": "publish"})
    client.logout()

    assert where_it_shows(client, submitted) == EVERYWHERE

    time_machine.move_to(MONDAY_8AM + dt.timedelta(days=2, minutes=1))
    assert where_it_shows(client, submitted) == NOWHERE
    submitted.refresh_from_db()
    assert submitted.status == Status.PUBLISHED


def test_scheduled_and_takedown_times_together(client, time_machine):
    time_machine.move_to(MONDAY_8AM)
    article = make_article(
        title="Hội thao mừng ngày Quốc tế Lao động",
        published_at=MONDAY_8AM + dt.timedelta(days=1),
        unpublish_at=MONDAY_8AM + dt.timedelta(days=3),
    )
    assert where_it_shows(client, article) == NOWHERE
    time_machine.move_to(MONDAY_8AM + dt.timedelta(days=2))
    assert where_it_shows(client, article) == EVERYWHERE
    time_machine.move_to(MONDAY_8AM + dt.timedelta(days=4))
    assert where_it_shows(client, article) == NOWHERE


def test_takedown_before_publication_is_refused_in_vietnamese(client, editor, submitted):
    client.force_login(editor)
    data = open_form(client, change_url(submitted))
    data.update(split_datetime("published_at", MONDAY_8AM + dt.timedelta(days=400)))
    data.update(split_datetime("unpublish_at", MONDAY_8AM + dt.timedelta(days=399)))

    response = client.post(change_url(submitted), data)

    assert response.status_code == 200
    assert "Thời điểm tự gỡ phải sau thời điểm đăng." in response.content.decode()
    assert Article.objects.get(pk=submitted.pk).unpublish_at is None


# Preview ------------------------------------------------------------------------------------------


def preview_url(article):
    return f"/xem-truoc/tin-tuc/{article.pk}/"


def assert_is_a_preview(response, article):
    assert response.status_code == 200
    page = response.content.decode()
    assert article.title in page
    assert "Bản xem trước" in page
    assert '<meta name="robots" content="noindex' in page
    cache = response["Cache-Control"]
    for word in ["no-cache", "no-store", "private"]:
        assert word in cache, cache


def test_author_previews_a_draft_as_the_public_page_will_look(client, correspondent):
    article = make_article(
        title="Bản nháp về hội thao ở Bảo Lâm",
        status=Status.DRAFT,
        published_at=None,
        created_by=correspondent,
    )
    client.force_login(correspondent)

    response = client.get(preview_url(article))

    assert_is_a_preview(response, article)
    assert "nháp" in response.content.decode()
    assert "data-view-beacon" not in response.content.decode()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED])
def test_editor_previews_any_unpublished_article(client, editor, correspondent, status):
    article = make_article(status=status, published_at=None, created_by=correspondent)
    client.force_login(editor)
    assert_is_a_preview(client.get(preview_url(article)), article)


def test_the_change_form_previews_after_saving(client, correspondent):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=correspondent)
    client.force_login(correspondent)
    data = open_form(client, change_url(article))
    response = client.post(change_url(article), {**data, "_preview": "Lưu và xem trước"})
    assert response["Location"] == preview_url(article)


def test_another_correspondent_cannot_preview_a_draft(client, correspondent):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=correspondent)
    client.force_login(make_correspondent(unit="Công đoàn Điện lực"))
    response = client.get(preview_url(article))
    assert response.status_code == 404
    assert article.title not in response.content.decode()


def test_anonymous_visitor_is_asked_to_sign_in_for_a_preview(client, correspondent):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=correspondent)
    response = client.get(preview_url(article))
    assert response.status_code == 302
    assert response["Location"].startswith("/quan-tri/login/?next=")


def test_officer_without_admin_cannot_preview(client, correspondent):
    from tests.factories import make_officer

    article = make_article(status=Status.DRAFT, published_at=None, created_by=correspondent)
    client.force_login(make_officer())
    response = client.get(preview_url(article))
    assert response.status_code == 302
    assert article.title not in response.content.decode()


def test_the_public_address_of_a_draft_stays_404(client, correspondent):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=correspondent)
    client.force_login(correspondent)
    assert client.get(article.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def shared_link_from_the_change_form(client, article, user):
    client.force_login(user)
    page = client.get(change_url(article)).content.decode()
    client.logout()
    (link,) = re.findall(r'class="vTextField preview-link"[^>]*value="([^"]+)"', page)
    assert link.startswith("http://testserver/xem-truoc/")
    return link.removeprefix("http://testserver")


def test_shared_preview_link_works_without_an_account(client, correspondent):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=correspondent)
    link = shared_link_from_the_change_form(client, article, correspondent)

    assert_is_a_preview(client.get(link), article)


def test_tampered_preview_link_is_404(client, correspondent):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=correspondent)
    other = make_article(status=Status.DRAFT, published_at=None, title="Bài nháp khác")
    link = preview.preview_link(article)
    token = link.strip("/").split("/")[-1]
    value, signature = token.rsplit(":", 1)
    other_value = preview.preview_token(other).rsplit(":", 1)[0]

    for bad in [
        f"/xem-truoc/{value}:{signature[:-2]}xx/",
        f"/xem-truoc/{other_value}:{signature}/",
        "/xem-truoc/khong-phai-ma/",
        f"/xem-truoc/{token[::-1]}/",
    ]:
        response = client.get(bad)
        assert response.status_code == 404, bad
        assert other.title not in response.content.decode()
        assert article.title not in response.content.decode()


def test_preview_link_expires_after_seven_days(client, correspondent, time_machine):
    time_machine.move_to(MONDAY_8AM)
    article = make_article(status=Status.DRAFT, published_at=None, created_by=correspondent)
    link = preview.preview_link(article)

    time_machine.move_to(MONDAY_8AM + dt.timedelta(days=6, hours=23))
    assert client.get(link).status_code == 200

    time_machine.move_to(MONDAY_8AM + dt.timedelta(days=8))
    response = client.get(link)
    assert response.status_code == 404
    assert article.title not in response.content.decode()


def test_preview_link_of_an_article_in_the_trash_is_404(client, correspondent):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=correspondent)
    link = preview.preview_link(article)
    article.trash(by=correspondent)
    assert client.get(link).status_code == 404


def list_row(page, title):
    (row,) = [r for r in re.findall(r"<tr[^>]*>.*?</tr>", page, re.S) if title in r]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))


def test_editors_list_tells_scheduled_from_timed_out_articles(client, editor, time_machine):
    time_machine.move_to(MONDAY_8AM)
    make_article(title="Sắp đăng sáng mai", published_at=MONDAY_8AM + dt.timedelta(hours=20))
    make_article(
        title="Đã hết hạn đăng",
        published_at=MONDAY_8AM - dt.timedelta(days=3),
        unpublish_at=MONDAY_8AM - dt.timedelta(hours=1),
    )
    make_article(title="Đang đăng bình thường")
    client.force_login(editor)

    page = client.get(LIST_URL).content.decode()

    assert "Hẹn giờ đăng" in list_row(page, "Sắp đăng sáng mai")
    assert "Hẹn giờ đăng" not in list_row(page, "Đã hết hạn đăng")
    assert "Đã tự gỡ" in list_row(page, "Đã hết hạn đăng")
    assert "Đã đăng" in list_row(page, "Đang đăng bình thường")
