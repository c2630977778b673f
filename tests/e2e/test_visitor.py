"""A visitor on a phone and on a desktop: reading, sharing, searching, and a layout that holds."""

import io
from urllib.parse import quote

import pytest
from PIL import Image

from tests.e2e.conftest import WIDTHS, no_horizontal_scroll

pytestmark = pytest.mark.django_db(transaction=True)

# The elements that stick out past the right edge of the window, to say what broke a layout.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_home_layout_holds_on_phone_and_desktop(live_server, page, screenshot, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator(".brand__name").inner_text().upper() == "LIÊN ĐOÀN LAO ĐỘNG TỈNH LÂM ĐỒNG"
    # Nothing overflows sideways: a phone reader never scrolls horizontally.
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width
    menu = page.locator("#menu-chinh")
    if width < 900:
        assert not menu.is_visible()
        page.get_by_role("button", name="Danh mục").click()
        assert menu.is_visible()
    assert page.get_by_role("link", name="Tin tức").is_visible()
    screenshot(page, f"home-{width}")


def test_reader_opens_an_article_from_home_and_sees_its_photo_caption_and_share_links(
    live_server, new_page, public_site, screenshot
):
    article = public_site.article
    page = new_page()
    page.goto(live_server.url + "/")
    page.locator(".home-featured").get_by_role("link", name=article.title).click()
    page.wait_for_url(live_server.url + article.get_absolute_url())

    assert page.get_by_role("heading", level=1).inner_text() == article.title
    photo = page.locator("figure.article__photo").first
    picture = photo.get_by_role("img", name="Cán bộ công đoàn trao túi quà cho một nữ công nhân")
    assert picture.is_visible()
    # Loaded, not a broken-image icon.
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "Đại diện công đoàn thành phố trao quà Tết" in photo.locator("figcaption").inner_text()
    assert "Ảnh: Hoàng Nam" in photo.locator("figcaption").inner_text()

    url = quote(live_server.url + article.get_absolute_url(), safe="")
    share = page.locator(".share")
    facebook = share.get_by_role("link", name="Facebook").get_attribute("href")
    zalo = share.get_by_role("link", name="Zalo").get_attribute("href")
    assert facebook == f"https://www.facebook.com/sharer/sharer.php?u={url}"
    assert zalo == f"https://sp.zalo.me/share_inline?url={url}"
    screenshot(page, "article-1280")


def test_the_article_share_picture_is_a_1200_by_630_jpeg_that_loads(
    live_server, new_page, public_site
):
    page = new_page()
    page.goto(live_server.url + public_site.article.get_absolute_url())
    og_image = page.locator('meta[property="og:image"]').get_attribute("content")
    assert og_image.startswith(live_server.url + "/media/")

    response = page.request.get(og_image)
    assert response.status == 200
    assert response.headers["content-type"] == "image/jpeg"
    with Image.open(io.BytesIO(response.body())) as image:
        assert image.format == "JPEG"
        assert image.size == (1200, 630)


def test_searching_cong_doan_without_accents_from_the_header_finds_accented_articles(
    live_server, new_page, public_site, screenshot
):
    page = new_page()
    page.goto(live_server.url + "/tin-tuc/")
    box = page.get_by_role("searchbox", name="Tìm kiếm trên trang")
    box.fill("cong doan")
    box.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=cong+doan")

    titles = page.locator(".result__title").all_inner_texts()
    assert public_site.article.title in titles
    assert "Công đoàn ngành Giáo dục tổ chức hội thao cho nhà giáo" in titles
    # Each word is highlighted as the article writes it, with its accents.
    title = page.locator(".result__title", has_text=public_site.article.title)
    assert title.locator("mark").all_inner_texts()[:2] == ["Công", "đoàn"]
    assert page.get_by_role("searchbox", name="Tìm kiếm trên trang").input_value() == "cong doan"
    screenshot(page, "search-1280")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_the_screen_without_sideways_scrolling(
    live_server, new_page, public_site, screenshot, width
):
    page = new_page(width=width, height=800)
    too_wide = {}
    for name, path in public_site.pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{name}: {path} answered {response.status}"
        # Pictures can widen a page only once they have loaded.
        page.wait_for_load_state("load")
        if not no_horizontal_scroll(page):
            too_wide[name] = page.evaluate(OVERFLOWING)
        screenshot(page, f"{name}-{width}")
    assert not too_wide, f"Trang tràn ngang ở {width} px: {too_wide}"
