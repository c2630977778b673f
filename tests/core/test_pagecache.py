"""The full-page cache for anonymous visitors: what it serves, what it never stores, and how every
change makes the pages that show it current at once (core.pagecache)."""

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import timezone

from agreements.models import Agreement
from core import pagecache, pagecache_middleware, pagecache_requests
from federation.models import SiteProfile
from news import freshness
from news.models import Article
from tests.cache_trips import list_memo_calls
from tests.cached_pages import HEADER, html, warm
from tests.factories import (
    make_agreement,
    make_article,
    make_category,
    make_officer,
    make_worker,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def category():
    return make_category(name="Hoạt động công đoàn")


@pytest.fixture
def story(category):
    return make_article(title="Hội nghị người lao động năm nay", category=category)


def pages_of(article):
    return [
        "/",
        "/tin-tuc/",
        article.category.get_absolute_url(),
        "/tin-tuc/rss/",
        article.get_absolute_url(),
    ]


# What is served from the cache ---------------------------------------------------------------------


def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(client, story):
    first = client.get(story.get_absolute_url())
    assert first[HEADER] == "MISS"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(story.get_absolute_url())
    assert second[HEADER] == "HIT"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["X-Frame-Options"] == first["X-Frame-Options"]


def test_tracking_parameters_from_facebook_and_zalo_share_one_cached_page(client, story):
    url = story.get_absolute_url()
    assert client.get(f"{url}?fbclid=IwAR0abc")[HEADER] == "MISS"
    again = client.get(f"{url}?fbclid=IwAR9xyz&zarsrc=30&utm_source=zalo")
    assert again[HEADER] == "HIT"
    assert "fbclid" not in html(again)


def test_a_vietnamese_search_keeps_its_words_when_tracking_parameters_are_dropped(client, story):
    # Sent as raw UTF-8, as some apps' in-app browsers do: the rewrite must not garble it.
    response = client.get("/tim-kiem/?q=hội nghị&fbclid=IwAR0abc")
    assert 'value="hội nghị"' in html(response)
    assert f'href="{story.get_absolute_url()}"' in html(response)


def test_a_visitor_with_a_session_is_never_served_a_cached_page(client, story):
    warm(client, story.get_absolute_url())
    client.force_login(make_officer())
    response = client.get(story.get_absolute_url())
    assert HEADER not in response
    assert "Xin chào" in html(response)


def test_officers_only_programmes_never_reach_an_anonymous_visitor_through_the_cache(client):
    secret = make_agreement(title="Chương trình nội bộ cán bộ", visibility="officers")
    make_agreement(title="Chương trình công khai")
    officer = make_officer()
    client.force_login(officer)
    assert "Chương trình nội bộ cán bộ" in html(client.get("/chuong-trinh-phoi-hop/"))
    client.logout()
    client.cookies.clear()
    page = client.get("/chuong-trinh-phoi-hop/")
    assert "Chương trình công khai" in html(page)
    assert "Chương trình nội bộ cán bộ" not in html(page)
    assert client.get(secret.get_absolute_url()).status_code == 404


def test_sign_in_admin_and_preview_pages_are_never_cached(client, story):
    for url in ["/dang-nhap/", "/quan-tri/login/", f"/xem-truoc/tin-tuc/{story.pk}/"]:
        client.get(url)
        assert client.get(url).get(HEADER) is None, url


def stored(view, path="/tin-tuc/"):
    """Runs the middleware around a stand-in view twice; says whether the second was a hit."""
    middleware = pagecache_middleware.PageCacheMiddleware(view)
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    middleware(request)
    request = RequestFactory().get(path)
    return middleware(request).get(HEADER) == "HIT"


def test_a_page_that_carries_a_csrf_token_is_never_stored():
    def view(request):
        token = '<input type="hidden" name="csrfmiddlewaretoken" value="abc">'
        return HttpResponse(f"<form method='post'>{token}</form>")

    assert not stored(view)


def test_a_response_that_sets_a_cookie_or_says_private_is_never_stored():
    def with_cookie(request):
        response = HttpResponse("xin chào")
        response.set_cookie("chon", "1")
        return response

    def private(request):
        response = HttpResponse("riêng")
        response["Cache-Control"] = "private"
        return response

    def error(request):
        return HttpResponse("lỗi", status=500)

    assert not stored(with_cookie)
    assert not stored(private)
    assert not stored(error)
    assert stored(lambda request: HttpResponse("công khai"))


def test_nothing_bypasses_the_page_cache_in_production_not_even_the_benchmarks_secret(
    client, story, settings
):
    # The bypass lives in the benchmark's own settings (tests/bench/test_bench_settings.py).
    url = story.get_absolute_url()
    warm(client, url)
    settings.PAGECACHE_BYPASS_TOKEN = "bi-mat-cua-bench"
    for secret in ["", "doan-bua", "bi-mat-cua-bench"]:
        assert client.get(url, headers={"X-Page-Cache-Bypass": secret})[HEADER] == "HIT"


def test_a_lost_generation_counter_never_brings_back_an_old_page(client, story):
    warm(client, "/tin-tuc/", story.get_absolute_url())
    cache.delete(pagecache.gen_key("news"))
    assert client.get("/tin-tuc/")[HEADER] == "MISS"
    # An article page follows its own row's counter (news.freshness): losing it is a miss too.
    cache.delete(pagecache.gen_key(freshness.article_key(story.slug)))
    assert client.get(story.get_absolute_url())[HEADER] == "MISS"


# Freshness: each change shows at once where it appears ----------------------------------------------


def test_a_new_article_appears_at_once_on_home_list_category_and_feed(client, story, category):
    warm(client, *pages_of(story)[:4])
    fresh = make_article(title="Trao tặng Mái ấm Công đoàn cho đoàn viên", category=category)
    for url in pages_of(story)[:4]:
        response = client.get(url)
        assert response[HEADER] == "MISS", url
        assert "Trao tặng Mái ấm Công đoàn cho đoàn viên" in html(response), url
    assert client.get(fresh.get_absolute_url()).status_code == 200


def test_an_edited_title_shows_at_once_on_every_page_that_shows_the_article(client, story):
    warm(client, *pages_of(story))
    story.title = "Hội nghị người lao động (đã cập nhật)"
    story.save()
    for url in pages_of(story):
        assert "Hội nghị người lao động (đã cập nhật)" in html(client.get(url)), url


def test_an_unpublished_article_disappears_at_once(client, story):
    warm(client, *pages_of(story))
    story.status = Article.Status.HIDDEN
    story.save()
    assert client.get(story.get_absolute_url()).status_code == 404
    for url in pages_of(story)[:4]:
        assert story.title not in html(client.get(url)), url


def test_a_deleted_or_trashed_article_disappears_at_once(client, story, category):
    other = make_article(title="Giải bóng đá công nhân viên chức", category=category)
    warm(client, *pages_of(story), other.get_absolute_url())
    story.trash()
    other_url = other.get_absolute_url()
    other.delete()
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client.get(other_url).status_code == 404
    for url in pages_of(story)[:4]:
        page = html(client.get(url))
        assert story.title not in page and "Giải bóng đá công nhân viên chức" not in page, url


def test_a_new_tag_shows_at_once_on_the_tag_page_and_the_article(client, story):
    story.tags.add("Tháng Công nhân")
    warm(client, "/the/thang-cong-nhan/", story.get_absolute_url())
    second = make_article(title="Tháng Công nhân ở Bảo Lộc")
    second.tags.add("Tháng Công nhân")
    assert "Tháng Công nhân ở Bảo Lộc" in html(client.get("/the/thang-cong-nhan/"))
    story.tags.add("Đối thoại")
    assert "Đối thoại" in html(client.get(story.get_absolute_url()))


def test_a_renamed_category_shows_at_once_on_its_articles(client, story, category):
    warm(client, story.get_absolute_url())
    category.name = "Hoạt động công đoàn cơ sở"
    category.save()
    assert "Hoạt động công đoàn cơ sở" in html(client.get(story.get_absolute_url()))


def test_editing_a_worker_profile_leaves_the_news_pages_cached(client, story):
    worker = make_worker(full_name="Nguyễn Thị Hoa")
    warm(client, "/tin-tuc/", story.get_absolute_url(), "/dien-hinh-tien-tien/", "/")
    worker.full_name = "Nguyễn Thị Hoa Mai"
    worker.save()
    assert client.get("/tin-tuc/")[HEADER] == "HIT"
    assert client.get(story.get_absolute_url())[HEADER] == "HIT"
    assert "Nguyễn Thị Hoa Mai" in html(client.get("/dien-hinh-tien-tien/"))
    assert client.get("/")[HEADER] == "MISS"  # the home page shows featured profiles


def test_a_bulk_unpublish_in_the_admin_updates_the_gallery(client):
    worker = make_worker(full_name="Lê Văn Dũng")
    warm(client, "/dien-hinh-tien-tien/")
    admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x")
    client.force_login(admin)
    response = client.post(
        "/quan-tri/federation/exemplaryworker/",
        {"action": "unpublish", "_selected_action": [worker.pk]},
    )
    assert response.status_code == 302
    client.logout()
    client.cookies.clear()
    assert "Lê Văn Dũng" not in html(client.get("/dien-hinh-tien-tien/"))


def test_an_agreement_change_shows_at_once_and_leaves_news_cached(client, story):
    agreement = make_agreement(title="Chương trình phối hợp với Báo Lâm Đồng")
    warm(client, "/chuong-trinh-phoi-hop/", "/tin-tuc/")
    agreement.title = "Chương trình phối hợp với Báo Lâm Đồng 2026"
    agreement.save()
    assert "Báo Lâm Đồng 2026" in html(client.get("/chuong-trinh-phoi-hop/"))
    assert client.get("/tin-tuc/")[HEADER] == "HIT"
    agreement.visibility = Agreement.Visibility.OFFICERS
    agreement.save()
    assert "Báo Lâm Đồng 2026" not in html(client.get("/chuong-trinh-phoi-hop/"))


def test_a_new_site_name_shows_at_once_on_every_page(client, story):
    warm(client, *pages_of(story))
    profile = SiteProfile.load()
    profile.name = "Liên đoàn Lao động tỉnh Lâm Đồng (mới)"
    profile.save()
    for url in pages_of(story):
        assert "Lâm Đồng (mới)" in html(client.get(url)), url


def test_a_scheduled_article_appears_at_its_time(client, category):
    # Mid-morning: the header's date changes at midnight, which empties the cache by itself (see
    # the test below), so three minutes before 00:02 would not show that the cache still serves.
    now = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    make_article(title="Tin đã đăng từ trước", category=category, published_at=now)
    scheduled = make_article(
        title="Tin hẹn giờ đăng",
        category=category,
        published_at=now + timezone.timedelta(minutes=3),
    )
    with time_machine.travel(now, tick=False) as traveller:
        warm(client, "/", "/tin-tuc/", category.get_absolute_url())
        assert "Tin hẹn giờ đăng" not in html(client.get("/tin-tuc/"))
        traveller.move_to(now + timezone.timedelta(minutes=2, seconds=58))
        assert client.get("/tin-tuc/")[HEADER] == "HIT"
        traveller.move_to(now + timezone.timedelta(minutes=3, seconds=1))
        for url in ["/", "/tin-tuc/", category.get_absolute_url()]:
            assert "Tin hẹn giờ đăng" in html(client.get(url)), url
        assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_an_article_comes_down_at_its_unpublish_time(client, category):
    now = timezone.now()
    make_article(
        title="Thông báo có thời hạn",
        category=category,
        published_at=now - timezone.timedelta(days=1),
        unpublish_at=now + timezone.timedelta(minutes=5),
    )
    with time_machine.travel(now, tick=False) as traveller:
        warm(client, "/tin-tuc/")
        traveller.move_to(now + timezone.timedelta(minutes=5, seconds=1))
        assert "Thông báo có thời hạn" not in html(client.get("/tin-tuc/"))


def test_the_date_in_the_header_changes_at_midnight(client, story):
    midnight = timezone.localtime().replace(hour=23, minute=59, second=50)
    with time_machine.travel(midnight, tick=False) as traveller:
        warm(client, "/tin-tuc/")
        traveller.move_to(midnight + timezone.timedelta(seconds=15))
        response = client.get("/tin-tuc/")
    assert response[HEADER] == "MISS"
    tomorrow = (midnight + timezone.timedelta(days=1)).strftime("%d/%m/%Y")
    assert tomorrow in html(response)


# Apps register: sections, models and URLs ----------------------------------------------------------


@pytest.fixture
def registry():
    """The page cache's registry as the apps filled it, put back after the test."""
    saved = pagecache.registry.copy()
    yield pagecache.registry
    pagecache.registry = saved


def test_a_model_added_to_a_section_makes_that_sections_pages_stale(client, story, registry):
    make_agreement(title="Chương trình phối hợp với Đài Phát thanh")
    warm(client, "/chuong-trinh-phoi-hop/", "/tin-tuc/")
    Group.objects.create(name="Nhóm chưa đăng ký")
    assert client.get("/chuong-trinh-phoi-hop/")[HEADER] == "HIT"

    pagecache.register_models([Group], sections=["agreements"])
    Group.objects.create(name="Nhóm đã đăng ký")
    assert client.get("/chuong-trinh-phoi-hop/")[HEADER] == "MISS"
    assert client.get("/tin-tuc/")[HEADER] == "HIT"
    assert client.get("/chuong-trinh-phoi-hop/")[HEADER] == "HIT"
    Group.objects.filter(name="Nhóm đã đăng ký").delete()
    assert client.get("/chuong-trinh-phoi-hop/")[HEADER] == "MISS"


def test_a_new_section_names_its_pages_by_url_and_the_site_profile_still_reaches_them(
    client, story, registry
):
    pagecache.register_section("thu-nghiem")
    pagecache.register_models([Group], sections=["thu-nghiem"])
    pagecache.register_urls(["robots"], sections=["thu-nghiem"])
    warm(client, "/robots.txt", story.get_absolute_url())
    Group.objects.create(name="Nhóm thử nghiệm")
    assert client.get("/robots.txt")[HEADER] == "MISS"
    assert client.get(story.get_absolute_url())[HEADER] == "HIT"
    warm(client, "/robots.txt")
    SiteProfile.load().save()  # registered for every section, this one included
    assert client.get("/robots.txt")[HEADER] == "MISS"
    assert client.get(story.get_absolute_url())[HEADER] == "MISS"


def test_a_section_named_but_never_registered_fails_the_system_check(registry):
    assert pagecache.check_registry() == []
    pagecache.register_urls(["robots"], sections=["site", "thu-ngiem"])
    errors = pagecache.check_registry()
    assert [e.id for e in errors] == ["core.E001"]
    assert "thu-ngiem" in errors[0].msg


def test_a_page_no_app_registered_depends_on_every_section(client, story):
    worker = make_worker(full_name="Trần Thị Lan")
    warm(client, "/tim-kiem/?q=lan", "/tin-tuc/")
    worker.position = "Tổ trưởng tổ may"
    worker.save()
    assert client.get("/tim-kiem/?q=lan")[HEADER] == "MISS"
    assert client.get("/tin-tuc/")[HEADER] == "HIT"


def test_a_sections_registered_next_change_ends_the_life_of_its_pages(client, registry):
    # Mid-morning, so that midnight (every page's last moment) is hours away.
    now = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    pagecache.register_section(
        "thu-nghiem", next_change=lambda: now + timezone.timedelta(minutes=2)
    )
    pagecache.register_urls(["robots"], sections=["thu-nghiem"])
    with time_machine.travel(now, tick=False) as traveller:
        warm(client, "/robots.txt")
        traveller.move_to(now + timezone.timedelta(minutes=1, seconds=58))
        assert client.get("/robots.txt")[HEADER] == "HIT"
        traveller.move_to(now + timezone.timedelta(minutes=2, seconds=1))
        assert client.get("/robots.txt")[HEADER] == "MISS"


# Conditional GET -------------------------------------------------------------------------------


def test_an_unchanged_page_answers_304_to_its_etag(client, story):
    url = story.get_absolute_url()
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert "max-age=0" in first["Cache-Control"]
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_after_an_edit_the_old_etag_gets_the_new_page(client, story):
    url = story.get_absolute_url()
    etag = client.get(url)["ETag"]
    story.lead = "Sapo mới của bài viết."
    story.save()
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "Sapo mới của bài viết." in html(response)
    assert response["ETag"] != etag


def test_pages_send_an_etag_even_with_the_page_cache_off(client, story, settings):
    settings.PAGECACHE_ENABLED = False
    first = client.get(story.get_absolute_url())
    assert first.has_header("ETag")
    assert (
        client.get(story.get_absolute_url(), headers={"If-None-Match": first["ETag"]}).status_code
        == 304
    )


# Lists: counts and deep pages --------------------------------------------------------------------


def articles_on(response):
    return [a.pk for a in response.context["articles"]]


def cold(client, url):
    """The page rendered afresh while the lists' facts stay: a new generation of the "site"
    section makes every stored page stale, and a list's facts depend on "news" only."""
    pagecache.bump("site")
    response = client.get(url)
    assert response[HEADER] == "MISS"
    return response


def test_deep_pages_found_by_keyset_show_the_same_articles_as_offset(client, category, settings):
    now = timezone.now()
    for n in range(45):
        # Pairs of articles at the same minute: the id decides between them.
        make_article(
            title=f"Tin số {n}",
            category=category,
            published_at=now - timezone.timedelta(minutes=n // 2),
        )
    settings.PAGECACHE_ENABLED = False
    expected = [articles_on(client.get(f"/tin-tuc/?page={n}")) for n in (1, 2, 3)]
    settings.PAGECACHE_ENABLED = True
    for _ in range(2):  # the first pass stores where pages start, the second uses it
        got = [articles_on(cold(client, f"/tin-tuc/?page={n}")) for n in (1, 2, 3)]
        assert got == expected
    with CaptureQueriesContext(connection) as queries:
        cold(client, "/tin-tuc/?page=3")
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "OFFSET" not in sql.upper()
    assert "COUNT(" not in sql.upper()


def test_a_list_reads_its_facts_in_one_round_trip_and_rewrites_none_it_holds(
    client, category, monkeypatch
):
    """The count, where page N starts and where N + 1 starts: one get_many; once they are held,
    a cold render writes none of them again."""
    for n in range(45):
        make_article(title=f"Tin số {n}", category=category)
    for _ in range(2):
        cold(client, "/tin-tuc/?page=2")
    calls = list_memo_calls(monkeypatch)
    cold(client, "/tin-tuc/?page=2")
    assert [name for name, _ in calls] == ["get_many"]


def test_a_list_page_read_again_reads_no_article_row_until_the_news_changes(client, category):
    for n in range(45):
        make_article(title=f"Tin số {n}", category=category)
    for url in ("/tin-tuc/", "/tin-tuc/?page=2", category.get_absolute_url()):
        first = cold(client, url).content
        with CaptureQueriesContext(connection) as queries:
            again = cold(client, url).content
        assert again == first, url
        assert not [q for q in queries.captured_queries if "news_article" in q["sql"]], url
    edited = Article.objects.get(title="Tin số 0")
    edited.title = "Tin số 0, tên mới"
    edited.save()
    assert "Tin số 0, tên mới" in cold(client, "/tin-tuc/").content.decode()


def test_a_new_article_moves_the_deep_pages_along(client, category, settings):
    now = timezone.now()
    for n in range(41):
        make_article(
            title=f"Tin cũ {n}",
            category=category,
            published_at=now - timezone.timedelta(hours=n + 1),
        )
    before = [articles_on(cold(client, f"/tin-tuc/?page={n}")) for n in (1, 2, 3)]
    make_article(title="Tin mới nhất", category=category, published_at=now)
    after = [articles_on(cold(client, f"/tin-tuc/?page={n}")) for n in (1, 2, 3)]
    assert after[1][0] == before[0][-1]
    assert after[2] == [before[1][-1], before[2][0]]
    assert "Trang 3 / 3" in html(cold(client, "/tin-tuc/?page=3"))


# Query strings: only what a page reads makes a different page --------------------------------------


def stored_pages():
    return [key for key in cache._cache if pagecache.PAGE_PREFIX in key]


def test_junk_query_parameters_make_one_cached_page_not_one_per_value(client, story):
    headers = [client.get(f"/tin-tuc/?utm_x={n}")[HEADER] for n in range(1, 201)]
    assert headers.count("MISS") == 1
    assert headers.count("HIT") == 199
    assert len(stored_pages()) == 1


def test_a_page_never_sees_the_parameters_it_does_not_read(client, story):
    page = html(client.get(f"{story.get_absolute_url()}?ref=abc&junk=%3Cb%3Exyz"))
    assert "ref=abc" not in page and "xyz" not in page
    assert client.get(f"{story.get_absolute_url()}?khac=1")[HEADER] == "HIT"


def test_the_parameters_a_page_reads_still_make_their_own_pages(client, category):
    for n in range(25):
        make_article(title=f"Tin thứ {n:02d} trong danh sách", category=category)
    first, second = client.get("/tin-tuc/"), client.get("/tin-tuc/?page=2")
    assert second[HEADER] == "MISS"
    assert articles_on(first) != articles_on(second)
    assert client.get("/tin-tuc/?utm_x=1&page=2&ref=zalo")[HEADER] == "HIT"
    assert "Trang 2 / 2" in html(client.get("/tin-tuc/?page=2&ref=zalo"))
    found = html(client.get("/tim-kiem/?q=tin+thu+03"))
    assert "Tin thứ 03 trong danh sách" in found.replace("<mark>", "").replace("</mark>", "")
    assert "Tin thứ 04 trong danh sách" not in found.replace("<mark>", "").replace("</mark>", "")
    assert client.get("/tim-kiem/?q=tin+thu+04")[HEADER] == "MISS"


def test_parameters_in_another_order_are_the_same_page(client, story):
    assert client.get("/tim-kiem/?q=hoi+nghi&page=1")[HEADER] == "MISS"
    assert client.get("/tim-kiem/?page=1&utm_x=9&q=hoi+nghi")[HEADER] == "HIT"


def test_filters_of_programmes_and_profiles_work_through_the_page_cache(client):
    old = make_agreement(
        title="Chương trình phối hợp năm 2015",
        valid_from=timezone.localdate().replace(year=2015, month=1, day=1),
        valid_until=timezone.localdate().replace(year=2016, month=12, day=31),
    )
    make_agreement(title="Chương trình phối hợp với Đài Phát thanh tỉnh")
    page = html(client.get("/chuong-trinh-phoi-hop/?nam=2015&utm_x=1"))
    assert old.title in page and "Đài Phát thanh tỉnh" not in page
    assert "noindex" in page  # a filtered list stays out of search engines
    plain = client.get("/chuong-trinh-phoi-hop/?utm_x=2")
    assert "Đài Phát thanh tỉnh" in html(plain) and "noindex" not in html(plain)

    hoa = make_worker(full_name="Nguyễn Thị Hoa", grassroots_union="Công đoàn Công ty Chè Cầu Đất")
    make_worker(full_name="Trần Văn Minh", grassroots_union="Công đoàn Bệnh viện Đà Lạt")
    page = html(client.get("/dien-hinh-tien-tien/?cong_doan=Công+đoàn+Công+ty+Chè+Cầu+Đất&x=1"))
    assert hoa.full_name in page and "Trần Văn Minh" not in page


def test_an_address_without_its_final_slash_keeps_its_parameters_in_the_redirect(client, story):
    response = client.get("/tin-tuc?page=2&utm_x=1")
    assert response.status_code == 301
    assert response["Location"] == "/tin-tuc/?page=2&utm_x=1"


def test_sitemap_pages_keep_their_page_parameter(client, story):
    assert client.get("/sitemap-tin-tuc.xml?p=1")[HEADER] == "MISS"
    assert client.get("/sitemap-tin-tuc.xml?p=1&utm_x=1")[HEADER] == "HIT"
    assert client.get("/sitemap-tin-tuc.xml?p=99").status_code == 404


def test_every_public_page_says_which_query_parameters_it_reads(story):
    worker = make_worker(full_name="Lê Thị Lan")
    agreement = make_agreement()
    partner = agreement.partners.get()
    story.tags.add("Tháng Công nhân")
    paths = [
        "/",
        "/tin-tuc/",
        story.category.get_absolute_url(),
        "/the/thang-cong-nhan/",
        story.get_absolute_url(),
        "/tim-kiem/",
        "/tin-tuc/rss/",
        f"{story.category.get_absolute_url()}rss/",
        "/sitemap.xml",
        "/sitemap-tin-tuc.xml",
        "/robots.txt",
        "/chuong-trinh-phoi-hop/",
        agreement.get_absolute_url(),
        partner.get_absolute_url(),
        "/dien-hinh-tien-tien/",
        worker.get_absolute_url(),
    ]
    for url in paths:
        match = pagecache_requests.resolve_request(RequestFactory().get(url))
        assert pagecache_requests.declared_params(match) is not None, url


def undeclared_view(request):
    return HttpResponse(f"đọc: {request.GET.get('chon', '')}")


# The URLs of the next test (request.urlconf names this module): a view that declares nothing.
urlpatterns = [path("khong-khai-bao/", undeclared_view)]


def test_a_view_that_does_not_say_what_it_reads_is_not_cached_with_a_query_string():
    middleware = pagecache_middleware.PageCacheMiddleware(undeclared_view)

    def get(url):
        request = RequestFactory().get(url)
        request.urlconf = __name__
        request.user = AnonymousUser()
        return middleware(request)

    for _ in range(2):
        response = get("/khong-khai-bao/?chon=1")
        assert response[HEADER] == "SKIP"
        assert response.content.decode() == "đọc: 1"
    assert get("/khong-khai-bao/?chon=2").content.decode() == "đọc: 2"
    get("/khong-khai-bao/")
    assert get("/khong-khai-bao/")[HEADER] == "HIT"


# Cache-Control: what a signed-in user sees is theirs ---------------------------------------------


@pytest.mark.parametrize("page_cache_on", [True, False], ids=["page-cache-on", "page-cache-off"])
def test_pages_an_officer_sees_say_private(client, settings, page_cache_on):
    settings.PAGECACHE_ENABLED = page_cache_on
    secret = make_agreement(title="Chương trình nội bộ cán bộ", visibility="officers")
    partner = secret.partners.get()
    partner.contact_person = "Chị Lan"
    partner.contact_phone = "0263 3822 123"
    partner.save()
    client.force_login(make_officer())
    for url in ["/chuong-trinh-phoi-hop/", secret.get_absolute_url(), partner.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"], url
        assert "Cookie" in response["Vary"], url
    assert "0263 3822 123" in html(client.get(partner.get_absolute_url()))
    assert "private" in client.get("/tin-tuc/")["Cache-Control"]  # the header greets them


@pytest.mark.parametrize("page_cache_on", [True, False], ids=["page-cache-on", "page-cache-off"])
def test_public_pages_for_anonymous_visitors_do_not_say_private(
    client, settings, story, page_cache_on
):
    settings.PAGECACHE_ENABLED = page_cache_on
    agreement = make_agreement()
    for url in [*pages_of(story), "/chuong-trinh-phoi-hop/", agreement.get_absolute_url()]:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "private" not in response.get("Cache-Control", ""), url
