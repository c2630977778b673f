"""The public news site: what readers see, what they must not see, SEO, sharing and query counts."""

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from federation.models import SiteProfile
from news import popularity
from news.home import HOME_SECONDARY
from news.models import Article, ArticleViewCount
from tests.factories import make_article, make_category, make_photo, make_photo_like
from tests.queries import MAX_PUBLIC_QUERIES, warm_queries

pytestmark = pytest.mark.django_db

TZ = timezone.get_default_timezone()
HIDDEN_STATES = [
    {"status": Article.Status.DRAFT},
    {"status": Article.Status.SUBMITTED},
    {"status": Article.Status.RETURNED},
    {"status": Article.Status.HIDDEN},
    {"published_at": timezone.now() + dt.timedelta(days=1)},
    {
        "published_at": timezone.now() - dt.timedelta(days=3),
        "unpublish_at": timezone.now() - dt.timedelta(minutes=1),
    },
]
HIDDEN_IDS = ["nhap", "cho-duyet", "tra-lai", "da-go", "hen-gio", "het-han"]


@pytest.fixture
def conference():
    """The reference article: the April 2021 conference, as the provincial paper printed it."""
    category = make_category(name="Hoạt động công đoàn", description="Tin hoạt động các cấp.")
    article = make_article(
        title="Hội nghị ký kết Chương trình phối hợp tuyên truyền giai đoạn 2021–2025",
        lead="Liên đoàn Lao động tỉnh và các cơ quan báo chí ký kết chương trình phối hợp.",
        body="<p>Tại hội nghị, hai bên thống nhất nhiều nội dung phối hợp.</p>",
        category=category,
        published_at=dt.datetime(2021, 4, 8, 2, 4, tzinfo=TZ),
        byline="D.QUỲNH",
        source_label="LĐ online",
        source_url="https://laodong.vn/cong-doan/hoi-nghi-ky-ket.html",
        tags=["Công đoàn", "Truyền thông", "Báo chí"],
    )
    first = make_photo(
        article=article,
        caption="Quang cảnh hội nghị ký kết",
        alt_text="Đại biểu dự hội nghị",
        credit="Minh Anh",
        order=0,
    )
    make_photo_like(
        first, caption="Hai bên trao biên bản", alt_text="Trao biên bản", credit="", order=1
    )
    return article


@pytest.fixture
def plain():
    """A published article without photos, for tests about addresses."""
    category = make_category(name="Hoạt động công đoàn")
    return make_article(category=category, tags=["Công đoàn"])


def body(response):
    return response.content.decode()


def meta_content(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def media_file(url):
    """The file on disk behind an absolute media URL."""
    path = urlparse(url).path
    assert path.startswith(settings.MEDIA_URL)
    return Path(settings.MEDIA_ROOT) / path[len(settings.MEDIA_URL) :]


# The article page ---------------------------------------------------------------------------------


def test_article_page_shows_everything_the_printed_article_had(client, conference):
    related = make_article(category=conference.category, title="Tin cùng chuyên mục về đoàn viên")
    html = body(client.get(conference.get_absolute_url()))
    assert "<h1" in html and conference.title in html
    assert ">02:04, 08/04/2021</time>" in html
    assert 'datetime="2021-04-08T02:04:00+07:00"' in html
    assert "(LĐ online)" in html
    assert conference.lead in html
    assert "Tại hội nghị, hai bên thống nhất nhiều nội dung phối hợp." in html
    assert "<figcaption>Quang cảnh hội nghị ký kết" in html
    assert "Ảnh: Minh Anh" in html
    assert "<figcaption>Hai bên trao biên bản" in html
    assert 'alt="Đại biểu dự hội nghị"' in html
    assert ">D.QUỲNH<" in html
    assert 'href="https://laodong.vn/cong-doan/hoi-nghi-ky-ket.html"' in html
    for slug, name in [("cong-doan", "Công đoàn"), ("truyen-thong", "Truyền thông")]:
        assert f'<a href="/the/{slug}/">{name}</a>' in html
    assert related.title in html
    assert f'href="{conference.category.get_absolute_url()}"' in html


def test_article_photos_come_as_responsive_pictures_and_only_the_first_loads_eagerly(
    client, conference
):
    html = body(client.get(conference.get_absolute_url()))
    pictures = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert len(pictures) == 2
    for picture in pictures:
        assert 'type="image/webp"' in picture and ".jpg 800w" in picture
        assert 'width="800" height="533"' in picture
    assert 'loading="lazy"' not in pictures[0]
    assert 'loading="lazy"' in pictures[1]


def test_share_buttons_carry_the_article_url_to_facebook_and_zalo(client, conference):
    html = body(client.get(conference.get_absolute_url()))
    url = "http://testserver" + conference.get_absolute_url()
    encoded = quote(url, safe="")
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in html
    assert f'href="https://sp.zalo.me/share_inline?url={encoded}"' in html
    assert f'data-copy-link="{url}"' in html


def test_article_page_is_print_friendly(client, conference):
    html = body(client.get(conference.get_absolute_url()))
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)" media="print">', html).group(1)
    css = (Path(settings.BASE_DIR) / stylesheet.lstrip("/")).read_text()
    assert "@media print" in css
    hidden = css.split("display: none !important")[0]
    for part in [".mainnav", ".article-aside", ".share", ".site-footer", ".breadcrumb"]:
        assert part in hidden, part
    assert "data-print" in html
    assert 'class="share"' in html  # hidden by the print rules
    # What a printed page ends with: its address, the federation and how to reach it.
    colophon = html.split('class="article__colophon print-only"')[1].split("</footer>")[0]
    assert f"http://testserver{conference.get_absolute_url()}" in colophon
    assert "Liên đoàn Lao động tỉnh Lâm Đồng" in colophon


