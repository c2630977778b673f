"""The reader's portal: the menu with its categories, breadcrumbs, the legal footer, the way in for
officers on every 404, and the front page's blocks at a fixed query cost."""

import datetime as dt
import json
import re
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement
from federation.models import SiteProfile
from federation.views import officer_login_url
from news import popularity
from tests.factories import (
    image_upload,
    make_agreement,
    make_article,
    make_category,
    make_officer,
    make_partner,
    make_photo,
    make_photo_like,
    make_worker,
)

pytestmark = pytest.mark.django_db

WAY_IN = "Cán bộ công đoàn? Đăng nhập để xem các chương trình nội bộ"


def html_of(response):
    return response.content.decode()


def menu_of(html):
    return html.split('id="menu-chinh"')[1].split("</ul>")[0]


def jsonld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


# The menu -----------------------------------------------------------------------------------------


def test_menu_lists_the_categories_in_their_order_without_the_hidden_ones(client):
    make_category(name="Văn hóa – Thể thao", order=3)
    make_category(name="Hoạt động công đoàn", order=1)
    make_category(name="Thông báo nội bộ", order=2, show_in_menu=False)
    menu = menu_of(html_of(client.get("/")))
    labels = re.findall(r'<a href="[^"]+"[^>]*>([^<]+)</a>', menu)
    assert labels == [
        "Trang chủ",
        "Tin tức",
        "Hoạt động công đoàn",
        "Văn hóa – Thể thao",
        "Chương trình phối hợp",
        "Điển hình tiên tiến",
        "Văn bản",
        "Hỏi đáp pháp luật",
    ]


@pytest.mark.parametrize(
    "page, current",
    [
        ("home", "Trang chủ"),
        ("news", "Tin tức"),
        ("category", "Hoạt động công đoàn"),
        ("article", "Hoạt động công đoàn"),
        ("tag", "Tin tức"),
        ("agreements", "Chương trình phối hợp"),
        ("partner", "Chương trình phối hợp"),
        ("workers", "Điển hình tiên tiến"),
    ],
)
def test_the_current_section_is_marked_in_the_menu(client, page, current):
    category = make_category(name="Hoạt động công đoàn")
    article = make_article(category=category, tags=["công đoàn"])
    partner = make_partner(name="Báo Lâm Đồng")
    make_agreement(partners=[partner])
    paths = {
        "home": "/",
        "news": "/tin-tuc/",
        "category": category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "tag": "/the/cong-doan/",
        "agreements": "/chuong-trinh-phoi-hop/",
        "partner": partner.get_absolute_url(),
        "workers": "/dien-hinh-tien-tien/",
    }
    menu = menu_of(html_of(client.get(paths[page])))
    assert re.findall(r'aria-current="page">([^<]+)<', menu) == [current]


def test_a_renamed_or_hidden_category_changes_the_menu_at_once(client, settings):
    category = make_category(name="Hoạt động công đoàn")
    assert "Hoạt động công đoàn" in menu_of(html_of(client.get("/tin-tuc/")))
    category.name = "Công đoàn các cấp"
    category.save()
    assert "Công đoàn các cấp" in menu_of(html_of(client.get("/tin-tuc/")))
    category.show_in_menu = False
    category.save()
    assert "Công đoàn các cấp" not in menu_of(html_of(client.get("/tin-tuc/")))


def test_the_menu_costs_no_query_once_cached(client):
    make_category(name="Hoạt động công đoàn")
    client.get("/dien-hinh-tien-tien/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/dien-hinh-tien-tien/")
    assert not [q for q in queries.captured_queries if "news_category" in q["sql"]]


# Breadcrumbs --------------------------------------------------------------------------------------


