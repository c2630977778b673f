"""Sitemaps for search engines: articles, categories, the lists, and the news sitemap."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from core.seo import iso
from federation.models import SiteProfile
from news.models import Article, Category, Topic

# Google News reads only the articles of the last two days from a news sitemap.
NEWS_WINDOW = timedelta(hours=48)


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "updated_at", "published_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, rather than Django's default of loading every article.
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Category.objects.all()


class TopicSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Topic.objects.only("slug", "updated_at").order_by("-is_active", "order", "id")

    def lastmod(self, item):
        return item.updated_at


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "news:list", "news:topics"]

    def location(self, item):
        return reverse(item)


class NewsSitemap(Sitemap):
    """/sitemap-news.xml, in Google News's format (templates/news/sitemap_news.xml): the
    articles published in the last 48 hours, at most the 1,000 that Google reads."""

    limit = 1000

    def items(self):
        now = timezone.now()
        return (
            Article.objects.published()
            .filter(published_at__gte=now - NEWS_WINDOW)
            .only("slug", "title", "published_at", "updated_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        name = SiteProfile.load().name
        for url in urls:
            url["publication_name"] = name
            url["publication_date"] = iso(url["item"].published_at)
        return urls
