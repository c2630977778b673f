"""The editor's desk in the admin: the action bar by role and state, the return comment at the top,
no dead ends (preview, read-only views), the dashboards and the calendar "Lịch đăng bài"."""

import datetime as dt

import pytest
from django.utils import timezone

from agreements.models import AgreementTask
from federation.models import SiteProfile
from news.models import Article, ArticleEvent
from tests.factories import (
    make_agreement,
    make_article,
    make_correspondent,
    make_editor,
    make_photo,
    make_task,
)
from tests.news.admin_helpers import actions, change_url, messages_of, open_form

pytestmark = pytest.mark.django_db

Status = Article.Status
CALENDAR_URL = "/quan-tri/lich-dang-bai/"


@pytest.fixture
def correspondent():
    return make_correspondent(username="ctv", first_name="Thu Hà")


@pytest.fixture
def editor():
    return make_editor(username="bientap", first_name="Lan")


def by(user, **kw):
    kw.setdefault("status", Status.DRAFT)
    kw.setdefault("published_at", None)
    return make_article(created_by=user, **kw)


def returned_with(article, editor, comment):
    article.status = Status.RETURNED
    article.save()
    ArticleEvent.objects.create(
        article=article, actor=editor, action=ArticleEvent.Action.RETURNED, comment=comment,
        status=Status.RETURNED,
    )  # fmt: skip


# The action bar -----------------------------------------------------------------------------------


def test_correspondent_draft_offers_save_draft_submit_and_preview_only(client, correspondent):
    client.force_login(correspondent)
    page = client.get(change_url(by(correspondent))).content.decode()
    assert actions(page) == ["Lưu nháp", "Gửi duyệt", "Xem trước"]
    for stock in ("Lưu và thêm mới", "Lưu và tiếp tục chỉnh sửa", 'name="_save"'):
        assert stock not in page
    assert page.count('class="action-bar"') == 1


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("new", ["Lưu nháp", "Gửi duyệt", "Đăng bài", "Xem trước"]),
        ("submitted", ["Đăng bài", "Trả lại", "Lưu thay đổi", "Xem trước"]),
        ("scheduled-submitted", ["Hẹn giờ đăng", "Trả lại", "Lưu thay đổi", "Xem trước"]),
        ("published", ["Lưu thay đổi", "Gỡ bài (về nháp)", "Gỡ bài (ẩn, giữ nguyên)", "Xem trước"]),
        ("hidden", ["Lưu thay đổi", "Đăng bài", "Xem trước"]),
    ],
)
def test_editor_sees_the_actions_that_apply_primary_first(client, editor, correspondent, state,
                                                           expected):  # fmt: skip
    client.force_login(editor)
    if state == "new":
        url = "/quan-tri/news/article/add/"
    else:
        tomorrow = timezone.now() + dt.timedelta(days=1)
        status, when = {
            "submitted": (Status.SUBMITTED, None),
            "scheduled-submitted": (Status.SUBMITTED, tomorrow),
            "published": (Status.PUBLISHED, timezone.now()),
            "hidden": (Status.HIDDEN, timezone.now()),
        }[state]
        url = change_url(by(correspondent, status=status, published_at=when))
    assert actions(client.get(url).content.decode()) == expected


def test_the_return_comment_box_stands_above_its_button(client, editor, correspondent):
    client.force_login(editor)
    page = client.get(change_url(by(correspondent, status=Status.SUBMITTED))).content.decode()
    assert page.index('name="workflow_comment"') < page.index('data-action="return"')


def test_save_draft_saves_and_stays_on_the_form(client, correspondent):
    article = by(correspondent)
    client.force_login(correspondent)
    data = open_form(client, change_url(article))
    response = client.post(change_url(article), {**data, "lead": "Sapo mới", "_continue": "1"})
    assert response.status_code == 302 and response.url == change_url(article)
    article.refresh_from_db()
    assert (article.lead, article.status) == ("Sapo mới", Status.DRAFT)


# Review people can follow ------------------------------------------------------------------------


def test_the_latest_return_comment_heads_the_form_for_the_author(client, editor, correspondent):
    article = by(correspondent)
    returned_with(article, editor, "Thiếu ảnh.")
    returned_with(article, editor, "Bổ sung số người tham dự ở sapo.")
    client.force_login(correspondent)
    page = client.get(change_url(article)).content.decode()
    notice = page.index('class="review-notice"')
    assert notice < page.index('name="title"')
    head = page[notice : page.index("</blockquote>", notice)]
    assert "Bổ sung số người tham dự ở sapo." in head and "Thiếu ảnh." not in head
    assert "Lan" in head