def test_pages_below_the_home_page_carry_breadcrumbs_and_their_json_ld(client):
    category = make_category(name="Hoạt động công đoàn")
    article = make_article(category=category)
    agreement = make_agreement(title="Chương trình phối hợp với Báo Lâm Đồng")
    worker = make_worker(full_name="Nguyễn Thị Hoa")
    expected = {
        "/tin-tuc/": ["Trang chủ", "Tin tức"],
        category.get_absolute_url(): ["Trang chủ", "Tin tức", "Hoạt động công đoàn"],
        article.get_absolute_url(): ["Trang chủ", "Hoạt động công đoàn"],
        "/tim-kiem/?q=cong+doan": ["Trang chủ", "Tìm kiếm"],
        "/chuong-trinh-phoi-hop/": ["Trang chủ", "Chương trình phối hợp"],
        agreement.get_absolute_url(): ["Trang chủ", "Chương trình phối hợp", agreement.title],
        "/dien-hinh-tien-tien/": ["Trang chủ", "Điển hình tiên tiến"],
        worker.get_absolute_url(): ["Trang chủ", "Điển hình tiên tiến", "Nguyễn Thị Hoa"],
    }
    for path, trail in expected.items():
        html = html_of(client.get(path))
        nav = html.split('<nav class="breadcrumb"')[1].split("</nav>")[0]
        assert re.findall(r">([^<>]+)</(?:a|span)>", nav) == trail, path
        (data,) = [d for d in jsonld(html) if d["@type"] == "BreadcrumbList"]
        assert [item["name"] for item in data["itemListElement"]] == trail, path
        assert data["itemListElement"][0]["item"] == "http://testserver/"
    assert '<nav class="breadcrumb"' not in html_of(client.get("/"))


def test_the_category_breadcrumb_leads_back_from_an_article(client):
    category = make_category(name="Chăm lo đoàn viên")
    html = html_of(client.get(make_article(category=category).get_absolute_url()))
    nav = html.split('<nav class="breadcrumb"')[1].split("</nav>")[0]
    assert f'<a href="{category.get_absolute_url()}">Chăm lo đoàn viên</a>' in nav


# The legal footer ---------------------------------------------------------------------------------


def test_footer_shows_governing_body_licence_and_who_answers_for_the_content(client):
    profile = SiteProfile.load()
    profile.governing_body = "Tổng Liên đoàn Lao động Việt Nam"
    profile.licence_number = "12/GP-TTĐT"
    profile.licence_date = dt.date(2021, 4, 8)
    profile.licence_issuer = "Sở Thông tin và Truyền thông tỉnh Lâm Đồng"
    profile.content_responsible = "Nguyễn Văn A – Phó Chủ tịch"
    profile.save()
    footer = html_of(client.get("/tin-tuc/")).split('<footer class="site-footer">')[1]
    assert "Cơ quan chủ quản: Tổng Liên đoàn Lao động Việt Nam" in footer
    assert (
        "Giấy phép số 12/GP-TTĐT ngày 08/04/2021 do Sở Thông tin và Truyền thông tỉnh Lâm Đồng cấp"
        in footer
    )
    assert "Chịu trách nhiệm nội dung: Nguyễn Văn A – Phó Chủ tịch" in footer


def test_footer_without_legal_details_shows_no_empty_lines(client):
    footer = html_of(client.get("/")).split('<footer class="site-footer">')[1]
    assert "Cơ quan chủ quản" not in footer
    assert "Giấy phép" not in footer
    assert "Chịu trách nhiệm nội dung" not in footer


def test_the_licence_sentence_leaves_out_what_is_not_filled_in():
    profile = SiteProfile(licence_number="00/GP-MẪU")
    assert profile.licence_sentence == "Giấy phép số 00/GP-MẪU"
    profile.licence_issuer = "Sở Thông tin và Truyền thông"
    assert profile.licence_sentence == "Giấy phép số 00/GP-MẪU do Sở Thông tin và Truyền thông cấp"


def test_the_legal_fields_are_in_the_site_profile_form(admin_client):
    SiteProfile.load()
    html = html_of(admin_client.get("/quan-tri/federation/siteprofile/1/change/"))
    for label in [
        "Cơ quan chủ quản",
        "Số giấy phép",
        "Ngày cấp giấy phép",
        "Cơ quan cấp giấy phép",
        "Người chịu trách nhiệm nội dung",
    ]:
        assert label in html, label


# The way in for officers --------------------------------------------------------------------------


