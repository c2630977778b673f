"""Reposts name their source and send search engines to the original; the news sitemap lists the
last two days in Google News's format, and robots.txt and the sitemap index name it."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from federation.models import SiteProfile
from tests.factories import image_upload, make_article, make_partner, make_photo

pytestmark = pytest.mark.django_db

SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"s": SM, "news": NEWS}


def test_repost_names_the_partner_with_its_logo_and_the_original_as_canonical(client):
    partner = make_partner(name="Báo Lâm Đồng", slug="bao-lam-dong", logo=image_upload("logo.png"))
    original = "https://baolamdong.vn/xa-hoi/202104/hoi-nghi-cong-nhan.html"
    article = make_article(title="Hội nghị công nhân", source_partner=partner, source_url=original)

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'<link rel="canonical" href="{original}">' in html
    assert 'href="/doi-tac/bao-lam-dong/">Báo Lâm Đồng</a>' in html
    assert f'<a href="{original}" rel="noopener">Xem bài gốc</a>' in html
    assert 'alt="Biểu trưng Báo Lâm Đồng"' in html


def test_own_article_keeps_its_canonical_and_its_source_label(client):
    article = make_article(
        title="Tin LĐ online", source_label="LĐ online", source_url="https://laodong.vn/a.html"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html
    assert '<span class="article__source">(LĐ online)</span>' in html


def test_photo_credit_is_shown_under_its_caption(client):
    photo = make_photo(caption="Quang cảnh hội nghị", credit="Minh Trí")
    html = client.get(photo.article.get_absolute_url()).content.decode()
    assert 'Quang cảnh hội nghị <span class="credit">Ảnh: Minh Trí</span>' in html


def test_repost_page_takes_no_more_queries(client, django_assert_max_num_queries):
    partner = make_partner(logo=image_upload("logo.png"))
    article = make_article(source_partner=partner, source_url="https://x.vn/a.html")
    client.get(article.get_absolute_url())  # warm the site profile and the menu, as on a real site
    with django_assert_max_num_queries(10):
        assert client.get(article.get_absolute_url()).status_code == 200


def news_items(client):
    response = client.get("/sitemap-news.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {url.find("news:news/news:title", NS).text: url for url in root.findall("s:url", NS)}


def test_news_sitemap_lists_the_last_48_hours_in_google_news_format(client):
    with time_machine.travel(timezone.now(), tick=False):
        now = timezone.now()
        make_article(title="Vừa đăng", published_at=now - timedelta(minutes=5))
        make_article(title="Gần hai ngày", published_at=now - timedelta(hours=47, minutes=59))
        make_article(title="Quá hai ngày", published_at=now - timedelta(hours=48, minutes=1))
        make_article(title="Hẹn giờ", published_at=now + timedelta(hours=1))
        make_article(title="Nháp", status="draft", published_at=now - timedelta(hours=1))
        make_article(title="Thùng rác", published_at=now - timedelta(hours=1)).trash()

        items = news_items(client)

    assert set(items) == {"Vừa đăng", "Gần hai ngày"}
    url = items["Vừa đăng"]
    assert url.findtext("s:loc", namespaces=NS).startswith("http://testserver/tin-tuc/")
    publication = url.find("news:news/news:publication", NS)
    assert publication.findtext("news:name", namespaces=NS) == SiteProfile.load().name
    assert publication.findtext("news:language", namespaces=NS) == "vi"
    date = url.findtext("news:news/news:publication_date", namespaces=NS)
    assert date.endswith("+07:00")


def test_news_sitemap_drops_an_article_once_two_days_have_passed(client):
    make_article(title="Tin hôm nay", published_at=timezone.now() - timedelta(hours=1))
    assert set(news_items(client)) == {"Tin hôm nay"}
    with time_machine.travel(timezone.now() + timedelta(hours=48), tick=False):
        assert news_items(client) == {}


def test_sitemap_index_and_robots_name_the_news_sitemap(client):
    make_article()
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [e.text for e in index.iter(f"{{{SM}}}loc")]
    assert "http://testserver/sitemap-news.xml" in locations
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap-news.xml" in robots
    assert "Disallow: /nguon-tin/" in robots
