"""News articles as a source for the site search (registered in NewsConfig.ready)."""

import hashlib
import math

from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Prefetch, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.html import format_html

from core import search
from core.listmemo import ListMemo
from core.richtext import html_to_text
from news.models import Article, Photo, Topic

# The results are the best MAX_RESULTS of the newest matches. Ranking every match of a word found
# in nearly every article ("công đoàn") would read 100,000 rows for one page; nobody reads past
# page 25.
MAX_RESULTS = 200
# How common a search is, judged on the newest SAMPLE articles and remembered for a while.
SAMPLE = 300
COMMON_SHARE = 0.2
# The most articles a common word is looked for in (MAX_RESULTS / COMMON_SHARE, with a margin).
MAX_WINDOW = 1500
SHARE_SECONDS = 3600
# Below COMMON_SHARE, the newest articles are still read rather than the trigram index when that
# reads fewer rows: the index hands over at least every match of the whole table, and for words
# made of common trigrams ("tháng công nhân") several times more, each checked again against the
# long text (measured: 4.8 rows per match). Counted as twice the matches, to stay on the index's
# side when in doubt.
INDEX_ROWS_PER_MATCH = 2
WINDOW_STEP = 500
# What a result shows (article_result): no category, no search columns, nothing else to build.
RESULT_FIELDS = ("title", "slug", "lead", "body", "published_at")


def _unindexed(column):
    """The same text, in a form no index serves."""
    return Concat(column, Value(""), output_field=TextField())


def _share_key(query):
    asked = "|".join(sorted([*query.phrases, *query.loose_terms]))
    return "news:search:share:" + hashlib.sha1(asked.encode()).hexdigest()


def match_share(query):
    """The share of the newest articles that match (0 to 1), from a sample of SAMPLE."""
    query = search.as_query(query)
    key = _share_key(query)
    share = cache.get(key)
    if share is None:
        newest = Article.objects.published().order_by("-published_at", "-id").values("id")
        hits = (
            Article.objects.filter(id__in=newest[:SAMPLE])
            .alias(scan=_unindexed("search_text"))
            .filter(search.match(query, "scan"))
            .count()
        )
        share = hits / SAMPLE
        cache.set(key, share, SHARE_SECONDS)
    return share


def published_total():
    """How many articles are published, remembered as long as a word's share: the size of what
    the trigram index would go through for a word found everywhere."""
    key = "news:search:published"
    total = cache.get(key)
    if total is None:
        total = Article.objects.published().count()
        cache.set(key, total, SHARE_SECONDS)
    return total


