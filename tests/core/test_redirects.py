"""Addresses that never break: a slug changed leaves a 301, chains collapse to one hop, an imported
article's old address leads to it, and all of it through the page cache."""

from datetime import datetime

import pytest
from django.contrib.redirects.models import Redirect

from core import redirects
from federation.models import SiteProfile
from news import importer
from news.models import Article
from tests.factories import (
    make_agreement,
    make_article,
    make_category,
    make_partner,
    make_topic,
)

pytestmark = pytest.mark.django_db

IMPORTED = """Hội nghị điển hình tiên tiến năm 2021

02:04, 08/04/2021

(LĐ online) - Liên đoàn Lao động tỉnh tổ chức hội nghị biểu dương điển hình tiên tiến.

Hội nghị có 200 đại biểu tham dự.

D.QUỲNH
{address}
"""


def hop(client, path):
    response = client.get(path)
    assert response.status_code == 301, (path, response.status_code)
    return response["Location"]


def rename(obj, slug):
    obj.slug = slug
    obj.save()


def test_article_slug_changed_twice_gives_one_hop_from_each_old_address(client):
    article = make_article(slug="hoi-nghi")
    rename(article, "hoi-nghi-2021")
    rename(article, "hoi-nghi-tong-ket-2021")

    new = "/tin-tuc/hoi-nghi-tong-ket-2021/"
    assert hop(client, "/tin-tuc/hoi-nghi/") == new
    assert hop(client, "/tin-tuc/hoi-nghi-2021/") == new
    assert client.get(new).status_code == 200


def test_slug_changed_back_leaves_no_loop(client):
    article = make_article(slug="a")
    rename(article, "b")
    rename(article, "a")

    assert client.get("/tin-tuc/a/").status_code == 200
    assert hop(client, "/tin-tuc/b/") == "/tin-tuc/a/"
    assert not Redirect.objects.filter(old_path="/tin-tuc/a/").exists()


def test_a_draft_leaves_no_redirect():
    article = make_article(slug="ban-nhap", status=Article.Status.DRAFT, published_at=None)
    rename(article, "ban-nhap-moi")
    assert not Redirect.objects.exists()


def test_other_saves_of_an_article_write_no_redirect():
    article = make_article(slug="giu-nguyen")
    article.title = "Tiêu đề mới"
    article.save()
    article.trash()
    assert not Redirect.objects.exists()


@pytest.mark.parametrize(
    "make, old, new, prefix",
    [
        (lambda: make_category(slug="cu"), "cu", "moi", "/chuyen-muc/"),
        (lambda: make_partner(slug="cu"), "cu", "moi", "/doi-tac/"),
        (lambda: make_agreement(slug="cu"), "cu", "moi", "/chuong-trinh-phoi-hop/"),
        (lambda: make_topic(slug="cu"), "cu", "moi", "/chuyen-de/"),
    ],
)
def test_category_partner_programme_and_topic_keep_their_old_address(
    client, make, old, new, prefix
):
    obj = make()
    rename(obj, new)
    assert hop(client, f"{prefix}{old}/") == f"{prefix}{new}/"


def test_tag_keeps_its_old_address(client):
    article = make_article(tags=["Công đoàn"])
    tag = article.tags.get()
    rename(tag, "cong-doan-co-so")
    assert hop(client, "/the/cong-doan/") == "/the/cong-doan-co-so/"


@pytest.mark.parametrize(
    "line, old_path",
    [
        ("Nguồn: https://ldld.lamdong.gov.vn/tin-tuc/2021/hoi-nghi.html", "/tin-tuc/2021/hoi-nghi.html"),
        ("Địa chỉ cũ: /index.php?id=125", "/index.php?id=125"),
    ],
)  # fmt: skip
def test_imported_old_address_redirects_to_the_article(client, line, old_path):
    parsed = importer.parse_article(IMPORTED.format(address=line), filename="bai.txt")
    assert parsed.byline == "D.QUỲNH"
    assert parsed.old_path == old_path
    assert "Nguồn" not in " ".join(parsed.paragraphs)

    result = importer.import_article(parsed, status="published", category=make_category())

    article = result.article
    assert article.old_path == old_path
    assert article.published_at == datetime.fromisoformat("2021-04-08T02:04:00+07:00")
    path = old_path.split("?")[0]
    redirect = Redirect.objects.get(old_path=old_path)
    assert redirect.new_path == article.get_absolute_url()
    if "?" not in old_path:
        assert hop(client, path) == article.get_absolute_url()


def test_imported_old_address_follows_the_article_when_its_slug_changes(client):
    article = make_article(slug="bai-cu", old_path="/tin-cu/bai-125.html")
    rename(article, "bai-moi")
    assert hop(client, "/tin-cu/bai-125.html") == "/tin-tuc/bai-moi/"


def test_redirects_survive_the_page_cache(client, settings):
    settings.PAGECACHE_ENABLED = True
    SiteProfile.load()  # created once on a live site; its first save bumps every section
    article = make_article(slug="truoc")
    assert client.get("/tin-tuc/truoc/")["X-Page-Cache"] == "MISS"
    assert client.get("/tin-tuc/truoc/")["X-Page-Cache"] == "HIT"

    rename(article, "sau")

    for _ in range(2):
        assert hop(client, "/tin-tuc/truoc/") == "/tin-tuc/sau/"
    assert client.get("/tin-tuc/sau/").status_code == 200


def test_point_takes_the_path_of_a_url():
    redirects.point("https://old.example.vn/a.html", "/tin-tuc/b/")
    assert Redirect.objects.get().old_path == "/a.html"
