"""A reader searching by kind and following a topic, at phone and desktop widths (screenshots in
var/e2e/)."""

import pytest

from tests.e2e.conftest import WIDTHS, no_horizontal_scroll

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_search_groups_kinds_in_tabs_and_a_tab_lists_one_kind(
    live_server, new_page, public_site, screenshot, width
):
    page = new_page(width=width, height=800)
    page.goto(live_server.url + "/tim-kiem/?q=cong+doan")
    tabs = page.get_by_role("navigation", name="Loại kết quả")
    assert tabs.get_by_role("link", name="Tất cả").get_attribute("aria-current") == "page"
    blocks = page.locator("section.search-block").evaluate_all(
        "sections => sections.map(s => s.getAttribute('aria-label'))"
    )
    assert blocks[0] == "Tin tức" and "Chương trình phối hợp" in blocks
    # Found through the phrase, the phrase is lit: never a lone "Công" of "Công ty".
    title = page.locator(".result__title", has_text=public_site.article.title)
    assert title.locator("mark").all_inner_texts() == ["Công", "đoàn"]
    assert no_horizontal_scroll(page)
    screenshot(page, f"search-{width}")

    tabs.get_by_role("link", name="Chương trình").click()
    page.wait_for_url("**loai=chuong-trinh")
    assert page.locator("section.search-block").count() == 1
    assert public_site.agreement.title in page.locator(".result__title").all_inner_texts()
    screenshot(page, f"search-tab-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_topic_lists_its_articles_and_an_article_leads_back_to_it(
    live_server, new_page, public_site, screenshot, width
):
    page = new_page(width=width, height=800)
    page.goto(live_server.url + public_site.pages["topics"])
    page.get_by_role("link", name="Tháng Công nhân 2026").first.click()
    page.wait_for_url("**" + public_site.pages["topic"])
    assert page.get_by_role("heading", level=1).text_content().strip() == "Tháng Công nhân 2026"
    titles = page.locator(".card__title").all_inner_texts()
    assert titles[0] == public_site.article.title
    page.wait_for_load_state("load")
    assert no_horizontal_scroll(page)
    screenshot(page, f"topic-{width}")

    page.get_by_role("link", name=public_site.article.title).first.click()
    page.wait_for_url("**" + public_site.article.get_absolute_url())
    assert page.locator(".article__topics a").inner_text() == "Tháng Công nhân 2026"
    assert page.get_by_role("complementary", name="Tin liên quan").locator(".card").count() >= 1
