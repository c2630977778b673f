"""XSS payloads through every rich-text field (saved by code and through the admin), through the
plain-text fields that pages and JSON-LD show, and through every public form: the pages that show
them contain nothing that could run."""

import html

import pytest

from agreements.models import Agreement
from federation.workers.models import ExemplaryWorker
from news.models import Article
from tests.factories import (
    make_agreement,
    make_article,
    make_officer,
    make_partner,
    make_period,
    make_user,
    make_worker,
)
from tests.news.admin_helpers import form_fields
from tests.security.html_check import executable_parts
from tests.security.payloads import XSS_PAYLOADS

pytestmark = pytest.mark.django_db


def test_the_checker_finds_what_it_is_meant_to_find():
    """Without this, a checker that finds nothing would let every test below pass."""
    page = (
        '<script src="/static/js/site.js"></script><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
        '<input value="&quot; onfocus=alert(1)">'
        '<iframe class="doc-viewer" src="/van-ban/ke-hoach/tep/3/xem/" title="Văn bản"></iframe>'
    )
    assert executable_parts(page) == []
    for bad in [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href=" data:text/html,x">x</a>',
        '<p style="color:red">x</p>',
        "<svg></svg>",
        '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<form action="https://evil.example/"></form>',
        '<img src="https://evil.example/x.png">',
        '<iframe src="https://evil.example/van-ban/a/tep/1/xem/"></iframe>',
        '<iframe src="/van-ban/a/tep/1/xem/" srcdoc="<script>alert(1)</script>"></iframe>',
        '<iframe src="/tin-tuc/a/"></iframe>',
    ]:
        assert executable_parts(bad), bad


def problems_in(client, paths):
    """What could run on each page, by path (pages that are clean are left out)."""
    found = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        problems = executable_parts(response.content.decode())
        if problems:
            found[path] = problems
    return found


def assert_clean(client, paths, payload):
    assert problems_in(client, paths) == {}, payload


@pytest.fixture
def rich():
    """One article, one programme and one profile whose rich text the tests overwrite."""
    article = make_article(title="Bài thử nội dung độc hại")
    agreement = make_agreement(title="Chương trình thử nội dung độc hại")
    worker = make_worker(full_name="Hồ sơ thử nội dung độc hại")
    return article, agreement, worker


def test_every_payload_saved_by_code_in_every_rich_text_field_cannot_run(client, rich):
    article, agreement, worker = rich
    # The pages that show each field: the detail pages render it as HTML, the lists as text.
    pages = [
        article.get_absolute_url(),
        agreement.get_absolute_url(),
        "/chuong-trinh-phoi-hop/",
        worker.get_absolute_url(),
    ]
    failures = {}
    for payload in XSS_PAYLOADS:
        article.body = f"<p>Mở đầu</p>{payload}<p>Kết thúc</p>"
        article.save()
        agreement.summary = payload
        agreement.full_text = f"<p>Toàn văn</p>{payload}"
        agreement.save()
        worker.achievements = payload
        worker.save()
        if found := problems_in(client, pages):
            failures[payload] = found
    assert failures == {}


def test_home_search_and_gallery_stay_clean_with_payloads_in_every_rich_text_field(client, rich):
    article, agreement, worker = rich
    everything = "".join(XSS_PAYLOADS)
    article.body = everything
    article.save()
    agreement.summary = agreement.full_text = everything
    agreement.save()
    worker.achievements = everything
    worker.save()
    pages = [
        "/",
        "/tin-tuc/",
        "/dien-hinh-tien-tien/",
        "/tim-kiem/?q=doc+hai",
        "/tim-kiem/?q=alert",
    ]
    assert problems_in(client, pages) == {}


class AdminForm:
    """An admin change form as the browser sent it, posted again and again with new values."""

    def __init__(self, client, url, form_id):
        self.client, self.url = client, url
        self.data = form_fields(client.get(url), form_id)

    def post(self, **changes):
        response = self.client.post(self.url, {**self.data, **changes})
        assert response.status_code == 302, (self.url, response.content.decode()[:3000])


