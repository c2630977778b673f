"""The public and officers' pages, seen from outside by an anonymous visitor, an officer and an
editor (every role: tests/agreements/test_officers.py)."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone
from django.views.static import serve

from agreements.models import Agreement, AgreementTask
from agreements.views import AgreementListView
from core.roles import OFFICERS
from tests.factories import (
    make_agreement,
    make_article,
    make_editor,
    make_partner,
    make_task,
    make_user,
    pdf_upload,
)
from tests.pages import assert_canonical_follows_the_parsed_page

pytestmark = pytest.mark.django_db

LIST = "/chuong-trinh-phoi-hop/"


@pytest.fixture
def officer():
    return make_user(groups=[OFFICERS], first_name="Cán bộ")


@pytest.fixture
def editor():
    return make_editor()


@pytest.fixture
def secret():
    return make_agreement(
        title="Chương trình nội bộ về an toàn thông tin",
        visibility=Agreement.Visibility.OFFICERS,
        document=pdf_upload("ban-noi-bo.pdf"),
    )


@pytest.fixture
def open_agreement():
    return make_agreement(
        title="Chương trình công khai về chuyên mục công đoàn",
        document=pdf_upload("ban-cong-khai.pdf"),
    )


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


# Who sees what ------------------------------------------------------------------------------------


def test_anonymous_visitors_never_see_an_officers_only_agreement(client, secret, open_agreement):
    html = client.get(LIST).content.decode()
    assert open_agreement.title in html
    assert secret.title not in html
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert client.get(secret.get_document_url()).status_code == 404


def test_anonymous_visitors_can_download_a_public_document(client, open_agreement):
    response = client.get(open_agreement.get_document_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{open_agreement.slug}.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("who", ["officer", "editor"])
def test_officers_and_editors_see_officers_only_agreements_and_documents(
    client, request, who, secret
):
    as_user(client, request.getfixturevalue(who))
    html = client.get(LIST).content.decode()
    assert secret.title in html
    assert "Bạn đang xem cả các chương trình chỉ dành cho cán bộ công đoàn." in html
    detail = client.get(secret.get_absolute_url())
    assert detail.status_code == 200
    assert "Chương trình này chỉ dành cho cán bộ công đoàn" in detail.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in detail.content.decode()
    document = client.get(secret.get_document_url())
    assert document.status_code == 200
    assert document["Content-Disposition"] == f'attachment; filename="{secret.slug}.pdf"'


def test_a_logged_in_user_who_is_not_an_officer_sees_only_public_agreements(client, secret):
    as_user(client, make_user())
    assert secret.title not in client.get(LIST).content.decode()
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert client.get(secret.get_document_url()).status_code == 404


def test_an_inactive_officer_is_treated_as_anonymous(client, secret):
    client.force_login(make_user(groups=[OFFICERS], is_active=False))
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert client.get(secret.get_document_url()).status_code == 404


def test_no_media_url_reaches_a_private_document(client, secret, open_agreement):
    for agreement in (secret, open_agreement):
        path = agreement.document.path
        assert not path.startswith(str(settings.MEDIA_ROOT))
        assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
        name = agreement.document.name
        for guess in (name, name.split("/")[-1], f"agreements/{name.split('/')[-1]}"):
            assert client.get(f"/media/{guess}").status_code == 404
            # Even Django's development media server, rooted at MEDIA_ROOT, cannot find it.
            with pytest.raises(Http404):
                serve(RequestFactory().get("/"), guess, document_root=settings.MEDIA_ROOT)
        # The file field's URL is the checking view, never a storage URL.
        assert agreement.document.url == agreement.get_document_url()


def test_a_document_that_is_missing_on_disk_is_a_404(client, open_agreement):
    open_agreement.document.storage.delete(open_agreement.document.name)
    assert client.get(open_agreement.get_document_url()).status_code == 404


def test_an_agreement_without_a_document_has_no_download(client):
    agreement = make_agreement()
    assert client.get(agreement.get_document_url()).status_code == 404
    assert "Tải văn bản đã ký" not in client.get(agreement.get_absolute_url()).content.decode()


def test_partner_contacts_are_shown_only_to_officers_and_editors(client, officer, editor):
    partner = make_partner(
        name="Báo Lâm Đồng",
        contact_person="Nguyễn Thị Liên Hệ",
        contact_phone="0263 3822 123",
        contact_email="lienhe@baolamdong.example.vn",
    )
    make_agreement(partners=[partner])
    anonymous = client.get(partner.get_absolute_url()).content.decode()
    assert "Báo Lâm Đồng" in anonymous
    for secret_text in ("Nguyễn Thị Liên Hệ", "0263 3822 123", "lienhe@baolamdong.example.vn"):
        assert secret_text not in anonymous
    for user in (officer, editor):
        client.force_login(user)
        html = client.get(partner.get_absolute_url()).content.decode()
        assert "Nguyễn Thị Liên Hệ" in html
        assert "0263 3822 123" in html
        assert "lienhe@baolamdong.example.vn" in html


def test_a_partner_page_lists_only_the_agreements_the_visitor_may_see(client, officer):
    partner = make_partner()
    public = make_agreement(partners=[partner], title="Chương trình công khai với đối tác")
    hidden = make_agreement(
        partners=[partner],
        title="Chương trình nội bộ với đối tác",
        visibility=Agreement.Visibility.OFFICERS,
    )
    html = client.get(partner.get_absolute_url()).content.decode()
    assert public.title in html and hidden.title not in html
    client.force_login(officer)
    html = client.get(partner.get_absolute_url()).content.decode()
    assert public.title in html and hidden.title in html


def test_a_merged_partner_says_what_it_is_now_part_of(client):
    merged = make_partner(name="Báo và Phát thanh, Truyền hình Lâm Đồng")
    old = make_partner(name="Báo Lâm Đồng", valid_until=date(2025, 6, 30), successor=merged)
    html = client.get(old.get_absolute_url()).content.decode()
    assert "nay là một phần của" in html
    assert merged.get_absolute_url() in html
    assert "Hoạt động đến ngày 30/06/2025" in html
    merged_html = client.get(merged.get_absolute_url()).content.decode()
    assert "Hình thành từ" in merged_html and old.get_absolute_url() in merged_html


# The detail page ---------------------------------------------------------------------------------


def test_detail_counts_the_days_left_only_for_an_agreement_about_to_expire(client, settings):
    today = timezone.localdate()
    warn = settings.AGREEMENT_EXPIRY_WARNING_DAYS
    soon = make_agreement(
        valid_from=today - timedelta(days=300), valid_until=today + timedelta(days=9)
    )
    later = make_agreement(
        valid_from=today - timedelta(days=300), valid_until=today + timedelta(days=warn + 30)
    )
    assert soon.is_expiring and not later.is_expiring
    assert "còn 9 ngày" in client.get(soon.get_absolute_url()).content.decode()
    assert "agreement-period__left" not in client.get(later.get_absolute_url()).content.decode()


def test_detail_shows_partners_period_tasks_news_chain_and_download(client):
    radio = make_partner(name="Đài PTTH tỉnh Lâm Đồng")
    paper = make_partner(name="Báo Lâm Đồng")
    earlier = make_agreement(
        title="Chương trình giai đoạn 2018–2020",
        valid_from=date(2018, 1, 1),
        valid_until=date(2020, 12, 31),
        partners=[radio, paper],
    )
    current = make_agreement(
        title="Chương trình giai đoạn 2021–2023",
        valid_from=date(2021, 4, 8),
        valid_until=date(2023, 12, 31),
        renews=earlier,
        partners=[radio, paper],
        document=pdf_upload(),
        signatories="Phạm Văn A, Chủ tịch LĐLĐ tỉnh\nTrần Thị B, Giám đốc Đài PTTH",
    )
    later = make_agreement(
        title="Chương trình giai đoạn 2024–2026",
        valid_from=date(2024, 1, 1),
        valid_until=date(2026, 12, 31),
        renews=current,
        partners=[radio],
    )
    article = make_article(title="Ký kết chương trình phối hợp truyền thông")
    current.related_articles.add(article)
    column = make_article(title="Ra mắt chuyên mục Công đoàn Lâm Đồng")
    done = make_task(
        agreement=current,
        title="Xây dựng chuyên mục công đoàn",
        progress=AgreementTask.Progress.DONE,
    )
    done.related_articles.add(column)
    make_task(agreement=current, title="Tăng cường thông tin", progress="in-progress")
    make_task(
        agreement=current,
        title="Tuyên truyền phong trào công nhân",
        responsible=AgreementTask.Responsible.PARTNER,
        partner=paper,
        due_on=date(2022, 1, 1),
    )
    radio.name = "Tên mới của Đài"
    radio.save()

    html = client.get(current.get_absolute_url()).content.decode()
    assert "Đài PTTH tỉnh Lâm Đồng" in html and "(nay là Tên mới của Đài)" in html
    assert "Báo Lâm Đồng" in html
    assert "08/04/2021" in html and "31/12/2023" in html
    assert 'status-badge--het-han">hết hạn<' in html
    assert "1/3 nhiệm vụ hoàn thành" in html
    assert '<progress class="tasks-progress" max="3" value="1">' in html
    assert "Xây dựng chuyên mục công đoàn" in html and column.get_absolute_url() in html
    assert "Phụ trách: Báo Lâm Đồng" in html and "quá hạn" in html
    assert article.get_absolute_url() in html
    assert "Phạm Văn A, Chủ tịch LĐLĐ tỉnh" in html
    # The chain, oldest first, with the current one not linked.
    positions = [html.index(x) for x in ("2018–2020", "2021–2023</strong>", "2024–2026")]
    assert positions == sorted(positions)
    assert earlier.get_absolute_url() in html and later.get_absolute_url() in html
    assert current.get_document_url() in html
    assert "Tải văn bản đã ký (PDF)" in html
    assert 'class="share"' in html
    assert f'<link rel="canonical" href="http://testserver{current.get_absolute_url()}">' in html


def test_the_chain_hides_officers_only_links_from_the_public(client, officer):
    earlier = make_agreement(
        title="Giai đoạn đầu nội bộ",
        valid_from=date(2018, 1, 1),
        valid_until=date(2020, 12, 31),
        visibility=Agreement.Visibility.OFFICERS,
    )
    current = make_agreement(
        valid_from=date(2021, 1, 1), valid_until=date(2023, 12, 31), renews=earlier
    )
    assert "Giai đoạn đầu nội bộ" not in client.get(current.get_absolute_url()).content.decode()
    client.force_login(officer)
    assert "Giai đoạn đầu nội bộ" in client.get(current.get_absolute_url()).content.decode()


def test_unpublished_news_is_not_linked_from_an_agreement(client):
    agreement = make_agreement()
    draft = make_article(title="Bản nháp chưa đăng", status="draft")
    agreement.related_articles.add(draft)
    assert "Bản nháp chưa đăng" not in client.get(agreement.get_absolute_url()).content.decode()


def test_malformed_and_unknown_slugs_are_404(client):
    for url in (
        "/chuong-trinh-phoi-hop/khong-co/",
        "/chuong-trinh-phoi-hop/co dau/",
        "/chuong-trinh-phoi-hop/%E2%80%93/",
        "/chuong-trinh-phoi-hop/khong-co/van-ban/",
        "/doi-tac/khong-co/",
        "/doi-tac/<script>/",
    ):
        assert client.get(url).status_code == 404, url


# The list ----------------------------------------------------------------------------------------


def test_list_is_newest_first_and_paginated(client):
    for year in range(2000, 2025):
        make_agreement(
            title=f"Chương trình năm {year}",
            signed_on=date(year, 3, 1),
            valid_from=date(year, 3, 1),
            valid_until=date(year, 12, 31),
        )
    html = client.get(LIST).content.decode()
    assert html.index("Chương trình năm 2024") < html.index("Chương trình năm 2023")
    assert "Chương trình năm 2004" not in html
    assert "Trang 1 / 2" in html
    second = client.get(LIST, {"page": 2}).content.decode()
    assert "Chương trình năm 2000" in second


def test_list_filters_by_partner_year_and_status(client):
    paper = make_partner(name="Báo Lâm Đồng")
    radio = make_partner(name="Đài PTTH tỉnh Lâm Đồng")
    today = timezone.localdate()
    old = make_agreement(
        title="Chương trình cũ với báo",
        valid_from=date(2018, 1, 1),
        valid_until=date(2020, 12, 31),
        partners=[paper],
    )
    current = make_agreement(
        title="Chương trình hiện tại với đài",
        valid_from=today - timedelta(days=30),
        valid_until=today + timedelta(days=700),
        partners=[radio],
    )
    expiring = make_agreement(
        title="Chương trình sắp hết với cả hai",
        valid_from=today - timedelta(days=700),
        valid_until=today + timedelta(days=10),
        partners=[paper, radio],
    )

    def titles(**params):
        html = client.get(LIST, params).content.decode()
        return {a.title for a in (old, current, expiring) if a.title in html}

    assert titles() == {old.title, current.title, expiring.title}
    assert titles(**{"doi-tac": paper.slug}) == {old.title, expiring.title}
    assert titles(**{"doi-tac": radio.slug}) == {current.title, expiring.title}
    assert titles(nam="2019") == {old.title}
    assert titles(**{"trang-thai": "het-han"}) == {old.title}
    assert titles(**{"trang-thai": "dang-hieu-luc"}) == {current.title}
    assert titles(**{"trang-thai": "sap-het-han"}) == {expiring.title}
    assert titles(**{"trang-thai": "sap-het-han", "doi-tac": paper.slug}) == {expiring.title}
    assert titles(**{"trang-thai": "sap-hieu-luc"}) == set()


@pytest.mark.parametrize(
    "params",
    [
        {"doi-tac": "khong-ton-tai"},
        {"nam": "abc"},
        {"nam": "99999999999999999999999"},
        {"nam": "1800"},
        {"trang-thai": "bi-hack"},
        {"trang-thai": "'; DROP TABLE x; --"},
        {"doi-tac": ["a", "b"]},
    ],
)
def test_invalid_filter_values_are_ignored_with_a_message(client, params):
    agreement = make_agreement()
    response = client.get(LIST, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Một số điều kiện lọc không hợp lệ nên đã được bỏ qua." in html
    assert agreement.title in html


@pytest.mark.parametrize("page", ["abc", "999", "0", "-1"])
def test_bad_page_numbers_are_404(client, page):
    make_agreement()
    assert client.get(LIST, {"page": page}).status_code == 404


def test_the_canonical_address_carries_the_page_number_as_parsed(client, monkeypatch):
    monkeypatch.setattr(AgreementListView, "paginate_by", 2)
    partner = make_partner()
    for _ in range(3):
        make_agreement(partners=[partner])
    assert_canonical_follows_the_parsed_page(client, LIST)


def test_old_underscore_filter_names_still_filter_and_links_use_the_dashed_names(client):
    today = timezone.localdate()
    paper = make_partner(name="Báo Lâm Đồng")
    expiring = make_agreement(
        partners=[paper],
        valid_from=today - timedelta(days=300),
        valid_until=today + timedelta(days=9),
    )
    running = make_agreement(partners=[paper])
    for params in [
        {"doi-tac": paper.slug, "trang-thai": "sap-het-han"},
        {"doi_tac": paper.slug, "trang_thai": "sap-het-han"},  # a bookmark from before
    ]:
        html = client.get(LIST, params).content.decode()
        assert expiring.title in html and running.title not in html, params
    for n in range(20):
        make_agreement(partners=[paper], title=f"Chương trình số {n}")
    html = client.get(LIST, {"doi_tac": paper.slug}).content.decode()
    assert f"?doi-tac={paper.slug}&amp;page=2" in html


def test_pagination_keeps_the_filters(client):
    partner = make_partner()
    for n in range(25):
        make_agreement(partners=[partner], title=f"Chương trình số {n}")
    html = client.get(LIST, {"doi-tac": partner.slug}).content.decode()
    assert f"?doi-tac={partner.slug}&amp;page=2" in html


# Query counts: constant, whatever the row count --------------------------------------------------


def _many(n, **kw):
    partners = [make_partner(), make_partner()]
    for _ in range(n):
        agreement = make_agreement(partners=partners, **kw)
        make_task(agreement=agreement, progress=AgreementTask.Progress.DONE)
        make_task(agreement=agreement)
    return partners


@pytest.mark.parametrize("rows", [1, 50])
def test_list_page_takes_a_constant_number_of_queries(
    client, django_assert_max_num_queries, rows, officer
):
    _many(rows)
    client.force_login(officer)
    client.get("/")  # the site profile is then in the cache, as on a live site
    with django_assert_max_num_queries(9):
        response = client.get(LIST)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_partner_page_takes_a_constant_number_of_queries(
    client, django_assert_max_num_queries, rows
):
    partners = _many(rows)
    client.get("/")
    with django_assert_max_num_queries(4):
        response = client.get(partners[0].get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_detail_page_takes_a_constant_number_of_queries(
    client, django_assert_max_num_queries, rows
):
    partners = [make_partner() for _ in range(rows if rows < 5 else 5)]
    previous = None
    for n in range(rows):
        previous = make_agreement(partners=partners, renews=previous, title=f"Giai đoạn {n}")
    for _ in range(rows):
        task = make_task(agreement=previous)
        task.related_articles.add(make_article())
        previous.related_articles.add(make_article())
    client.get("/")
    with django_assert_max_num_queries(8):
        response = client.get(previous.get_absolute_url())
    assert response.status_code == 200
    assert f"0/{rows} nhiệm vụ hoàn thành" in response.content.decode()


# Login and logout ------------------------------------------------------------------------------


def test_login_page_is_vietnamese_and_signs_an_officer_in(client):
    make_user(username="canbo", password="MatKhau@2026", groups=[OFFICERS])
    page = client.get("/dang-nhap/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Đăng nhập" in html and "Tên đăng nhập" in html and "Mật khẩu" in html
    response = client.post("/dang-nhap/", {"username": "canbo", "password": "MatKhau@2026"})
    assert response.status_code == 302
    assert response.url == LIST
    assert "Đăng xuất" in client.get(LIST).content.decode()


def test_login_goes_back_to_next(client, secret):
    make_user(username="canbo", password="MatKhau@2026", groups=[OFFICERS])
    response = client.post(
        "/dang-nhap/?next=" + secret.get_absolute_url(),
        {"username": "canbo", "password": "MatKhau@2026", "next": secret.get_absolute_url()},
    )
    assert response.url == secret.get_absolute_url()
    assert client.get(response.url).status_code == 200


def test_login_refuses_a_foreign_next(client):
    make_user(username="canbo", password="MatKhau@2026")
    response = client.post(
        "/dang-nhap/",
        {"username": "canbo", "password": "MatKhau@2026", "next": "https://evil.example/"},
    )
    assert response.url == LIST


def test_a_wrong_password_gets_a_vietnamese_error(client):
    make_user(username="canbo", password="MatKhau@2026")
    response = client.post("/dang-nhap/", {"username": "canbo", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_logout_is_a_post_from_the_header_and_signs_out(client, officer, secret):
    client.force_login(officer)
    html = client.get(LIST).content.decode()
    assert 'action="/dang-xuat/" method="post"' in html
    assert client.get("/dang-xuat/").status_code == 405
    response = client.post("/dang-xuat/")
    assert response.status_code == 302 and response.url == "/"
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert 'href="/dang-nhap/"' in client.get("/").content.decode()


def test_the_login_page_needs_a_csrf_token(officer):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/dang-nhap/", {"username": "x", "password": "y"})
    assert response.status_code == 403


def test_agreement_pages_load_their_stylesheet(client):
    agreement = make_agreement()
    for url in (LIST, agreement.get_absolute_url(), "/dang-nhap/"):
        assert "/static/css/agreements.css" in client.get(url).content.decode()
