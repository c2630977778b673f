"""No lost work, through the admin: two people saving the same article, the history with its
revert, the trash with its restore and purge, and the admin index that shows each person their
work."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news import workflow
from news.models import Article, ArticleEvent, Photo
from tests.factories import (
    make_article,
    make_category,
    make_correspondent,
    make_editor,
    make_photo,
)
from tests.news.admin_helpers import (
    ADD_URL,
    LIST_URL,
    TRASH_URL,
    change_url,
    delete_url,
    form_errors,
    form_fields,
    history_url,
    new_article_post,
    open_form,
    page_messages,
)

pytestmark = pytest.mark.django_db

Status = Article.Status


def signed_in(user):
    """A browser of its own for each person, as two editors at two desks."""
    browser = Client()
    browser.force_login(user)
    return browser


# Edit conflicts -----------------------------------------------------------------------------------


def test_second_save_on_an_older_version_is_refused_and_overwrites_nothing():
    article = make_article(title="Đại hội Công đoàn tỉnh lần thứ XI", lead="Sapo ban đầu.")
    lan = signed_in(make_editor(first_name="Lan", username="bientap.lan"))
    minh = signed_in(make_editor(first_name="Minh", username="bientap.minh"))
    lan_form = open_form(lan, change_url(article))
    minh_form = open_form(minh, change_url(article))
    assert lan_form["edit_version"] == minh_form["edit_version"]

    response = lan.post(change_url(article), {**lan_form, "lead": "Sapo do Lan sửa."})
    assert response.status_code == 302, form_errors(response)

    response = minh.post(
        change_url(article),
        {**minh_form, "title": "Đại hội XI: tiêu đề Minh gõ", "lead": "Sapo do Minh sửa."},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Bài viết này vừa được Lan lưu lúc" in page
    assert "bản của bạn CHƯA được lưu" in page
    assert f'<a href="{history_url(article)}" target="_blank">Xem phiên bản kia</a>' in page
    article.refresh_from_db()
    assert article.lead == "Sapo do Lan sửa."
    assert article.title == "Đại hội Công đoàn tỉnh lần thứ XI"
    kept = form_fields(response)
    assert kept["title"] == "Đại hội XI: tiêu đề Minh gõ"
    assert kept["lead"] == "Sapo do Minh sửa."


def test_a_stale_form_cannot_publish_either():
    author = make_correspondent()
    article = make_article(status=Status.SUBMITTED, published_at=None, created_by=author)
    lan = signed_in(make_editor(first_name="Lan"))
    minh = signed_in(make_editor(first_name="Minh"))
    lan_form = open_form(lan, change_url(article))
    minh_form = open_form(minh, change_url(article))
    lan.post(
        change_url(article),
        {**lan_form, "_workflow": "return", "workflow_comment": "Thiếu ảnh."},
    )

    response = minh.post(change_url(article), {**minh_form, "_workflow": "publish"})

    assert response.status_code == 200
    assert "Bài viết này vừa được Lan lưu lúc" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Status.RETURNED


def test_the_authors_submission_after_the_editor_opened_the_form_is_a_conflict_too():
    author = make_correspondent(first_name="Thu Hà")
    article = make_article(status=Status.DRAFT, published_at=None, created_by=author)
    editor = signed_in(make_editor())
    editor_form = open_form(editor, change_url(article))
    writer = signed_in(author)
    writer_form = open_form(writer, change_url(article))
    writer.post(change_url(article), {**writer_form, "_workflow": "submit"})

    response = editor.post(change_url(article), {**editor_form, "status": Status.DRAFT})

    assert response.status_code == 200
    assert "Bài viết này vừa được Thu Hà lưu lúc" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Status.SUBMITTED


def test_after_reloading_the_second_editor_saves_normally():
    article = make_article(title="Tuyên dương đoàn viên xuất sắc")
    lan = signed_in(make_editor(first_name="Lan"))
    minh = signed_in(make_editor(first_name="Minh"))
    lan_form = open_form(lan, change_url(article))
    minh.post(change_url(article), {**open_form(minh, change_url(article)), "byline": "MINH"})
    assert lan.post(change_url(article), lan_form).status_code == 200

    response = lan.post(change_url(article), {**open_form(lan, change_url(article)), "lead": "Mới"})

    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert (article.byline, article.lead) == ("MINH", "Mới")


def test_one_person_saving_twice_in_a_row_is_not_a_conflict():
    article = make_article()
    lan = signed_in(make_editor())
    for lead in ["Lần một.", "Lần hai."]:
        response = lan.post(
            change_url(article), {**open_form(lan, change_url(article)), "lead": lead}
        )
        assert response.status_code == 302, form_errors(response)
    assert Article.objects.get(pk=article.pk).lead == "Lần hai."


# History ------------------------------------------------------------------------------------------


def edit_title(browser, article, title):
    response = browser.post(
        change_url(article), {**open_form(browser, change_url(article)), "title": title}
    )
    assert response.status_code == 302, form_errors(response)


def test_history_lists_each_version_with_who_and_what_changed():
    editor = make_editor(username="bientap.lan")
    lan = signed_in(editor)
    category = make_category()
    response = lan.post(
        ADD_URL, new_article_post(category, title="Phiên bản thứ nhất", status="draft")
    )
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    edit_title(lan, article, "Phiên bản thứ hai")
    edit_title(lan, article, "Phiên bản thứ ba")

    response = lan.get(history_url(article))

    assert response.status_code == 200
    page = response.content.decode()
    for title in ["Phiên bản thứ nhất", "Phiên bản thứ hai", "Phiên bản thứ ba"]:
        assert title in page
    assert page.count("bientap.lan") >= 3
    assert "Tiêu đề:" in page  # what changed, field by field
    assert article.history.count() == 3


# The revert runs outside the test's transaction, as in production: the edit-conflict check locks
# the row, which PostgreSQL allows only inside a transaction.
@pytest.mark.django_db(transaction=True)
def test_editor_restores_the_first_version_from_the_history():
    lan = signed_in(make_editor())
    article = make_article(title="Phiên bản thứ nhất", status=Status.DRAFT, published_at=None)
    edit_title(lan, article, "Phiên bản thứ hai")
    edit_title(lan, article, "Phiên bản thứ ba")
    first = article.history.order_by("history_date", "history_id").first()
    revert_url = f"{history_url(article)}{first.history_id}/"

    response = lan.get(revert_url)
    assert response.status_code == 200
    data = form_fields(response, form_id="historicalarticle_form")
    assert data["title"] == "Phiên bản thứ nhất"

    response = lan.post(revert_url, data)

    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.title == "Phiên bản thứ nhất"
    assert article.history.count() == 4


@pytest.mark.django_db(transaction=True)
def test_a_plain_save_works_outside_a_test_transaction():
    lan = signed_in(make_editor())
    article = make_article(status=Status.DRAFT, published_at=None)
    edit_title(lan, article, "Lưu bình thường")
    assert Article.objects.get(pk=article.pk).title == "Lưu bình thường"


# The trash ----------------------------------------------------------------------------------------


@pytest.fixture
def editor():
    return make_editor(username="bientap.trang")


def test_deleting_in_the_admin_moves_the_article_to_the_trash(client, editor):
    article = make_article(title="Bài lỡ tay xóa về hội thao")
    client.force_login(editor)
    assert client.get(delete_url(article)).status_code == 200

    response = client.post(delete_url(article), {"post": "yes"})

    assert response["Location"] == LIST_URL
    messages = page_messages(client, response)
    assert any("đã được chuyển vào thùng rác" in m and "30 ngày" in m for m in messages)
    article = Article.objects.get(pk=article.pk)
    assert article.deleted_at is not None
    assert article.deleted_by == editor
    assert article.events.get().action == ArticleEvent.Action.TRASHED
    assert article.title not in client.get(LIST_URL).content.decode()
    assert client.get(change_url(article)).status_code == 302
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404
    for url in ["/tin-tuc/", "/tin-tuc/rss/", "/sitemap-tin-tuc.xml", "/"]:
        assert article.get_absolute_url() not in client.get(url).content.decode(), url
    assert (
        article.get_absolute_url()
        not in client.get("/tim-kiem/", {"q": "hội thao"}).content.decode()
    )


def test_deleting_several_from_the_list_moves_them_to_the_trash(client, editor):
    articles = [make_article() for _ in range(2)]
    client.force_login(editor)
    response = client.post(
        LIST_URL,
        {"action": "delete_selected", "_selected_action": [a.pk for a in articles], "post": "yes"},
    )
    assert response.status_code == 302
    assert Article.objects.trashed().count() == 2


def test_editors_see_the_trash_and_restore_from_it(client, editor, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC))
    article = make_article(title="Bài cần khôi phục")
    client.force_login(editor)
    client.post(delete_url(article), {"post": "yes"})

    page = client.get(TRASH_URL).content.decode()
    assert "Bài cần khôi phục" in page
    assert "01/04/2026" in page  # purged 30 days after it was trashed
    assert "bientap.trang" in page

    response = client.post(
        TRASH_URL, {"action": "restore_selected", "_selected_action": [article.pk]}
    )

    assert "Đã khôi phục 1 bài." in page_messages(client, response)
    article.refresh_from_db()
    assert article.deleted_at is None
    assert article.events.first().action == ArticleEvent.Action.RESTORED
    assert "Bài cần khôi phục" in client.get(LIST_URL).content.decode()
    assert "Bài cần khôi phục" not in client.get(TRASH_URL).content.decode()
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_correspondents_own_deleted_draft_can_be_restored_by_an_editor(client, editor):
    author = make_correspondent()
    article = make_article(status=Status.DRAFT, published_at=None, created_by=author)
    client.force_login(author)
    page_messages(client, client.post(delete_url(article), {"post": "yes"}))
    assert article.title not in client.get(LIST_URL).content.decode()
    assert (
        client.post(
            TRASH_URL, {"action": "restore_selected", "_selected_action": [article.pk]}
        ).status_code
        == 403
    )
    assert Article.objects.get(pk=article.pk).deleted_at is not None

    client.force_login(editor)
    assert article.title in client.get(TRASH_URL).content.decode()
    client.post(TRASH_URL, {"action": "restore_selected", "_selected_action": [article.pk]})
    assert Article.objects.get(pk=article.pk).deleted_at is None


def test_trash_and_restore_go_through_the_workflow_with_an_event_and_a_history_row(editor):
    article = make_article(title="Bài qua quy trình")
    versions = article.history.count()

    workflow.trash(article=article, by=editor)
    workflow.trash(article=article, by=editor)  # a second click changes nothing

    article.refresh_from_db()
    assert article.is_trashed and article.deleted_by == editor
    assert not article.is_public
    assert [e.action for e in article.events.all()] == [ArticleEvent.Action.TRASHED]
    assert article.history.count() == versions + 1

    workflow.restore(article=article, by=editor)

    article.refresh_from_db()
    assert not article.is_trashed and article.is_public
    assert article.events.first().action == ArticleEvent.Action.RESTORED
    assert article.events.first().actor == editor
    assert article.history.count() == versions + 2


def test_a_correspondent_cannot_trash_a_published_article_nor_restore_anything(editor):
    author = make_correspondent()
    published = make_article(created_by=author)
    with pytest.raises(PermissionDenied):
        workflow.trash(article=published, by=author)
    draft = make_article(status=Status.DRAFT, published_at=None, created_by=author)
    workflow.trash(article=draft, by=author)
    with pytest.raises(PermissionDenied):
        workflow.restore(article=draft, by=author)
    assert not Article.objects.get(pk=published.pk).is_trashed
    assert Article.objects.get(pk=draft.pk).is_trashed


def test_the_trash_cannot_be_added_to_or_edited_directly(client, editor):
    article = make_article()
    article.trash(by=editor)
    client.force_login(editor)
    assert client.get(f"{TRASH_URL}add/").status_code == 403
    response = client.post(f"{TRASH_URL}{article.pk}/change/", {"title": "Sửa trong thùng rác"})
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).title == article.title


def test_purge_trash_deletes_only_what_was_trashed_more_than_30_days_ago(time_machine):
    start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    time_machine.move_to(start)
    old = make_article(title="Bỏ vào thùng rác từ lâu")
    photo = make_photo(article=old)
    recent = make_article(title="Mới bỏ vào thùng rác")
    alive = make_article(title="Bài vẫn đang đăng")
    old.trash()
    time_machine.move_to(start + dt.timedelta(days=20))
    recent.trash()
    storage = photo.image.storage
    name = photo.image.name
    assert storage.exists(name)

    time_machine.move_to(start + dt.timedelta(days=31))
    dry = StringIO()
    call_command("purge_trash", "--dry-run", stdout=dry)
    assert "Sẽ xóa 1 bài" in dry.getvalue()
    assert Article.objects.filter(pk=old.pk).exists()

    out = StringIO()
    call_command("purge_trash", stdout=out)

    assert "Đã xóa hẳn 1 bài quá 30 ngày trong thùng rác." in out.getvalue()
    assert not Article.objects.filter(pk=old.pk).exists()
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert not storage.exists(name)
    assert set(Article.objects.values_list("pk", flat=True)) == {recent.pk, alive.pk}

    time_machine.move_to(start + dt.timedelta(days=51))
    out = StringIO()
    call_command("purge_trash", stdout=out)
    assert "Đã xóa hẳn 1 bài" in out.getvalue()
    assert list(Article.objects.values_list("pk", flat=True)) == [alive.pk]


# The admin index ----------------------------------------------------------------------------------


def dashboard(client):
    """The news box of the admin index: {box title: [article titles]}."""
    page = client.get("/quan-tri/").content.decode()
    box = page.split('class="module dashboard-box dashboard-news"', 1)[1].split("</div>", 1)[0]
    boxes = {}
    for section in box.split("<h3>")[1:]:
        heading, body = section.split("</h3>", 1)
        title = re.sub(r"\s*\(\d+\)$", "", heading).strip()
        boxes[title] = re.findall(r'/quan-tri/news/article/\d+/change/">([^<]+)</a>', body)
    return boxes


def test_correspondent_sees_their_own_drafts_and_returned_articles(client):
    author = make_correspondent()
    make_article(title="Nháp của tôi", status=Status.DRAFT, published_at=None, created_by=author)
    make_article(
        title="Bài tôi bị trả lại", status=Status.RETURNED, published_at=None, created_by=author
    )
    make_article(
        title="Bài tôi đang chờ", status=Status.SUBMITTED, published_at=None, created_by=author
    )
    make_article(
        title="Nháp người khác",
        status=Status.DRAFT,
        published_at=None,
        created_by=make_correspondent(),
    )
    trashed = make_article(
        title="Nháp đã xóa", status=Status.DRAFT, published_at=None, created_by=author
    )
    trashed.trash(by=author)
    client.force_login(author)

    assert dashboard(client) == {
        "Bài nháp của tôi": ["Nháp của tôi"],
        "Bị trả lại": ["Bài tôi bị trả lại"],
        "Đang chờ duyệt": ["Bài tôi đang chờ"],
        "Đã đăng": [],
    }


def test_editor_also_sees_the_review_queue_the_schedule_and_the_latest(client, editor):
    author = make_correspondent()
    now = timezone.now()
    make_article(
        title="Chờ duyệt một", status=Status.SUBMITTED, published_at=None, created_by=author
    )
    make_article(
        title="Bản nháp của biên tập", status=Status.DRAFT, published_at=None, created_by=editor
    )
    make_article(title="Hẹn giờ sáng mai", published_at=now + dt.timedelta(hours=20))
    make_article(title="Vừa đăng xong", published_at=now - dt.timedelta(minutes=5))
    make_article(
        title="Đã tự gỡ theo giờ",
        published_at=now - dt.timedelta(minutes=3),
        unpublish_at=now - dt.timedelta(minutes=2),
    )
    make_article(
        title="Đã gỡ, giữ lại", status=Status.HIDDEN, published_at=now - dt.timedelta(days=1)
    )
    make_article(title="Đăng rồi xóa", published_at=now - dt.timedelta(minutes=1)).trash()
    client.force_login(editor)

    assert dashboard(client) == {
        "Bài nháp của tôi": ["Bản nháp của biên tập"],
        "Bị trả lại": [],
        "Chờ duyệt": ["Chờ duyệt một"],
        "Hẹn giờ đăng": ["Hẹn giờ sáng mai"],
        "Mới đăng": ["Vừa đăng xong"],
    }


def test_admin_index_takes_the_same_queries_with_many_articles(client, editor):
    author = make_correspondent()

    def fill(n):
        for i in range(n):
            make_article(status=Status.SUBMITTED, published_at=None, created_by=author)
            make_article(status=Status.DRAFT, published_at=None, created_by=editor)
            make_article(published_at=timezone.now() + dt.timedelta(days=i + 1))
            make_article()

    client.force_login(editor)
    fill(1)
    client.get("/quan-tri/")  # the first request also loads caches (site profile, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/quan-tri/").status_code == 200
    fill(12)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/quan-tri/").status_code == 200
    assert len(many) == len(few)


def test_editors_correspondent_list_takes_the_same_queries_with_many_people(client, editor):
    def fill(n):
        for _ in range(n):
            person = make_correspondent(unit=f"Công đoàn cơ sở số {Article.objects.count()}")
            make_article(created_by=person, status=Status.DRAFT, published_at=None)

    client.force_login(editor)
    fill(1)
    client.get("/quan-tri/news/correspondent/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/quan-tri/news/correspondent/").status_code == 200
    fill(20)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/quan-tri/news/correspondent/").status_code == 200
    assert len(many) == len(few)


# History of agreements and worker profiles --------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "url", "field", "form_id"),
    [
        ("agreement", "/quan-tri/agreements/agreement/{pk}/", "title", "agreement_form"),
        (
            "worker",
            "/quan-tri/federation/exemplaryworker/{pk}/",
            "position",
            "exemplaryworker_form",
        ),
    ],
)
def test_editor_sees_and_restores_the_history_of_agreements_and_profiles(
    client, make, url, field, form_id
):
    from tests import factories

    item = getattr(factories, f"make_{make}")()
    base = url.format(pk=item.pk)
    editor = make_editor(username="bientap.lichsu")
    client.force_login(editor)
    original = getattr(item, field)

    data = form_fields(client.get(f"{base}change/"), form_id=form_id)
    data[field] = "Giá trị đã sửa lần một"
    response = client.post(f"{base}change/", data)
    assert response.status_code == 302, form_errors(response)

    page = client.get(f"{base}history/").content.decode()
    assert "bientap.lichsu" in page
    assert "Giá trị đã sửa lần một" in page and original in page

    first = type(item).history.filter(id=item.pk).order_by("history_id").first()
    revert = client.get(f"{base}history/{first.history_id}/")
    assert revert.status_code == 200
    response = client.post(
        f"{base}history/{first.history_id}/", form_fields(revert, form_id=f"historical{form_id}")
    )
    assert response.status_code == 302, form_errors(response)
    item.refresh_from_db()
    assert getattr(item, field) == original


# Published articles keep their slug read-only, and the history must open and restore them anyway.
@pytest.mark.django_db(transaction=True)
def test_editor_opens_and_restores_an_old_version_of_a_published_article():
    lan = signed_in(make_editor(username="bientap.lan"))
    article = make_article(
        title="Hội nghị tổng kết năm", lead="Sapo bản đầu.", byline="THU HÀ", slug="hoi-nghi"
    )
    for title, lead in [("Hội nghị tổng kết – sửa lần một", "Sapo sửa một."), ("Lần hai", "Hai.")]:
        response = lan.post(
            change_url(article),
            {**open_form(lan, change_url(article)), "title": title, "lead": lead},
        )
        assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert (article.title, article.status) == ("Lần hai", Status.PUBLISHED)

    listing = lan.get(history_url(article))
    assert listing.status_code == 200
    assert "Hội nghị tổng kết – sửa lần một" in listing.content.decode()
    versions = list(article.history.order_by("history_date", "history_id"))
    for version in versions:
        response = lan.get(f"{history_url(article)}{version.history_id}/")
        assert response.status_code == 200, version.history_id
    first = versions[0]
    revert_url = f"{history_url(article)}{first.history_id}/"
    page = lan.get(revert_url)
    data = form_fields(page, form_id="historicalarticle_form")
    assert data["title"] == "Hội nghị tổng kết năm"
    assert "slug" not in data  # still read-only: the URL of a published article does not move
    assert "hoi-nghi" in page.content.decode()

    response = lan.post(revert_url, data)

    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert (article.title, article.lead, article.byline) == (
        "Hội nghị tổng kết năm",
        "Sapo bản đầu.",
        "THU HÀ",
    )
    assert (article.slug, article.status) == ("hoi-nghi", Status.PUBLISHED)
    assert article.history.count() == len(versions) + 1
    assert lan.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_restoring_a_draft_version_of_a_published_article_keeps_its_address_and_status():
    from news import workflow

    editor = make_editor()
    lan = signed_in(editor)
    article = make_article(title="Bản nháp đầu", slug="ban-nhap-dau", status=Status.DRAFT)
    article.published_at = None
    article.save()
    response = lan.post(
        change_url(article),
        {**open_form(lan, change_url(article)), "title": "Bản chính", "slug": "ban-chinh"},
    )
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    workflow.publish(article=article, by=editor)
    draft = article.history.filter(title="Bản nháp đầu").order_by("history_id").last()
    assert (draft.status, draft.slug) == (Status.DRAFT, "ban-nhap-dau")
    revert_url = f"{history_url(article)}{draft.history_id}/"

    page = lan.get(revert_url)

    assert page.status_code == 200
    data = form_fields(page, form_id="historicalarticle_form")
    assert data["title"] == "Bản nháp đầu"
    assert "slug" not in data and "status" not in data
    response = lan.post(revert_url, {**data, "published_at_0": "", "published_at_1": ""})
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert (article.title, article.slug, article.status) == (
        "Bản nháp đầu",
        "ban-chinh",
        Status.PUBLISHED,
    )
    assert lan.get("/tin-tuc/ban-chinh/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_restoring_a_version_saved_while_in_the_trash_does_not_trash_the_article_again():
    editor = make_editor()
    lan = signed_in(editor)
    article = make_article(title="Tiêu đề lúc bị xóa")
    article.trash(by=editor)
    trashed_version = article.history.order_by("history_id").last()
    assert trashed_version.deleted_at is not None
    assert lan.get(f"{history_url(article)}{trashed_version.history_id}/").status_code == 302
    article.restore()
    edit_title(lan, article, "Tiêu đề mới")
    revert_url = f"{history_url(article)}{trashed_version.history_id}/"

    data = form_fields(lan.get(revert_url), form_id="historicalarticle_form")
    response = lan.post(revert_url, data)

    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.title == "Tiêu đề lúc bị xóa"
    assert (article.deleted_at, article.deleted_by) == (None, None)
    assert lan.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("make", "url", "form_id", "edits"),
    [
        (
            "agreement",
            "/quan-tri/agreements/agreement/{pk}/",
            "agreement_form",
            {
                "title": "Chương trình phối hợp đã sửa",
                "document_number": "Số 99/CTPH-SỬA",
                "summary": "<p>Tóm tắt đã sửa.</p>",
                "signatories": "Người ký đã sửa",
            },
        ),
        (
            "worker",
            "/quan-tri/federation/exemplaryworker/{pk}/",
            "exemplaryworker_form",
            {
                "full_name": "Tên đã sửa",
                "position": "Tổ trưởng đã sửa",
                "achievements": "<p>Thành tích đã sửa.</p>",
                "quote": "Câu nói đã sửa.",
            },
        ),
    ],
)
def test_every_version_of_an_agreement_or_a_profile_opens_and_the_first_is_restored(
    make, url, form_id, edits
):
    from tests import factories

    item = getattr(factories, f"make_{make}")()
    original = {field: getattr(item, field) for field in edits}
    base = url.format(pk=item.pk)
    browser = signed_in(make_editor(username="bientap.lichsu"))
    for round_ in (1, 2):
        data = form_fields(browser.get(f"{base}change/"), form_id=form_id)
        data.update({field: f"{value} ({round_})" for field, value in edits.items()})
        response = browser.post(f"{base}change/", data)
        assert response.status_code == 302, form_errors(response)

    listing = browser.get(f"{base}history/")
    assert listing.status_code == 200
    versions = list(type(item).history.filter(id=item.pk).order_by("history_id"))
    assert len(versions) == 3
    for version in versions:
        assert browser.get(f"{base}history/{version.history_id}/").status_code == 200
    revert_url = f"{base}history/{versions[0].history_id}/"
    data = form_fields(browser.get(revert_url), form_id=f"historical{form_id}")

    response = browser.post(revert_url, data)

    assert response.status_code == 302, form_errors(response)
    item.refresh_from_db()
    assert {field: getattr(item, field) for field in edits} == original
    assert browser.get(item.get_absolute_url()).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_correspondent_cannot_restore_their_draft_over_the_published_article():
    from news import workflow

    author = make_correspondent()
    article = make_article(
        title="Bài của cộng tác viên", status=Status.DRAFT, published_at=None, created_by=author
    )
    draft = article.history.get()
    workflow.publish(article=article, by=make_editor())
    article.title = "Tiêu đề biên tập viên sửa"
    article.save()
    writer = signed_in(author)
    revert_url = f"{history_url(article)}{draft.history_id}/"

    response = writer.post(revert_url, {"title": "Bài của cộng tác viên"})

    assert response.status_code == 403
    article.refresh_from_db()
    assert (article.title, article.status) == ("Tiêu đề biên tập viên sửa", Status.PUBLISHED)
