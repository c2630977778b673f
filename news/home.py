"""The home page's picks: the lead story, the secondary ones beside it and each category's block,
remembered per change of the news, so that a cold render reads no article row when its cards are
cached (news.cards).

What is remembered is which articles the page shows, with what finds and checks their cards (a
news.cards.Stub each), and each block's category name and address: no row, no rendered HTML. The
picks change only when the news does (a save bumps the "news" section: an article published,
edited, taken down or featured, a category shown on the home page or not) or when a scheduled
article comes due, and they are kept no later than that (core.memo, scheduled). Off, like the
lists' memo (core.pagecache.ListMemo), without the page cache: another worker could not tell this
one that the news changed.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import RowNumber

from core import memo, pagecache
from news import cards
from news.models import Article, Category

# The lead story and the secondary ones beside it; then per category, one large story and a list.
HOME_SECONDARY = 4
HOME_LATEST = HOME_SECONDARY + 2
HOME_PER_CATEGORY = 4

# Raise when what the picks hold changes shape: a value remembered by the previous code is not read.
FORMAT = 1


@dataclass(frozen=True)
class Block:
    """A category's block: its heading and link, and its articles, newest first."""

    name: str
    slug: str
    url: str
    articles: tuple

    def get_absolute_url(self):
        return self.url


@dataclass(frozen=True)
class Picks:
    """The articles the home page shows, as news.cards.Stub; rows: those read while picking them
    ({id: article}), so that their cards need no second read."""

    lead: cards.Stub | None
    secondary: tuple
    blocks: tuple
    rows: dict

    def fetch(self, ids):
        """{id: article} for the cards to render: what was read while picking, else one query
        (published only: an article taken down since shows no card)."""
        found = {pk: self.rows[pk] for pk in ids if pk in self.rows}
        wanted = [pk for pk in ids if pk not in found]
        if wanted:
            published = cards.with_card_fields(Article.objects.published())
            found.update({a.pk: a for a in published.filter(pk__in=wanted)})
        return found


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


def _pick(rows):
    """The picks, from the database; the articles read go into `rows`."""
    published = cards.with_card_fields(Article.objects.published())
    latest = list(published[:HOME_LATEST])
    lead = published.filter(featured=True).first() or (latest[0] if latest else None)
    secondary = [a for a in latest if a != lead][:HOME_SECONDARY]
    above = [a for a in [lead, *secondary] if a]
    categories = list(Category.objects.filter(show_on_home=True).only("name", "slug"))
    # A story already at the top is not repeated in its category's block.
    ranked = list(latest_per_category(published.exclude(pk__in=[a.pk for a in above]), categories))
    rows.update((a.pk, a) for a in [*above, *ranked])
    by_category = {}
    for article in ranked:
        by_category.setdefault(article.category_id, []).append(cards.stub(article))
    return (
        cards.stub(lead) if lead else None,
        tuple(cards.stub(a) for a in secondary),
        tuple(
            Block(c.name, c.slug, c.get_absolute_url(), tuple(by_category[c.pk]))
            for c in categories
            if c.pk in by_category
        ),
    )


def picks():
    """What the home page shows, from the memo when the news has not changed since."""
    rows = {}
    if pagecache.enabled():
        lead, secondary, blocks = memo.remember(
            f"news:home:{FORMAT}", ("news",), lambda: _pick(rows), scheduled=True
        )
    else:
        lead, secondary, blocks = _pick(rows)
    return Picks(lead, secondary, blocks, rows)
