"""The demo's syndication: both partners of the 2021–2023 programme have a working feed, and one
of Báo Lâm Đồng's reports is reposted with its source and kept out of the feeds."""

import pytest

from agreements.models import PartnerFeed
from demo import agreements as demo_agreements
from demo import partner_feeds as demo
from news.models import Article
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def test_demo_gives_both_partners_a_feed_and_reposts_one_report_once(client):
    make_category(name="Hoạt động công đoàn")
    own = make_article(title="Tin của Liên đoàn")
    demo_agreements.load_agreements()

    assert demo.load_partner_feeds() == "2 nguồn tin, 1 bài đăng lại"
    demo.load_partner_feeds()

    feeds = PartnerFeed.objects.active().select_related("partner")
    assert {f.partner.slug for f in feeds} == {demo_agreements.RADIO, demo_agreements.PAPER}
    repost = Article.objects.get(slug=demo.REPOST_SLUG)
    assert repost.source_partner.slug == demo_agreements.PAPER
    assert repost.source_url == demo.REPOST_URL
    for feed in feeds:
        body = client.get(feed.rss_path()).content.decode()
        assert own.title in body
        assert repost.title not in body
    page = client.get(repost.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="{demo.REPOST_URL}">' in page
