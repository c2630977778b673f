"""An officer who forgot the password sets a new one from the mailed link and signs in with it.

The live server runs in the test's process (pytest-django's live_server), so the mail lands in
Django's locmem outbox."""

import re

import pytest
from django.core import mail

from tests.e2e.conftest import no_horizontal_scroll, officer_login
from tests.factories import make_officer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [375, 1280])
def test_officer_resets_a_forgotten_password_and_signs_in_with_the_new_one(
    live_server, new_page, screenshot, width
):
    make_officer(
        username="canbo", password="MatKhauCu@2026", first_name="Quang", email="canbo@congdoan.vn"
    )
    page = new_page(width=width)
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_role("link", name="Quên mật khẩu?").click()
    page.wait_for_url("**/dang-nhap/quen-mat-khau/")
    page.get_by_label("Địa chỉ thư điện tử của tài khoản").fill("canbo@congdoan.vn")
    page.get_by_role("button", name="Gửi hướng dẫn").click()
    page.wait_for_url("**/dang-nhap/quen-mat-khau/da-gui/")
    assert "Hãy kiểm tra hộp thư" in page.locator("h1").text_content()
    assert no_horizontal_scroll(page)

    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/dang-nhap/quen-mat-khau/dat-lai/\S+/)", message.body)
    page.goto(live_server.url + link.group(1))
    page.wait_for_url("**/dat-lai/**")
    assert page.locator("h1").text_content() == "Đặt mật khẩu mới"
    page.get_by_label("Mật khẩu mới", exact=True).fill("CayChe@Cau-Dat9")
    page.get_by_label("Nhập lại mật khẩu mới").fill("CayChe@Cau-Dat9")
    screenshot(page, f"officer-new-password-{width}")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    page.wait_for_url("**/dang-nhap/quen-mat-khau/xong/")
    assert "Đã đổi mật khẩu" in page.locator("h1").text_content()

    officer_login(page, live_server.url, "canbo", "CayChe@Cau-Dat9")
    assert "Xin chào, Quang" in page.locator(".topbar").inner_text()
