"""Related articles under an article: those sharing its tags and topics, then its category.

One hand-written statement, the same on PostgreSQL and SQLite: building the equivalent queryset
(a UNION of two limited lists and two counting subqueries) cost the ORM more than twice what the
database spends answering it, on every cold render of an article page.
"""

from django.db import connection
from django.utils import timezone

from news.cards import FIELDS
from news.models import Article, Category, TaggedArticle, TopicArticle

RELATED = 4
# The newest articles sharing a tag or topic among which the most shared are picked: a tag such
# as "Công đoàn" is on half the articles, and counting what each of 50,000 shares is no page's job.
WINDOW = 200

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
    """The newest WINDOW articles sharing a tag or topic, and the newest RELATED of the category:
    one list, so that PostgreSQL reads two short index walks instead of filtering every article
    against two IN lists. Each part is limited inside its own derived table, which SQLite allows
    where it refuses a LIMIT on the parts of a UNION."""
    parts, params = [], []
    sharing, sharing_params = _links(tag_ids, topic_ids, "SELECT t.{column}")
    table = Article._meta.db_table
    if sharing:
        parts.append(
            f"SELECT id FROM (SELECT a.id FROM {table} a WHERE {PUBLISHED}"
            f" AND a.id IN ({' UNION ALL '.join(sharing)}) {NEWEST} LIMIT {WINDOW}) sharing"
        )
        params += [*published, *sharing_params]
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
