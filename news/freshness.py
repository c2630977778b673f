"""Which cached pages an article's change makes stale: its own page, and its category's pages.

An article page shows its own row (photos, tags, byline) and the newest articles of its category,
so it depends on two objects (core.pagecache.depends_on), not on the whole news section:
publishing article B leaves the pages of every article of other categories cached. Lists, the home page and
the feeds still depend on the "news" section, which every change bumps.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from core import pagecache
from news.models import Article, Photo, TaggedArticle
from news.pennames import ArticlePenName

# Article pages depend on these sections besides "site": category and tag names, and the bulk
# changes of the admin (which send no signal), whose lifetime also ends at the next scheduled change.
TAXONOMY = "news-taxonomy"
ARTICLES = "news-articles"

_FIELDS = ("id", "slug", "category_id", "status", "published_at", "unpublish_at", "deleted_at")


def article_key(slug):
    return f"news.article:{slug}"


def category_key(category_id):
    return f"news.category:{category_id}"


def tag_key(tag_id):
    return f"news.tag:{tag_id}"


def topic_key(topic_id):
    return f"news.topic:{topic_id}"


def _shared_keys(article_ids):
    """The tags and topics of these articles: the pages whose "Tin liên quan" may show them."""
    from news.topics import TopicArticle

    tags = TaggedArticle.objects.filter(content_object_id__in=article_ids).values_list("tag_id")
    topics = TopicArticle.objects.filter(article_id__in=article_ids).values_list("topic_id")
    return {tag_key(t) for (t,) in tags} | {topic_key(t) for (t,) in topics}


def _public(row):
    now = timezone.now()
    return (
        row["deleted_at"] is None
        and row["status"] == Article.Status.PUBLISHED
        and row["published_at"] is not None
        and row["published_at"] <= now
        and (row["unpublish_at"] is None or row["unpublish_at"] > now)
    )


def _scheduled(row):
    """Going up or coming down later: it will show, or stop showing, without a save."""
    now = timezone.now()
    return row["status"] == Article.Status.PUBLISHED and (
        (row["published_at"] is not None and row["published_at"] > now)
        or (row["unpublish_at"] is not None and row["unpublish_at"] > now)
    )


_SCHEDULE = ("category_id", "status", "published_at", "unpublish_at", "deleted_at")


def _rescheduled(before, after):
    """Whether this save puts an article on the schedule, moves it, or takes it off: then the
    pages that will show it at its time must learn when that is."""
    rows = [row for row in (before, after) if row is not None]
    if not any(_scheduled(row) for row in rows):
        return False
    return before is None or any(before[name] != after[name] for name in _SCHEDULE)


def _row(article):
    return {name: getattr(article, name) for name in _FIELDS}


def _stale(*rows, rescheduled=False):
    """Bump the pages that show these rows (an article before and after a save). A scheduled
    article shows nowhere yet: saving it stales its own page and, only when its time is set or
    moved (rescheduled), the pages that will show it then."""
    keys, shown = set(), set()
    for row in rows:
        if row is None:
            continue
        keys.add(article_key(row["slug"]))
        # It shows in the "Tin liên quan" of its category, tags and topics, now or at its time.
        if _public(row) or (rescheduled and _scheduled(row)):
            keys.add(category_key(row["category_id"]))
            shown.add(row["id"])
    if shown:
        keys |= _shared_keys(shown)
    pagecache.bump(*sorted(keys))
    if rescheduled:
        # The pages bumped above are stored again with a lifetime that ends at its time; the
        # others keep theirs (they do not show it).
        pagecache.reschedule(ARTICLES)


def _remember(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, Article):
        return
    instance._freshness_before = (
        Article.objects.filter(pk=instance.pk).values(*_FIELDS).first() if instance.pk else None
    )


def _article_changed(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, Article):
        return
    before, after = getattr(instance, "_freshness_before", None), _row(instance)
    _stale(before, after, rescheduled=_rescheduled(before, after))


def _article_of(article_id):
    return Article.objects.filter(pk=article_id).values(*_FIELDS).first()


def _photo_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _stale(_article_of(instance.article_id))


def _tagging_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _stale(_article_of(instance.content_object_id))
        pagecache.bump(tag_key(instance.tag_id))


def _topic_link_changed(sender, instance, raw=False, **kwargs):
    """An article put in a topic or taken out: its page names its topics, and the topic's other
    articles may list it as related."""
    if not raw:
        _stale(_article_of(instance.article_id))
        pagecache.bump(topic_key(instance.topic_id))


def _byline_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _stale(_article_of(instance.article_id))


def _links_changed(sender, instance, action, pk_set=None, **kwargs):
    """Tags or pen names added to an article, or articles to a tag or pen name."""
    if not action.startswith("post_"):
        return
    if isinstance(instance, Article):
        _stale(_row(instance))
    elif pk_set:
        _stale(*Article.objects.filter(pk__in=pk_set).values(*_FIELDS))


def connect():
    # No sender for the article: the trash's proxy model sends its own signals.
    pre_save.connect(_remember, dispatch_uid="news.freshness.remember")
    post_save.connect(_article_changed, dispatch_uid="news.freshness.saved")
    post_delete.connect(_article_changed, dispatch_uid="news.freshness.deleted")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(_photo_changed, sender=Photo, dispatch_uid=f"news.freshness.photo.{name}")
        signal.connect(
            _tagging_changed, sender=TaggedArticle, dispatch_uid=f"news.freshness.tag.{name}"
        )
        signal.connect(
            _byline_changed, sender=ArticlePenName, dispatch_uid=f"news.freshness.byline.{name}"
        )
        signal.connect(
            _topic_link_changed,
            sender="news.TopicArticle",
            dispatch_uid=f"news.freshness.topic.{name}",
        )
    for through in {Article.tags.through, Article.pen_names.through}:
        m2m_changed.connect(
            _links_changed, sender=through, dispatch_uid=f"news.freshness.links.{through.__name__}"
        )
