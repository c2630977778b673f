"""Partners' private feeds: RSS 2.0 with the full body, photos with captions and credits, and a
JSON Feed 1.1 of the same items. An unknown or revoked token gets a bare 404."""

import json
import re

from django.http import HttpResponse, HttpResponseNotFound
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.timezone import localtime

from agreements.partner_feeds import PartnerFeed
from core.seo import iso
from federation.models import SiteProfile
from news.feeds import FEED_SIZE, LatestArticlesFeed, xml_text

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# XML 1.0 cannot carry these (see news.feeds); the body keeps its line breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Links and images inside the body point at our own site: a partner's page needs them absolute.
_ROOT_RELATIVE = re.compile(r'((?:src|href)=")/(?!/)')


def find_feed(token):
    return PartnerFeed.objects.active().select_related("partner").filter(token=token).first()


def not_found():
    """Nothing but the status: no page around it that says whose feed this was, or that any was."""
    return HttpResponseNotFound(b"", content_type="text/plain; charset=utf-8")


def private(response):
    # Never kept by a shared cache: a revoked address must stop at once. Never indexed.
    patch_cache_control(response, private=True, no_cache=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def credit_line(profile):
    return f"Nguồn: {profile.name}"


def content_html(request, article, profile):
    """The full sanitized body (sanitized when saved: core.richtext), its links absolute, the
    lead above it and the credit line with the link to our article, the original, below it."""
    base = request.build_absolute_uri("/")
    body = _ROOT_RELATIVE.sub(lambda m: m[1] + base, _CONTROL.sub(" ", article.body or ""))
    url = request.build_absolute_uri(article.get_absolute_url())
    byline = f"<p><strong>{escape(article.byline)}</strong></p>" if article.byline else ""
    return (
        f"<p><strong>{escape(xml_text(article.lead))}</strong></p>\n{body}\n{byline}\n"
        f'<p><em>{escape(credit_line(profile))}</em> – <a href="{escape(url)}">'
        f"{escape(xml_text(article.title))}</a></p>"
    )


def photos(request, article):
    """Every photo with an image: absolute URL, size, caption and credit."""
    found = []
    for photo in article.photos.all():
        if not photo.image:
            continue
        found.append(
            {
                "url": request.build_absolute_uri(photo.image.url),
                "width": photo.width,
                "height": photo.height,
                "caption": xml_text(photo.caption or photo.alt_text),
                "credit": xml_text(photo.credit),
            }
        )
    return found


def mime_type(url):
    lower = url.lower()
    if lower.endswith(".png"):
        return "image/png"
    if lower.endswith(".webp"):
        return "image/webp"
    return "image/jpeg"


class PartnerRss(Rss201rev2Feed):
    """RSS 2.0 with content:encoded, Media RSS photos and the Dublin Core date (the byline is
    Django's dc:creator)."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:media": "http://search.yahoo.com/mrss/",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_encoded"])
        # pubDate is RFC 822 ("+0700"); this is the same moment as ISO 8601 with "+07:00".
        handler.addQuickElement("dc:date", item["date_iso"])
        for photo in item["photos"]:
            attrs = {"url": photo["url"], "medium": "image", "type": mime_type(photo["url"])}
            if photo["width"] and photo["height"]:
                attrs.update(width=str(photo["width"]), height=str(photo["height"]))
            handler.startElement("media:content", attrs)
            handler.addQuickElement("media:description", photo["caption"], {"type": "plain"})
            if photo["credit"]:
                handler.addQuickElement("media:credit", photo["credit"], {"role": "photographer"})
            handler.endElement("media:content")


class PartnerRssFeed(LatestArticlesFeed):
    """/nguon-tin/<token>.xml"""

    feed_type = PartnerRss

    def __call__(self, request, token):
        feed = find_feed(token)
        if feed is None:
            return not_found()
        feed.record_read()
        self.partner_feed = feed
        self.profile = SiteProfile.load()
        return private(super().__call__(request))

    def title(self):
        return f"Tin tức – {self.profile.name} (cho {self.partner_feed.partner.name})"

    def description(self):
        return f"Tin bài {self.profile.name} gửi {self.partner_feed.partner.name}. " + credit_line(
            self.profile
        )

    def get_queryset(self, obj):
        return self.partner_feed.articles().for_cards()

    def item_pubdate(self, item):
        return localtime(item.published_at)

    def item_extra_kwargs(self, item):
        return {
            "content_encoded": content_html(self.request, item, self.profile),
            "photos": photos(self.request, item),
            "date_iso": iso(item.published_at),
        }


def json_feed(request, token):
    """/nguon-tin/<token>.json: JSON Feed 1.1 (jsonfeed.org) of the same items as the RSS."""
    feed = find_feed(token)
    if feed is None:
        return not_found()
    feed.record_read()
    profile = SiteProfile.load()
    items = []
    for article in feed.articles().for_cards()[:FEED_SIZE]:
        url = request.build_absolute_uri(article.get_absolute_url())
        pictures = photos(request, article)
        item = {
            "id": url,
            "url": url,
            "title": xml_text(article.title),
            "content_html": content_html(request, article, profile),
            "summary": xml_text(article.lead),
            "date_published": iso(article.published_at),
            "date_modified": iso(article.updated_at),
            "tags": [article.category.name, *(tag.name for tag in article.tags.all())],
            "attachments": [
                {
                    "url": picture["url"],
                    "mime_type": mime_type(picture["url"]),
                    "title": " – ".join(filter(None, [picture["caption"], picture["credit"]])),
                }
                for picture in pictures
            ],
        }
        if article.byline:
            item["authors"] = [{"name": xml_text(article.byline)}]
        if pictures:
            item["image"] = pictures[0]["url"]
        items.append(item)
    data = {
        "version": JSON_FEED_VERSION,
        "title": f"Tin tức – {profile.name} (cho {feed.partner.name})",
        "home_page_url": request.build_absolute_uri("/"),
        "feed_url": request.build_absolute_uri(feed.json_path()),
        "description": credit_line(profile),
        "language": "vi",
        "items": items,
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/feed+json; charset=utf-8"
    )
    return private(response)


def rss_feed(request, token):
    """A feed object per request: it holds the request's partner feed while it renders."""
    return PartnerRssFeed()(request, token)


# core.pagecache: these read no query parameters (and are registered never to be cached).
rss_feed.query_params = json_feed.query_params = frozenset()
