"""The editorial workflow through the real admin URLs, as each role: what correspondents may do,
the crafted POSTs that must change nothing, and the editors' review, publication and takedown."""

import pytest
from django.core import mail

from news.models import Article, ArticleEvent
from tests.factories import make_article, make_category, make_correspondent, make_editor
from tests.news.admin_helpers import (
    ADD_URL,
    LIST_URL,
    TRASH_URL,
    actions,
    change_url,
    delete_url,
    form_errors,
    history_url,
    messages_of,
    new_article_post,
    open_form,
    page_messages,
    split_datetime,
)

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def category():
    return make_category(name="Hoạt động cơ sở")


@pytest.fixture
def correspondent():
    return make_correspondent(
        username="ctv.caudat", email="ctv.caudat@example.vn", first_name="Thu Hà"
    )


@pytest.fixture
def editor():
    return make_editor(username="bientap.lan", email="bientap.lan@example.vn", first_name="Lan")


def draft_by(user, **kw):
    kw.setdefault("status", Status.DRAFT)
    kw.setdefault("published_at", None)
    return make_article(created_by=user, **kw)


def snapshot(article):
    """What a forbidden request must leave untouched."""
    fresh = Article.objects.get(pk=article.pk)
    return (
        fresh.title,
        fresh.lead,
        fresh.status,
        fresh.featured,
        fresh.published_at,
        fresh.unpublish_at,
        fresh.deleted_at,
    )


# Correspondents: writing and submitting -----------------------------------------------------------


def test_correspondent_add_form_has_no_publishing_fields(client, correspondent):
    client.force_login(correspondent)
    page = client.get(ADD_URL).content.decode()
    assert 'name="title"' in page
    for field in ["status", "featured", "published_at_0", "unpublish_at_0"]:
        assert f'name="{field}"' not in page
    assert "Gửi duyệt" in actions(page)
    assert "Đăng bài" not in actions(page)


def test_correspondent_adds_an_article_that_is_their_own_draft(client, correspondent, category):
    client.force_login(correspondent)
    response = client.post(ADD_URL, new_article_post(category))
    assert response.status_code == 302, form_errors(response)

    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert article.created_by == correspondent
    assert not article.featured
    assert article.published_at is None
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_crafted_add_post_cannot_publish_feature_or_schedule(client, correspondent, category):
    client.force_login(correspondent)
    data = new_article_post(
        category,
        status=Status.PUBLISHED,
        featured="on",
        **split_datetime("published_at", make_article().published_at),
        unpublish_at_0="01/01/2030",
        unpublish_at_1="08:00:00",
    )
    Article.objects.all().delete()

    client.post(ADD_URL, data)

    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert not article.featured
    assert article.published_at is None
    assert article.unpublish_at is None
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get("/tin-tuc/").content.decode()


def test_crafted_change_post_cannot_publish_or_feature_own_draft(client, correspondent):
    article = draft_by(correspondent)
    client.force_login(correspondent)
    data = open_form(client, change_url(article))
    data.update(status=Status.PUBLISHED, featured="on", title="Tiêu đề đã sửa")

    response = client.post(change_url(article), data)

    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.title == "Tiêu đề đã sửa"
    assert article.status == Status.DRAFT
    assert not article.featured
    assert article.published_at is None


@pytest.mark.parametrize("url_of", [lambda a: ADD_URL, change_url], ids=["add", "change"])
def test_correspondent_publish_button_is_refused_in_vietnamese(
    client, correspondent, editor, category, url_of
):
    article = draft_by(correspondent)
    client.force_login(correspondent)
    url = url_of(article)
    data = open_form(client, url) if url != ADD_URL else new_article_post(category)
    data["_workflow"] = "publish"

    response = client.post(url, data)

    assert "Chỉ biên tập viên mới được đăng bài." in page_messages(client, response)
    assert set(Article.objects.values_list("status", flat=True)) == {Status.DRAFT}
    assert not ArticleEvent.objects.filter(action=ArticleEvent.Action.PUBLISHED).exists()
    assert mail.outbox == []


