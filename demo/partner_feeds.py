"""Demo syndication for `manage.py load_demo`: a feed for each partner of the 2021–2023 programme
(Đài PTTH tỉnh Lâm Đồng, Báo Lâm Đồng) and one of Báo Lâm Đồng's reports reposted with its source.

Idempotent: it runs after the agreements demo and makes only what is missing.
"""

from datetime import timedelta

from django.utils import timezone

from agreements.models import Partner, PartnerFeed
from demo.agreements import PAPER, RADIO
from news.models import Article, Category

REPOST_SLUG = "bao-lam-dong-cong-nhan-nganh-che-vui-tet-som"
REPOST_URL = "https://baolamdong.example.vn/xa-hoi/cong-nhan-nganh-che-vui-tet-som.html"


def load_partner_feeds():
    partners = list(Partner.objects.filter(slug__in=[RADIO, PAPER]).order_by("name"))
    feeds = [PartnerFeed.current_for(partner) for partner in partners]
    paper = next((p for p in partners if p.slug == PAPER), None)
    category = Category.objects.order_by("order", "name").first()
    if paper is not None and category is not None:
        Article.objects.get_or_create(
            slug=REPOST_SLUG,
            defaults={
                "title": "Công nhân ngành chè vui Tết sớm",
                "lead": "Công đoàn các doanh nghiệp chè ở Bảo Lộc trao quà Tết cho công nhân có "
                "hoàn cảnh khó khăn.",
                "body": "<p>Bài của Báo Lâm Đồng, Liên đoàn Lao động tỉnh đăng lại với sự đồng ý "
                "của Báo theo chương trình phối hợp.</p>",
                "category": category,
                "byline": "HOÀNG YÊN",
                "source_partner": paper,
                "source_url": REPOST_URL,
                "status": Article.Status.PUBLISHED,
                "published_at": timezone.now() - timedelta(days=3),
            },
        )
    return f"{len(feeds)} nguồn tin, 1 bài đăng lại"
