"""News articles as a source for the site search (registered in NewsConfig.ready)."""

import math

from django.core.cache import cache
from django.db.models import TextField, Value
from django.db.models.functions import Concat
from django.utils.html import format_html

from core import search
from news.models import Article

# The results are the newest MAX_RESULTS matches, title matches first. Ranking every match of a
# word found in nearly every article ("công đoàn") would read 100,000 rows for one page; nobody
# reads past page 25.
MAX_RESULTS = 200
# How common a search is, judged on the newest SAMPLE articles and remembered for a while.
SAMPLE = 300
COMMON_SHARE = 0.2
# The most articles a common word is looked for in (MAX_RESULTS / COMMON_SHARE, with a margin).
MAX_WINDOW = 1500
SHARE_SECONDS = 3600


def _unindexed(column):
    """The same text, in a form no index serves."""
    return Concat(column, Value(""), output_field=TextField())


def match_share(terms):
    """The share of the newest articles that match (0 to 1), from a sample of SAMPLE."""
    key = "news:search:share:" + "-".join(sorted(terms))
    share = cache.get(key)
    if share is None:
        newest = Article.objects.published().order_by("-published_at", "-id").values("id")
        hits = (
            Article.objects.filter(id__in=newest[:SAMPLE])
            .alias(scan=_unindexed("search_text"))
            .filter(search.match_all(terms, "scan"))
            .count()
        )
        share = hits / SAMPLE
        cache.set(key, share, SHARE_SECONDS)
    return share


def search_articles(terms):
    """Published articles with every term, title matches first, then newest first.

    A rare word goes through the trigram index. A common one ("công đoàn", in nearly every
    article) is looked for among the newest articles only, just enough of them to hold
    MAX_RESULTS matches: the index would list and recheck nearly the whole table, and the planner,
    with no statistics on such long columns, cannot tell the two cases apart. Its ids are fetched
    first (two small queries), because the same plan as a subquery tempts PostgreSQL into
    rescanning the newest rows once per article.
    """
    published = Article.objects.published()
    newest_first = ("-published_at", "-id")
    if match_share(terms) >= COMMON_SHARE:
        window = min(MAX_WINDOW, math.ceil(MAX_RESULTS / match_share(terms) * 1.5))
        newest = list(published.order_by(*newest_first).values_list("id", flat=True)[:window])
        matching = (
            Article.objects.filter(id__in=newest)
            .alias(scan=_unindexed("search_text"))
            .filter(search.match_all(terms, "scan"))
        )
        found = list(matching.order_by(*newest_first).values_list("id", flat=True)[:MAX_RESULTS])
    else:
        matching = published.filter(search.match_all(terms, "search_text"))
        found = matching.order_by(*newest_first).values("id")[:MAX_RESULTS]
    return (
        published.filter(id__in=found)
        .annotate(title_match=search.title_rank(terms, "search_title"))
        .order_by("-title_match", *newest_first)
        .for_cards()
    )


def article_result(article, terms):
    cover = article.cover
    return search.Result(
        kind="",
        url=article.get_absolute_url(),
        title=search.highlight(article.title, terms),
        summary=search.highlight(search.snippet(article.lead, terms), terms),
        date=article.published_at,
        picture=format_html("{}", cover.card_html()) if cover else "",
    )


SOURCE = search.Source(
    key="news",
    label="Tin tức",
    search=search_articles,
    result=article_result,
    order=100,
    paginate=True,
    limit=MAX_RESULTS,
)
