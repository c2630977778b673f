"""The reader's portal in a real browser: the menu on a desktop and in a phone's drawer, the demo's
front page at a phone's height, an article printed to PDF, and an officer's way in from a 404."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from tests.e2e.conftest import SCREENSHOTS, WIDTHS, no_horizontal_scroll
from tests.e2e.test_accessibility import blocking_violations

pytestmark = pytest.mark.django_db(transaction=True)

MAX_PHONE_HOME_HEIGHT = 6000


def menu_labels(page):
    return [text.strip() for text in page.locator("#menu-chinh a").all_inner_texts()]


def test_menu_shows_the_categories_and_the_current_section_on_a_desktop(
    live_server, new_page, public_site
):
    page = new_page(width=1280)
    page.goto(live_server.url + public_site.pages["article"])
    menu = page.locator("#menu-chinh")
    assert menu.is_visible()
    assert menu_labels(page) == [
        "Trang chủ",
        "Tin tức",
        "Hoạt động công đoàn",
        "Chăm lo đoàn viên",
        "Chương trình phối hợp",
        "Điển hình tiên tiến",
        "Văn bản",
        "Hỏi đáp pháp luật",
    ]
    # The article's category is the current section.
    assert menu.locator('[aria-current="page"]').inner_text() == "Hoạt động công đoàn"
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Chăm lo đoàn viên"
    ).click()
    page.wait_for_url("**/chuyen-muc/cham-lo-doan-vien/")
    assert menu.locator('[aria-current="page"]').inner_text() == "Chăm lo đoàn viên"
    crumbs = page.get_by_role("navigation", name="Đường dẫn")
    assert crumbs.get_by_role("listitem").all_inner_texts() == [
        "Trang chủ",
        "Tin tức",
        "Chăm lo đoàn viên",
    ]


def test_phone_drawer_opens_on_the_categories_and_leads_to_one(live_server, new_page, public_site):
    page = new_page(width=375, height=800)
    page.goto(live_server.url + "/")
    menu = page.locator("#menu-chinh")
    toggle = page.get_by_role("button", name="Danh mục")
    assert not menu.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert menu.is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert "Chăm lo đoàn viên" in menu_labels(page)
    assert no_horizontal_scroll(page)
    menu.get_by_role("link", name="Chăm lo đoàn viên").click()
    page.wait_for_url("**/chuyen-muc/cham-lo-doan-vien/")
    assert page.get_by_role("heading", level=1).inner_text().lower() == "chăm lo đoàn viên"
    # Closed again on the new page, the section marked for when it opens.
    assert not menu.is_visible()
    assert menu.locator('[aria-current="page"]').inner_text() == "Chăm lo đoàn viên"


@pytest.fixture
def demo_site():
    call_command("load_demo", verbosity=0)
    from demo.news import CONFERENCE_SLUG

    return {"article": f"/tin-tuc/{CONFERENCE_SLUG}/"}


def test_demo_front_page_article_and_print(live_server, new_page, screenshot, demo_site):
    """One test for everything that needs the demo, since loading it is the slow part."""
    heights = {}
    for width in WIDTHS:
        page = new_page(width=width, height=800)
        page.goto(live_server.url + "/")
        page.wait_for_load_state("load")
        assert no_horizontal_scroll(page), width
        heights[width] = page.evaluate("document.documentElement.scrollHeight")
        # The lead story with four secondary ones; each category as one large story and a list.
        assert page.locator(".home-featured .card--hero").count() == 1
        assert page.locator(".home-latest .card--thumb").count() == 4
        blocks = page.locator(".home-block .card--top")
        assert blocks.count() >= 5
        aside = page.locator(".home-aside")
        for heading in [
            "Đọc nhiều trong tuần",
            "Chương trình đang thực hiện",
            "Điển hình tiên tiến",
        ]:
            assert aside.get_by_role("heading", name=heading).is_visible(), heading
        # The demo's one partner that still exists (the other two merged into it).
        assert aside.locator(".partner-logos img").count() == 1
        assert blocking_violations(page) == [], width
        screenshot(page, f"portal-home-{width}")
        if width < 900:
            # On a phone the lists keep their thumbnails on the left of the titles.
            thumb = page.locator(".home-block__list .card--thumb").first
            media = thumb.locator(".card__media").bounding_box()
            body = thumb.locator(".card__body").bounding_box()
            assert media["x"] < body["x"] and media["width"] < 150

        page.goto(live_server.url + demo_site["article"])
        page.wait_for_load_state("load")
        assert no_horizontal_scroll(page), width
        screenshot(page, f"portal-article-{width}")
    assert heights[375] <= MAX_PHONE_HOME_HEIGHT, heights

    # Printed, the conference article is one page: the article, its address and the federation's
    # contacts; not the sidebar, the menu or the share buttons.
    page = new_page(width=1280)
    page.goto(live_server.url + demo_site["article"])
    page.wait_for_load_state("load")
    sidebar = page.locator(".article-aside").inner_text()
    title = page.get_by_role("heading", level=1).inner_text()
    page.emulate_media(media="print")
    screenshot(page, "portal-article-print")
    data = page.pdf(format="A4")
    (SCREENSHOTS / "portal-article-print.pdf").write_bytes(data)
    print(f"home height at 375 px: {heights[375]} px; at 1280 px: {heights[1280]} px")
    pdf = PdfReader(io.BytesIO(data))
    # pypdf spaces out Vietnamese letters with their marks: compare without any spaces.
    text = "".join("".join((p.extract_text() or "") for p in pdf.pages).split())

    def squash(value):
        return "".join(value.split())

    assert len(pdf.pages) == 1, f"{len(pdf.pages)} trang"
    assert squash(title) in text
    assert squash("Liên đoàn Lao động tỉnh Lâm Đồng") in text
    assert squash(demo_site["article"]) in text
    assert "lienhe@congdoanlamdong.example.vn" in text
    assert squash("Cùng chuyên mục") not in text
    for line in filter(None, (line.strip() for line in sidebar.splitlines())):
        if len(line) > 30:  # a related article's title
            assert squash(line) not in text, line
    for absent in ["Chia sẻ", "Đăng nhập", "Tìm kiếm", "Đọc nhiều"]:
        assert squash(absent) not in text, absent


def test_an_officer_signed_out_finds_the_way_in_on_the_404_and_lands_on_the_programme(
    live_server, new_page, screenshot
):
    from agreements.models import Agreement
    from tests.factories import make_agreement, make_officer

    make_officer(username="canbo", password="CanBo@2026")
    secret = make_agreement(
        title="Chương trình nội bộ về an toàn, vệ sinh lao động",
        visibility=Agreement.Visibility.OFFICERS,
    )
    page = new_page(width=375)
    response = page.goto(live_server.url + secret.get_absolute_url())
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text().lower() == "không tìm thấy trang"
    assert "an toàn, vệ sinh lao động" not in page.content()
    assert blocking_violations(page) == []
    screenshot(page, "portal-404-375")
    page.get_by_role(
        "link", name="Cán bộ công đoàn? Đăng nhập để xem các chương trình nội bộ"
    ).click()
    page.wait_for_url("**/dang-nhap/?next=*")
    page.fill("#id_username", "canbo")
    page.fill("#id_password", "CanBo@2026")
    page.locator("form.login__form [type=submit]").click()
    page.wait_for_url(live_server.url + secret.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == secret.title
