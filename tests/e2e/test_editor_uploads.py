"""An editor's photos survive a form that comes back with an error, in a real browser."""

import pytest

from news.models import Article
from tests.e2e.conftest import admin_login
from tests.e2e.test_editor import action, choose_in_autocomplete, jpeg
from tests.factories import make_category, make_editor

pytestmark = pytest.mark.django_db(transaction=True)

ALT_MISSING = "Hãy nhập mô tả ảnh (alt) cho ảnh này."


@pytest.mark.parametrize("width", [375, 1280])
def test_editor_forgets_the_alt_text_fixes_it_and_both_photos_are_published(
    live_server, new_page, screenshot, width
):
    title = f"Đại hội Công đoàn cơ sở Chè Cầu Đất ({width})"
    make_editor(username="bientap", password="BienTap@2026")
    make_category(name="Hoạt động công đoàn")
    page = new_page(width=width, height=1000)
    admin_login(page, live_server.url, "bientap", "BienTap@2026")

    page.goto(live_server.url + "/quan-tri/news/article/add/")
    page.locator("#id_title").fill(title)
    choose_in_autocomplete(page, "id_category", "Hoạt động công đoàn")
    page.locator("#id_lead").fill("Đại hội bầu ban chấp hành nhiệm kỳ mới.")
    page.locator(".ck-editor__editable").click()
    page.keyboard.type("Đại hội diễn ra trong một ngày.")
    for index, (name, color) in enumerate(
        [("dai-hoi.jpg", (30, 110, 60)), ("bau-cu.jpg", (160, 40, 40))]
    ):
        page.locator("#photos-group .add-row a").click()
        page.locator(f"#id_photos-{index}-image").set_input_files(jpeg(name, color))
        page.locator(f"#id_photos-{index}-caption").fill(f"Chú thích ảnh {index + 1}")
    page.locator("#id_photos-0-is_cover").check()
    action(page, "Đăng bài").click()
    page.wait_for_load_state()

    # Back with the error, both photos are still there: a thumbnail each, and their names.
    errors = page.locator("#photos-group .errorlist")
    assert errors.filter(has_text=ALT_MISSING).count() == 2
    for index, name in enumerate(["dai-hoi.jpg", "bau-cu.jpg"]):
        staged = page.locator(f"#photos-{index} .staged-upload")
        assert name in staged.inner_text()
        thumb = staged.locator("img")
        thumb.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle()
        )
        # The file input itself is empty, as browsers leave it: the file waits on the server.
        assert (
            page.locator(f"#id_photos-{index}-image").evaluate("input => input.files.length") == 0
        )
    screenshot(page, f"editor-photos-kept-{width}")

    page.locator("#id_photos-0-alt_text").fill("Đại biểu giơ thẻ biểu quyết")
    page.locator("#id_photos-1-alt_text").fill("Đoàn viên bỏ phiếu bầu ban chấp hành")
    action(page, "Đăng bài").click()
    page.wait_for_url("**/change/")

    article = Article.objects.get(title=title)
    assert article.is_public and article.photos.exclude(image="").count() == 2
    page.goto(live_server.url + article.get_absolute_url())
    for alt in ["Đại biểu giơ thẻ biểu quyết", "Đoàn viên bỏ phiếu bầu ban chấp hành"]:
        picture = page.get_by_role("img", name=alt)
        picture.scroll_into_view_if_needed()
        assert picture.is_visible()
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    screenshot(page, f"editor-photos-published-{width}")
