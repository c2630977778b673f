"""RSS feeds, the sitemap and robots.txt: what feed readers and search engines receive."""

import datetime as dt
import email.utils
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from news.models import Article
from tests.factories import make_article, make_category, make_photo

pytestmark = pytest.mark.django_db

TZ = timezone.get_default_timezone()
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def rss(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    return root.find("channel")


def sitemap(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


@pytest.fixture
def conference():
    category = make_category(name="Hoạt động công đoàn")
    article = make_article(
        title="Hội nghị ký kết Chương trình phối hợp tuyên truyền",
        lead="Liên đoàn Lao động tỉnh và các cơ quan báo chí ký kết chương trình phối hợp.",
        category=category,
        published_at=dt.datetime(2021, 4, 8, 2, 4, tzinfo=TZ),
        byline="D.QUỲNH",
        tags=["Công đoàn", "Truyền thông"],
    )
    make_photo(article=article)
    return article


# RSS ----------------------------------------------------------------------------------------------


def test_news_feed_is_valid_rss_2_with_full_items(client, conference):
    channel = rss(client, "/tin-tuc/rss/")
    assert channel.findtext("title") == "Tin tức – Liên đoàn Lao động tỉnh Lâm Đồng"
    assert channel.findtext("link") == "http://testserver/tin-tuc/"
    assert channel.findtext("language") == "vi"
    (item,) = channel.findall("item")
    url = "http://testserver" + conference.get_absolute_url()
    assert item.findtext("title") == conference.title
    assert item.findtext("link") == url
    assert item.findtext("guid") == url
    assert item.findtext("description") == conference.lead
    published = email.utils.parsedate_to_datetime(item.findtext("pubDate"))
    assert published == conference.published_at
    assert published.hour == 19  # a full date and time, not just a day: 02:04 in Hà Nội
    assert [c.text for c in item.findall("category")] == [
        "Hoạt động công đoàn",
        "Công đoàn",
        "Truyền thông",
    ]
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "D.QUỲNH"


def test_feed_enclosure_is_the_cover_as_an_absolute_jpeg_with_its_length(client, conference):
    (item,) = rss(client, "/tin-tuc/rss/").findall("item")
    enclosure = item.find("enclosure")
    assert enclosure.get("type") == "image/jpeg"
    url = enclosure.get("url")
    assert url.startswith("http://testserver/media/")
    path = Path(settings.MEDIA_ROOT) / urlparse(url).path.removeprefix(settings.MEDIA_URL)
    assert int(enclosure.get("length")) == path.stat().st_size > 0
    with Image.open(path) as image:
        assert image.format == "JPEG"
        assert image.size == (1200, 630)


def test_article_without_photo_has_no_enclosure(client):
    make_article()
    (item,) = rss(client, "/tin-tuc/rss/").findall("item")
    assert item.find("enclosure") is None


def test_feed_lists_newest_first_and_only_what_is_public(client, conference):
    newer = make_article(title="Tin mới nhất")
    make_article(title="Bản nháp", status=Article.Status.DRAFT)
    make_article(title="Hẹn giờ", published_at=timezone.now() + dt.timedelta(hours=1))
    titles = [i.findtext("title") for i in rss(client, "/tin-tuc/rss/").findall("item")]
    assert titles == [newer.title, conference.title]


def test_feed_holds_the_latest_thirty(client):
    category = make_category()
    for _ in range(35):
        make_article(category=category)
    assert len(rss(client, "/tin-tuc/rss/").findall("item")) == 30


def test_category_feed_only_has_that_category(client, conference):
    other = make_article(title="Tin chuyên mục khác")
    channel = rss(client, f"{conference.category.get_absolute_url()}rss/")
    assert channel.findtext("title") == "Hoạt động công đoàn – Liên đoàn Lao động tỉnh Lâm Đồng"
    assert channel.findtext("link") == "http://testserver/chuyen-muc/hoat-dong-cong-doan/"
    titles = [i.findtext("title") for i in channel.findall("item")]
    assert titles == [conference.title]
    assert other.title not in titles


def test_unknown_category_feed_is_404(client):
    assert client.get("/chuyen-muc/khong-ton-tai/rss/").status_code == 404


def test_empty_feed_is_still_valid(client):
    channel = rss(client, "/tin-tuc/rss/")
    assert channel.findall("item") == []


def test_text_pasted_with_control_characters_does_not_break_the_feed(client):
    # Word's manual line break is a vertical tab; XML 1.0 cannot carry it.
    make_article(
        title="Tiêu đề\x0bxuống dòng",
        lead="Sapo\x0bdán từ Word\x0c và\x1b thêm",
        byline="D.QUỲNH\x08",
        tags=["Công\x0bđoàn"],
    )
    (item,) = rss(client, "/tin-tuc/rss/").findall("item")
    assert item.findtext("title") == "Tiêu đề xuống dòng"
    assert item.findtext("description") == "Sapo dán từ Word và thêm"


def test_titles_with_markup_reach_the_feed_as_text(client):
    make_article(title="Tin <b>đậm</b> & “ngoặc”")
    (item,) = rss(client, "/tin-tuc/rss/").findall("item")
    assert item.findtext("title") == "Tin <b>đậm</b> & “ngoặc”"


# Sitemap and robots.txt ---------------------------------------------------------------------------


def test_sitemap_is_an_index_of_the_sections(client, conference):
    root = sitemap(client, "/sitemap.xml")
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    locations = [e.findtext("s:loc", namespaces=SITEMAP_NS) for e in root]
    for section in ["trang", "chuyen-muc", "tin-tuc"]:
        assert f"http://testserver/sitemap-{section}.xml" in locations


def test_sitemap_index_gives_the_news_section_its_last_change(client, conference):
    root = sitemap(client, "/sitemap.xml")
    news = next(
        e for e in root if e.findtext("s:loc", namespaces=SITEMAP_NS).endswith("tin-tuc.xml")
    )
    lastmod = news.findtext("s:lastmod", namespaces=SITEMAP_NS)
    # A full time with its offset, in the site's time zone: the date is Việt Nam's, also from
    # 17:00 UTC on, when the UTC date is still the day before.
    assert lastmod.startswith(f"{timezone.localtime(conference.updated_at):%Y-%m-%d}T")
    assert lastmod.endswith("+07:00")
    assert dt.datetime.fromisoformat(lastmod) == conference.updated_at


def test_news_sitemap_lists_published_articles_only_with_lastmod(client, conference):
    draft = make_article(status=Article.Status.DRAFT)
    future = make_article(published_at=timezone.now() + dt.timedelta(days=1))
    removed = make_article(
        published_at=timezone.now() - dt.timedelta(days=2),
        unpublish_at=timezone.now() - dt.timedelta(days=1),
    )
    root = sitemap(client, "/sitemap-tin-tuc.xml")
    entries = {
        e.findtext("s:loc", namespaces=SITEMAP_NS): e.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for e in root
    }
    url = "http://testserver" + conference.get_absolute_url()
    assert list(entries) == [url]
    # The day in Việt Nam, not the UTC one (they differ from 17:00 UTC to midnight UTC).
    assert entries[url] == f"{timezone.localtime(conference.updated_at):%Y-%m-%d}"
    for hidden in [draft, future, removed]:
        assert hidden.get_absolute_url() not in root.itertext()


def test_category_and_page_sections_list_their_addresses(client, conference):
    categories = [
        e.findtext("s:loc", namespaces=SITEMAP_NS)
        for e in sitemap(client, "/sitemap-chuyen-muc.xml")
    ]
    assert "http://testserver/chuyen-muc/hoat-dong-cong-doan/" in categories
    pages = [
        e.findtext("s:loc", namespaces=SITEMAP_NS) for e in sitemap(client, "/sitemap-trang.xml")
    ]
    assert pages[:2] == ["http://testserver/", "http://testserver/tin-tuc/"]


@pytest.mark.parametrize(
    "url", ["/sitemap-khong-co.xml", "/sitemap-tin-tuc.xml?p=abc", "/sitemap-tin-tuc.xml?p=9"]
)
def test_unknown_sitemap_section_or_page_is_404(client, conference, url):
    assert client.get(url).status_code == 404


def test_sitemap_index_takes_the_same_queries_at_1_and_50_articles(client, conference):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap.xml").status_code == 200
        return len(queries.captured_queries)

    small = count()
    category = make_category()
    for _ in range(49):
        make_article(category=category)
    assert count() == small


def test_robots_txt_names_the_sitemap_and_keeps_robots_out_of_private_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "User-agent: *" in lines
    for private in ["/quan-tri/", "/xem-truoc/", "/tim-kiem/"]:
        assert f"Disallow: {private}" in lines