def test_article_page_carries_the_read_beacon_url(client, conference):
    html = body(client.get(conference.get_absolute_url()))
    assert f'data-view-beacon="/tin-tuc/luot-doc/{conference.pk}/"' in html


def test_article_title_and_lead_are_escaped_everywhere(client):
    evil = '<script>alert("tieu de")</script>'
    article = make_article(title=f"Tin {evil}", lead=f"Sapo {evil}")
    for url in [article.get_absolute_url(), "/", "/tin-tuc/", "/tin-tuc/rss/"]:
        assert "<script>alert(" not in body(client.get(url)), url


# The lists ----------------------------------------------------------------------------------------


def test_home_shows_featured_story_latest_news_category_blocks_and_most_read(client, conference):
    featured = make_article(title="Tin nổi bật của tuần", featured=True)
    other = make_category(name="Chính sách – Pháp luật")
    policy = make_article(title="Quy định mới về tiền lương", category=other)
    empty = make_category(name="Chuyên mục chưa có bài")
    # Newer than the conference: the four secondary stories beside the lead.
    newer = [make_article(title=f"Tin mới thứ {i}", category=other) for i in range(3)]
    older = [
        make_article(
            title=f"Tin cũ thứ {i} của chính sách",
            category=other,
            published_at=dt.datetime(2020, 1, 1 + i, tzinfo=TZ),
        )
        for i in range(3)
    ]
    html = body(client.get("/"))
    hero = html.split('class="card card--hero"')[1].split("</article>")[0]
    assert featured.title in hero
    latest = html.split('id="tin-moi"')[1].split("</section>")[0]
    assert policy.title in latest and all(a.title in latest for a in newer)
    assert latest.count('class="card card--thumb"') == 4
    assert featured.title not in latest and conference.title not in latest
    # Each category: one large story, then a list with small thumbnails; nothing twice.
    block = html.split('id="cm-chinh-sach-phap-luat"')[1].split("</section>")[0]
    top = block.split('class="card card--top"')[1].split("</article>")[0]
    assert older[2].title in top
    rest = block.split('class="home-block__list"')[1]
    assert older[1].title in rest and older[0].title in rest
    assert policy.title not in block
    assert 'id="cm-hoat-dong-cong-doan"' in html and conference.title in html
    assert f'id="cm-{empty.slug}"' not in html
    assert "Đọc nhiều trong tuần" in html
    assert "Chưa có số liệu lượt đọc." in html


def test_home_without_any_article_says_so(client):
    html = body(client.get("/"))
    assert "Chưa có bài viết nào được đăng." in html
    assert "<title>Liên đoàn Lao động tỉnh Lâm Đồng – Cổng thông tin điện tử</title>" in html
    assert meta_content(html, "name", "description")


