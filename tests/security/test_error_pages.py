"""The 404 and 500 pages: Vietnamese, in the site's layout, and never a stack trace."""

import pytest
from django.template.loader import render_to_string

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
