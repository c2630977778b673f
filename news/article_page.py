"""What the article page reads besides its row, in few and light queries (issue 16).

The photos in one query, without the prefetch machinery; the tags, the topics and the byline's
pen names together in one hand-written query, made into the instances the page and its template
use (the same order, the same fields shown), so the HTML is the one the ORM's queries gave.
"""

from functools import cache as once

from django.db import connection
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from core import cachebatch, memo, pagecache
from federation.models import SiteProfile
from news import freshness

from .models import Photo, Tag, TaggedArticle
from .pennames import ArticlePenName, PenName
from .topics import Topic, TopicArticle

TAG, TOPIC, BYLINE = 0, 1, 2


def _cache(article, manager, found):
    """Hand `found` to `manager` (a related manager of `article`) as if it had been prefetched."""
    if not hasattr(article, "_prefetched_objects_cache"):
        article._prefetched_objects_cache = {}
    name = manager.field.remote_field.cache_name
    article._prefetched_objects_cache.pop(name, None)
    queryset = manager.get_queryset()
    queryset._result_cache = found
    queryset._prefetch_done = True
    article._prefetched_objects_cache[name] = queryset


def attach_photos(article):
    """The article's photos and their pen names, in the order of `article.photos.all()`."""
    photos = list(Photo.objects.filter(article_id=article.pk).select_related("pen_name"))
    for photo in photos:
        Photo.article.field.set_cached_value(photo, article)
    _cache(article, article.photos, photos)


def _links_sql():
    quote = connection.ops.quote_name
    order = quote("order")
    tag, tagged = Tag._meta.db_table, TaggedArticle._meta.db_table
    topic, linked = Topic._meta.db_table, TopicArticle._meta.db_table
    pen, byline = PenName._meta.db_table, ArticlePenName._meta.db_table
    return (
        f"SELECT {TAG} AS kind, t.id, t.name, t.slug, 0 AS active, 0 AS pen, ta.id AS k1,"
        f" 0 AS k2, 0 AS k3 FROM {tag} t INNER JOIN {tagged} ta ON ta.tag_id = t.id"
        f" WHERE ta.content_object_id = %s"
        f" UNION ALL SELECT {TOPIC}, p.id, p.title, p.slug, CASE WHEN p.is_active THEN 1 ELSE 0"
        f" END, 0, CASE WHEN p.is_active THEN 0 ELSE 1 END, p.{order}, p.id FROM {topic} p"
        f" INNER JOIN {linked} pa ON pa.topic_id = p.id WHERE pa.article_id = %s"
        f" UNION ALL SELECT {BYLINE}, l.id, n.name, '', 0, n.id, l.{order}, l.id, 0"
        f" FROM {byline} l INNER JOIN {pen} n ON n.id = l.pen_name_id WHERE l.article_id = %s"
        f" ORDER BY kind, k1, k2, k3"
    )


def article_links(article):
    """The article's tags (in the order they were given) and topics (the running ones first),
    as `(tags, topics)`; its byline's pen names go where `byline_display` reads them."""
    with connection.cursor() as cursor:
        cursor.execute(_links_sql(), [article.pk] * 3)
        rows = cursor.fetchall()
    alias = connection.alias
    tags, topics, links = [], [], []
    for kind, pk, name, slug, active, pen, order, _k2, _k3 in rows:
        if kind == TAG:
            tags.append(Tag.from_db(alias, ["id", "name", "slug"], [pk, name, slug]))
        elif kind == TOPIC:
            fields = ["id", "title", "slug", "is_active"]
            topics.append(Topic.from_db(alias, fields, [pk, name, slug, bool(active)]))
        else:
            link = ArticlePenName.from_db(
                alias, ["id", "article_id", "pen_name_id", "order"], [pk, article.pk, pen, order]
            )
            link.pen_name = PenName.from_db(alias, ["id", "name"], [pen, name])
            links.append(link)
    _cache(article, article.pen_name_links, links)
    return tags, topics


# Remembered per article ------------------------------------------------------------------------

# Raise when what is kept changes (the row's columns, the photos, the links).
FORMAT = 1


def remembered(slug, load):
    """load() — the public article of this address with its photos, and its (tags, topics) —
    kept in the cache beside the generations of what it shows (core.memo.keep), so that a page
    read again before the next change reads none of it from the database.

    Every save of the article, its photos, tags, topics or byline bumps news.article:<slug>
    (news.freshness); a category, tag, topic, pen name or partner renamed bumps news-taxonomy;
    a bulk change in the admin bumps news-articles, whose next scheduled change (an article going
    up or coming down at its time) also bounds how long it is kept. An address that is not public
    raises Http404 in load(), and nothing is kept. Without a shared cache it is loaded every time.
    """
    sections = [freshness.article_key(slug), freshness.TAXONOMY, freshness.ARTICLES]
    value, _ = memo.keep(_page_name(slug), load, sections=sections, scheduled=True)
    return value


def _page_name(slug):
    return f"news:article-page:{FORMAT}:{slug}"


def _main_name(slug):
    return f"news:article-main:{FORMAT}:{_main_digest()}:{slug}"


def prefetch(slug):
    """The article's generation and what is kept of its page, in one round trip before the page
    reads them one by one (core.cachebatch.prefetch): for its first render in a process."""
    cachebatch.prefetch(
        [
            pagecache.gen_key(freshness.article_key(slug)),
            memo.kept_key(_page_name(slug)),
            memo.kept_key(_main_name(slug)),
        ]
    )


# The article's own part of its page ----------------------------------------------------------------

MAIN_TEMPLATE = "news/includes/article_main.html"


@once
def _main_digest():
    return memo.template_digest(MAIN_TEMPLATE, "includes/share.html")


def main_html(context):
    """The article's own part of its page (title, photos, body, byline, links, colophon, sharing:
    templates/news/includes/article_main.html), rendered once per change of what it shows and
    kept like the article itself (remembered()), with the site's profile (the colophon) and the
    page's address (the share links, the colophon). The template renders the same part itself
    when it is not given (the preview)."""
    article, share_url = context["article"], context["share_url"]
    # The site profile's save bumps every section, these among them (federation.apps).
    sections = [freshness.article_key(article.slug), freshness.TAXONOMY, freshness.ARTICLES]
    names = ("article", "photos", "tags", "topics", "share_url")

    def render():
        shown = {name: context[name] for name in names}
        return get_template(MAIN_TEMPLATE).render({**shown, "site_profile": SiteProfile.load()})

    html, _ = memo.keep(
        _main_name(article.slug),
        render,
        sections=sections,
        stamp=(share_url,),
        scheduled=True,
    )
    return mark_safe(html)
