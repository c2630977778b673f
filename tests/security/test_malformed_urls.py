"""What bots send: malformed slugs, page numbers, years and filters on every public URL, and SQL-ish
or oversized searches. Each gets a 404 (or the page with the bad value ignored), never a 500."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver

from news.models import Article
from tests.factories import make_article, make_topic, make_user
from tests.security.payloads import SQLISH_QUERIES

pytestmark = pytest.mark.django_db

BAD_SLUGS = [
    "khong-ton-tai",
    "a" * 300,
    "%00",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e",
    "c%C3%B4ng-%C4%91o%C3%A0n",  # "công-đoàn": not a slug
    "%3Cscript%3E",
    "%27%20OR%201%3D1%20--",
    "-",
    "__",
    "1",
    "99999999999999999999999",
]
BAD_PAGES = [
    "abc",
    "0",
    "-1",
    "1.5",
    "1e3",
    "99999999999999999999999",
    "%00",
    "%27",
    "",
    "%20",
    "2147483648",
]
BAD_YEARS = ["abc", "0", "-1", "99999", "2021.5", "%00", "1e3", "99999999999999999999", "２０２１"]
BAD_TEXT = ["%00", "%27%22%3C%3E", "a" * 500, "%E2%80%AE", "..%2F"]

NOT_FOUND = {404}
PAGE_OR_NOT_FOUND = {200, 404}


def slug_urls(prefix, suffix=""):
    return [("get", f"{prefix}{slug}/{suffix}", NOT_FOUND) for slug in BAD_SLUGS]


def page_urls(path):
    return [("get", f"{path}?page={page}", PAGE_OR_NOT_FOUND) for page in BAD_PAGES]


def routes(site):
    """Every public route by name, with the malformed requests it must survive."""
    article, agreement, worker = site.article, site.agreement, site.worker
    category = article.category.get_absolute_url()
    tag = article.tags.get().get_absolute_url()
    topic = make_topic(articles=[article])
    return {
        "home": page_urls("/") + [("get", f"/?{t}={t}", {200}) for t in BAD_TEXT],
        "news:list": page_urls("/tin-tuc/"),
        "news:feed": [("get", f"/tin-tuc/rss/?page={p}", {200}) for p in BAD_PAGES],
        "news:record-view": [
            ("post", "/tin-tuc/luot-doc/99999999999999999999999/", {204, 404}),
            ("post", "/tin-tuc/luot-doc/0/", {204, 404}),
            ("post", "/tin-tuc/luot-doc/-1/", NOT_FOUND),
            ("post", "/tin-tuc/luot-doc/abc/", NOT_FOUND),
            ("get", f"/tin-tuc/luot-doc/{article.pk}/", {405}),
        ],
        "news:article": slug_urls("/tin-tuc/")
        + [("get", f"{article.get_absolute_url()}?page={p}", {200}) for p in BAD_PAGES],
        "news:category": slug_urls("/chuyen-muc/") + page_urls(category),
        "news:category-feed": slug_urls("/chuyen-muc/", "rss/"),
        "news:tag": slug_urls("/the/") + page_urls(tag),
        "news:preview": [
            ("get", "/xem-truoc/tin-tuc/abc/", NOT_FOUND),
            ("get", "/xem-truoc/tin-tuc/-1/", NOT_FOUND),
            ("get", "/xem-truoc/tin-tuc/99999999999999999999999/", {302}),
        ],
        "news:shared-preview": [
            ("get", f"/xem-truoc/{token}/", NOT_FOUND)
            for token in ["abc", "a" * 500, "%00", "eyJhcnRpY2xlIjoxfQ:1:abc", "..%2F"]
        ],
        "news:topics": page_urls("/chuyen-de/"),
        "news:topic": slug_urls("/chuyen-de/") + page_urls(topic.get_absolute_url()),
        "news:topic-feed": slug_urls("/chuyen-de/", "rss/"),
        "search": [("get", f"/tim-kiem/?q=cong+doan&page={p}", {200}) for p in BAD_PAGES]
        + [("get", f"/tim-kiem/?q={t}", {200}) for t in BAD_TEXT]
        + [
            ("get", f"/tim-kiem/?q=cong+doan&loai={t}&page={p}", {200})
            for t in BAD_TEXT
            for p in ["abc", "99999"]
        ]
        + [("get", f"/tim-kiem/?q=%22{t}%22", {200}) for t in BAD_TEXT],
        "agreements:list": page_urls("/chuong-trinh-phoi-hop/")
        + [("get", f"/chuong-trinh-phoi-hop/?nam={y}", {200}) for y in BAD_YEARS]
        + [
            ("get", f"/chuong-trinh-phoi-hop/?doi-tac={t}&trang-thai={t}", {200})
            for t in BAD_TEXT + BAD_SLUGS
        ],
        "agreements:detail": slug_urls("/chuong-trinh-phoi-hop/")
        + [("get", f"{agreement.get_absolute_url()}?nam={y}", {200}) for y in BAD_YEARS],
        "agreements:document": slug_urls("/chuong-trinh-phoi-hop/", "van-ban/"),
        "agreements:partner": slug_urls("/doi-tac/"),
        # A partner's feed: whatever the token, a bare 404 unless it is a live one.
        "agreements:partner-feed-rss": [
            ("get", f"/nguon-tin/{token}.xml", NOT_FOUND)
            for token in ["abc", "a" * 43, "a" * 500, "%00", "..%2F", "a" * 42 + "%2F"]
        ],
        "agreements:partner-feed-json": [
            ("get", f"/nguon-tin/{token}.json?page={p}", NOT_FOUND)
            for token in ["a" * 43, "-" * 43]
            for p in BAD_PAGES
        ],
        "workers:list": page_urls("/dien-hinh-tien-tien/")
        + [
            ("get", f"/dien-hinh-tien-tien/?giai-doan={t}&nganh={t}&cong-doan={t}", {200})
            for t in BAD_TEXT + BAD_SLUGS + BAD_YEARS
        ],
        "workers:detail": slug_urls("/dien-hinh-tien-tien/")
        + [("get", f"{worker.get_absolute_url()}?page={p}", {200}) for p in BAD_PAGES],
        "documents:list": page_urls("/van-ban/")
        + [
            (
                "get",
                f"/van-ban/?q={t}&loai={t}&linh-vuc={t}&co-quan={t}&nam={t}&trang-thai={t}",
                {200},
            )
            for t in BAD_TEXT + BAD_SLUGS + BAD_YEARS
        ]
        + [("get", f"/van-ban/?q={q}", {200}) for q in ["125/KH", "%27%3B--", "1" * 300]],
        "documents:feed": [("get", f"/van-ban/rss/?page={p}", {200}) for p in BAD_PAGES],
        "documents:detail": slug_urls("/van-ban/"),
        "documents:file": slug_urls("/van-ban/", "tep/1/")
        + [
            ("get", f"{site.pages['document']}tep/{n}/", NOT_FOUND)
            for n in ["0", "99999999999999999999999", "abc", "-1"]
        ],
        "documents:file_inline": slug_urls("/van-ban/", "tep/1/xem/")
        + [("get", f"{site.pages['document']}tep/99999999999999999999999/xem/", NOT_FOUND)],
        "advice:list": page_urls("/hoi-dap/")
        + [("get", f"/hoi-dap/?q={t}&linh-vuc={t}", {200}) for t in BAD_TEXT + BAD_SLUGS],
        "advice:ask": [("get", f"/hoi-dap/gui-cau-hoi/?{t}={t}", {200}) for t in BAD_TEXT]
        + [("post", "/hoi-dap/gui-cau-hoi/", {200, 403})],
        "advice:sent": [("get", "/hoi-dap/gui-cau-hoi/da-gui/", {200})],
        "advice:detail": slug_urls("/hoi-dap/"),
        "login": [("get", f"/dang-nhap/?next={t}", {200}) for t in BAD_TEXT + BAD_SLUGS],
        "logout": [("get", "/dang-xuat/", {405})],
        "password_reset": [("get", f"/dang-nhap/quen-mat-khau/?{t}={t}", {200}) for t in BAD_TEXT],
        "password_reset_done": [("get", "/dang-nhap/quen-mat-khau/da-gui/", {200})],
        # A forged or malformed link is a page that says the link is no longer valid.
        "password_reset_confirm": [
            ("get", f"/dang-nhap/quen-mat-khau/dat-lai/{slug}/{slug}/", {200, 404})
            for slug in BAD_SLUGS
        ],
        "password_reset_complete": [("get", "/dang-nhap/quen-mat-khau/xong/", {200})],
        # Staff only: a visitor is sent to sign in, a forged token is not found.
        "staged-upload-preview": [
            ("get", f"/quan-tri/tep-tam/{slug}/", {302, 404}) for slug in BAD_SLUGS
        ],
        "sitemap": [("get", f"/sitemap.xml?p={p}", {200}) for p in BAD_PAGES],
        "django.contrib.sitemaps.views.sitemap": [
            ("get", f"/sitemap-{slug}.xml", NOT_FOUND) for slug in BAD_SLUGS
        ]
        + [("get", f"/sitemap-tin-tuc.xml?p={p}", PAGE_OR_NOT_FOUND) for p in BAD_PAGES],
        "news:sitemap-news": [
            ("get", f"/sitemap-news.xml?p={p}", PAGE_OR_NOT_FOUND) for p in BAD_PAGES
        ],
        "robots": [("get", f"/robots.txt?{t}", {200}) for t in BAD_TEXT],
        "healthz": [("get", f"/healthz?{t}", {200}) for t in BAD_TEXT],
        "ck_editor_5_upload_file": [
            ("get", "/ckeditor5/image_upload/", {405}),
            ("post", "/ckeditor5/image_upload/", {403}),
        ],
    }


def named_routes(resolver=None, namespace=""):
    """The names of the site's routes, outside the admin (which has its own tests)."""
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= named_routes(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_public_route_is_probed(site):
    """A new route must be added to the table above, with its own malformed requests."""
    assert named_routes() == set(routes(site))


def test_malformed_urls_on_every_route_give_a_404_or_the_page_never_a_500(visitor, site):
    failures = []
    for name, requests in routes(site).items():
        for method, url, expected in requests:
            response = getattr(visitor, method)(url)
            if response.status_code not in expected:
                failures.append((name, url[:120], response.status_code))
            if response.status_code == 404 and "text/html" in response["Content-Type"]:
                assert "Không tìm thấy trang" in response.content.decode(), url
    assert failures == []


def test_malformed_urls_as_a_signed_in_editor_never_give_a_500(visitor, site):
    """Staff see previews and drafts: their lookups must be as solid as the public ones."""
    visitor.force_login(make_user(username="bientap", is_staff=True, is_superuser=True))
    urls = [
        "/xem-truoc/tin-tuc/99999999999999999999999/",
        "/xem-truoc/tin-tuc/0/",
        f"/xem-truoc/tin-tuc/{site.article.pk}/?page=abc",
        "/xem-truoc/abc/",
    ]
    statuses = {url: visitor.get(url).status_code for url in urls}
    assert statuses == {
        urls[0]: 404,
        urls[1]: 404,
        urls[2]: 200,
        urls[3]: 404,
    }


# Search ------------------------------------------------------------------------------------------


def test_sql_ish_and_oversized_searches_get_a_friendly_page(visitor):
    article = make_article(title="Công đoàn cơ sở chăm lo cho đoàn viên")
    users = User.objects.count()
    for query in SQLISH_QUERIES:
        response = visitor.get("/tim-kiem/", {"q": query})
        assert response.status_code == 200, query[:80]
        page = response.content.decode()
        assert "Traceback" not in page and "syntax" not in page.lower()
        friendly = [
            "Không tìm thấy kết quả nào",
            "không có chữ hoặc số nào để tìm",
            article.get_absolute_url(),
        ]
        assert any(text in page for text in friendly), query[:80]
        if len(query.strip()) > 200:
            assert "Từ khóa quá dài nên chỉ dùng 200 ký tự đầu." in page
    # Nothing was dropped or deleted on the way.
    assert Article.objects.filter(pk=article.pk).exists()
    assert User.objects.count() == users


def test_quotes_and_comment_marks_in_a_search_are_ignored_and_the_words_found(visitor):
    article = make_article(title="Công đoàn cơ sở chăm lo cho đoàn viên")
    response = visitor.get("/tim-kiem/", {"q": "'cong\" doan'; -- /*"})
    assert response.status_code == 200
    assert f'href="{article.get_absolute_url()}"' in response.content.decode()


@pytest.mark.parametrize("query", ["%", "_", "%%", "\\", "%_%"])
def test_like_wildcards_match_nothing_rather_than_everything(visitor, query):
    make_article(title="Công đoàn cơ sở")
    page = visitor.get("/tim-kiem/", {"q": query}).content.decode()
    assert "không có chữ hoặc số nào để tìm" in page
    assert "Công đoàn cơ sở" not in page


def test_a_very_long_search_in_the_url_is_cut_and_answered(visitor):
    make_article(title="Công đoàn cơ sở")
    response = visitor.get("/tim-kiem/?q=" + quote("công đoàn " * 5000) + "&page=2")
    assert response.status_code == 200
    assert "Từ khóa quá dài" in response.content.decode()