def way_in_href(html):
    found = re.search(r'<a href="([^"]+)">' + re.escape(WAY_IN) + "</a>", html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_every_404_offers_officers_a_way_in_back_to_the_same_address(client):
    private = make_agreement(visibility=Agreement.Visibility.OFFICERS)
    for path in [
        private.get_absolute_url(),
        "/chuong-trinh-phoi-hop/khong-co-chuong-trinh-nay/",
        "/khong-co-trang-nay/?trang=2&loc=moi",
        "/tin-tuc/bai-khong-co/",
    ]:
        response = client.get(path)
        assert response.status_code == 404
        assert way_in_href(html_of(response)) == f"/dang-nhap/?next={quote(path, safe='')}"


def test_a_hidden_programme_and_a_missing_one_look_the_same_but_for_their_address(client):
    private = make_agreement(visibility=Agreement.Visibility.OFFICERS, slug="noi-bo")
    hidden = html_of(client.get(private.get_absolute_url()))
    missing = html_of(client.get("/chuong-trinh-phoi-hop/khong-co/"))
    assert hidden.replace("noi-bo", "X") == missing.replace("khong-co", "X")


def test_the_way_in_never_names_another_site(rf):
    request = rf.get("/")
    request.path = "//evil.example/duong-dan/"  # what a browser sends for a doubled slash
    assert officer_login_url(request) == "/dang-nhap/?next=%2Fevil.example%2Fduong-dan%2F"


def test_officer_signed_out_follows_the_way_in_and_lands_on_the_programme(client):
    make_officer(username="canbo", password="CanBo@2026")
    private = make_agreement(
        title="Chương trình nội bộ về an toàn lao động",
        visibility=Agreement.Visibility.OFFICERS,
    )
    response = client.get(private.get_absolute_url())
    assert response.status_code == 404
    login_url = way_in_href(html_of(response))
    assert client.get(login_url).status_code == 200
    response = client.post(login_url, {"username": "canbo", "password": "CanBo@2026"})
    assert response.status_code == 302
    assert response["Location"] == private.get_absolute_url()
    assert "Chương trình nội bộ về an toàn lao động" in html_of(client.get(response["Location"]))


def test_a_signed_in_officer_is_not_asked_to_sign_in_again_on_a_404(client):
    client.force_login(make_officer())
    html = html_of(client.get("/khong-co-trang-nay/"))
    assert "Không tìm thấy trang" in html
    assert WAY_IN not in html


# The front page -----------------------------------------------------------------------------------


def test_home_side_column_holds_programmes_in_force_a_worker_and_the_partner_media(client):
    logo = make_partner(name="Báo Lâm Đồng", logo=image_upload("logo.png", image_format="PNG"))
    make_partner(name="Báo không có logo")
    make_agreement(title="Chương trình phối hợp đang thực hiện", partners=[logo])
    make_agreement(title="Chương trình nội bộ", visibility=Agreement.Visibility.OFFICERS)
    ended = make_agreement(title="Chương trình đã kết thúc")
    Agreement.objects.filter(pk=ended.pk).update(
        valid_from=dt.date(2015, 1, 1), valid_until=dt.date(2017, 12, 31)
    )
    make_worker(full_name="Nguyễn Thị Hoa", featured=True)
    aside = html_of(client.get("/")).split('<aside class="home-aside"')[1].split("</aside>")[0]
    programmes = aside.split('id="chuong-trinh-hieu-luc"')[1].split("</section>")[0]
    assert "Chương trình phối hợp đang thực hiện" in programmes
    assert "Chương trình nội bộ" not in programmes
    assert "Chương trình đã kết thúc" not in programmes
    assert "Nguyễn Thị Hoa" in aside
    partners = aside.split('id="doi-tac-bao-chi"')[1].split("</section>")[0]
    assert 'alt="Biểu trưng Báo Lâm Đồng"' in partners
    assert "Báo không có logo" not in partners


def count_home_queries(client):
    client.get("/")  # warm what a real site keeps warm (site profile, menu, most read)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_home_takes_at_most_10_queries_whatever_the_articles_and_categories(client):
    picture = make_photo(article=make_article(status="draft"))
    partner = make_partner(logo=image_upload("logo.png", image_format="PNG"))
    make_agreement(partners=[partner])
    make_worker(featured=True)
    first = make_category(name="Khối tin 0")
    lead = make_article(category=first, featured=True)
    make_photo_like(picture, article=lead, is_cover=True)
    client.post(f"/tin-tuc/luot-doc/{lead.pk}/")
    popularity.flush_view_counts()
    cache.delete(popularity.MOST_READ_CACHE_KEY)
    small = count_home_queries(client)

    categories = [first] + [make_category(name=f"Khối tin {i}") for i in range(1, 7)]
    for i in range(50):
        article = make_article(category=categories[i % len(categories)])
        make_photo_like(picture, article=article, is_cover=True)
        client.post(f"/tin-tuc/luot-doc/{article.pk}/")
    for _ in range(5):
        make_agreement(partners=[make_partner(logo=image_upload("logo.png", image_format="PNG"))])
        make_worker(featured=True)
    popularity.flush_view_counts()
    cache.delete(popularity.MOST_READ_CACHE_KEY)
    large = count_home_queries(client)
    assert large == small
    assert large <= 10
    html = html_of(client.get("/"))
    assert html.count('class="home-block"') == 7
    assert html.count('class="card card--top"') == 7