def newest_window(share):
    """How many of the newest articles to look through for a word with this share of them, or
    None when the trigram index reads fewer rows (a rare word: few matches in the whole table).

    The window holds MAX_RESULTS matches with a margin of half: the results are the best of the
    newest matches, as the page says when they are capped."""
    if share <= 0:
        return None
    window = math.ceil(MAX_RESULTS / share * 1.5)
    if share >= COMMON_SHARE:
        return min(MAX_WINDOW, window)
    if window <= share * published_total() * INDEX_ROWS_PER_MATCH:
        # In steps of WINDOW_STEP, so that words of about the same share read the same
        # remembered ids (newest_ids).
        return -(-window // WINDOW_STEP) * WINDOW_STEP
    return None


def newest_ids(window):
    """The ids of the newest `window` published articles: the same for every common word, so
    counted once per change to the news (core.listmemo.ListMemo), as the lists' first rows are."""
    memo = ListMemo("news:search:newest", sections=("news",))
    ids = memo.get(f"ids:{window}")
    if ids is None:
        newest = Article.objects.published().order_by("-published_at", "-id")
        ids = list(newest.values_list("id", flat=True)[:window])
        memo.set(f"ids:{window}", ids)
    return ids


def _among(ids):
    """The articles whose id is in `ids`: on PostgreSQL one array parameter, not one per id
    (a window of 1,500 ids was 1,500 parameters to build, send and plan)."""
    if connection.vendor != "postgresql" or not ids:  # an empty array would have no type
        return Q(id__in=ids)
    table = connection.ops.quote_name(Article._meta.db_table)
    return RawSQL(f"{table}.id = ANY(%s)", (ids,), output_field=BooleanField())


def search_articles(query):
    """Published articles with every word (and every quoted phrase), the phrase first, title
    matches first within it, then newest first.

    A rare word goes through the trigram index. A common one ("công đoàn", in nearly every
    article), or one common enough that fewer rows are read that way (newest_window), is looked
    for among the newest articles only, just enough of them to hold MAX_RESULTS matches: the index
    would list and recheck nearly the whole table, and the planner, with no statistics on such
    long columns, cannot tell the two cases apart. Its ids are fetched first (two small queries,
    the first remembered per change to the news), because the same plan as a subquery tempts
    PostgreSQL into rescanning the newest rows once per article. Either way the rank reads only
    rows that already matched: the title, and the text once more for the phrase.
    """
    query = search.as_query(query)
    published = Article.objects.published()
    newest_first = ("-published_at", "-id")
    window = newest_window(match_share(query))
    if window is not None:
        newest = newest_ids(window)
        matching = (
            Article.objects.filter(_among(newest))
            .alias(scan=_unindexed("search_text"), scan_title=_unindexed("search_title"))
            .filter(search.match(query, "scan"))
            .alias(search_rank=search.rank(query, "scan_title", "scan"))
        )
        best = matching.order_by("-search_rank", *newest_first).values_list("id", flat=True)
        found = _among(list(best[:MAX_RESULTS]))
    else:
        matching = published.filter(search.match(query)).alias(search_rank=search.rank(query))
        found = Q(
            id__in=matching.order_by("-search_rank", *newest_first).values("id")[:MAX_RESULTS]
        )
    return (
        published.filter(found)
        .annotate(search_rank=search.rank(query))
        .order_by("-search_rank", *newest_first)
        .only(*RESULT_FIELDS)
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.exclude(image="")))
    )


def _texts(article):
    """Where an article's passage comes from: its lead, then its body, which passage() reads
    (long, in markup) only when the lead lacks a word."""
    yield article.lead
    yield html_to_text(article.body)


def article_result(article, query):
    cover = article.cover
    marks = search.marks(query, article)
    return search.Result(
        kind="",
        url=article.get_absolute_url(),
        title=search.highlight(article.title, marks),
        summary=search.passage(_texts(article), marks),
        date=article.published_at,
        picture=format_html("{}", cover.card_html()) if cover else "",
    )


def article_fingerprint(article):
    """Everything article_result shows of the article: its result is kept while it holds."""
    cover = article.cover
    picture = cover and (cover.image.name, cover.width, cover.height, cover.alt_text)
    return article.slug, article.title, article.lead, article.body, article.published_at, picture


SOURCE = search.Source(
    key="news",
    label="Tin tức",
    search=search_articles,
    result=article_result,
    fingerprint=article_fingerprint,
    order=10,
    paginate=True,
    limit=MAX_RESULTS,
    slug="tin-tuc",
    # A result shows the article, its category, tags and cover: the news.
    sections=("news",),
)


def search_topics(query):
    # Topics are a few dozen rows: no index needed to read them all.
    return search.ranked(Topic.objects.all(), query, "-is_active", "order", "-id")


def topic_result(topic, query):
    marks = search.marks(query, topic)
    return search.Result(
        kind="",
        url=topic.get_absolute_url(),
        title=search.highlight(topic.title, marks),
        summary=search.passage([topic.introduction_text], marks),
        picture=topic.card_html(sizes="120px") if topic.picture else "",
    )


TOPIC_SOURCE = search.Source(
    key="topics",
    label="Chuyên đề",
    search=search_topics,
    result=topic_result,
    order=20,
    slug="chuyen-de",
    # Topics are the news's (news.apps).
    sections=("news",),
)
