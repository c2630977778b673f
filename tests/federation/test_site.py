"""The site profile, the base layout, the admin in Vietnamese and the health check."""

from unittest import mock

import pytest
from django.db import DatabaseError
from django.urls import reverse

from federation.models import SiteProfile

pytestmark = pytest.mark.django_db


def test_home_page_is_vietnamese_and_uses_the_layout(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi"' in html
    assert "Bỏ qua, đến nội dung chính" in html
    for label in ["Trang chủ", "Tin tức", "Chương trình phối hợp", "Điển hình tiên tiến"]:
        assert label in html
    assert 'action="/tim-kiem/"' in html


def test_header_and_footer_read_the_site_profile(client):
    profile = SiteProfile.load()
    profile.name = "Liên đoàn Lao động tỉnh Khánh Hòa"
    profile.phone = "0258 1234 567"
    profile.address = "Nha Trang, Khánh Hòa"
    profile.save()
    html = client.get("/").content.decode()
    assert "Liên đoàn Lao động tỉnh Khánh Hòa" in html
    assert "0258 1234 567" in html
    assert "Nha Trang, Khánh Hòa" in html
    assert "Lâm Đồng" not in html


def test_site_profile_is_a_single_row():
    SiteProfile(name="A").save()
    SiteProfile(name="B").save()
    assert SiteProfile.objects.count() == 1
    assert SiteProfile.load().name == "B"


def test_site_profile_is_read_from_the_cache(django_assert_num_queries):
    SiteProfile.load()
    with django_assert_num_queries(0):
        assert SiteProfile.load().name == "Liên đoàn Lao động tỉnh Lâm Đồng"


def test_no_asset_comes_from_another_host(client):
    html = client.get("/").content.decode()
    for attr in ('src="http', 'src="//', 'href="//'):
        assert attr not in html
    assert 'rel="stylesheet" href="/static/' in html


def test_admin_is_in_vietnamese_and_named_after_the_federation(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Quản trị – Liên đoàn Lao động tỉnh Lâm Đồng" in html
    assert "Thoát" in html and "Đổi mật khẩu" in html


def test_admin_site_profile_list_goes_straight_to_the_form(admin_client):
    response = admin_client.get(reverse("admin:federation_siteprofile_changelist"))
    assert response.status_code == 302
    assert response.url == reverse("admin:federation_siteprofile_change", args=[1])


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_dates_are_written_the_vietnamese_news_way():
    import datetime
    from zoneinfo import ZoneInfo

    from django.template import Context, Template

    moment = datetime.datetime(2021, 4, 7, 19, 4, tzinfo=datetime.UTC)
    rendered = Template('{{ moment|date:"DATETIME_FORMAT" }}').render(Context({"moment": moment}))
    assert rendered == "02:04, 08/04/2021"
    assert moment.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).hour == 2


def test_a_form_sent_without_its_token_gets_a_vietnamese_page():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/dang-nhap/", {"username": "a", "password": "b"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in html
    assert "Forbidden" not in html
