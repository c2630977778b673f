"""Sitemap of the public documents (officers-only ones never appear)."""

from django.contrib.sitemaps import Sitemap

from documents.models import Document


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self):
        return Document.objects.public().only("slug", "updated_at").order_by("-issued_on", "-id")

    def lastmod(self, item):
        return item.updated_at
