"""Sitemap of the public agreements (officers-only ones never appear)."""

from django.contrib.sitemaps import Sitemap

from agreements.models import Agreement


class AgreementSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self):
        return Agreement.objects.public().only("slug", "updated_at").order_by("-signed_on", "-id")

    def lastmod(self, item):
        return item.updated_at
