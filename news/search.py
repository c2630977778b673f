"""News articles as a source for the site search (registered in NewsConfig.ready)."""

from django.utils.html import format_html

from federation import search
from news.models import Article


def search_articles(terms):
    return (
        Article.objects.published()
        .filter(search.match_all(terms, "search_text"))
        .annotate(title_match=search.title_rank(terms, "search_title"))
        .order_by("-title_match", "-published_at", "-id")
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
)
