"""A union officer signs in on the public site and downloads an officers-only signed agreement;
a stranger guessing the same addresses finds nothing."""

import pytest

from agreements.models import Agreement
from tests.e2e.conftest import officer_login
from tests.factories import make_agreement, make_officer, pdf_upload

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_signs_in_opens_an_officers_only_agreement_and_downloads_its_pdf(
    live_server, new_page, screenshot
):
    make_officer(username="canbo", password="CanBo@2026", first_name="Quang")
    secret = make_agreement(
        title="Chương trình phối hợp nội bộ với Đài Phát thanh – Truyền hình 2025–2027",
        visibility=Agreement.Visibility.OFFICERS,
        document=pdf_upload("ban-ky.pdf"),
    )
    page_url = live_server.url + secret.get_absolute_url()
    document_url = live_server.url + secret.get_document_url()

    officer = new_page()
    officer_login(officer, live_server.url, "canbo", "CanBo@2026")
    assert "Xin chào, Quang" in officer.locator(".topbar").inner_text()
    officer.goto(live_server.url + "/chuong-trinh-phoi-hop/")
    officer.get_by_role("link", name=secret.title).first.click()
    officer.wait_for_url(page_url)
    assert officer.get_by_role("heading", level=1).inner_text() == secret.title
    screenshot(officer, "officer-agreement")

    with officer.expect_download() as download_info:
        officer.locator(f"a[href='{secret.get_document_url()}']").first.click()
    download = download_info.value
    assert download.suggested_filename == f"{secret.slug}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # A stranger with the exact addresses, in a browser that never signed in.
    stranger = new_page()
    assert stranger.goto(page_url).status == 404
    assert stranger.request.get(document_url).status == 404
    stranger.goto(live_server.url + "/chuong-trinh-phoi-hop/")
    assert stranger.get_by_role("link", name=secret.title).count() == 0