def submit(client, url, form_id, **changes):
    AdminForm(client, url, form_id).post(**changes)


@pytest.fixture
def editor_client(client):
    client.force_login(make_user(username="quantri", is_staff=True, is_superuser=True))
    return client


def test_every_payload_typed_into_the_article_editor_cannot_run(editor_client, rich):
    article, _, _ = rich
    form = AdminForm(editor_client, f"/quan-tri/news/article/{article.pk}/change/", "article_form")
    failures = {}
    for payload in XSS_PAYLOADS:
        # The edit-conflict check wants the version the editor has open: the one just saved.
        version = Article.objects.get(pk=article.pk).version
        form.post(body=f"<p>Mở đầu</p>{payload}", edit_version=str(version))
        assert "Mở đầu" in Article.objects.get(pk=article.pk).body
        if found := problems_in(editor_client, [article.get_absolute_url()]):
            failures[payload] = found
    assert failures == {}


def test_every_payload_typed_into_the_agreement_editors_cannot_run(editor_client, rich):
    _, agreement, _ = rich
    form = AdminForm(
        editor_client, f"/quan-tri/agreements/agreement/{agreement.pk}/change/", "agreement_form"
    )
    failures = {}
    for payload in XSS_PAYLOADS:
        form.post(summary=f"<p>Tóm tắt</p>{payload}", full_text=f"{payload}<p>Toàn văn</p>")
        agreement.refresh_from_db()
        assert "Tóm tắt" in agreement.summary and "Toàn văn" in agreement.full_text
        if found := problems_in(editor_client, [agreement.get_absolute_url()]):
            failures[payload] = found
    assert failures == {}


def test_every_payload_typed_into_the_achievements_editor_cannot_run(editor_client, rich):
    _, _, worker = rich
    form = AdminForm(
        editor_client,
        f"/quan-tri/federation/exemplaryworker/{worker.pk}/change/",
        "exemplaryworker_form",
    )
    failures = {}
    for payload in XSS_PAYLOADS:
        form.post(achievements=f"<p>Thành tích</p>{payload}")
        worker.refresh_from_db()
        assert "Thành tích" in worker.achievements
        if found := problems_in(editor_client, [worker.get_absolute_url()]):
            failures[payload] = found
    assert failures == {}


@pytest.mark.parametrize(
    "payload",
    [
        "</script><script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "<svg onload=alert(1)>",
        "' onmouseover='alert(1)'",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
    ],
)
def test_payload_in_plain_text_fields_is_shown_as_text_everywhere(client, payload):
    """Titles, leads, names and tags are plain text: shown escaped, in pages, meta tags and the
    JSON-LD blocks (whose `</script>` must not end the block)."""
    article = make_article(
        title=f"Tin {payload}",
        lead=f"Sapo {payload}",
        byline=payload[:100],
        source_label=payload[:100],
        tags=[f"thẻ {payload}"[:100]],
    )
    agreement = make_agreement(
        title=f"Chương trình {payload}",
        signatories=payload,
        partners=[make_partner(name=f"Báo {payload}")],
    )
    worker = make_worker(
        full_name=f"Người {payload}"[:150],
        position=payload,
        workplace=payload,
        quote=payload,
        honours=[(make_period(start_year=2020, end_year=2025), f"Danh hiệu {payload}", 2022)],
    )
    tag = article.tags.get()
    partner = agreement.partners.get()
    pages = [
        "/",
        "/tin-tuc/",
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        tag.get_absolute_url(),
        "/chuong-trinh-phoi-hop/",
        agreement.get_absolute_url(),
        partner.get_absolute_url(),
        "/dien-hinh-tien-tien/",
        worker.get_absolute_url(),
        "/tim-kiem/?q=tin",
    ]
    assert_clean(client, pages, payload)
    page = client.get(article.get_absolute_url()).content.decode()
    assert html.escape(f"Tin {payload}") in page


# Public forms ------------------------------------------------------------------------------------