def test_news_list_is_newest_first_and_paginated(client):
    category = make_category()
    now = timezone.now()
    articles = [
        make_article(
            category=category, title=f"Tin số {i:02d}", published_at=now - dt.timedelta(hours=i)
        )
        for i in range(25)
    ]
    first = body(client.get("/tin-tuc/"))
    assert first.index("Tin số 00") < first.index("Tin số 01") < first.index("Tin số 19")
    assert "Tin số 20" not in first
    assert "Trang 1 / 2" in first and 'href="?page=2"' in first
    second = body(client.get("/tin-tuc/?page=2"))
    assert all(a.title in second for a in articles[20:])
    assert "Tin số 19" not in second
    last = body(client.get("/tin-tuc/?page=last"))
    assert all(a.title in last for a in articles[20:])
    for html, canonical in [
        (first, "/tin-tuc/"),
        (second, "/tin-tuc/?page=2"),
        (last, "/tin-tuc/?page=2"),
    ]:
        assert f'<link rel="canonical" href="http://testserver{canonical}">' in html


def test_page_one_has_the_list_address_as_canonical(client, plain):
    for query in ["?page=1", "?page=01", "?page=last"]:
        html = body(client.get(f"/tin-tuc/{query}"))
        assert '<link rel="canonical" href="http://testserver/tin-tuc/">' in html


def test_category_page_shows_only_its_own_articles(client, conference):
    other = make_article(title="Tin của chuyên mục khác")
    html = body(client.get(conference.category.get_absolute_url()))
    assert "<h1" in html and "Hoạt động công đoàn" in html
    assert "Tin hoạt động các cấp." in html
    assert conference.title in html
    assert other.title not in html
    assert f'href="{conference.category.get_absolute_url()}rss/"' in html


def test_tag_page_shows_only_tagged_articles(client, conference):
    untagged = make_article(title="Tin không gắn thẻ")
    other_tag = make_article(title="Tin gắn thẻ khác", tags=["Thể thao"])
    html = body(client.get("/the/cong-doan/"))
    assert "Thẻ: Công đoàn" in html
    assert conference.title in html
    assert untagged.title not in html and other_tag.title not in html


def test_empty_category_page_is_friendly(client):
    category = make_category(name="Gương điển hình")
    html = body(client.get(category.get_absolute_url()))
    assert "Chưa có bài viết nào." in html


# What the public must not see ---------------------------------------------------------------------


@pytest.mark.parametrize("state", HIDDEN_STATES, ids=HIDDEN_IDS)
def test_unpublished_article_is_404_and_absent_from_every_list(client, conference, state):
    hidden = make_article(
        title="Bài ẩn chưa được phép xuất hiện",
        category=conference.category,
        tags=["Công đoàn"],
        **state,
    )
    make_photo(article=hidden)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    pages = [
        "/",
        "/tin-tuc/",
        conference.category.get_absolute_url(),
        "/the/cong-doan/",
        "/tin-tuc/rss/",
        f"{conference.category.get_absolute_url()}rss/",
        "/sitemap-tin-tuc.xml",
        "/tim-kiem/?q=bai+an",
        "/tim-kiem/?q=cong+doan",
        conference.get_absolute_url(),  # not among the related articles either
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Bài ẩn" not in body(response), url
        assert hidden.slug not in body(response), url
    assert conference.title in body(client.get("/tin-tuc/"))


def test_scheduled_article_goes_live_at_its_time(client):
    import time_machine

    article = make_article(published_at=timezone.now() + dt.timedelta(hours=2))
    assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2, seconds=1)):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert article.title in body(client.get("/tin-tuc/"))


@pytest.mark.parametrize("page", ["abc", "0", "99999", "-1", "1.5", "2", "1e3", "%00", "0x1"])
@pytest.mark.parametrize("path", ["/tin-tuc/", "category", "/the/cong-doan/"])
def test_malformed_or_out_of_range_page_is_404(client, plain, path, page):
    if path == "category":
        path = plain.category.get_absolute_url()
    assert client.get(f"{path}?page={page}").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/tin-tuc/khong-co-bai-nay/",
        "/tin-tuc/hội-nghị/",
        "/tin-tuc/%E1%BB%99i/",
        "/tin-tuc/%3Cscript%3E/",
        "/tin-tuc/a'b/",
        "/tin-tuc/" + "a" * 600 + "/",
        "/tin-tuc/..%2f..%2fetc/",
        "/tin-tuc/%00/",
        "/chuyen-muc/khong-co/",
        "/chuyen-muc/khong-co/rss/",
        "/chuyen-muc/%F0%9F%98%80/",
        "/the/khong-co/",
        "/the/c%C3%B4ng-%C4%91o%C3%A0n/",
        "/tin-tuc/luot-doc/abc/",
        "/xem-truoc/tin-tuc/abc/",
    ],
)
def test_malformed_or_unknown_address_is_404(client, plain, url):
    assert client.get(url).status_code == 404