@pytest.mark.parametrize("button", ["return", "unpublish", "hide"])
def test_correspondent_cannot_use_the_editors_buttons(client, correspondent, button):
    article = draft_by(correspondent)
    client.force_login(correspondent)
    data = open_form(client, change_url(article))
    data.update(_workflow=button, workflow_comment="Tự trả lại")

    response = client.post(change_url(article), data)

    assert any(m.startswith("Chỉ biên tập viên") for m in page_messages(client, response))
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    assert not ArticleEvent.objects.exists()


def test_correspondent_submits_and_the_editors_are_emailed(client, correspondent, editor):
    second_editor = make_editor(email="bientap.minh@example.vn")
    article = draft_by(correspondent, title="Ngày hội công nhân Cầu Đất")
    client.force_login(correspondent)
    data = open_form(client, change_url(article))
    data["_workflow"] = "submit"

    response = client.post(change_url(article), data)

    assert "Đã gửi bài cho biên tập viên duyệt." in page_messages(client, response)
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    event = article.events.get()
    assert (event.action, event.actor) == (ArticleEvent.Action.SUBMITTED, correspondent)
    (message,) = mail.outbox
    assert sorted(message.to) == sorted([editor.email, second_editor.email])
    assert message.subject == "[Chờ duyệt] Ngày hội công nhân Cầu Đất"
    assert "Thu Hà vừa gửi bài «Ngày hội công nhân Cầu Đất» để duyệt." in message.body
    assert f"/quan-tri/news/article/{article.pk}/change/" in message.body


def test_correspondent_submits_straight_from_the_add_form(client, correspondent, editor, category):
    client.force_login(correspondent)
    response = client.post(ADD_URL, new_article_post(category, _workflow="submit"))
    article = Article.objects.get()
    assert response["Location"] == change_url(article)
    assert article.status == Status.SUBMITTED
    assert article.created_by == correspondent
    assert [m.to for m in mail.outbox] == [[editor.email]]


# Correspondents: other people's articles ----------------------------------------------------------


@pytest.fixture
def others_article(editor):
    colleague = make_correspondent(unit="Công đoàn Bệnh viện Đa khoa Lâm Đồng")
    return draft_by(colleague, title="Bài của đồng nghiệp ở bệnh viện")


def test_correspondent_does_not_see_another_persons_article_in_the_list(
    client, correspondent, others_article
):
    mine = draft_by(correspondent, title="Bài của chính tôi ở Cầu Đất")
    published = make_article(title="Bài đã đăng của ban biên tập")
    client.force_login(correspondent)

    page = client.get(LIST_URL).content.decode()

    assert mine.title in page
    assert others_article.title not in page
    assert published.title not in page
    page = client.get(LIST_URL, {"tac_gia": others_article.created_by_id}).content.decode()
    assert others_article.title not in page