def test_editor_sees_the_previous_return_comment_on_a_resubmitted_article(
    client, editor, correspondent
):
    article = by(correspondent)
    returned_with(article, editor, "Sửa lại tít.")
    Article.objects.filter(pk=article.pk).update(status=Status.SUBMITTED)
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert "Nhận xét lần trả lại trước" in page and "Sửa lại tít." in page


def test_no_notice_on_a_draft_never_returned(client, correspondent):
    client.force_login(correspondent)
    assert "review-notice" not in client.get(change_url(by(correspondent))).content.decode()


def test_correspondent_dashboard_shows_the_return_comment(client, editor, correspondent):
    article = by(correspondent, title="Hội thao công nhân")
    returned_with(article, editor, "Thêm ảnh đoàn viên thi đấu.")
    client.force_login(correspondent)
    page = client.get("/quan-tri/").content.decode()
    box = page[page.index("<h3>Bị trả lại") :]
    box = box[: box.index("<h3>", 1)]
    assert "Hội thao công nhân" in box and "Thêm ảnh đoàn viên thi đấu." in box


def test_editor_review_queue_is_oldest_submission_first(client, editor, correspondent):
    now = timezone.now()
    for title, minutes in [("Gửi sau", 5), ("Gửi trước", 50), ("Gửi giữa", 20)]:
        article = by(correspondent, title=title, status=Status.SUBMITTED)
        event = ArticleEvent.objects.create(
            article=article, actor=correspondent, action=ArticleEvent.Action.SUBMITTED,
            status=Status.SUBMITTED,
        )  # fmt: skip
        ArticleEvent.objects.filter(pk=event.pk).update(at=now - dt.timedelta(minutes=minutes))
    client.force_login(editor)
    page = client.get("/quan-tri/").content.decode()
    queue = page[page.index("<h3>Chờ duyệt") :]
    queue = queue[: queue.index("<h3>", 1)]
    assert [queue.index(t) for t in ("Gửi trước", "Gửi giữa", "Gửi sau")] == sorted(
        queue.index(t) for t in ("Gửi trước", "Gửi giữa", "Gửi sau")
    )


def test_dashboard_starts_with_write_import_and_the_next_three_items(client, editor):
    now = timezone.now()
    for hours in (30, 5, 70, 50):
        make_article(title=f"Hẹn {hours} giờ", published_at=now + dt.timedelta(hours=hours))
    client.force_login(editor)
    page = client.get("/quan-tri/").content.decode()
    start = page[page.index('class="desk-start"') : page.index("dashboard-boxes")]
    assert start.index("Viết bài mới") < start.index("Nhập bài cũ") < start.index("Sắp tới")
    assert 'href="/quan-tri/news/article/add/"' in start
    assert 'href="/quan-tri/news/article/nhap/"' in start
    shown = [t for t in ("Hẹn 5 giờ", "Hẹn 30 giờ", "Hẹn 50 giờ", "Hẹn 70 giờ") if t in start]
    assert shown == ["Hẹn 5 giờ", "Hẹn 30 giờ", "Hẹn 50 giờ"]
    assert start.index("Hẹn 5 giờ") < start.index("Hẹn 30 giờ") < start.index("Hẹn 50 giờ")


# No dead ends -------------------------------------------------------------------------------------


def test_view_on_site_of_a_draft_opens_its_preview(client, editor):
    article = make_article(status=Status.DRAFT, published_at=None)
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert f'href="/xem-truoc/tin-tuc/{article.pk}/"' in page
    assert client.get(f"/xem-truoc/tin-tuc/{article.pk}/").status_code == 200


def test_view_on_site_of_a_published_article_opens_its_page(client, editor):
    article = make_article()
    client.force_login(editor)
    assert (
        f'href="{article.get_absolute_url()}"' in client.get(change_url(article)).content.decode()
    )


def test_preview_offers_edit_and_for_editors_publish(client, editor, correspondent):
    article = by(correspondent, status=Status.SUBMITTED)
    preview = f"/xem-truoc/tin-tuc/{article.pk}/"
    client.force_login(editor)
    page = client.get(preview).content.decode()
    assert f'href="{change_url(article)}">Sửa bài' in page
    assert f'action="/quan-tri/news/article/{article.pk}/dang-bai/"' in page

    client.force_login(correspondent)
    page = client.get(preview).content.decode()
    assert "dang-bai" not in page
    assert "Sửa bài" not in page  # waiting for review: not theirs to change now
    draft = by(correspondent)
    assert "Sửa bài" in client.get(f"/xem-truoc/tin-tuc/{draft.pk}/").content.decode()


def test_editor_publishes_from_the_preview(client, editor, correspondent):
    article = by(correspondent, status=Status.SUBMITTED)
    client.force_login(editor)
    response = client.post(f"/quan-tri/news/article/{article.pk}/dang-bai/", follow=True)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_public
    assert "Bài đã được đăng." in messages_of(response)
    assert article.events.filter(action=ArticleEvent.Action.PUBLISHED, actor=editor).exists()


