"""A correspondent and an editor pass an article back and forth in the admin, each in their own
browser, until it is published."""

import pytest

from news.models import Article
from tests.e2e.conftest import admin_login
from tests.e2e.test_editor import action, choose_in_autocomplete, open_actions
from tests.factories import make_category, make_correspondent, make_editor

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Công đoàn Công ty Chè Cầu Đất tổ chức Ngày hội Công nhân"
COMMENT = "Bài thiếu số người tham dự; hãy bổ sung con số cụ thể ở sapo."


def click_and_wait(page, button):
    """Press an action of the change form and wait for the page it leads back to."""
    with page.expect_navigation():
        action(page, button).click()


def write_in_editor(page, text):
    editor = page.locator(".ck-editor__editable")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_correspondent_submits_editor_returns_with_a_comment_then_publishes_the_fix(
    live_server, new_page, screenshot
):
    make_category(name="Hoạt động công đoàn")
    make_correspondent(username="congtacvien", password="CongTacVien@2026", first_name="Lan")
    make_editor(username="bientap", password="BienTap@2026", first_name="Thu Hà")

    # The correspondent writes and sends the article for review; publishing is not theirs.
    writer = new_page()
    admin_login(writer, live_server.url, "congtacvien", "CongTacVien@2026")
    writer.goto(live_server.url + "/quan-tri/news/article/add/")
    writer.locator("#id_title").fill(TITLE)
    choose_in_autocomplete(writer, "id_category", "Hoạt động công đoàn")
    writer.locator("#id_lead").fill("Ngày hội thu hút đông đảo công nhân tham gia.")
    write_in_editor(writer, "Các đội thi kéo co, hái chè và văn nghệ suốt buổi sáng.")
    assert action(writer, "Đăng bài").count() == 0
    assert writer.locator("#id_status, #id_featured, #id_published_at_0").count() == 0
    action(writer, "Gửi duyệt").click()
    writer.wait_for_url("**/change/")
    assert "Đã gửi bài cho biên tập viên duyệt." in writer.locator(".messagelist").inner_text()
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.SUBMITTED
    # Waiting for review, the article is no longer the correspondent's to change or publish.
    writer.reload()
    assert action(writer, "Đăng bài").count() == 0
    assert action(writer, "Gửi duyệt").count() == 0

    # The editor, in another browser, returns it with a comment.
    editor = new_page()
    admin_login(editor, live_server.url, "bientap", "BienTap@2026")
    editor.goto(live_server.url + "/quan-tri/news/article/")
    editor.get_by_role("link", name=TITLE).click()
    editor.wait_for_url("**/change/")
    open_actions(editor)
    editor.locator("#workflow_comment").fill(COMMENT)
    click_and_wait(editor, "Trả lại")
    assert "Đã trả bài lại cho tác giả kèm nhận xét." in editor.locator(".messagelist").inner_text()

    # The correspondent finds it returned, reads why, fixes it and submits it again.
    writer.goto(live_server.url + "/quan-tri/news/article/")
    row = writer.locator("#result_list tr", has_text=TITLE)
    assert "Trả lại" in row.inner_text()
    row.get_by_role("link", name=TITLE).click()
    assert COMMENT in writer.locator(".workflow-log").inner_text()
    screenshot(writer, "workflow-returned")
    writer.locator("#id_lead").fill(
        "Ngày hội thu hút hơn 400 công nhân của 12 đội sản xuất tham gia."
    )
    click_and_wait(writer, "Gửi duyệt")
    assert "Đã gửi bài cho biên tập viên duyệt." in writer.locator(".messagelist").inner_text()

    # The editor publishes the corrected article.
    editor.goto(live_server.url + "/quan-tri/news/article/")
    editor.get_by_role("link", name=TITLE).click()
    assert editor.locator("#id_lead").input_value().startswith("Ngày hội thu hút hơn 400")
    click_and_wait(editor, "Đăng bài")
    assert "Bài đã được đăng." in editor.locator(".messagelist").inner_text()

    visitor = new_page()
    response = visitor.goto(live_server.url + article.get_absolute_url())
    assert response.status == 200
    assert "hơn 400 công nhân" in visitor.locator(".article__lead").inner_text()
    assert "kéo co, hái chè" in visitor.locator(".article__body").inner_text()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert list(article.events.order_by("at", "id").values_list("action", flat=True)) == [
        "submitted",
        "returned",
        "submitted",
        "published",
    ]