def test_search_box_shows_every_payload_back_escaped_and_inert(client):
    make_article(title="Công đoàn cơ sở")
    failures = {}
    for payload in XSS_PAYLOADS:
        response = client.get("/tim-kiem/", {"q": payload})
        assert response.status_code == 200
        page = response.content.decode()
        # The query comes back in the search box, escaped.
        assert f'value="{html.escape(payload.strip()[:200])}"' in page, payload
        if problems := executable_parts(page):
            failures[payload] = problems
    assert failures == {}


def inert_pages(client, requests):
    """(method, path, data) → the problems of each page that is not inert, by payload."""
    failures = {}
    for payload, (method, path, data) in requests:
        response = getattr(client, method)(path, data)
        assert response.status_code == 200, (payload, path, response.status_code)
        page = response.content.decode()
        if problems := executable_parts(page):
            failures[payload] = problems
        yield payload, page
    assert failures == {}


def test_login_form_shows_every_hostile_user_name_back_escaped(client):
    requests = [
        (p, ("post", "/dang-nhap/", {"username": p[:150], "password": "sai-mat-khau"}))
        for p in XSS_PAYLOADS
    ]
    for payload, page in inert_pages(client, requests):
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in page, payload


@pytest.mark.parametrize(
    "next_url",
    [
        "javascript:alert(1)",
        "https://evil.example/dang-nhap/",
        "//evil.example/",
        "/\\evil.example/",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_login_never_sends_an_officer_to_a_hostile_next_address(client, next_url):
    make_officer(username="canbo", password="CanBo@2026")
    page = client.get("/dang-nhap/", {"next": next_url}).content.decode()
    assert executable_parts(page) == []
    response = client.post(
        "/dang-nhap/", {"username": "canbo", "password": "CanBo@2026", "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == "/chuong-trinh-phoi-hop/"


def test_gallery_filters_report_every_hostile_value_escaped(client):
    make_worker()
    requests = [
        (p, ("get", "/dien-hinh-tien-tien/", {"giai-doan": p, "nganh": p, "cong-doan": p}))
        for p in XSS_PAYLOADS
    ]
    for payload, page in inert_pages(client, requests):
        assert "không có trong danh sách" in page, payload


def test_agreement_filters_ignore_every_hostile_value_safely(client):
    agreement = make_agreement()
    requests = [
        (p, ("get", "/chuong-trinh-phoi-hop/", {"doi-tac": p, "nam": p, "trang-thai": p}))
        for p in XSS_PAYLOADS
    ]
    for payload, page in inert_pages(client, requests):
        # The filters are dropped: the programme is still listed.
        assert html.escape(agreement.title) in page, payload


def test_read_beacon_takes_hostile_bodies_without_a_trace(client):
    article = make_article()
    for payload in XSS_PAYLOADS:
        response = client.post(
            f"/tin-tuc/luot-doc/{article.pk}/", data=payload, content_type="text/html"
        )
        assert response.status_code == 204
        assert response.content == b""


def test_nothing_hostile_was_stored_by_the_admin_saves_either(editor_client):
    """The sanitizer runs on save whoever saves: the rows themselves hold no payload."""
    article = make_article()
    agreement = make_agreement()
    worker = make_worker()
    submit(
        editor_client,
        f"/quan-tri/news/article/{article.pk}/change/",
        "article_form",
        body="".join(XSS_PAYLOADS),
    )
    submit(
        editor_client,
        f"/quan-tri/agreements/agreement/{agreement.pk}/change/",
        "agreement_form",
        summary="".join(XSS_PAYLOADS),
        full_text="".join(XSS_PAYLOADS),
    )
    submit(
        editor_client,
        f"/quan-tri/federation/exemplaryworker/{worker.pk}/change/",
        "exemplaryworker_form",
        achievements="".join(XSS_PAYLOADS),
    )
    stored = [
        Article.objects.get(pk=article.pk).body,
        Agreement.objects.get(pk=agreement.pk).summary,
        Agreement.objects.get(pk=agreement.pk).full_text,
        ExemplaryWorker.objects.get(pk=worker.pk).achievements,
    ]
    for value in stored:
        assert executable_parts(value) == [], value[:500]
        assert "<script" not in value.lower()
