"""Related articles under an article: those sharing its tags and topics, then its category.

One hand-written statement, the same on PostgreSQL and SQLite: building the equivalent queryset
(a UNION of two limited lists and two counting subqueries) cost the ORM more than twice what the
database spends answering it, on every cold render of an article page.
"""

from django.db import connection
from django.utils import timezone

from core import cachebatch, memo, pagecache
from news import cards, freshness
from news.cards import FIELDS
from news.models import Article, Category, TaggedArticle, TopicArticle

RELATED = 4
# The newest articles sharing a tag or topic among which the most shared are picked: a tag such
# as "Công đoàn" is on half the articles, and counting what each of 50,000 shares is no page's job.
# Newest by id within each tag or topic (the walk uses the link table's index), by publication
# time among those. Sixty is two to three months of a provincial federation's news on one of its
# tags; 200 cost 4.1 ms of PostgreSQL per article page rendered afresh, 60 cost 1.7 ms (10,000
# articles), and the long tail of articles read once is rendered afresh every time.
WINDOW = 60

# What Article.objects.published() means, in SQL (tests/news/test_related_sql.py holds them equal).
PUBLISHED = (
    "a.status = %s AND a.published_at <= %s AND (a.unpublish_at IS NULL OR a.unpublish_at > %s)"
    " AND a.deleted_at IS NULL AND a.id <> %s"
)
NEWEST = "ORDER BY a.published_at DESC, a.id DESC"


def _in(values):
    return ", ".join(["%s"] * len(values))


# Where an article's tags and topics are: (table, article column, tag or topic column).
LINKS = (
    (TaggedArticle._meta.db_table, "content_object_id", "tag_id"),
    (TopicArticle._meta.db_table, "article_id", "topic_id"),
)


def _links(tag_ids, topic_ids, select, where=""):
    """One SQL part per kind of link the article has (tags, topics), with its params."""
    parts, params = [], []
    for (table, article_column, column), ids in zip(LINKS, (tag_ids, topic_ids), strict=True):
        if ids:
            parts.append(
                select.format(column=article_column)
                + f" FROM {table} t WHERE {where.format(column=article_column)}"
                + f"t.{column} IN ({_in(ids)})"
            )
            params += ids
    return parts, params


def _candidates(article, tag_ids, topic_ids, published):
    """The newest WINDOW articles sharing a tag or topic, and the newest RELATED of the category,
    as one list of ids.

    Each tag and topic is walked on its own, newest article first, through its link table's index
    (tag or topic, then article id: ids follow publication), WINDOW rows at most; the newest
    WINDOW of those together are the window. A walk over the newest articles until WINDOW carry a
    tag read 4,000 articles for a tag on one article in twenty (53 ms at 100,000 articles); this
    reads a few hundred rows whatever the tag and the size of the table. Each part is limited
    inside its own derived table, which SQLite allows where it refuses a LIMIT on a UNION's parts."""
    table = Article._meta.db_table
    walks, params = [], []
    for (links, article_column, column), ids in zip(LINKS, (tag_ids, topic_ids), strict=True):
        for link_id in ids:
            walks.append(
                f"SELECT id, published_at FROM (SELECT a.id, a.published_at FROM {links} t"
                f" INNER JOIN {table} a ON a.id = t.{article_column}"
                f" WHERE t.{column} = %s AND {PUBLISHED}"
                f" ORDER BY t.{article_column} DESC LIMIT {WINDOW}) walk"
            )
            params += [link_id, *published]
    parts = []
    if walks:
        parts.append(
            f"SELECT id FROM (SELECT id, published_at FROM ({' UNION '.join(walks)}) walks"
            f" ORDER BY published_at DESC, id DESC LIMIT {WINDOW}) sharing"
        )
    parts.append(
        f"SELECT id FROM (SELECT a.id FROM {table} a WHERE {PUBLISHED}"
        f" AND a.category_id = %s {NEWEST} LIMIT {RELATED}) same_category"
    )
    params += [*published, article.category_id]
    return " UNION ".join(parts), params


