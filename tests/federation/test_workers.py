"""Exemplary workers: the consent rule, the gallery, the profile page, search and the home block."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from federation.models import SiteProfile
from federation.workers.models import (
    CONSENT_REQUIRED_MESSAGE,
    ExemplaryWorker,
    Honour,
    HonourPeriod,
    Sector,
)
from federation.workers.search import search_workers
from federation.workers.views import WorkerListView
from news.models import Article
from tests.factories import (
    image_upload,
    make_article,
    make_period,
    make_sector,
    make_worker,
)
from tests.pages import assert_canonical_follows_the_parsed_page

pytestmark = pytest.mark.django_db

GALLERY = "/dien-hinh-tien-tien/"


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def jsonld_blocks(html):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in found]


# The consent rule ---------------------------------------------------------------------------------


def test_profile_without_consent_date_cannot_be_published():
    worker = make_worker(is_published=False, consent_on=None)
    worker.is_published = True
    with pytest.raises(ValidationError) as excinfo:
        worker.full_clean()
    assert excinfo.value.message_dict["is_published"] == [CONSENT_REQUIRED_MESSAGE]
    assert "Nghị định 13/2023/NĐ-CP" in CONSENT_REQUIRED_MESSAGE


def test_profile_without_consent_may_be_kept_as_a_draft():
    worker = make_worker(is_published=False, consent_on=None)
    worker.full_clean()
    assert ExemplaryWorker.objects.published().count() == 0


def test_database_refuses_a_published_profile_without_consent():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_worker(is_published=True, consent_on=None)


def test_database_refuses_removing_consent_from_a_published_profile():
    worker = make_worker()
    with pytest.raises(IntegrityError), transaction.atomic():
        ExemplaryWorker.objects.filter(pk=worker.pk).update(consent_on=None)
    worker.refresh_from_db()
    assert worker.consent_on is not None


def test_consent_date_cannot_be_in_the_future():
    worker = make_worker(is_published=False, consent_on=None)
    worker.consent_on = timezone.localdate() + timezone.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        worker.full_clean()
    assert "tương lai" in excinfo.value.message_dict["consent_on"][0]


def test_published_queryset_holds_only_published_profiles_with_consent():
    shown = make_worker()
    make_worker(is_published=False)
    make_worker(is_published=False, consent_on=None)
    assert list(ExemplaryWorker.objects.published()) == [shown]


# Periods, sectors, honours -----------------------------------------------------------------------


def test_period_years_must_be_in_order():
    period = HonourPeriod(name="Giai đoạn lỗi", start_year=2020, end_year=2015)
    with pytest.raises(ValidationError) as excinfo:
        period.full_clean()
    assert "Năm kết thúc không được trước năm bắt đầu." in excinfo.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        period.save()


def test_period_slug_reads_right_for_vietnamese():
    period = HonourPeriod.objects.create(name="Giai đoạn 2015–2020", start_year=2015, end_year=2020)
    assert period.slug == "giai-doan-2015-2020"


def test_sectors_exist_on_every_install():
    names = set(Sector.objects.values_list("name", flat=True))
    assert {"Công nghiệp", "Nông nghiệp", "Giáo dục", "Y tế", "Xây dựng"} <= names


def test_honour_year_must_fall_within_its_period():
    period = make_period(start_year=2015, end_year=2020)
    honour = Honour(worker=make_worker(), period=period, title="Chiến sĩ thi đua cơ sở", year=2023)
    with pytest.raises(ValidationError) as excinfo:
        honour.full_clean()
    assert "Năm 2023 không thuộc Giai đoạn 2015–2020" in excinfo.value.message_dict["year"][0]


def test_two_people_with_the_same_name_get_distinct_slugs():
    first = make_worker(full_name="Nguyễn Thị Hoa")
    second = make_worker(full_name="Nguyễn Thị Hoa")
    assert first.slug == "nguyen-thi-hoa"
    assert second.slug == "nguyen-thi-hoa-2"


def test_achievements_are_sanitized_on_save():
    worker = make_worker(achievements='<p onclick="x()">Giỏi</p><script>alert(1)</script>')
    worker.refresh_from_db()
    assert worker.achievements == "<p>Giỏi</p>"


def test_portrait_alt_text_defaults_to_the_name():
    worker = make_worker(full_name="Lê Thị Mai")
    assert worker.alt_text == "Lê Thị Mai"
    worker.portrait_alt = "Chị Lê Thị Mai mặc áo blouse trắng"
    assert worker.alt_text == "Chị Lê Thị Mai mặc áo blouse trắng"


def test_search_text_follows_the_honours():
    worker = make_worker()
    Honour.objects.create(worker=worker, period=make_period(), title="Lao động sáng tạo", year=2016)
    worker.refresh_from_db()
    assert "lao dong sang tao" in worker.search_text


# The gallery --------------------------------------------------------------------------------------


def test_gallery_shows_published_profiles_only(client):
    make_worker(full_name="Nguyễn Thị Hoa", workplace="Công ty Chè Cao nguyên")
    make_worker(full_name="Người Chưa Đồng Ý", is_published=False, consent_on=None)
    make_worker(full_name="Hồ Sơ Nháp", is_published=False)
    response = client.get(GALLERY)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Thị Hoa" in html and "Công ty Chè Cao nguyên" in html
    assert "Người Chưa Đồng Ý" not in html and "Hồ Sơ Nháp" not in html
    assert "/static/css/workers.css" in html


def test_gallery_filters_by_period_sector_and_grassroots_union(client):
    early, late = make_period(start_year=2015), make_period(start_year=2020)
    health = make_sector(name="Y tế thử")
    union = "Công đoàn Bệnh viện Đa khoa tỉnh"
    make_worker(full_name="An Giai Đoạn Đầu", honours=[(early, "Chiến sĩ thi đua cơ sở", 2017)])
    make_worker(
        full_name="Bình Giai Đoạn Sau",
        sector=health,
        grassroots_union=union,
        honours=[(late, "Lao động sáng tạo", 2022), (late, "Bằng khen", 2023)],
    )
    by_period = client.get(GALLERY, {"giai_doan": early.slug}).content.decode()
    assert "An Giai Đoạn Đầu" in by_period and "Bình Giai Đoạn Sau" not in by_period
    by_period = client.get(GALLERY, {"giai_doan": late.slug}).content.decode()
    assert by_period.count("Bình Giai Đoạn Sau") == 1 and "An Giai Đoạn Đầu" not in by_period
    by_sector = client.get(GALLERY, {"nganh": health.slug}).content.decode()
    assert "Bình Giai Đoạn Sau" in by_sector and "An Giai Đoạn Đầu" not in by_sector
    by_union = client.get(GALLERY, {"cong_doan": union}).content.decode()
    assert "Bình Giai Đoạn Sau" in by_union and "An Giai Đoạn Đầu" not in by_union
    assert "Bỏ lọc" in by_union


@pytest.mark.parametrize(
    "params, message",
    [
        ({"giai_doan": "khong-co"}, "Giai đoạn «khong-co» không có trong danh sách"),
        ({"nganh": "<script>"}, "Ngành, lĩnh vực «&lt;script&gt;» không có"),
        ({"cong_doan": "Công đoàn ma"}, "Công đoàn cơ sở «Công đoàn ma» không có"),
        ({"giai_doan": "x" * 500, "nganh": "%00"}, "Giai đoạn «"),
    ],
)
def test_gallery_explains_an_unknown_filter_and_shows_everyone(client, params, message):
    make_worker(full_name="Nguyễn Văn Hiển")
    response = client.get(GALLERY, params)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Nguyễn Văn Hiển" in html


def test_gallery_filter_keeps_the_filter_on_the_next_page(client):
    sector = make_sector()
    for n in range(30):
        make_worker(full_name=f"Người Lao Động {n:02d}", sector=sector)
    html = client.get(GALLERY, {"nganh": sector.slug}).content.decode()
    assert f"?nganh={sector.slug}&amp;page=2" in html
    assert client.get(GALLERY, {"nganh": sector.slug, "page": 2}).status_code == 200


def test_gallery_ignores_null_characters_in_filters(client):
    make_worker(full_name="Nguyễn Văn Hiển")
    params = {"giai_doan": "\x00", "nganh": "a\x00", "cong_doan": "\x00"}
    response = client.get(GALLERY, params)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Văn Hiển" in html
    assert "\x00" not in html


@pytest.mark.parametrize("page", ["abc", "0", "99", "-1", "1.5", "\x00"])
def test_gallery_bad_page_number_is_404(client, page):
    make_worker()
    assert client.get(GALLERY, {"page": page}).status_code == 404


def test_gallery_filters_use_dashed_names_and_old_bookmarks_still_work(client):
    period = make_period(name="Giai đoạn 2020–2025", start_year=2020)
    hoa = make_worker(
        full_name="Nguyễn Thị Hoa",
        grassroots_union="Công đoàn Bệnh viện Đa khoa Lâm Đồng",
        honours=[(period, "Chiến sĩ thi đua cơ sở", 2021)],
    )
    make_worker(full_name="Trần Văn Bình", grassroots_union="Công đoàn Công ty Chè Cầu Đất")
    union = hoa.grassroots_union
    for params in [
        {"cong-doan": union, "giai-doan": period.slug},
        {"cong_doan": union, "giai_doan": period.slug},  # a link saved before the rename
    ]:
        html = client.get(GALLERY, params).content.decode()
        assert "Nguyễn Thị Hoa" in html and "Trần Văn Bình" not in html, params
        assert 'name="cong-doan"' in html and 'name="giai-doan"' in html
    detail = client.get(hoa.get_absolute_url()).content.decode()
    assert f"?giai-doan={period.slug}" in detail and "?cong-doan=" in detail
    assert "giai_doan" not in detail and "cong_doan" not in detail


def test_gallery_canonical_address_carries_the_page_number_as_parsed(client, monkeypatch):
    monkeypatch.setattr(WorkerListView, "paginate_by", 2)
    for _ in range(3):
        make_worker()
    assert_canonical_follows_the_parsed_page(client, GALLERY)


def test_gallery_with_no_profiles_says_so(client):
    html = client.get(GALLERY).content.decode()
    assert "Chưa có hồ sơ nào được công khai." in html


def test_gallery_query_count_does_not_grow_with_profiles(client, django_assert_max_num_queries):
    SiteProfile.load()
    period = make_period()
    sector = make_sector()
    make_worker(sector=sector, honours=[(period, "Chiến sĩ thi đua cơ sở", period.start_year)])
    client.get(GALLERY)  # warm what every page keeps in the cache (the menu's categories)
    with django_assert_max_num_queries(8):
        one = count_queries(client, GALLERY)
    for n in range(49):
        make_worker(
            sector=make_sector() if n % 2 else sector,
            grassroots_union=f"Công đoàn cơ sở {n}",
            honours=[(period, "Chiến sĩ thi đua cơ sở", period.start_year)],
        )
    with django_assert_max_num_queries(8):
        fifty = count_queries(client, GALLERY)
    assert fifty == one
    assert count_queries(client, f"{GALLERY}?giai_doan={period.slug}&nganh={sector.slug}") <= 10


# The profile page ---------------------------------------------------------------------------------


def make_full_profile():
    early = make_period(start_year=2015, end_year=2020, name="Giai đoạn 2015–2020")
    late = make_period(start_year=2020, end_year=2025, name="Giai đoạn 2020–2025")
    return make_worker(
        full_name="Nguyễn Thị Hoa",
        position="Công nhân chế biến chè",
        workplace="Công ty Cổ phần Chè Cao nguyên Bảo Lộc",
        quote="Mỗi mẻ chè ngon là công sức của cả tổ.",
        achievements="<p>Đề xuất cách sấy chè tiết kiệm điện.</p>",
        consent_note="Giấy đồng ý lưu tại Ban Tuyên giáo, hộp số 7",
        portrait=image_upload("chan-dung.jpg", width=800, height=1000),
        honours=[
            (early, "Chiến sĩ thi đua cơ sở", 2017),
            (late, "Bằng khen của Tổng Liên đoàn Lao động Việt Nam", 2022),
        ],
    )


def test_profile_shows_portrait_workplace_honours_by_period_and_quote(client):
    worker = make_full_profile()
    Honour.objects.filter(worker=worker, year=2022).update(decision_number="1520/QĐ-TLĐ")
    response = client.get(f"/dien-hinh-tien-tien/{worker.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert worker.get_absolute_url() == "/dien-hinh-tien-tien/nguyen-thi-hoa/"
    assert '<h1 class="worker__name">Nguyễn Thị Hoa</h1>' in html
    assert "Công ty Cổ phần Chè Cao nguyên Bảo Lộc" in html
    assert "Mỗi mẻ chè ngon là công sức của cả tổ." in html
    assert "Đề xuất cách sấy chè tiết kiệm điện." in html
    # Newest period first, each with its honours.
    honours = html[html.index('id="danh-hieu"') :]
    assert honours.index("Giai đoạn 2020–2025") < honours.index("Giai đoạn 2015–2020")
    assert honours.index("Bằng khen của Tổng Liên đoàn") < honours.index("Chiến sĩ thi đua cơ sở")
    assert "quyết định số 1520/QĐ-TLĐ" in html
    # The portrait, with its renditions and the name as alt text.
    assert '<source type="image/webp"' in html
    assert 'alt="Nguyễn Thị Hoa"' in html
    assert 'data-copy-link="http://testserver/dien-hinh-tien-tien/nguyen-thi-hoa/"' in html


def test_profile_tells_social_networks_and_search_engines_who_this_is(client):
    worker = make_full_profile()
    html = client.get(worker.get_absolute_url()).content.decode()
    image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert image.startswith("http://testserver/media/") and image.endswith(".jpg")
    assert '<meta property="og:type" content="profile">' in html
    assert (
        '<link rel="canonical" href="http://testserver/dien-hinh-tien-tien/nguyen-thi-hoa/">'
        in html
    )
    person = next(b for b in jsonld_blocks(html) if b.get("@type") == "Person")
    assert person["name"] == "Nguyễn Thị Hoa"
    assert person["url"] == "http://testserver/dien-hinh-tien-tien/nguyen-thi-hoa/"
    assert person["image"] == image
    assert person["jobTitle"] == "Công nhân chế biến chè"
    assert person["worksFor"]["name"] == "Công ty Cổ phần Chè Cao nguyên Bảo Lộc"
    assert "Chiến sĩ thi đua cơ sở (2017)" in person["award"]


def test_portrait_renditions_are_written_when_the_profile_is_saved():
    worker = make_full_profile()
    storage = worker.portrait.storage
    social = worker.social_url.removeprefix(storage.base_url)
    assert storage.exists(social)


def test_profile_never_shows_private_data(client):
    worker = make_full_profile()
    html = client.get(worker.get_absolute_url()).content.decode()
    profile = html[html.index('<article class="worker">') : html.index("</article>")]
    assert "tel:" not in profile and "mailto:" not in profile
    assert "Giấy đồng ý lưu tại Ban Tuyên giáo" not in html
    field_names = {field.name for field in ExemplaryWorker._meta.get_fields()}
    assert not field_names & {"phone", "email", "address", "home_address"}


@pytest.mark.parametrize(
    "kw", [{"is_published": False}, {"is_published": False, "consent_on": None}]
)
def test_unpublished_profile_is_404(client, kw):
    worker = make_worker(**kw)
    assert client.get(worker.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("path", ["khong-co-ai/", "Nguyễn-Thị/", "..%2F/", "a b/"])
def test_unknown_or_malformed_profile_slug_is_404(client, path):
    assert client.get(f"/dien-hinh-tien-tien/{path}").status_code == 404


def test_profile_links_only_published_related_news(client):
    worker = make_worker()
    shown = make_article(title="Tôn vinh điển hình tiên tiến ngành chè")
    hidden = make_article(title="Bài còn nháp về điển hình", status=Article.Status.DRAFT)
    worker.related_articles.add(shown, hidden)
    html = client.get(worker.get_absolute_url()).content.decode()
    assert "Tin bài liên quan" in html
    assert "Tôn vinh điển hình tiên tiến ngành chè" in html
    assert "Bài còn nháp về điển hình" not in html


def test_profile_query_count_does_not_grow_with_honours_and_news(client):
    SiteProfile.load()
    period = make_period()
    worker = make_worker(honours=[(period, "Chiến sĩ thi đua cơ sở", period.start_year)])
    worker.related_articles.add(make_article())
    one = count_queries(client, worker.get_absolute_url())
    for n in range(10):
        Honour.objects.create(worker=worker, period=make_period(), title=f"Khen {n}", year=2020)
        worker.related_articles.add(make_article())
    assert count_queries(client, worker.get_absolute_url()) == one <= 8


# Search, sitemap, home page -----------------------------------------------------------------------


def test_search_without_diacritics_finds_a_profile_and_says_what_it_is(client):
    make_worker(full_name="Nguyễn Thị Hoa", workplace="Công ty Chè Cao nguyên")
    make_worker(full_name="Nguyễn Thị Ẩn", is_published=False)
    html = client.get("/tim-kiem/", {"q": "nguyen thi"}).content.decode()
    assert "<mark>Nguyễn</mark> <mark>Thị</mark> Hoa" in html
    assert "Ẩn" not in html
    assert '<span class="badge">Điển hình tiên tiến</span>' in html
    assert 'href="/dien-hinh-tien-tien/nguyen-thi-hoa/"' in html


def test_search_ranks_name_matches_before_other_matches(client):
    make_worker(full_name="Trần Văn Bình", quote="Học tập chị Hoa hằng ngày.")
    make_worker(full_name="Lê Thị Hoa")
    html = client.get("/tim-kiem/", {"q": "hoa"}).content.decode()
    assert html.index("Lê Thị <mark>Hoa</mark>") < html.index("Trần Văn Bình")


def test_sitemap_lists_published_profiles(client):
    shown = make_worker(full_name="Nguyễn Thị Hoa")
    hidden = make_worker(full_name="Hồ Sơ Nháp", is_published=False)
    xml = client.get("/sitemap-dien-hinh-tien-tien.xml").content.decode()
    assert f"http://testserver{shown.get_absolute_url()}" in xml
    assert hidden.get_absolute_url() not in xml


def test_home_page_spotlights_featured_profiles(client):
    make_worker(full_name="Nguyễn Thị Nổi Bật", featured=True)
    make_worker(full_name="Trần Văn Thường")
    make_worker(full_name="Lê Nổi Bật Nháp", featured=True, is_published=False)
    html = client.get("/").content.decode()
    block = html[html.index('class="home-block worker-spotlight"') :]
    assert "Nguyễn Thị Nổi Bật" in block
    assert "Trần Văn Thường" not in html and "Lê Nổi Bật Nháp" not in html
    assert "/static/css/workers.css" in html


def test_home_page_without_featured_profiles_has_no_empty_block(client):
    make_worker(featured=False)
    html = client.get("/").content.decode()
    assert "worker-spotlight" not in html
    assert "/static/css/workers.css" not in html


def test_home_spotlight_query_count_does_not_grow(client, django_assert_max_num_queries):
    SiteProfile.load()
    period = make_period()
    make_worker(featured=True, honours=[(period, "Chiến sĩ thi đua cơ sở", period.start_year)])
    one = count_queries(client, "/")
    for _ in range(49):
        make_worker(featured=True, honours=[(period, "Lao động sáng tạo", period.start_year)])
    with django_assert_max_num_queries(one):
        html = client.get("/").content.decode()
    assert html.count('class="worker-card"') == 1  # one profile, in the side column


# Search at scale ---------------------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="chỉ PostgreSQL có chỉ mục trigram")
def test_postgresql_worker_search_uses_the_trigram_index():
    sector = make_worker().sector
    ExemplaryWorker.objects.bulk_create(
        ExemplaryWorker(
            full_name=f"Người lao động số {n}",
            slug=f"nguoi-lao-dong-so-{n}",
            workplace="Công ty",
            sector=sector,
            is_published=True,
            consent_on=timezone.localdate(),
            search_title=f" nguoi lao dong so {n} ",
            search_text=f" nguoi lao dong so {n} cong ty ",
        )
        for n in range(2000)
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # As in the news search test: merge the GIN pending list, or the planner prices it high.
        cursor.execute(
            "SELECT gin_clean_pending_list('federation_worker_search_text_trgm'::regclass)"
        )
        cursor.execute("ANALYZE federation_exemplaryworker")
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = search_workers(["thanh"]).explain()
    assert "federation_worker_search_text_trgm" in plan, plan