def test_article_titled_rss_is_still_reachable(client):
    article = make_article(title="RSS")
    assert article.slug != "rss"
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "<h1" in body(response)


# SEO and sharing ----------------------------------------------------------------------------------


def page_urls(article):
    return {
        "trang-chu": "/",
        "tin-tuc": "/tin-tuc/",
        "chuyen-muc": article.category.get_absolute_url(),
        "the": "/the/cong-doan/",
        "bai-viet": article.get_absolute_url(),
    }


@pytest.mark.parametrize("page", ["trang-chu", "tin-tuc", "chuyen-muc", "the", "bai-viet"])
def test_every_page_has_title_description_canonical_open_graph_and_twitter(
    client, conference, page
):
    url = page_urls(conference)[page]
    html = body(client.get(url))
    title = re.search(r"<title>([^<]+)</title>", html).group(1)
    assert title.count("Liên đoàn Lao động tỉnh Lâm Đồng") == 1
    assert meta_content(html, "name", "description")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert canonical == f"http://testserver{url}"
    assert meta_content(html, "property", "og:url") == canonical
    for name in ["og:title", "og:description", "og:type", "og:site_name", "og:locale"]:
        assert meta_content(html, "property", name), name
    for name in ["twitter:title", "twitter:description"]:
        assert meta_content(html, "name", name), name
    assert meta_content(html, "name", "twitter:card") == "summary_large_image"

    image = meta_content(html, "property", "og:image")
    assert image.startswith("http://testserver/media/")
    assert meta_content(html, "name", "twitter:image") == image
    assert meta_content(html, "property", "og:image:width") == "1200"
    assert meta_content(html, "property", "og:image:height") == "630"
    with Image.open(media_file(image)) as picture:
        assert picture.size == (1200, 630)


def test_article_meta_description_comes_from_the_lead(client, conference):
    html = body(client.get(conference.get_absolute_url()))
    assert meta_content(html, "name", "description") == conference.lead
    assert meta_content(html, "property", "og:type") == "article"
    assert meta_content(html, "property", "article:published_time") == "2021-04-08T02:04:00+07:00"
    assert meta_content(html, "property", "og:image:alt") == "Đại biểu dự hội nghị"


def test_article_without_photo_shares_as_a_small_card(client):
    article = make_article()
    html = body(client.get(article.get_absolute_url()))
    assert meta_content(html, "property", "og:image") is None
    assert meta_content(html, "name", "twitter:card") == "summary"


def jsonld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_article_page_carries_news_article_json_ld(client, conference):
    html = body(client.get(conference.get_absolute_url()))
    (data,) = [d for d in jsonld(html) if d.get("@type") == "NewsArticle"]
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == conference.title
    assert data["datePublished"] == "2021-04-08T02:04:00+07:00"
    assert data["dateModified"].endswith("+07:00")
    assert data["dateModified"] >= data["datePublished"]
    assert data["author"] == {"@type": "Person", "name": "D.QUỲNH"}
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Liên đoàn Lao động tỉnh Lâm Đồng"
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/")
    assert data["image"] == [meta_content(html, "property", "og:image")]
    assert data["mainEntityOfPage"] == "http://testserver" + conference.get_absolute_url()


def test_json_ld_cannot_be_broken_out_of_by_a_title(client):
    article = make_article(title='</script><script>alert("x")</script> & "ngoặc"')
    html = body(client.get(article.get_absolute_url()))
    assert '</script><script>alert("x")' not in html
    (data,) = [d for d in jsonld(html) if d.get("@type") == "NewsArticle"]
    assert data["headline"] == article.title


def test_pages_load_no_third_party_script_and_no_inline_script(client, conference):
    for url in [*page_urls(conference).values(), "/tim-kiem/?q=cong+doan"]:
        html = body(client.get(url))
        for attributes in re.findall(r"<script\b([^>]*)>", html):
            if 'type="application/ld+json"' in attributes:
                continue
            src = re.search(r'src="([^"]+)"', attributes)
            assert src, f"inline script on {url}"
            assert src.group(1).startswith("/static/"), (url, src.group(1))
        assert "<iframe" not in html
        assert ' style="' not in html, url
        assert re.search(r"\son[a-z]+=", html) is None, url


# Query counts -------------------------------------------------------------------------------------

TAGS = ["Công đoàn", "Đoàn viên", "Truyền thông"]


