"""Partners' private feeds: what they carry (RSS 2.0 and JSON Feed 1.1), what they never carry,
and addresses that are revoked or replaced."""

import io
import json
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from agreements.models import Agreement, PartnerFeed
from federation.models import SiteProfile
from news.models import TopicArticle
from tests.factories import (
    make_agreement,
    make_article,
    make_category,
    make_partner,
    make_photo,
    make_topic,
    make_user,
)

pytestmark = pytest.mark.django_db

NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "media": "http://search.yahoo.com/mrss/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
TZ = timezone.get_default_timezone()


def rss_items(client, feed):
    response = client.get(feed.rss_path())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.get("version") == "2.0"
    return {item.findtext("title"): item for item in root.find("channel").findall("item")}


def json_items(client, feed):
    response = client.get(feed.json_path())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/feed+json")
    return json.loads(response.content)


@pytest.fixture
def partner():
    return make_partner(name="Báo Lâm Đồng")


@pytest.fixture
def feed(partner):
    return PartnerFeed.objects.create(partner=partner)


def test_rss_item_carries_body_photos_credits_byline_category_tags_and_local_time(client, feed):
    profile = SiteProfile.load()
    moment = datetime(2026, 3, 5, 8, 30, tzinfo=TZ)
    article = make_article(
        title="Hội nghị người lao động",
        lead="Sapo của bài.",
        body='<p>Đoạn một.</p><p><a href="/tin-tuc/">Xem thêm</a></p>',
        byline="D.QUỲNH",
        published_at=moment,
        category=make_category(name="Hoạt động công đoàn"),
        tags=["Công đoàn", "Người lao động"],
    )
    make_photo(article=article, caption="Quang cảnh hội nghị", credit="Minh Trí", order=0)
    make_photo(article=article, caption="Trao quà cho đoàn viên", credit="Thu Hà", order=1)

    item = rss_items(client, feed)["Hội nghị người lao động"]

    url = f"http://testserver{article.get_absolute_url()}"
    assert item.findtext("link") == url
    assert item.findtext("guid") == url
    encoded = item.findtext("content:encoded", namespaces=NS)
    assert "<p>Đoạn một.</p>" in encoded
    assert 'href="http://testserver/tin-tuc/"' in encoded  # absolute, for the partner's page
    assert f"Nguồn: {profile.name}" in encoded
    assert f'href="{url}"' in encoded  # the link to our article, the original
    assert "D.QUỲNH" in encoded
    assert item.findtext("dc:creator", namespaces=NS) == "D.QUỲNH"
    assert item.findtext("pubDate") == "Thu, 05 Mar 2026 08:30:00 +0700"
    assert item.findtext("dc:date", namespaces=NS) == "2026-03-05T08:30:00+07:00"
    assert [c.text for c in item.findall("category")] == [
        "Hoạt động công đoàn",
        "Công đoàn",
        "Người lao động",
    ]
    media = item.findall("media:content", NS)
    assert len(media) == 2
    assert [m.findtext("media:description", namespaces=NS) for m in media] == [
        "Quang cảnh hội nghị",
        "Trao quà cho đoàn viên",
    ]
    assert [m.findtext("media:credit", namespaces=NS) for m in media] == ["Minh Trí", "Thu Hà"]
    assert all(m.get("url").startswith("http://testserver/media/") for m in media)
    assert media[0].get("medium") == "image"
    assert media[0].get("width") == "1200"


def test_json_feed_is_version_1_1_with_the_same_items(client, feed):
    moment = datetime(2026, 3, 5, 8, 30, tzinfo=TZ)
    article = make_article(title="Tin thứ nhất", published_at=moment, byline="THU HÀ")
    make_photo(article=article, caption="Ảnh hội nghị", credit="Minh Trí")
    make_article(title="Tin thứ hai")

    data = json_items(client, feed)

    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == f"http://testserver{feed.json_path()}"
    assert {item["title"] for item in data["items"]} == set(rss_items(client, feed))
    first = next(item for item in data["items"] if item["title"] == "Tin thứ nhất")
    url = f"http://testserver{article.get_absolute_url()}"
    assert (first["id"], first["url"]) == (url, url)
    assert first["date_published"] == "2026-03-05T08:30:00+07:00"
    assert "Nguồn: " in first["content_html"]
    assert first["authors"] == [{"name": "THU HÀ"}]
    assert first["attachments"][0]["title"] == "Ảnh hội nghị – Minh Trí"
    for item in data["items"]:
        assert {"id", "url", "content_html", "date_published"} <= set(item)


