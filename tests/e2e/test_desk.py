"""The editor's desk in a real browser, at a phone's and a desktop's width: a return comment that
the correspondent finds at the top, publishing from the preview, a list whose titles read, the
calendar, and axe-core on the dashboard, the list and the form (screenshots for docs/admin.md)."""

import datetime as dt

import pytest
from django.utils import timezone

from news.models import Article
from tests.e2e.conftest import WIDTHS, admin_login
from tests.e2e.test_accessibility import blocking_violations
from tests.e2e.test_editor import action, choose_in_autocomplete, open_actions
from tests.e2e.test_workflow import click_and_wait, write_in_editor
from tests.factories import (
    make_agreement,
    make_article,
    make_category,
    make_correspondent,
    make_editor,
    make_partner,
    make_photo,
    make_task,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Công đoàn Công ty Chè Cầu Đất tổ chức Hội thao công nhân mừng xuân"
COMMENT = "Bổ sung số đội tham gia và tên đơn vị đạt giải nhất."


@pytest.mark.parametrize("width", WIDTHS)
def test_correspondent_finds_the_return_comment_at_the_top_and_resubmits(
    live_server, new_page, screenshot, width
):
    make_category(name="Hoạt động công đoàn")
    make_correspondent(username="congtacvien", password="CongTacVien@2026", first_name="Lan")
    make_editor(username="bientap", password="BienTap@2026", first_name="Thu Hà")

    writer = new_page(width=width)
    admin_login(writer, live_server.url, "congtacvien", "CongTacVien@2026")
    writer.get_by_role("link", name="Viết bài mới").click()
    writer.locator("#id_title").fill(TITLE)
    choose_in_autocomplete(writer, "id_category", "Hoạt động công đoàn")
    writer.locator("#id_lead").fill("Hội thao thu hút đông đảo công nhân.")
    write_in_editor(writer, "Các đội thi kéo co, nhảy bao bố và hái chè.")
    assert action(writer, "Đăng bài").count() == 0
    click_and_wait(writer, "Gửi duyệt")
    assert "Đã gửi bài cho biên tập viên duyệt." in writer.locator(".messagelist").inner_text()

    editor = new_page(width=width)
    admin_login(editor, live_server.url, "bientap", "BienTap@2026")
    # The editor's dashboard lists what waits for review.
    queue = editor.locator(".dashboard-news")
    queue.get_by_role("link", name=TITLE).click()
    editor.wait_for_url("**/change/")
    open_actions(editor)
    comment = editor.locator("#workflow_comment")
    # The comment box stands above its button.
    assert comment.bounding_box()["y"] < action(editor, "Trả lại").bounding_box()["y"]
    comment.fill(COMMENT)
    click_and_wait(editor, "Trả lại")
    assert "Đã trả bài lại cho tác giả kèm nhận xét." in editor.locator(".messagelist").inner_text()

    # The correspondent's dashboard shows the article returned, with the comment.
    writer.goto(live_server.url + "/quan-tri/")
    assert COMMENT in writer.locator(".dashboard-news").inner_text()
    writer.locator(".dashboard-news").get_by_role("link", name=TITLE).click()
    writer.wait_for_url("**/change/")
    notice = writer.locator(".review-notice")
    assert COMMENT in notice.inner_text()
    assert notice.bounding_box()["y"] < writer.locator("#id_title").bounding_box()["y"]
    assert notice.is_visible() and notice.bounding_box()["y"] < 900
    screenshot(writer, f"desk-returned-{width}")
    writer.locator("#id_lead").fill(
        "Hội thao thu hút 12 đội của các tổ sản xuất; tổ Cầu Đất 2 giải nhất."
    )
    click_and_wait(writer, "Gửi duyệt")
    assert "Đã gửi bài cho biên tập viên duyệt." in writer.locator(".messagelist").inner_text()
    assert Article.objects.get(title=TITLE).status == Article.Status.SUBMITTED


@pytest.mark.parametrize("width", WIDTHS)
def test_editor_publishes_from_the_preview(live_server, new_page, width):
    make_editor(username="bientap", password="BienTap@2026")
    author = make_correspondent()
    article = make_article(title=TITLE, status=Article.Status.SUBMITTED, published_at=None,
                           created_by=author)  # fmt: skip
    page = new_page(width=width)
    admin_login(page, live_server.url, "bientap", "BienTap@2026")
    page.goto(live_server.url + f"/quan-tri/news/article/{article.pk}/change/")
    # "Xem trên trang web" of an unpublished article opens its preview, not a 404.
    with page.expect_navigation():
        page.get_by_role("link", name="Xem trên trang web").click()
    assert "/xem-truoc/tin-tuc/" in page.url
    banner = page.locator(".preview-banner")
    assert banner.get_by_role("link", name="Sửa bài").is_visible()
    with page.expect_navigation():
        banner.get_by_role("button", name="Đăng bài").click()
    assert "Bài đã được đăng." in page.locator(".messagelist").inner_text()
    article.refresh_from_db()
    assert article.is_public
    assert page.goto(live_server.url + article.get_absolute_url()).status == 200


def fill_desk():
    """A newsroom's worth of rows for the list, the dashboard and the calendar."""
    category = make_category(name="Hoạt động công đoàn cơ sở")
    now = timezone.now()
    for n in range(12):
        article = make_article(
            title=f"Công đoàn cơ sở số {n + 1} tổ chức hội nghị người lao động năm 2026 và "
            "ký thỏa ước lao động tập thể",
            category=category,
            byline="Phóng viên Nguyễn Thị Thu Hà – Ban Tuyên giáo",
            published_at=now + dt.timedelta(hours=10 * (n - 6)),
            featured=n % 3 == 0,
        )
        make_photo(article=article, is_cover=True, alt_text="Hội nghị")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_article_list_reads_and_the_desk_has_no_serious_accessibility_problem(
    live_server, new_page, screenshot, width
):
    make_editor(username="bientap", password="BienTap@2026")
    fill_desk()
    page = new_page(width=width)
    admin_login(page, live_server.url, "bientap", "BienTap@2026")
    found = {}
    found["dashboard"] = blocking_violations(page)
    screenshot(page, f"desk-dashboard-{width}")

    page.goto(live_server.url + "/quan-tri/news/article/")
    title = page.locator("#result_list th.column-title")
    if width == 1280:
        assert title.bounding_box()["width"] >= 300
    # The page itself never scrolls sideways; only the table may, inside its box.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    found["list"] = blocking_violations(page)
    screenshot(page, f"desk-list-{width}")

    page.goto(live_server.url + "/quan-tri/news/article/add/")
    page.locator(".ck-editor__editable").wait_for()
    page.locator(".select2-selection[aria-label]").first.wait_for(state="attached")
    found["form"] = blocking_violations(page)
    screenshot(page, f"desk-form-{width}")

    page.goto(live_server.url + "/quan-tri/lich-dang-bai/")
    assert page.locator(".calendar__day").count() == 14
    screenshot(page, f"desk-calendar-{width}")
    report = "\n".join(f"{name}: {line}" for name, lines in found.items() for line in lines)
    assert not report, f"axe-core ở {width} px:\n{report}"


def fill_agreements():
    """Programmes with long titles and partner names, tasks half done."""
    today = timezone.localdate()
    partners = [
        make_partner(name="Báo Lâm Đồng"),
        make_partner(name="Đài Phát thanh – Truyền hình Lâm Đồng"),
    ]
    for n in range(8):
        agreement = make_agreement(
            title=f"Chương trình phối hợp số {n + 1} tuyên truyền về hoạt động công đoàn và "
            "phong trào công nhân, viên chức, lao động giai đoạn 2024–2026",
            document_number=f"Số {n + 1:02d}/CTPH-LĐLĐ-BLĐ",
            valid_from=today - dt.timedelta(days=300 * n),
            valid_until=today + dt.timedelta(days=400 - 100 * n),
            partners=partners,
        )
        for k in range(3):
            make_task(agreement=agreement, progress="done" if k < n % 3 else "in-progress")


LIST_FIT = """() => {
    const table = document.querySelector("#result_list");
    const box = table.closest(".results");
    const title = table.querySelector("th.column-title");
    const sidebar = document.querySelector("#nav-sidebar");
    return {
        table: table.scrollWidth, box: box.clientWidth,
        title: title.getBoundingClientRect().width,
        sidebar: sidebar ? sidebar.getBoundingClientRect().width : 0,
        page: document.documentElement.scrollWidth,
        filters_open: document.querySelectorAll("#changelist-filter details[open]").length,
        filters_above: document.querySelector("#changelist-filter").getBoundingClientRect().bottom
            <= table.getBoundingClientRect().top,
    };
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_article_and_agreement_lists_fit_with_the_sidebar_open(
    live_server, new_page, screenshot, width
):
    make_user(username="quantri", password="QuanTri@2026", is_staff=True, is_superuser=True)
    fill_desk()
    fill_agreements()
    page = new_page(width=width)
    admin_login(page, live_server.url, "quantri", "QuanTri@2026")
    for name, path in [("list", "news/article/"), ("agreements", "agreements/agreement/")]:
        page.goto(f"{live_server.url}/quan-tri/{path}")
        fit = page.evaluate(LIST_FIT)
        if width == 1280:
            # Django's navigation sidebar is open (its default), and still no column scrolls away.
            assert fit["sidebar"] >= 200, fit
            assert fit["title"] >= 300, (name, fit)
        # No column scrolls away inside the table, and a phone never scrolls the page sideways.
        assert fit["table"] <= fit["box"], (name, fit)
        assert fit["page"] <= width, (name, fit)
        # The filters wait folded above the list; one opens as a menu over it.
        assert fit["filters_open"] == 0 and fit["filters_above"], (name, fit)
        first = page.locator("#changelist-filter details").first
        first.locator("summary").click()
        assert first.locator("ul").is_visible()
        screenshot(page, f"desk-{name}-sidebar-{width}")
