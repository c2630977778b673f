"""Sitemaps for search engines: articles, categories and the lists."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from news.models import Article, Category, Topic


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
        return ["/", "/tin-tuc/", "/chuyen-de/"]

    def location(self, item):
        return item