def test_feed_never_carries_drafts_scheduled_trashed_hidden_or_reposts(client, feed):
    now = timezone.now()
    make_article(title="Đã đăng")
    make_article(title="Bản nháp", status="draft", published_at=None)
    make_article(title="Chờ duyệt", status="submitted", published_at=None)
    make_article(title="Hẹn giờ", published_at=now + timezone.timedelta(hours=3))
    make_article(title="Đã gỡ", status="hidden")
    make_article(title="Tự gỡ", unpublish_at=now - timezone.timedelta(minutes=1),
                 published_at=now - timezone.timedelta(days=1))  # fmt: skip
    make_article(title="Trong thùng rác").trash()
    other = make_partner(name="Đài PTTH tỉnh Lâm Đồng")
    make_article(title="Bài đăng lại của Đài", source_partner=other, source_url="https://x.vn/a")
    make_article(title="Bài đăng lại của chính Báo", source_partner=feed.partner)

    assert list(rss_items(client, feed)) == ["Đã đăng"]
    assert [item["title"] for item in json_items(client, feed)["items"]] == ["Đã đăng"]


def test_feed_never_carries_officers_only_programmes(client, feed):
    """News has no officers-only articles; officers-only is a programme's visibility, and a feed
    carries articles only: an officers-only programme's text never reaches a partner."""
    article = make_article(title="Tin về chương trình")
    secret = make_agreement(
        title="Chương trình nội bộ", visibility=Agreement.Visibility.OFFICERS,
        summary="<p>Kinh phí nội bộ 120 triệu.</p>",
    )  # fmt: skip
    secret.related_articles.add(article)

    response = client.get(feed.rss_path())
    body = response.content.decode()
    assert "Tin về chương trình" in body
    assert "Chương trình nội bộ" not in body
    assert "120 triệu" not in body
    assert "120 triệu" not in client.get(feed.json_path()).content.decode()


def test_feed_carries_only_the_chosen_categories(client, partner):
    chosen, other = make_category(name="Chính sách"), make_category(name="Thể thao")
    feed = PartnerFeed.objects.create(partner=partner, carries=PartnerFeed.Carries.CATEGORIES)
    feed.categories.add(chosen)
    make_article(title="Tin chính sách", category=chosen)
    make_article(title="Tin thể thao", category=other)

    assert list(rss_items(client, feed)) == ["Tin chính sách"]
    assert list(feed.articles().values_list("title", flat=True)) == ["Tin chính sách"]


def test_feed_carries_only_the_chosen_topics_each_article_once(client, partner):
    month = make_topic(title="Tháng Công nhân 2026")
    programme = make_topic(title="Chương trình phối hợp 2021–2023")
    other = make_topic(title="Chuyên đề khác")
    both = make_article(title="Trong cả hai chuyên đề")
    only_month = make_article(title="Chỉ Tháng Công nhân")
    outside = make_article(title="Ở chuyên đề khác")
    make_article(title="Không thuộc chuyên đề nào")
    for topic, articles in [(month, [both, only_month]), (programme, [both]), (other, [outside])]:
        for order, article in enumerate(articles, start=1):
            TopicArticle.objects.create(topic=topic, article=article, order=order)
    feed = PartnerFeed.objects.create(partner=partner, carries=PartnerFeed.Carries.TOPICS)
    feed.topics.set([month, programme])

    assert sorted(rss_items(client, feed)) == ["Chỉ Tháng Công nhân", "Trong cả hai chuyên đề"]
    items = client.get(feed.json_path()).json()["items"]
    assert sorted(item["title"] for item in items) == [
        "Chỉ Tháng Công nhân",
        "Trong cả hai chuyên đề",
    ]
    # A new address carries the same topics.
    assert set(feed.replace().topics.all()) == {month, programme}


