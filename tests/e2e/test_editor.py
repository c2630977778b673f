"""An editor writes and publishes an article in the admin, as a person would, in a real browser."""

import pytest

from core.text import slugify_vi
from news.models import Article
from tests.e2e.conftest import admin_login
from tests.factories import image_bytes, make_category, make_editor

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Hoạt động công đoàn Đà Lạt 2015–2020"


def open_actions(page):
    """Open the action bar's menu, where every action but the primary one waits."""
    menu = page.locator("details.action-menu")
    if menu.count() and not menu.evaluate("menu => menu.open"):
        menu.locator("summary").click()


def action(page, label):
    """The action bar's button with this label, its menu opened if that is where it is."""
    button = page.locator("#action-bar").get_by_role("button", name=label, exact=True)
    if not button.count():  # hidden in the closed menu: not in the accessibility tree yet
        open_actions(page)
    return button


def jpeg(name, color):
    return {"name": name, "mimeType": "image/jpeg", "buffer": image_bytes(color=color)}


def choose_in_autocomplete(page, field_id, text):
    """Pick an option in one of the admin's autocomplete (select2) fields."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).click()


def test_editor_writes_an_illustrated_article_in_ckeditor_and_publishes_it(
    live_server, new_page, screenshot
):
    make_editor(username="bientap", password="BienTap@2026", first_name="Thu Hà")
    make_category(name="Hoạt động công đoàn")
    make_category(name="Chăm lo đoàn viên")
    page = new_page(height=1000)
    admin_login(page, live_server.url, "bientap", "BienTap@2026")

    page.goto(live_server.url + "/quan-tri/news/article/add/")
    # Typed key by key, as a person types: the slug fills itself in while they type.
    page.locator("#id_title").press_sequentially(TITLE)
    page.locator("#id_lead").click()
    assert page.locator("#id_slug").input_value() == slugify_vi(TITLE)
    assert page.locator("#id_slug").input_value() == "hoat-dong-cong-doan-da-lat-2015-2020"

    choose_in_autocomplete(page, "id_category", "Hoạt động công đoàn")
    page.locator("#id_lead").fill(
        "Năm năm qua, công đoàn thành phố chăm lo cho hàng nghìn đoàn viên."
    )

    editor = page.locator(".ck-editor__editable")
    editor.click()
    page.keyboard.type("Một nhiệm kỳ ")
    page.keyboard.press("Control+B")
    page.keyboard.type("đáng nhớ")
    page.keyboard.press("Control+B")
    page.keyboard.type(" của đoàn viên.")
    page.keyboard.press("Enter")
    # CKEditor's image button is a hidden file input in its toolbar; the upload goes to our
    # endpoint, through the same image pipeline as every photo.
    with page.expect_response("**/ckeditor5/image_upload/") as upload:
        page.locator(".ck-editor input[type=file]").set_input_files(
            jpeg("hoi-nghi.jpg", (200, 40, 40))
        )
    assert upload.value.status == 200
    editor.locator("img[src^='/media/editor/']").wait_for()
    assert editor.locator("strong").inner_text() == "đáng nhớ"

    page.locator("#photos-group .add-row a").click()
    page.locator("#id_photos-0-image").set_input_files(jpeg("dai-hoi.jpg", (30, 110, 60)))
    page.locator("#id_photos-0-caption").fill("Đại biểu biểu quyết thông qua nghị quyết đại hội")
    page.locator("#id_photos-0-alt_text").fill("Hội trường với các đại biểu giơ thẻ biểu quyết")
    page.locator("#id_photos-0-is_cover").check()
    screenshot(page, "editor-article-form")

    action(page, "Đăng bài").click()
    page.wait_for_url("**/change/")
    assert "Bài đã được đăng." in page.locator(".messagelist").inner_text()

    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.PUBLISHED and article.is_public
    assert article.slug == slugify_vi(TITLE)
    assert article.created_by.username == "bientap"

    page.goto(live_server.url + "/")
    link = page.get_by_role("link", name=TITLE).first
    assert link.is_visible()
    link.click()
    page.wait_for_url(live_server.url + article.get_absolute_url())
    body = page.locator(".article__body")
    assert body.locator("strong").inner_text() == "đáng nhớ"
    inline_image = body.locator("img")
    assert inline_image.get_attribute("src").startswith("/media/editor/")
    assert inline_image.evaluate("img => img.complete && img.naturalWidth > 0")
    photo = page.locator("figure.article__photo").first
    assert photo.get_by_role(
        "img", name="Hội trường với các đại biểu giơ thẻ biểu quyết"
    ).is_visible()
    assert "Đại biểu biểu quyết thông qua nghị quyết đại hội" in photo.inner_text()
    screenshot(page, "editor-article-published")
