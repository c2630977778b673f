"""The library and legal advice in a real browser: a worker asks a question on a phone, a legal
officer answers and publishes it, a visitor finds it without diacritics; a document's PDF shows in
its page; axe and the HTML checker on the new pages."""

import re

import pytest
from django.core import mail

from advice.models import Question
from advice.roles import LEGAL_OFFICERS
from tests.e2e.conftest import WIDTHS, admin_login, no_horizontal_scroll
from tests.e2e.test_accessibility import blocking_violations
from tests.e2e.test_html import HTML_DIR, html_errors, require_checker
from tests.factories import make_document, make_user, office_upload, pdf_upload

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = (
    "Em làm công nhân chế biến chè ở Bảo Lộc. Công ty nợ lương em hai tháng rồi, em muốn nghỉ "
    "việc ngay có được không và có bị mất quyền lợi gì không ạ?"
)
TITLE = "Công ty nợ lương hai tháng, người lao động có được nghỉ việc ngay?"


def test_a_worker_asks_a_question_on_a_phone(live_server, new_page, screenshot, settings):
    # A person takes longer than this to fill the form; the browser types in a blink.
    settings.ADVICE_MIN_FILL_SECONDS = 1
    page = new_page(width=375, height=760)
    page.goto(live_server.url + "/hoi-dap/")
    page.get_by_role("link", name="Gửi câu hỏi").first.click()
    page.wait_for_url("**/hoi-dap/gui-cau-hoi/")
    assert no_horizontal_scroll(page)

    page.get_by_label("Lĩnh vực").select_option(label="Tiền lương")
    page.get_by_label("Câu hỏi").fill(QUESTION)
    page.get_by_label("Họ và tên").fill("Ka Thủy")
    page.get_by_label("Email hoặc số điện thoại").fill("kathuy@example.vn")
    # The honeypot is there for bots, out of a person's sight.
    trap = page.locator("#id_website").bounding_box()
    assert trap["x"] + trap["width"] <= 0
    page.wait_for_timeout(1200)
    # Sent without the consent: refused, with a clear message, and nothing typed is lost.
    page.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_load_state()
    assert "Bạn cần đánh dấu đồng ý" in page.locator(".ask__field--invalid").inner_text()
    assert page.get_by_label("Câu hỏi").input_value() == QUESTION
    assert not Question.objects.exists()
    screenshot(page, "ask-refused-375")

    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_url("**/hoi-dap/gui-cau-hoi/da-gui/")
    assert "Cảm ơn bạn" in page.locator("main").inner_text()
    assert no_horizontal_scroll(page)
    screenshot(page, "ask-sent-375")
    question = Question.objects.get()
    assert question.contact == "kathuy@example.vn"
    assert question.status == Question.Status.NEW


def test_a_legal_officer_answers_and_publishes_and_a_visitor_finds_it_without_diacritics(
    live_server, new_page, screenshot
):
    make_user(
        username="tuvan",
        password="TuVan@2026",
        first_name="Minh Tâm",
        is_staff=True,
        groups=[LEGAL_OFFICERS],
    )
    law = make_document(number="Luật số 45/2019/QH14", summary="Bộ luật Lao động")
    question = Question.objects.create(
        asker_name="Ka Thủy",
        contact="kathuy@example.vn",
        question=QUESTION,
        field=Question.Field.WAGES,
        consent_at="2026-04-01T08:00:00+07:00",
        consent_version="2026-01",
    )

    officer = new_page()
    admin_login(officer, live_server.url, "tuvan", "TuVan@2026")
    officer.goto(live_server.url + "/quan-tri/advice/question/")
    officer.locator("#result_list a", has_text="Em làm công nhân chế biến chè").click()
    officer.wait_for_url("**/change/")
    assert "kathuy@example.vn" in officer.locator("main, #content").first.inner_text()
    officer.locator("#id_title").fill(TITLE)
    # The question for publication starts from the original, for the officer to trim.
    public = officer.locator("#id_public_question")
    assert public.input_value() == QUESTION
    public.fill(
        "Công ty nợ lương tôi hai tháng. Tôi có được nghỉ việc ngay không, có mất quyền lợi gì?"
    )
    editor = officer.locator(".ck-editor__editable")
    editor.click()
    officer.keyboard.type(
        "Có. Theo điểm b khoản 2 Điều 35 Bộ luật Lao động 2019, người lao động được đơn phương "
        "chấm dứt hợp đồng không cần báo trước khi không được trả đủ lương."
    )
    officer.locator("#id_cited_documents + .select2 .select2-selection").click()
    officer.locator(".select2-search__field").fill("45/2019")
    officer.locator(".select2-results__option", has_text="Bộ luật Lao động").click()
    with officer.expect_navigation():
        officer.get_by_role("button", name="Lưu và đăng").click()
    assert "Đã đăng câu hỏi và câu trả lời." in officer.locator(".messagelist").inner_text()
    screenshot(officer, "advice-published-admin")
    question.refresh_from_db()
    assert question.is_published
    assert list(question.cited_documents.all()) == [law]
    assert [m.to for m in mail.outbox] == [["kathuy@example.vn"]]

    visitor = new_page(width=375, height=760)
    visitor.goto(live_server.url + "/hoi-dap/")
    box = visitor.get_by_label("Tìm trong hỏi đáp")
    box.fill("no luong nghi viec")
    box.press("Enter")
    visitor.wait_for_url("**/hoi-dap/?**")
    visitor.get_by_role("link", name=TITLE).click()
    visitor.wait_for_url(live_server.url + question.get_absolute_url())
    body = visitor.locator("main").inner_text()
    assert "Điều 35 Bộ luật Lao động 2019" in body
    assert "Ẩn danh" in body
    assert "kathuy" not in visitor.content()
    assert visitor.get_by_role("link", name=re.compile("Bộ luật Lao động")).first.is_visible()
    assert no_horizontal_scroll(visitor)
    screenshot(visitor, "answer-375")

    # The header's site search finds it too, accents or not.
    visitor.goto(live_server.url + "/tim-kiem/?q=cong+ty+no+luong")
    assert TITLE in visitor.locator(".result__title").all_inner_texts()