def test_unknown_or_revoked_token_gets_a_bare_404(client, feed):
    make_article(title="Đã đăng")
    old_rss, old_json = feed.rss_path(), feed.json_path()
    new = feed.replace()

    for path in [old_rss, old_json, "/nguon-tin/" + "x" * 43 + ".xml"]:
        response = client.get(path)
        assert response.status_code == 404
        assert response.content == b""
    assert client.get(new.rss_path()).status_code == 200
    assert client.get(new.json_path()).status_code == 200
    feed.refresh_from_db()
    assert not feed.is_active and feed.revoked_at is not None
    assert new.token != feed.token and new.partner == feed.partner


def test_feed_is_never_kept_by_the_page_cache(client, settings, feed):
    settings.PAGECACHE_ENABLED = True
    make_article(title="Đã đăng")
    first = client.get(feed.rss_path())
    assert first.status_code == 200
    assert "X-Page-Cache" not in first
    assert "private" in first["Cache-Control"]
    feed.revoke()
    assert client.get(feed.rss_path()).status_code == 404


def test_reading_records_the_time_at_most_once_a_minute(client, feed):
    assert feed.last_read_at is None
    client.get(feed.rss_path())
    feed.refresh_from_db()
    first = feed.last_read_at
    assert first is not None
    client.get(feed.json_path())
    feed.refresh_from_db()
    assert feed.last_read_at == first  # within the minute: no second write


def test_feed_queries_do_not_grow_with_items(client, feed, django_assert_max_num_queries):
    for _ in range(3):
        make_photo(article=make_article(tags=["Công đoàn"]), credit="Minh Trí")
    client.get(feed.rss_path())  # warm what a real site keeps warm (the site profile)
    with django_assert_max_num_queries(10):
        client.get(feed.rss_path())
    for _ in range(20):
        make_photo(article=make_article(tags=["Công đoàn"]), credit="Minh Trí")
    with django_assert_max_num_queries(10):
        client.get(feed.rss_path())
    with django_assert_max_num_queries(10):
        client.get(feed.json_path())


def test_admin_replaces_a_feed_and_shows_the_full_address(client, settings, feed):
    settings.SITE_URL = "https://ldld.example.vn"
    client.force_login(make_user(is_staff=True, is_superuser=True))
    page = client.get(f"/quan-tri/agreements/partnerfeed/{feed.pk}/change/").content.decode()
    assert f"https://ldld.example.vn/nguon-tin/{feed.token}.xml" in page

    response = client.post(
        "/quan-tri/agreements/partnerfeed/",
        {"action": "replace_selected", ACTION_CHECKBOX_NAME: [feed.pk]},
        follow=True,
    )

    assert response.status_code == 200
    feed.refresh_from_db()
    new = PartnerFeed.objects.active().get(partner=feed.partner)
    assert not feed.is_active
    assert new.rss_url() in response.content.decode()
    assert client.get(feed.rss_path()).status_code == 404


def test_partner_feed_url_prints_the_current_address_and_makes_one_when_missing(settings):
    settings.SITE_URL = "https://ldld.example.vn/"
    partner = make_partner(name="Đài PTTH tỉnh Lâm Đồng", slug="dai-ptth-lam-dong")
    out = io.StringIO()
    call_command("partner_feed_url", "dai-ptth-lam-dong", stdout=out)
    feed = PartnerFeed.objects.get(partner=partner)
    assert out.getvalue().strip() == f"https://ldld.example.vn/nguon-tin/{feed.token}.xml"

    again = io.StringIO()
    call_command("partner_feed_url", "dai-ptth-lam-dong", stdout=again)
    assert again.getvalue() == out.getvalue()
    assert PartnerFeed.objects.count() == 1

    with pytest.raises(CommandError, match="Không có đối tác"):
        call_command("partner_feed_url", "khong-co")
