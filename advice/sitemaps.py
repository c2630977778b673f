"""Sitemap of the published legal-advice answers."""

from django.contrib.sitemaps import Sitemap

from advice.models import Question


class QuestionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        return Question.objects.published().only("slug", "updated_at").order_by("-published_at")

    def lastmod(self, item):
        return item.updated_at
