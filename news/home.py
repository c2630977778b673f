"""The home page's news: the lead story, the secondary ones beside it and each category's block,
rendered once per change of the news and kept in the cache, so that a cold render of the home
page reads no article, no category and no card.

What the home page shows of the news changes only when the news does (every save that shows on
it bumps the "news" section: an article published, edited, taken down or featured, its photos,
tags or byline, a category renamed or shown on the home page or not) or when a scheduled article
comes due; the page itself is cached on the same section. Its HTML is remembered per generation
of that section and no later than its next scheduled change (core.memo, scheduled), beside the
other facts a render fetches in one round trip (core.cachebatch). A change renders it again from
the article cards (news.cards), which are themselves cached. Off, like the lists' memo
(core.listmemo.ListMemo), without the page cache: another worker could not tell this one that
the news changed.
"""

import hashlib
from dataclasses import dataclass
from functools import cache as once

from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.template.loader import get_template
from django.utils.safestring import SafeString

from core import memo, pagecache
from news import cards
from news.models import Article, Category

# The lead story and the secondary ones beside it; then per category, one large story and a list.
HOME_SECONDARY = 4
HOME_LATEST = HOME_SECONDARY + 2
HOME_PER_CATEGORY = 4

TOP = "news/includes/home_top.html"
BLOCKS = "news/includes/home_blocks.html"
# Raise when the Python side of what is remembered changes; an edit of the templates, the cards'
# included, changes the name on its own (_name).
FORMAT = 1


@dataclass(frozen=True)
class Front:
    """The home page's news as HTML, and its share picture (the first cover shown) or None."""

    top: SafeString
    blocks: SafeString
    cover: tuple | None


def latest_per_category(published, categories):
    """The newest HOME_PER_CATEGORY articles of each category, in one query.

    On PostgreSQL, one small index scan per category, glued with UNION ALL: a window function
    would number every published article first (0.7 s at 100,000 articles). SQLite cannot limit
    the parts of a UNION, and keeps the window function, which is fine at its sizes.
    """
    if not categories:
        return published.none()
    if connection.features.supports_slicing_ordering_in_compound:
        parts = [
            published.filter(category=category)
            .order_by("-published_at", "-id")
            .values("id")[:HOME_PER_CATEGORY]
            for category in categories
        ]
        newest = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        return published.filter(id__in=newest).order_by("-published_at", "-id")
    return (
        published.filter(category__in=categories)
        .annotate(
            row=Window(
                RowNumber(),
                partition_by=[F("category_id")],
                order_by=[F("published_at").desc(), F("id").desc()],
            )
        )
        .filter(row__lte=HOME_PER_CATEGORY)
    )


def _fragment(name, context):
    # The template file's last newline is the page's own (news/home.html).
    return get_template(name).render(context).removesuffix("\n")


def _render():
    """The home page's news from the database and the cards, as (top, blocks, cover)."""
    published = cards.with_card_fields(Article.objects.published())
    latest = list(published[:HOME_LATEST])
    lead = published.filter(featured=True).first() or (latest[0] if latest else None)
    secondary = [a for a in latest if a != lead][:HOME_SECONDARY]
    above = [a for a in [lead, *secondary] if a]
    categories = list(Category.objects.filter(show_on_home=True))
    # A story already at the top is not repeated in its category's block.
    ranked = latest_per_category(published.exclude(pk__in=[a.pk for a in above]), categories)
    by_category = {}
    for article in ranked:
        by_category.setdefault(article.category_id, []).append(article)
    blocks = [(c, by_category[c.pk]) for c in categories if c.pk in by_category]
    # Every card of the page in one round trip to the cache (news.cards).
    heads, latest, *block_cards = cards.render_groups(
        [[(lead, "hero")], [(a, "latest") for a in secondary]]
        + [[(a, "thumb" if i else "top") for i, a in enumerate(items)] for _, items in blocks]
    )
    shown = [card for group in block_cards for card in group]
    category_blocks = [
        (c, first, rest) for (c, _), (first, *rest) in zip(blocks, block_cards, strict=True)
    ]
    return (
        _fragment(TOP, {"lead": heads[0] if heads else None, "latest": latest}),
        _fragment(BLOCKS, {"category_blocks": category_blocks}),
        cards.first_cover([*heads, *latest, *shown]),
    )


@once
def _name():
    """The remembered value's name: with the digest of the templates it is rendered from."""
    sources = "".join(getattr(get_template(name).template, "source", "") for name in (TOP, BLOCKS))
    digest = hashlib.md5(sources.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"news:home:{FORMAT}:{digest}:{cards.FORMAT}:{cards.template_digest()}"


def front():
    """The home page's news, remembered until the news changes or a scheduled article is due."""
    if pagecache.enabled():
        top, blocks, cover = memo.remember(_name(), ("news",), _render, scheduled=True)
    else:
        top, blocks, cover = _render()
    return Front(SafeString(top), SafeString(blocks), cover)
