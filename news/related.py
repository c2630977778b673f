"""Related articles under an article: those sharing its tags and topics, then its category."""

from django.db import connection
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from news.cards import with_card_fields
from news.models import Article, TaggedArticle, TopicArticle

RELATED = 4
# The newest articles sharing a tag or topic among which the most shared are picked: a tag such
# as "Công đoàn" is on half the articles, and counting what each of 50,000 shares is no page's job.
WINDOW = 200


def _count(queryset, column):
    counted = queryset.filter(**{column: OuterRef("pk")}).order_by().values(column)
    return Coalesce(
        Subquery(counted.annotate(n=Count("*")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def related_articles(article, tag_ids, topic_ids):
    """Up to RELATED published articles, never the article itself: the most tags and topics
    shared first, then the same category, then the newest. One query, whatever the number of
    candidates; the cards (news.cards) fetch their photos only when they are not cached."""
    published = Article.objects.published().exclude(pk=article.pk)
    newest = ("-published_at", "-id")
    tagged = TaggedArticle.objects.filter(tag_id__in=tag_ids).values("content_object_id")
    topical = TopicArticle.objects.filter(topic_id__in=topic_ids).values("article_id")
    sharing = published.filter(Q(id__in=tagged) | Q(id__in=topical)).order_by(*newest).values("id")
    same_category = published.filter(category_id=article.category_id).order_by(*newest).values("id")
    shared = _count(TaggedArticle.objects.filter(tag_id__in=tag_ids), "content_object_id") + _count(
        TopicArticle.objects.filter(topic_id__in=topic_ids), "article_id"
    )
    if connection.features.supports_slicing_ordering_in_compound:
        # One list of candidates: with two IN lists joined by OR, PostgreSQL filters every
        # published article against both (a sequential scan, 25 ms at 10,000 articles).
        candidates = Q(id__in=sharing[:WINDOW].union(same_category[:RELATED]))
    else:  # SQLite cannot limit the parts of a UNION; its tables are small
        candidates = Q(id__in=sharing[:WINDOW]) | Q(id__in=same_category[:RELATED])
    return list(
        with_card_fields(published)
        .filter(candidates)
        .annotate(
            shared=shared,
            same_category=Case(
                When(category_id=article.category_id, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("-shared", "-same_category", *newest)[:RELATED]
    )
