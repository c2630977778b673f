"""The error pages (400, 403, 404, 500): Vietnamese, in the site's layout (the admin's for the
admin), never a stack trace, and a way on from each."""

import pytest
from django.template.loader import render_to_string

from tests.factories import make_correspondent, make_editor

pytestmark = pytest.mark.django_db

NOT_FOUND = "Không tìm thấy trang"
SERVER_ERROR = "Trang đang gặp sự cố"
LEAKS = ["Traceback", "SECRET_DETAIL_42", "RuntimeError", "bang_khong_ton_tai", "django/"]


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "tests.security.urls"
    settings.DEBUG = False


@pytest.mark.parametrize(
    "path",
    [
        "/khong-co-trang-nay/",
        "/tin-tuc/bai-viet-khong-ton-tai/",
        "/chuyen-muc/khong-co/",
        "/chuong-trinh-phoi-hop/khong-co/",
        "/dien-hinh-tien-tien/khong-co/",
        "/tin-tuc/?page=999",
    ],
)
def test_missing_page_is_vietnamese_in_the_site_layout(visitor, site, path):
    response = visitor.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert NOT_FOUND in html
    assert '<html lang="vi"' in html
    # The site's own header, menu, search box and footer are all there.
    assert "Liên đoàn Lao động tỉnh Lâm Đồng" in html
    assert 'id="menu-chinh"' in html
    assert 'action="/tim-kiem/"' in html
    assert "site-footer" in html
    assert "noindex" in html
    for leak in LEAKS:
        assert leak not in html


@pytest.mark.parametrize("path", ["/loi-thu/", "/loi-co-so-du-lieu/"])
def test_server_error_is_vietnamese_without_any_stack_trace(visitor, failing_site, path):
    response = visitor.get(path)
    assert response.status_code == 500
    html = response.content.decode()
    assert SERVER_ERROR in html
    assert '<html lang="vi"' in html
    assert "/static/css/site.css" in html
    assert 'href="/"' in html
    for leak in LEAKS:
        assert leak not in html, leak


def test_server_error_page_renders_without_a_request_or_the_database(
    django_assert_num_queries,
):
    # Django renders 500.html with no request context; the database may be what failed.
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert SERVER_ERROR in html
    assert "site-header" in html and "site-footer" in html


# A bad Host header (400) and a refusal (403) ------------------------------------------------------

BAD_REQUEST = "Yêu cầu không hợp lệ"
FORBIDDEN = "Bạn không có quyền xem trang này"
ENGLISH = ["Bad Request", "Forbidden", "403 Forbidden", "(400)"]


@pytest.mark.parametrize("cache_on", [False, True], ids=["no-page-cache", "page-cache"])
@pytest.mark.parametrize("path", ["/", "/tin-tuc/", "/dang-nhap/", "/quan-tri/"])
def test_a_bad_host_gets_a_vietnamese_400_in_the_site_layout(
    visitor, site, settings, path, cache_on
):
    settings.PAGECACHE_ENABLED = cache_on
    response = visitor.get(path, HTTP_HOST="ke-gia-mao.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert BAD_REQUEST in html
    assert '<html lang="vi"' in html
    assert "Liên đoàn Lao động tỉnh Lâm Đồng" in html
    assert 'id="menu-chinh"' in html and "site-footer" in html
    assert "noindex" in html
    # The forged host is never echoed back, neither in links nor in the text.
    assert "ke-gia-mao" not in html
    for word in ENGLISH + LEAKS:
        assert word not in html, word


def test_a_malformed_request_gets_the_vietnamese_400_with_what_to_do(visitor, site, settings):
    fields = {f"truong{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = visitor.post("/dang-nhap/", fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert BAD_REQUEST in html
    assert "quay lại trang trước" in html
    assert 'id="menu-chinh"' in html
    for word in ENGLISH + LEAKS:
        assert word not in html, word


def test_a_public_refusal_gets_a_vietnamese_403_in_the_site_layout(visitor, site, failing_site):
    response = visitor.get("/bi-tu-choi/")
    assert response.status_code == 403
    html = response.content.decode()
    assert FORBIDDEN in html
    assert '<html lang="vi"' in html
    assert 'id="menu-chinh"' in html and "site-footer" in html
    assert 'href="/"' in html
    # An officer who has not signed in yet is told where to.
    assert 'href="/dang-nhap/?next=/bi-tu-choi/"' in html
    for word in ENGLISH + LEAKS:
        assert word not in html, word


@pytest.mark.parametrize(
    "path",
    [
        "/quan-tri/agreements/agreement/",
        "/quan-tri/agreements/agreement/add/",
        "/quan-tri/news/category/add/",
        "/quan-tri/auth/user/",
    ],
)
def test_an_admin_refusal_is_vietnamese_in_the_admin_layout_with_a_way_back(client, site, path):
    client.force_login(make_correspondent())
    response = client.get(path)
    assert response.status_code == 403
    html = response.content.decode()
    assert FORBIDDEN in html
    assert '<html lang="vi"' in html
    # The admin's own header and the way back to what the correspondent may do.
    assert 'id="header"' in html and "Quản trị – Liên đoàn Lao động tỉnh Lâm Đồng" in html
    assert 'href="/quan-tri/"' in html and "Bảng điều khiển" in html
    assert 'href="/quan-tri/news/article/"' in html
    assert "site-footer" not in html
    for word in ENGLISH + LEAKS:
        assert word not in html, word


# Where the admin login lands -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "next_url", ["https://ke-gia-mao.example/", "//ke-gia-mao.example/quan-tri/", ""]
)
def test_the_admin_login_lands_on_the_admin_when_next_is_refused_or_missing(client, next_url):
    make_editor(username="bientap.lamdong")
    data = {"username": "bientap.lamdong", "password": "MatKhau@2026"}
    if next_url:
        data["next"] = next_url
    response = client.post("/quan-tri/login/", data)
    assert response.status_code == 302
    assert response["Location"] == "/quan-tri/"
    assert client.get(response["Location"]).status_code == 200


def test_the_admin_login_still_follows_a_next_on_the_site(client):
    make_editor(username="bientap.lamdong")
    response = client.post(
        "/quan-tri/login/?next=/quan-tri/news/article/",
        {
            "username": "bientap.lamdong",
            "password": "MatKhau@2026",
            "next": "/quan-tri/news/article/",
        },
    )
    assert response["Location"] == "/quan-tri/news/article/"
