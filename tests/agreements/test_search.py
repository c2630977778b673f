"""Agreements in the site search and in the sitemap: public ones only, found without diacritics."""

import pytest

from agreements.models import Agreement
from tests.factories import make_agreement, make_partner, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements():
    radio = make_partner(name="Đài Phát thanh – Truyền hình Lâm Đồng")
    public = make_agreement(
        title="Chương trình phối hợp tuyên truyền giai đoạn 2021–2023",
        summary="<p>Xây dựng chuyên mục Công đoàn trên sóng phát thanh.</p>",
        partners=[radio],
    )
    secret = make_agreement(
        title="Chương trình phối hợp nội bộ về bảo mật",
        visibility=Agreement.Visibility.OFFICERS,
        partners=[radio],
    )
    return public, secret


def search(client, q):
    response = client.get("/tim-kiem/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_an_agreement_by_unaccented_words(client, agreements):
    public, _ = agreements
    html = search(client, "chuong trinh phoi hop tuyen truyen")
    assert "Chương trình phối hợp" in html  # the kind's label
    assert public.get_absolute_url() in html
    assert "<mark>" in html


def test_search_finds_an_agreement_by_its_partner_and_summary(client, agreements):
    public, _ = agreements
    assert public.get_absolute_url() in search(client, "dai phat thanh truyen hinh")
    assert public.get_absolute_url() in search(client, "CHUYÊN MỤC công đoàn")


def test_search_never_shows_officers_only_agreements_even_to_officers(client, agreements):
    _, secret = agreements
    assert secret.get_absolute_url() not in search(client, "bao mat")
    client.force_login(make_user(is_staff=True))
    assert secret.get_absolute_url() not in search(client, "bao mat")


def test_sitemap_lists_public_agreements_only(client, agreements):
    public, secret = agreements
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-chuong-trinh-phoi-hop.xml" in index
    xml = client.get("/sitemap-chuong-trinh-phoi-hop.xml").content.decode()
    assert public.get_absolute_url() in xml
    assert secret.get_absolute_url() not in xml