def publish_articles(count, categories, picture):
    """Articles like real ones: two photos and three tags each, across a few categories."""
    made = []
    for i in range(count):
        article = make_article(
            title=f"Công đoàn cơ sở hoạt động hiệu quả số {i}",
            category=categories[i % len(categories)],
            tags=TAGS,
        )
        make_photo_like(picture, article=article, order=0)
        make_photo_like(picture, article=article, order=1, caption="Ảnh thứ hai")
        made.append(article)
    return made


PAGES = {
    "trang-chu": lambda a: "/",
    "tin-tuc": lambda a: "/tin-tuc/",
    "chuyen-muc": lambda a: a.category.get_absolute_url(),
    "the": lambda a: "/the/cong-doan/",
    "bai-viet": lambda a: a.get_absolute_url(),
    "tim-kiem": lambda a: "/tim-kiem/?q=cong+doan",
    "rss": lambda a: "/tin-tuc/rss/",
    "rss-chuyen-muc": lambda a: f"{a.category.get_absolute_url()}rss/",
    "sitemap": lambda a: "/sitemap-tin-tuc.xml",
}


@pytest.mark.parametrize("page", PAGES)
def test_page_takes_the_same_number_of_queries_for_1_and_50_articles(
    client, django_assert_max_num_queries, page
):
    # A live site has its profile: created on the first visit, its first save would make every
    # remembered fact stale between the warming visit and the counted one.
    SiteProfile.load()
    picture = make_photo(article=make_article(status=Article.Status.DRAFT))
    categories = [make_category(name=f"Khối tin {i}") for i in range(5)]
    # The article page lists related articles: at one article it has none, and an empty
    # prefetch costs no query, so its small case is the article plus one related one.
    first = publish_articles(2 if page == "bai-viet" else 1, categories[:1], picture)[0]
    url = PAGES[page](first)
    small = warm_queries(client, url)
    assert small <= MAX_PUBLIC_QUERIES, f"{url}: {small} queries"

    publish_articles(50, categories, picture)
    large = warm_queries(client, url)
    with django_assert_max_num_queries(MAX_PUBLIC_QUERIES):
        response = client.get(url)
    assert large == small, f"{url}: {small} queries with 1 article, {large} with 50"
    assert first.get_absolute_url() in body(response)


# The read beacon and the most-read block ----------------------------------------------------------


def test_read_beacon_answers_204_without_touching_the_database(client, conference):
    url = f"/tin-tuc/luot-doc/{conference.pk}/"
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url)
    assert response.status_code == 204
    assert response.content == b""
    assert queries.captured_queries == []
    assert ArticleViewCount.objects.count() == 0


def test_read_beacon_refuses_get(client, conference):
    assert client.get(f"/tin-tuc/luot-doc/{conference.pk}/").status_code == 405


def test_read_beacon_needs_no_csrf_token_so_cached_pages_count(conference):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(f"/tin-tuc/luot-doc/{conference.pk}/")
    assert response.status_code == 204


def test_flushing_moves_reads_into_daily_counts(client, conference):
    # Each read from its own reader: one reader counts once a day (tests/news/test_popularity.py).
    other = make_article()
    for n in range(3):
        client.post(f"/tin-tuc/luot-doc/{conference.pk}/", REMOTE_ADDR=f"203.0.113.{n + 1}")
    client.post(f"/tin-tuc/luot-doc/{other.pk}/")
    client.post("/tin-tuc/luot-doc/999999/")  # an article that does not exist is ignored
    assert popularity.flush_view_counts() == 4
    today = timezone.localdate()
    assert ArticleViewCount.objects.get(article=conference, day=today).count == 3
    assert ArticleViewCount.objects.get(article=other, day=today).count == 1
    client.post(f"/tin-tuc/luot-doc/{conference.pk}/", REMOTE_ADDR="203.0.113.4")
    assert popularity.flush_view_counts() == 1
    assert ArticleViewCount.objects.get(article=conference, day=today).count == 4
    assert popularity.flush_view_counts() == 0


def test_most_read_on_the_home_page_follows_the_reads(client, conference):
    quiet = make_article(title="Tin ít người đọc")
    popular = make_article(title="Tin được đọc nhiều nhất")
    draft = make_article(title="Bản nháp được xem trước", status=Article.Status.DRAFT)
    for article, reads in [(popular, 5), (conference, 2), (draft, 9)]:
        for n in range(reads):
            client.post(f"/tin-tuc/luot-doc/{article.pk}/", REMOTE_ADDR=f"203.0.113.{n + 1}")
    popularity.flush_view_counts()
    html = body(client.get("/"))
    block = html.split('id="doc-nhieu"')[1].split("</section>")[0]
    assert block.index(popular.title) < block.index(conference.title)
    assert quiet.title not in block
    assert draft.title not in block


