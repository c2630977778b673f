"""RSS 2.0 feeds: the latest news and each category, with full dates and the cover photo."""

import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Rss201rev2Feed

from core.renditions import SOCIAL, rendition_file
from federation.models import SiteProfile
from news.models import Article, Category

FEED_SIZE = 30
# XML 1.0 cannot carry these, and text pasted from Word brings some (a vertical tab for each manual
# line break): left in, they make the whole feed fail.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(value):
    return " ".join(_CONTROL.sub(" ", value or "").split())


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    link = reverse_lazy("news:list")
    query_params = ()  # core.pagecache drops any

    def title(self):
        return f"Tin tức – {SiteProfile.load().name}"

    def description(self):
        return SiteProfile.load().description or self.title()

    def feed_copyright(self):
        return f"© {SiteProfile.load().name}"

    def get_queryset(self, obj):
        return Article.objects.published().for_cards().prefetch_related(Article.byline_prefetch())

    def items(self, obj=None):
        return self.get_queryset(obj)[:FEED_SIZE]

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        return xml_text(item.lead)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return xml_text(item.byline_display) or None

    def item_categories(self, item):
        return [xml_text(name) for name in [item.category.name, *(t.name for t in item.tags.all())]]

    def item_guid_is_permalink(self, item):
        return True

    def _enclosure(self, item):
        cover = item.cover
        return rendition_file(cover.image, SOCIAL) if cover else None

    def item_enclosure_url(self, item):
        enclosure = self._enclosure(item)
        return self.request.build_absolute_uri(enclosure.url) if enclosure else None

    def item_enclosure_length(self, item):
        enclosure = self._enclosure(item)
        try:
            return enclosure.storage.size(enclosure.name) if enclosure else None
        except OSError:
            return 0

    def item_enclosure_mime_type(self, item):
        return "image/jpeg"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return xml_text(f"{obj.name} – {SiteProfile.load().name}")

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return xml_text(obj.description) or self.title(obj)

    def get_queryset(self, obj):
        return super().get_queryset(obj).filter(category=obj)