def test_correspondent_cannot_open_another_persons_article(client, correspondent, others_article):
    client.force_login(correspondent)
    for url in [
        change_url(others_article),
        delete_url(others_article),
        history_url(others_article),
        f"{history_url(others_article)}{others_article.history.first().history_id}/",
        f"/xem-truoc/tin-tuc/{others_article.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert others_article.title not in response.content.decode(), url


def test_crafted_posts_to_another_persons_article_change_nothing(
    client, correspondent, editor, others_article
):
    client.force_login(editor)
    data = open_form(client, change_url(others_article))
    before = snapshot(others_article)
    client.force_login(correspondent)
    data.update(title="Tôi sửa bài người khác", lead="Chen ngang")

    for workflow in ["", "submit", "publish"]:
        client.post(change_url(others_article), {**data, "_workflow": workflow})
    client.post(delete_url(others_article), {"post": "yes"})
    client.post(LIST_URL, {"action": "delete_selected", "_selected_action": [others_article.pk]})
    client.post(
        LIST_URL,
        {"action": "delete_selected", "_selected_action": [others_article.pk], "post": "yes"},
    )
    history = others_article.history.order_by("history_id").first()
    client.post(f"{history_url(others_article)}{history.history_id}/", data)

    assert snapshot(others_article) == before
    assert not ArticleEvent.objects.exists()


# Correspondents: their own articles after submission ----------------------------------------------


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED])
def test_correspondent_cannot_edit_own_article_once_submitted_or_published(
    client, correspondent, editor, status
):
    article = draft_by(correspondent, status=status)
    client.force_login(editor)
    data = open_form(client, change_url(article))
    before = snapshot(article)
    client.force_login(correspondent)

    page = client.get(change_url(article)).content.decode()
    assert 'name="title"' not in page
    assert "Gửi duyệt" not in actions(page)
    data.update(title="Sửa sau khi gửi", lead="Sửa lén", status=Status.DRAFT)
    response = client.post(change_url(article), data)

    assert response.status_code == 403
    client.post(change_url(article), {**data, "_workflow": "submit"})
    history = article.history.order_by("history_id").first()
    client.post(f"{history_url(article)}{history.history_id}/", data)
    assert snapshot(article) == before


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED])
def test_correspondent_cannot_delete_own_article_once_submitted_or_published(
    client, correspondent, status
):
    article = draft_by(correspondent, status=status)
    client.force_login(correspondent)

    assert client.post(delete_url(article), {"post": "yes"}).status_code == 403
    client.post(
        LIST_URL, {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"}
    )

    article.refresh_from_db()
    assert article.deleted_at is None
    assert article.status == status


def test_correspondent_can_delete_own_draft_into_the_trash(client, correspondent):
    article = draft_by(correspondent)
    client.force_login(correspondent)

    response = client.post(delete_url(article), {"post": "yes"})

    assert response["Location"] == LIST_URL
    article.refresh_from_db()
    assert article.deleted_at is not None
    assert article.deleted_by == correspondent


def test_correspondent_edits_again_after_the_article_is_returned(client, correspondent, editor):
    article = draft_by(correspondent, status=Status.SUBMITTED)
    client.force_login(editor)
    data = open_form(client, change_url(article))
    client.post(
        change_url(article),
        {**data, "_workflow": "return", "workflow_comment": "Bổ sung số đoàn viên tham dự."},
    )
    client.force_login(correspondent)

    data = open_form(client, change_url(article))
    data["lead"] = "Hơn 300 đoàn viên của 12 tổ công đoàn tham dự."
    response = client.post(change_url(article), {**data, "_workflow": "submit"})

    assert "Đã gửi bài cho biên tập viên duyệt." in page_messages(client, response)
    article.refresh_from_db()
    assert article.lead == "Hơn 300 đoàn viên của 12 tổ công đoàn tham dự."
    assert article.status == Status.SUBMITTED


def test_correspondent_cannot_use_the_publish_actions_on_the_list(client, correspondent):
    draft = draft_by(correspondent)
    submitted = draft_by(correspondent, status=Status.SUBMITTED)
    published = draft_by(correspondent, status=Status.PUBLISHED)
    client.force_login(correspondent)

    page = client.get(LIST_URL).content.decode()
    assert "publish_selected" not in page
    for action, articles in [
        ("publish_selected", [draft, submitted]),
        ("unpublish_selected", [published]),
    ]:
        client.post(
            LIST_URL,
            {"action": action, "_selected_action": [a.pk for a in articles], "index": "0"},
        )

    assert Article.objects.get(pk=draft.pk).status == Status.DRAFT
    assert Article.objects.get(pk=submitted.pk).status == Status.SUBMITTED
    assert Article.objects.get(pk=published.pk).status == Status.PUBLISHED
    assert not ArticleEvent.objects.exists()


def test_correspondent_has_no_access_to_agreements_workers_or_the_trash(client, correspondent):
    client.force_login(correspondent)
    for url in [
        "/quan-tri/agreements/agreement/",
        "/quan-tri/agreements/agreement/add/",
        "/quan-tri/agreements/partner/",
        "/quan-tri/federation/exemplaryworker/",
        "/quan-tri/federation/exemplaryworker/add/",
        "/quan-tri/news/category/add/",
        "/quan-tri/news/correspondent/",
        TRASH_URL,
    ]:
        assert client.get(url).status_code == 403, url

    index = client.get("/quan-tri/").content.decode()
    assert "/quan-tri/news/article/" in index
    for hidden in [
        "/quan-tri/agreements/",
        "/quan-tri/federation/exemplaryworker/",
        TRASH_URL,
        "/quan-tri/auth/",
    ]:
        assert hidden not in index, hidden


# Editors: review, publication and takedown --------------------------------------------------------


@pytest.fixture
def submitted(correspondent):
    return draft_by(correspondent, status=Status.SUBMITTED, title="Hội thao công nhân chè")


def test_editor_sees_the_review_buttons_on_a_submitted_article(client, editor, submitted):
    client.force_login(editor)
    page = client.get(change_url(submitted)).content.decode()
    assert "Đăng bài" in actions(page)
    assert "Trả lại" in actions(page)
    assert 'name="workflow_comment"' in page
    assert not [label for label in actions(page) if label.startswith("Gỡ bài")]


def test_editor_returns_an_article_with_a_comment_for_the_author(
    client, editor, correspondent, submitted
):
    client.force_login(editor)
    data = open_form(client, change_url(submitted))
    comment = "Cần thêm ảnh và tên đơn vị tổ chức."

    response = client.post(
        change_url(submitted), {**data, "_workflow": "return", "workflow_comment": comment}
    )

    assert "Đã trả bài lại cho tác giả kèm nhận xét." in page_messages(client, response)
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    event = submitted.events.get()
    assert (event.action, event.actor, event.comment) == (
        ArticleEvent.Action.RETURNED,
        editor,
        comment,
    )
    (message,) = mail.outbox
    assert message.to == [correspondent.email]
    assert message.subject == "[Trả lại] Hội thao công nhân chè"
    assert "bị trả lại để sửa" in message.body
    assert comment in message.body

    client.force_login(correspondent)
    page = client.get(change_url(submitted)).content.decode()
    assert "Quá trình duyệt bài" in page
    assert comment in page


def test_return_without_a_comment_is_refused_in_vietnamese(client, editor, submitted):
    client.force_login(editor)
    data = open_form(client, change_url(submitted))

    response = client.post(
        change_url(submitted), {**data, "_workflow": "return", "workflow_comment": "   "}
    )

    assert "Hãy ghi rõ lý do trả lại để tác giả biết cần sửa gì." in page_messages(client, response)
    assert Article.objects.get(pk=submitted.pk).status == Status.SUBMITTED
    assert not ArticleEvent.objects.exists()
    assert mail.outbox == []


def test_editor_publishes_and_the_author_is_emailed(client, editor, correspondent, submitted):
    client.force_login(editor)
    data = open_form(client, change_url(submitted))

    response = client.post(change_url(submitted), {**data, "_workflow": "publish"})

    assert "Bài đã được đăng." in page_messages(client, response)
    submitted.refresh_from_db()
    assert submitted.status == Status.PUBLISHED
    assert submitted.is_public
    (message,) = mail.outbox
    assert message.to == [correspondent.email]
    assert message.subject == "[Đã đăng] Hội thao công nhân chè"
    assert "đã được đăng" in message.body
    client.logout()
    page = client.get(submitted.get_absolute_url())
    assert page.status_code == 200
    assert "Hội thao công nhân chè" in page.content.decode()


@pytest.mark.parametrize(
    ("button", "status"), [("unpublish", Status.DRAFT), ("hide", Status.HIDDEN)]
)
def test_editor_takes_an_article_down(client, editor, correspondent, button, status):
    article = draft_by(correspondent, status=Status.PUBLISHED, title="Bài cần gỡ xuống")
    client.force_login(editor)
    data = open_form(client, change_url(article))
    assert "Gỡ bài (về nháp)" in actions(client.get(change_url(article)).content.decode())

    response = client.post(change_url(article), {**data, "_workflow": button})

    assert "Đã gỡ bài khỏi trang công khai." in page_messages(client, response)
    article.refresh_from_db()
    assert article.status == status
    assert article.title == "Bài cần gỡ xuống"
    assert article.events.get().action == ArticleEvent.Action.UNPUBLISHED
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Bài cần gỡ xuống" not in client.get("/tin-tuc/").content.decode()


def test_an_unpublished_article_is_published_again_at_its_old_time(client, editor, submitted):
    article = submitted
    client.force_login(editor)
    data = open_form(client, change_url(article))
    client.post(change_url(article), {**data, "_workflow": "publish"})
    first_time = Article.objects.get(pk=article.pk).published_at
    data = open_form(client, change_url(article))
    client.post(change_url(article), {**data, "_workflow": "unpublish"})
    data = open_form(client, change_url(article))

    client.post(change_url(article), {**data, "_workflow": "publish"})

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    # The form's date and time boxes keep whole seconds.
    assert article.published_at == first_time.replace(microsecond=0)


def test_editor_publishes_several_articles_from_the_list(client, editor, correspondent):
    articles = [draft_by(correspondent, status=Status.SUBMITTED) for _ in range(3)]
    client.force_login(editor)

    response = client.post(
        LIST_URL,
        {"action": "publish_selected", "_selected_action": [a.pk for a in articles], "index": "0"},
    )

    assert "Đã đăng 3 bài." in page_messages(client, response)
    assert set(Article.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert len(mail.outbox) == 3

    response = client.post(
        LIST_URL,
        {"action": "unpublish_selected", "_selected_action": [articles[0].pk], "index": "0"},
    )
    assert "Đã gỡ 1 bài." in page_messages(client, response)
    assert Article.objects.get(pk=articles[0].pk).status == Status.DRAFT


def test_editor_edits_any_article_and_may_feature_it(client, editor, correspondent):
    article = draft_by(correspondent, status=Status.PUBLISHED)
    client.force_login(editor)
    data = open_form(client, change_url(article))
    data.update(featured="on", lead="Sapo do biên tập viên viết lại.")

    response = client.post(change_url(article), data)

    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.featured
    assert article.lead == "Sapo do biên tập viên viết lại."
    assert article.created_by == correspondent


def test_change_form_messages_are_shown_after_the_redirect(client, editor, submitted):
    client.force_login(editor)
    data = open_form(client, change_url(submitted))
    response = client.post(change_url(submitted), {**data, "_workflow": "publish"}, follow=True)
    assert "Bài đã được đăng." in messages_of(response)


# Editors' list: units and correspondents ----------------------------------------------------------


def test_editor_filters_the_list_by_unit_and_by_correspondent(client, editor):
    tea = make_correspondent(unit="Công đoàn cơ sở Công ty CP Chè Cầu Đất")
    tea_colleague = make_correspondent(unit="Công đoàn cơ sở Công ty CP Chè Cầu Đất")
    hospital = make_correspondent(unit="Công đoàn Bệnh viện Đa khoa Lâm Đồng")
    tea_one = draft_by(tea, title="Tin từ đồi chè số một", status=Status.SUBMITTED)
    tea_two = draft_by(tea_colleague, title="Tin từ đồi chè số hai", status=Status.SUBMITTED)
    ward = draft_by(hospital, title="Tin từ khoa nội bệnh viện", status=Status.SUBMITTED)
    client.force_login(editor)

    page = client.get(LIST_URL).content.decode()
    assert "đơn vị" in page and "cộng tác viên" in page
    assert "Công đoàn Bệnh viện Đa khoa Lâm Đồng" in page

    page = client.get(
        LIST_URL, {"don_vi": "Công đoàn cơ sở Công ty CP Chè Cầu Đất"}
    ).content.decode()
    assert tea_one.title in page and tea_two.title in page
    assert ward.title not in page

    page = client.get(LIST_URL, {"tac_gia": tea_colleague.pk}).content.decode()
    assert tea_two.title in page
    assert tea_one.title not in page and ward.title not in page

    for bad in [{"tac_gia": "abc"}, {"don_vi": "Không có đơn vị này"}]:
        assert client.get(LIST_URL, bad).status_code == 200


def test_editor_lists_correspondents_with_their_units(client, editor):
    person = make_correspondent(unit="Công đoàn Điện lực Lâm Đồng", first_name="Quang")
    draft_by(person)
    draft_by(person)
    draft_by(person).trash(by=person)
    client.force_login(editor)
    page = client.get("/quan-tri/news/correspondent/").content.decode()
    assert "Công đoàn Điện lực Lâm Đồng" in page
    assert f'?tac_gia={person.pk}">2</a>' in page  # the trash is not counted


def test_superuser_gives_an_account_its_unit_on_the_user_page(client):
    from django.contrib.auth import get_user_model

    from tests.factories import make_user

    admin = make_user(is_staff=True, is_superuser=True)
    person = make_user(is_staff=True)
    client.force_login(admin)
    url = f"/quan-tri/auth/user/{person.pk}/change/"
    data = form_fields_of_user_page(client, url)
    data.update(
        {
            "correspondent-TOTAL_FORMS": "1",
            "correspondent-0-unit": "Công đoàn Viên chức tỉnh",
            "correspondent-0-phone": "0263 382 2222",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    person = get_user_model().objects.get(pk=person.pk)
    assert person.correspondent.unit == "Công đoàn Viên chức tỉnh"


def form_fields_of_user_page(client, url):
    from tests.news.admin_helpers import form_fields

    response = client.get(url)
    assert response.status_code == 200
    return form_fields(response, form_id="user_form")


# Correspondents and the import of old articles -----------------------------------------------------

IMPORT_URL = "/quan-tri/news/article/nhap/"


def import_upload():
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    path = Path(__file__).parent / "fixtures" / "import" / "01-tap-huan-an-toan-lao-dong.txt"
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def test_correspondent_cannot_publish_by_importing_files(client, correspondent, category):
    client.force_login(correspondent)
    form = client.get(IMPORT_URL).content.decode()
    assert 'value="published"' not in form

    preview = client.post(
        IMPORT_URL, {"files": [import_upload()], "status": "published", "category": category.pk}
    )
    assert preview.status_code == 200
    assert not preview.context.get("token")
    assert not Article.objects.exists()


def test_correspondent_imports_files_only_as_their_own_drafts(client, correspondent, category):
    client.force_login(correspondent)
    preview = client.post(
        IMPORT_URL, {"files": [import_upload()], "status": "draft", "category": category.pk}
    )
    client.post(IMPORT_URL, {"token": preview.context["token"]})

    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert article.created_by == correspondent
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_publishing_import_token_is_refused_to_a_correspondent(
    client, correspondent, editor, category
):
    from django.core import signing

    from news.admin_import import TOKEN_SALT

    text = import_upload().read().decode()
    token = signing.dumps(
        {"u": correspondent.pk, "s": "published", "c": category.pk, "f": [["bai.txt", text]]},
        salt=TOKEN_SALT,
        compress=True,
    )
    client.force_login(correspondent)
    client.post(IMPORT_URL, {"token": token})
    assert not Article.objects.filter(status=Status.PUBLISHED).exists()


@pytest.mark.parametrize("role", ["editor", "correspondent"])
def test_article_list_takes_the_same_queries_with_many_articles(
    client, role, correspondent, editor
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def fill(n):
        for i in range(n):
            author = make_correspondent(unit=f"Công đoàn cơ sở số {i % 5}") if i % 2 else None
            draft_by(author or correspondent, status=[Status.DRAFT, Status.SUBMITTED][i % 2])
            draft_by(correspondent, status=Status.PUBLISHED)

    client.force_login(editor if role == "editor" else correspondent)
    fill(1)
    client.get(LIST_URL)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST_URL).status_code == 200
    fill(25)
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST_URL).status_code == 200
    assert len(many) == len(few), [q["sql"][:120] for q in many]
