"""RSS 2.0 feed of the documents newly added to the library (public ones only)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Rss201rev2Feed

from documents.models import Document
from federation.models import SiteProfile
from news.feeds import xml_text

FEED_SIZE = 30


class LatestDocumentsFeed(Feed):
    feed_type = Rss201rev2Feed
    link = reverse_lazy("documents:list")

    def title(self):
        return xml_text(f"Văn bản mới – {SiteProfile.load().name}")

    def description(self):
        return "Văn bản mới đưa lên thư viện: kế hoạch, hướng dẫn, quyết định, biểu mẫu…"

    def items(self):
        return (
            Document.objects.public()
            .select_related("kind", "issuer")
            .order_by("-created_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, item):
        return xml_text(f"{item.heading}: {item.summary}")

    def item_description(self, item):
        issued = f"{item.issued_on:%d/%m/%Y}"
        return xml_text(f"{item.issuer.name} ban hành ngày {issued}. Trích yếu: {item.summary}")

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [xml_text(item.kind.name)]

    def item_guid_is_permalink(self, item):
        return True