def test_correspondent_forged_publish_from_the_preview_changes_nothing(client, correspondent):
    article = by(correspondent)
    client.force_login(correspondent)
    response = client.post(f"/quan-tri/news/article/{article.pk}/dang-bai/", follow=True)
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert "Chỉ biên tập viên mới được đăng bài." in messages_of(response)
    assert client.get(f"/quan-tri/news/article/{article.pk}/dang-bai/").status_code == 405


def test_read_only_view_renders_the_body_and_the_cover(client, correspondent):
    article = by(
        correspondent, status=Status.SUBMITTED, body="<p>Đoàn viên <strong>hăng hái</strong></p>"
    )
    make_photo(article=article, is_cover=True, alt_text="Đoàn viên kéo co")
    client.force_login(correspondent)
    page = client.get(change_url(article)).content.decode()
    assert "<strong>hăng hái</strong>" in page
    assert "&lt;p&gt;" not in page
    assert 'alt="Đoàn viên kéo co"' in page
    assert "icon-no.svg" not in page and "Ảnh đại diện" in page
    assert "Bạn chỉ xem được bài này" in page


# The calendar -------------------------------------------------------------------------------------


def test_calendar_lists_the_next_fourteen_days_by_day_with_links(client, editor):
    now = timezone.now()
    today = timezone.localdate()
    up = make_article(title="Đăng sáng mai", published_at=now + dt.timedelta(days=1))
    down = make_article(title="Gỡ tuần sau", published_at=now - dt.timedelta(days=1),
                        unpublish_at=now + dt.timedelta(days=6))  # fmt: skip
    make_article(title="Đăng tháng sau", published_at=now + dt.timedelta(days=20))
    agreement = make_agreement(title="Chương trình với Báo Lâm Đồng",
                               valid_until=today + dt.timedelta(days=9))  # fmt: skip
    make_task(
        agreement=agreement, title="Chuyên mục công đoàn", due_on=today + dt.timedelta(days=3)
    )
    make_task(agreement=agreement, title="Việc đã xong", due_on=today + dt.timedelta(days=3),
              progress=AgreementTask.Progress.DONE)  # fmt: skip
    client.force_login(editor)
    page = client.get(CALENDAR_URL).content.decode()

    assert page.count('class="calendar__day') == 14
    for title, url in [
        ("Đăng sáng mai", change_url(up)),
        ("Gỡ tuần sau", change_url(down)),
        ("Chương trình với Báo Lâm Đồng", f"/quan-tri/agreements/agreement/{agreement.pk}/change/"),
        ("Chuyên mục công đoàn", f"/quan-tri/agreements/agreement/{agreement.pk}/change/"),
    ]:
        assert f'href="{url}">{title}' in page
    assert "Đăng tháng sau" not in page and "Việc đã xong" not in page
    days = page.split('class="calendar__day')
    day_of = {t: next(i for i, d in enumerate(days) if t in d) - 1 for t in
              ("Đăng sáng mai", "Chuyên mục công đoàn", "Gỡ tuần sau")}  # fmt: skip
    assert day_of["Đăng sáng mai"] == (timezone.localtime(up.published_at).date() - today).days
    assert day_of["Chuyên mục công đoàn"] == 3
    assert day_of["Gỡ tuần sau"] == (timezone.localtime(down.unpublish_at).date() - today).days


def test_correspondent_calendar_shows_only_their_own_articles(client, correspondent):
    soon = timezone.now() + dt.timedelta(days=2)
    by(correspondent, title="Bài của tôi", status=Status.PUBLISHED, published_at=soon)
    make_article(title="Bài người khác", published_at=soon)
    make_agreement(
        title="Chương trình sắp hết", valid_until=timezone.localdate() + dt.timedelta(days=2)
    )
    client.force_login(correspondent)
    page = client.get(CALENDAR_URL).content.decode()
    assert "Bài của tôi" in page
    assert "Bài người khác" not in page and "Chương trình sắp hết" not in page


def test_calendar_needs_a_staff_login(client):
    response = client.get(CALENDAR_URL)
    assert response.status_code == 302 and "/quan-tri/login/" in response.url


# Branding -----------------------------------------------------------------------------------------


def test_admin_wears_the_site_profile_colour_logo_and_favicon(client, editor):
    profile = SiteProfile.load()
    profile.brand_color = "#8a1116"
    profile.save()
    client.force_login(editor)
    page = client.get("/quan-tri/").content.decode()
    assert "--brand: #8a1116;" in page
    assert 'rel="icon"' in page and 'class="brand__logo"' in page
    assert "css/admin-theme" in page