def test_a_visitor_finds_a_document_by_its_number_reads_its_pdf_and_downloads_it(
    live_server, new_page, screenshot
):
    document = make_document(
        number="Số 125/KH-LĐLĐ",
        summary="Tổ chức các hoạt động Tháng Công nhân năm 2026",
        files=[pdf_upload("ke-hoach.pdf"), office_upload("phu-luc.docx")],
    )
    make_document(number="Số 126/KH-LĐLĐ", summary="Hội thao công nhân viên chức")
    page = new_page(width=1280)
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.goto(live_server.url + "/van-ban/")
    box = page.get_by_label("Số hiệu hoặc nội dung")
    box.fill("125 kh ldld")
    box.press("Enter")
    page.wait_for_url("**/van-ban/?**")
    titles = page.locator(".doc-card__title").all_inner_texts()
    assert titles == [document.summary]
    page.get_by_role("link", name=document.summary).click()
    page.wait_for_url(live_server.url + document.get_absolute_url())

    pdf = document.files.get(file_type="pdf")
    frame = page.locator("iframe.doc-viewer")
    assert frame.is_visible()
    # The frame loads the site's own PDF view, which alone may be framed (by the site only).
    response = page.request.get(live_server.url + pdf.get_inline_url())
    assert response.status == 200
    assert response.headers["x-frame-options"] == "SAMEORIGIN"
    page.wait_for_timeout(1000)
    assert blocked == []
    screenshot(page, "document-1280")

    with page.expect_download() as download_info:
        page.locator(f"a[href='{pdf.get_document_url()}']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # On a phone the page offers the links instead of a frame too small to read.
    phone = new_page(width=375, height=760)
    phone.goto(live_server.url + document.get_absolute_url())
    assert not phone.locator("iframe.doc-viewer").is_visible()
    assert phone.get_by_role("link", name=re.compile("Xem")).first.is_visible()
    assert no_horizontal_scroll(phone)


def _library_pages(public_site):
    names = ["documents", "document", "advice", "answer", "ask"]
    return {name: public_site.pages[name] for name in names}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_new_pages_have_no_serious_accessibility_problems(
    live_server, new_page, public_site, width
):
    page = new_page(width=width, height=800)
    found = {}
    for name, path in _library_pages(public_site).items():
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        if problems := blocking_violations(page):
            found[name] = problems
    assert found == {}


def test_the_new_pages_are_valid_html_as_served(live_server, new_page, public_site):
    require_checker()
    HTML_DIR.mkdir(parents=True, exist_ok=True)
    page = new_page()
    saved = []
    for name, path in {
        **_library_pages(public_site),
        "sent": "/hoi-dap/gui-cau-hoi/da-gui/",
    }.items():
        response = page.request.get(live_server.url + path)
        assert response.status == 200, path
        target = HTML_DIR / f"library-{name}.html"
        target.write_bytes(response.body())
        saved.append(target)
    assert html_errors(saved) == {}