def test_most_read_counts_only_the_last_seven_days(client, conference):
    old = make_article(title="Tin cũ từng đọc nhiều")
    ArticleViewCount.objects.create(
        article=old, day=timezone.localdate() - dt.timedelta(days=7), count=500
    )
    ArticleViewCount.objects.create(article=conference, day=timezone.localdate(), count=1)
    block = body(client.get("/")).split('id="doc-nhieu"')[1].split("</section>")[0]
    assert conference.title in block
    assert old.title not in block


def test_beacon_for_an_impossible_article_number_breaks_nothing(client, conference):
    client.post(f"/tin-tuc/luot-doc/{conference.pk}/")
    for pk in ["99999999999999999999999", "9223372036854775808", "0"]:
        assert client.post(f"/tin-tuc/luot-doc/{pk}/").status_code == 204
    response = client.get("/")
    assert response.status_code == 200
    block = body(response).split('id="doc-nhieu"')[1].split("</section>")[0]
    assert conference.title in block  # the real read was not lost with the bad ones


def test_category_hidden_from_home_has_no_block_there(client):
    hidden = make_category(name="Thông báo nội bộ", show_on_home=False)
    article = make_article(category=hidden, title="Thông báo lịch họp")
    html = body(client.get("/"))
    assert 'id="cm-thong-bao-noi-bo"' not in html
    assert article.title in html  # still among the latest news
    assert client.get(hidden.get_absolute_url()).status_code == 200


def test_home_with_featured_story_and_most_read_takes_the_same_queries_at_1_and_50(client):
    picture = make_photo(article=make_article(status=Article.Status.DRAFT))
    categories = [make_category(name=f"Khối tin {i}") for i in range(5)]

    def read_everything():
        for article in Article.objects.published():
            client.post(f"/tin-tuc/luot-doc/{article.pk}/")
        popularity.flush_view_counts()
        cache.delete(popularity.MOST_READ_CACHE_KEY)

    first = publish_articles(1, categories[:1], picture)[0]
    Article.objects.filter(pk=first.pk).update(featured=True)
    read_everything()
    small = warm_queries(client, "/")
    publish_articles(50, categories, picture)
    read_everything()
    large = warm_queries(client, "/")
    assert large == small
    html = body(client.get("/"))
    assert html.split('id="doc-nhieu"')[1].split("</section>")[0].count("<li>") == 5


def test_the_cover_photo_leads_the_article_page_whatever_its_order(client):
    article = make_article(title="Bài có ảnh đại diện ở cuối")
    make_photo(article=article, caption="Ảnh thứ nhất", order=0)
    make_photo(article=article, caption="Ảnh đại diện", order=5, is_cover=True)
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("Ảnh đại diện") < html.index("Ảnh thứ nhất")


def test_an_article_without_byline_is_credited_to_the_federation_in_json_ld(client):
    import json
    import re

    article = make_article(title="Bài không có bút danh", byline="")
    html = client.get(article.get_absolute_url()).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )
    assert data["author"]["@type"] == "Organization"
    assert data["author"]["name"] == "Liên đoàn Lao động tỉnh Lâm Đồng"


# The home page's category blocks -------------------------------------------------------------------


def test_home_shows_the_four_newest_articles_of_each_category(client):
    """Each category's block shows its four newest articles that the lead story and the secondary
    ones above it do not already show."""
    now = timezone.now()
    categories = [make_category(name=f"Khối {n}", order=n) for n in range(3)]
    made = []
    for n, category in enumerate(categories):
        for hours in range(6):
            title = f"{category.name} – tin {hours}"
            published_at = now - timezone.timedelta(hours=3 * hours + n + 1)
            make_article(title=title, category=category, published_at=published_at)
            made.append((published_at, category, title))
    newest_first = [(c, t) for _, c, t in sorted(made, key=lambda row: row[0], reverse=True)]
    above = {t for _, t in newest_first[: 1 + HOME_SECONDARY]}
    html = client.get("/").content.decode()
    for category in categories:
        block = html.split(f'id="cm-{category.slug}"')[1].split("</section>")[0]
        shown = [
            f"{category.name} – tin {h}" for h in range(6) if f"{category.name} – tin {h}<" in block
        ]
        expected = [t for c, t in newest_first if c == category and t not in above][:4]
        assert len(expected) == 4
        assert shown == expected
