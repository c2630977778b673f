"""The header and footer kept per what they show (federation.shell): the same HTML as rendered
afresh, the visitor's search text in its place only, and a new one as soon as anything in them
changes: the profile, the date, the menu, the current section, the visitor signing in."""

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from federation import shell
from federation.models import SiteProfile
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nothing_kept():
    shell.forget()
    yield
    shell.forget()


def page(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def header(html):
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def footer(html):
    return html[html.index('<footer class="site-footer">') : html.index("</footer>")]


def current_item(html):
    return re.findall(r'<a href="([^"]+)" aria-current="page">', header(html))


@pytest.fixture
def site():
    category = make_category(name="Hoạt động công đoàn", show_in_menu=True)
    article = make_article(category=category)
    return {"category": category, "article": article}


def urls(site):
    return [
        "/",
        "/tin-tuc/",
        site["category"].get_absolute_url(),
        site["article"].get_absolute_url(),
        "/tim-kiem/?q=c%C3%B4ng+%C4%91o%C3%A0n",
        "/chuong-trinh-phoi-hop/",
        "/dien-hinh-tien-tien/",
    ]


def test_every_page_is_the_same_with_the_header_and_footer_kept_or_not(site, monkeypatch):
    kept = [page(url) for url in urls(site)]
    again = [page(url) for url in urls(site)]
    monkeypatch.setattr(shell, "_kept_html", lambda stamp, render: render())
    fresh = [page(url) for url in urls(site)]
    assert kept == again == fresh


def test_each_page_marks_its_own_section_in_the_kept_menu(site):
    assert current_item(page("/tin-tuc/")) == ["/tin-tuc/"]
    assert current_item(page(site["category"].get_absolute_url())) == [
        site["category"].get_absolute_url()
    ]
    assert current_item(page("/chuong-trinh-phoi-hop/")) == ["/chuong-trinh-phoi-hop/"]
    assert current_item(page("/tin-tuc/")) == ["/tin-tuc/"]


def test_the_search_text_is_escaped_and_stays_with_its_own_request(site):
    typed = '"><script>alert(1)</script>'
    html = page("/tim-kiem/?q=" + typed.replace("&", "%26"))
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in header(html)
    assert "<script>alert" not in header(html)
    assert 'name="q" placeholder="Tìm kiếm…" maxlength="200" value="">' in header(page("/"))
    assert shell.QUERY not in page("/tim-kiem/?q=lao+%C4%91%E1%BB%99ng")


def test_a_profile_change_shows_in_the_next_header_and_footer(site):
    page("/")
    profile = SiteProfile.load()
    profile.name = "Liên đoàn Lao động tỉnh Thử Nghiệm"
    profile.tagline = "Trang tin mới"
    profile.save()
    html = page("/")
    assert "Liên đoàn Lao động tỉnh Thử Nghiệm" in header(html)
    assert "Trang tin mới" in header(html)
    assert "Liên đoàn Lao động tỉnh Thử Nghiệm" in footer(html)


def test_a_category_added_to_the_menu_shows_in_the_next_header(site):
    page("/")
    added = make_category(name="Chăm lo đời sống", show_in_menu=True)
    assert added.get_absolute_url() in header(page("/"))


def test_the_header_s_date_follows_the_site_s_day_and_the_footer_its_year():
    zone = timezone.get_default_timezone()
    with time_machine.travel(datetime(2026, 12, 31, 23, 58, tzinfo=zone), tick=False) as t:
        html = page("/")
        assert "31/12/2026" in header(html)
        assert "© 2026" in footer(html)
        t.shift(timedelta(minutes=3))
        html = page("/")
        assert "01/01/2027" in header(html)
        assert "© 2027" in footer(html)


def test_a_signed_in_user_s_header_is_their_own_and_not_kept(site):
    user = get_user_model().objects.create_user("can-bo", password="mat-khau-dai-123")
    user.first_name = "Lan"
    user.save()
    client = Client()
    client.force_login(user)
    html = page("/tin-tuc/", client)
    assert "Xin chào, Lan" in header(html)
    assert 'name="csrfmiddlewaretoken"' in header(html)
    anonymous = page("/tin-tuc/")
    assert "Xin chào" not in anonymous
    assert "Đăng nhập" in header(anonymous)
    assert "Xin chào, Lan" in header(page("/tin-tuc/", client))


def test_what_is_kept_is_bounded(site, monkeypatch):
    monkeypatch.setattr(shell, "KEPT", 3)
    for url in urls(site):
        page(url)
    assert len(shell._kept) <= 3