def _shared(tag_ids, topic_ids):
    """How many of the article's tags and topics a candidate shares, as SQL and its params."""
    counts, params = _links(tag_ids, topic_ids, "(SELECT COUNT(*)", "t.{column} = a.id AND ")
    return " + ".join(f"{count})" for count in counts) or "0", params


def related_articles(article, tag_ids, topic_ids):
    """Up to RELATED published articles, never the article itself: the most tags and topics
    shared first, then the same category, then the newest. One query, whatever the number of
    candidates, with the columns a card shows (news.cards.with_card_fields) and its category; the
    cards fetch their photos only when they are not cached."""
    tag_ids, topic_ids = list(tag_ids), list(topic_ids)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    published = [Article.Status.PUBLISHED.value, now, now, article.pk]
    candidates, candidate_params = _candidates(article, tag_ids, topic_ids, published)
    shared, shared_params = _shared(tag_ids, topic_ids)
    columns = ", ".join(f"a.{Article._meta.get_field(f).column}" for f in FIELDS)
    sql = (
        f"SELECT {columns}, c.name AS category_name, c.slug AS category_slug,"
        f" {shared} AS shared, CASE WHEN a.category_id = %s THEN 1 ELSE 0 END AS same_category"
        f" FROM {Article._meta.db_table} a"
        f" INNER JOIN {Category._meta.db_table} c ON c.id = a.category_id"
        f" WHERE a.id IN ({candidates})"
        f" ORDER BY shared DESC, same_category DESC, a.published_at DESC, a.id DESC"
        f" LIMIT {RELATED}"
    )
    found = list(Article.objects.raw(sql, [*shared_params, article.category_id, *candidate_params]))
    for related in found:
        # The card shows its category's name and address: no second query for them.
        related.category = Category.from_db(
            connection.alias,
            ["id", "name", "slug"],
            [related.category_id, related.category_name, related.category_slug],
        )
    return found


# Remembered per article ------------------------------------------------------------------------

# Raise when what is kept of the list changes (news.cards.ROW_FORMAT covers a row's columns).
FORMAT = 2


def remembered(request, article, tags, topics):
    """related_articles(), kept per article beside the generations of what can change it
    (core.memo.keep), which the page also declares to the page cache (core.pagecache.depends_on).

    "Tin liên quan" changes only when an article of the same category, or one sharing a tag or a
    topic, is saved (news.freshness bumps these; a related article's edit bumps them too, since it
    shares one of them), when a name changes (news-taxonomy) or after a bulk change or a scheduled
    one (news-articles, whose next change also bounds how long the list is kept). The statement
    costs the database a couple of milliseconds at 100,000 articles; a page that expired or was
    made stale by something else (the site's profile) reads the list back instead. Without a
    shared cache it is run every time."""
    tag_ids, topic_ids = [t.pk for t in tags], [t.pk for t in topics]
    names = [
        freshness.category_key(article.category_id),
        *[freshness.tag_key(pk) for pk in tag_ids],
        *[freshness.topic_key(pk) for pk in topic_ids],
    ]
    name = f"news:related:{FORMAT}:{cards.ROW_FORMAT}:{article.pk}"
    # The list and its generations in one round trip, then read from the render's batch.
    cachebatch.prefetch([memo.kept_key(name), *(pagecache.gen_key(n) for n in names)])
    pagecache.depends_on(request, *names)
    kept, _ = memo.keep(
        name,
        lambda: [cards.as_row(r) for r in related_articles(article, tag_ids, topic_ids)],
        sections=[*names, freshness.TAXONOMY, freshness.ARTICLES],
        # The links themselves are in the stamp: a tag taken off leaves its generation unchanged.
        stamp=(article.category_id, tuple(tag_ids), tuple(topic_ids)),
        scheduled=True,
    )
    return [cards.from_row(row) for row in kept]
