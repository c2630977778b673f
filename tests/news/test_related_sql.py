"""The hand-written statement of "Tin liên quan" (news/related.py) against the queryset it replaced:
the same articles in the same order, what the public may not see left out, one query. Runs on
SQLite and on PostgreSQL."""

import pytest
from django.db import connection
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.cards import with_card_fields
from news.models import Article, TaggedArticle, TopicArticle
from news.related import RELATED, WINDOW, related_articles
from tests.factories import make_article, make_category, make_topic

pytestmark = pytest.mark.django_db


def queryset_related(article, tag_ids, topic_ids):
    """The ORM version the statement replaced, kept as the reference for its ordering."""
    published = Article.objects.published().exclude(pk=article.pk)
    newest = ("-published_at", "-id")

    def count(queryset, column):
        counted = queryset.filter(**{column: OuterRef("pk")}).order_by().values(column)
        return Coalesce(
            Subquery(counted.annotate(n=Count("*")).values("n")[:1]),
            Value(0),
            output_field=IntegerField(),
        )

    tagged = TaggedArticle.objects.filter(tag_id__in=tag_ids).values("content_object_id")
    topical = TopicArticle.objects.filter(topic_id__in=topic_ids).values("article_id")
    sharing = published.filter(Q(id__in=tagged) | Q(id__in=topical)).order_by(*newest)
    same_category = published.filter(category_id=article.category_id).order_by(*newest)
    shared = count(TaggedArticle.objects.filter(tag_id__in=tag_ids), "content_object_id") + count(
        TopicArticle.objects.filter(topic_id__in=topic_ids), "article_id"
    )
    candidates = Q(id__in=sharing.values("id")[:WINDOW]) | Q(
        id__in=same_category.values("id")[:RELATED]
    )
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


def ids(article):
    return [t.pk for t in article.tags.all()], [t.pk for t in article.topics.all()]


def test_ties_are_broken_as_the_queryset_did_shared_then_category_then_newest_then_id():
    home, elsewhere = make_category(), make_category()
    moment = timezone.now() - timezone.timedelta(hours=1)
    article = make_article(category=home, tags=["Công đoàn", "Đoàn viên"], published_at=moment)
    topic = make_topic(articles=[article])
    # Same publication time throughout: only the id separates equals.
    for n in range(12):
        other = make_article(
            category=home if n % 3 == 0 else elsewhere,
            tags=[["Công đoàn"], ["Đoàn viên"], ["Công đoàn", "Đoàn viên"], []][n % 4],
            published_at=moment,
        )
        if n % 5 == 0:
            TopicArticle.objects.create(topic=topic, article=other, order=n + 1)
    found = related_articles(article, *ids(article))
    assert [a.pk for a in found] == [a.pk for a in queryset_related(article, *ids(article))]
    assert len(found) == RELATED
    # The card reads its category without a query.
    with CaptureQueriesContext(connection) as queries:
        assert all(a.category.name and a.category.get_absolute_url() for a in found)
    assert len(queries) == 0


def test_what_the_public_may_not_see_is_never_related_nor_the_article_itself():
    category = make_category()
    now = timezone.now()
    article = make_article(category=category, tags=["Công đoàn"])
    topic = make_topic(articles=[article])
    hidden = [
        make_article(category=category, tags=["Công đoàn"], status=Article.Status.DRAFT),
        make_article(category=category, tags=["Công đoàn"], published_at=now + timezone.timedelta(hours=1)),
        make_article(category=category, tags=["Công đoàn"], unpublish_at=now - timezone.timedelta(minutes=1)),
        make_article(category=category, tags=["Công đoàn"], deleted_at=now),
    ]  # fmt: skip
    for n, other in enumerate(hidden):
        TopicArticle.objects.create(topic=topic, article=other, order=n + 2)
    still_up = make_article(
        category=category, tags=["Công đoàn"], unpublish_at=now + timezone.timedelta(hours=1)
    )
    found = related_articles(article, *ids(article))
    assert found == [still_up]
    assert found == queryset_related(article, *ids(article))


@pytest.mark.parametrize("shared", ["tags", "topics", "nothing"])
def test_tags_alone_topics_alone_or_nothing_shared_give_what_the_queryset_gave(shared):
    home = make_category()
    article = make_article(category=home, tags=["Công đoàn"] if shared == "tags" else [])
    topic = make_topic(articles=[article] if shared == "topics" else [])
    for n in range(8):
        other = make_article(category=home if n % 2 else make_category(), tags=["Công đoàn"])
        TopicArticle.objects.create(topic=topic, article=other, order=n + 2)
    found = related_articles(article, *ids(article))
    assert [a.pk for a in found] == [a.pk for a in queryset_related(article, *ids(article))]
    assert article not in found and len(found) == RELATED


def test_one_query_with_1_or_50_candidates():
    category = make_category()
    article = make_article(category=category, tags=["Công đoàn", "Đoàn viên"])
    topic = make_topic(articles=[article])

    def candidate(n):
        other = make_article(category=category if n % 2 else make_category(), tags=["Đoàn viên"])
        TopicArticle.objects.create(topic=topic, article=other, order=n + 2)

    counts = []
    for size in (1, 50):
        while Article.objects.count() <= size:
            candidate(Article.objects.count())
        tag_ids, topic_ids = ids(article)
        with CaptureQueriesContext(connection) as queries:
            found = related_articles(article, tag_ids, topic_ids)
        counts.append(len(queries))
        assert [a.pk for a in found] == [a.pk for a in queryset_related(article, *ids(article))]
    assert counts == [1, 1]


def test_the_article_page_is_byte_for_byte_the_one_the_queryset_rendered(client, monkeypatch):
    from tests.factories import make_photo

    picture = make_photo()
    home = make_category()
    article = make_article(category=home, tags=["Công đoàn", "Đoàn viên"])
    topic = make_topic(articles=[article])
    for n in range(6):
        other = make_article(category=home if n % 2 else make_category(), tags=["Công đoàn"])
        TopicArticle.objects.create(topic=topic, article=other, order=n + 2)
        make_photo(article=other, image=picture.image.name, width=1200, height=800)
    url = article.get_absolute_url()
    html = client.get(url).content
    assert html.count(b"card__title") == 4
    monkeypatch.setattr("news.related.related_articles", queryset_related)
    assert client.get(url).content == html


def test_the_window_is_the_newest_sharing_articles_of_all_the_tags_and_topics_together(
    monkeypatch,
):
    """Each tag and topic is walked on its own, newest first; the newest WINDOW of those walks
    together are the candidates, as one walk over the newest articles gave them."""
    monkeypatch.setattr("news.related.WINDOW", 2)
    news, elsewhere = make_category(name="Tin tức"), make_category(name="Nơi khác")
    now = timezone.now()

    def article(title, hours, tags=(), category=elsewhere):
        return make_article(
            title=title,
            category=category,
            tags=list(tags),
            published_at=now - timezone.timedelta(hours=hours),
        )

    # An older article sharing both tags falls outside a window of two: the two newest that
    # share a tag are the candidates, and the category's own newest fill what is left.
    old_both = article("Cũ, cùng hai thẻ", 50, ["Công đoàn", "Đạ Huoai"])
    newer = [article(f"Mới {n}", n, ["Công đoàn"]) for n in (3, 2, 1)]
    subject = article("Bài đang đọc", 0, ["Công đoàn", "Đạ Huoai"], category=news)
    found = [a.title for a in related_articles(subject, *ids(subject))]
    assert found == [newer[2].title, newer[1].title]
    assert old_both.title not in found
