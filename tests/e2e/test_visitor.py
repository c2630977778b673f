"""A visitor on a phone and on a desktop."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [375, 1280])
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
