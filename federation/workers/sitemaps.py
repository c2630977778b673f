"""Sitemap of the published worker profiles."""

from django.contrib.sitemaps import Sitemap

from federation.workers.models import ExemplaryWorker


class WorkerSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return ExemplaryWorker.objects.published().only("slug", "updated_at").order_by("id")

    def lastmod(self, item):
        return item.updated_at
