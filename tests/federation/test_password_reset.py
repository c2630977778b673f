"""Officers recover a forgotten password from /dang-nhap/, in Vietnamese, in the site's layout."""

import re

import pytest
from django.core import mail

from tests.factories import make_officer

pytestmark = pytest.mark.django_db

RESET_URL = "/dang-nhap/quen-mat-khau/"


def test_the_login_page_offers_a_way_to_recover_the_password(client):
    page = client.get("/dang-nhap/").text
    assert f'<a href="{RESET_URL}">Quên mật khẩu?</a>' in page
    form = client.get(RESET_URL)
    assert form.status_code == 200
    assert "Quên mật khẩu" in form.text and "Gửi hướng dẫn" in form.text
    # In the site's layout, with the federation's name, and kept out of search engines.
    from federation.models import SiteProfile

    assert 'class="site-main"' in form.text and "Bỏ qua, đến nội dung chính" in form.text
    assert f"<title>Quên mật khẩu | {SiteProfile.load().name}</title>" in form.text
    assert "noindex" in form.text


def test_the_same_answer_whether_or_not_the_address_has_an_account(client):
    make_officer(email="canbo@congdoan.vn")
    known = client.post(RESET_URL, {"email": "canbo@congdoan.vn"}, follow=True)
    unknown = client.post(RESET_URL, {"email": "khongco@congdoan.vn"}, follow=True)
    assert (
        known.redirect_chain
        == unknown.redirect_chain
        == [("/dang-nhap/quen-mat-khau/da-gui/", 302)]
    )
    strip = lambda page: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)  # noqa: E731
    assert strip(known.text) == strip(unknown.text)
    assert "Hãy kiểm tra hộp thư" in known.text
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["canbo@congdoan.vn"]


def test_an_officer_sets_a_new_password_from_the_mailed_link_and_signs_in(client):
    officer = make_officer(email="canbo@congdoan.vn", password="MatKhauCu@2026")
    client.post(RESET_URL, {"email": "canbo@congdoan.vn"})
    (message,) = mail.outbox
    assert message.subject.startswith("Đặt lại mật khẩu trên ")
    assert "Xin chào" in message.body and officer.get_username() in message.body
    link = re.search(r"http://testserver(/dang-nhap/quen-mat-khau/dat-lai/\S+/)", message.body)
    form = client.get(link.group(1), follow=True)
    assert "Đặt mật khẩu mới" in form.text and "Mật khẩu mới" in form.text
    url = form.redirect_chain[-1][0]

    mismatch = client.post(url, {"new_password1": "CayChe@Cau-Dat9", "new_password2": "khac"})
    assert "Hai mật khẩu không khớp nhau." in mismatch.text
    done = client.post(
        url, {"new_password1": "CayChe@Cau-Dat9", "new_password2": "CayChe@Cau-Dat9"}, follow=True
    )
    assert done.redirect_chain[-1][0] == "/dang-nhap/quen-mat-khau/xong/"
    assert "Đã đổi mật khẩu" in done.text
    officer.refresh_from_db()
    assert officer.check_password("CayChe@Cau-Dat9")
    # The link is used up.
    again = client.get(link.group(1), follow=True)
    assert "Đường dẫn không còn dùng được" in again.text


def test_the_reset_pages_never_come_from_the_page_cache(client, settings):
    from core.pagecache import HEADER

    settings.PAGECACHE_ENABLED = True
    for url in [RESET_URL, RESET_URL + "da-gui/", RESET_URL + "xong/"]:
        assert client.get(url).status_code == 200
        assert client.get(url).get(HEADER) is None, url
    # The page cache does serve the site's other pages (the check above is not vacuous).
    client.get("/tin-tuc/")
    assert client.get("/tin-tuc/").get(HEADER) == "HIT"
