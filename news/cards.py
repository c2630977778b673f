"""Article cards rendered once per article version and kept in the cache: a page's cards in one MGET.

A card (templates/includes/article_card.html) shows an article's title, address, time, lead, its
category's name and address and its cover. Each is kept under the article's id and its variant
(the class, the picture's sizes, eager or lazy), stamped with what it was rendered from:

- the article's `version` (counted on every save, read with the list's own row);
- the generation of `news.article:<slug>` (news.freshness bumps it on every save of the article,
  of its photos, tags and byline: a new cover shows on the next render);
- the generations of the sections `news-taxonomy` (a category renamed) and `news-articles` (a
  bulk change in the admin, which sends no signal).

One get_many fetches the page's cards and these generations together, as the page cache fetches a
page and its sections; a card whose stamp differs is a miss, rendered again and overwritten, so
stale cards do not pile up. Only the misses need the photos (one query for all of them). Off, like
the page cache and the lists' memo, without a shared cache; a cache that does not answer costs the
renders, never the page.

Search results are not cards: they show the passage lit for the query (core.search), and are kept
per query by federation.search_results.
"""

import hashlib
import logging
from dataclasses import dataclass
from functools import cache as once

from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import get_template
from django.utils.safestring import SafeString

from core import cachebatch, pagecache
from core.renditions import social_url
from news import freshness
from news.models import Article, Category, Photo

TEMPLATE = "includes/article_card.html"
# Raise when the card's Python side changes (a tag it calls, a property it shows); an edit of the
# template itself changes the key on its own (template_digest).
FORMAT = 2
# The stamp keeps cards right; this only bounds what an untouched card holds in the cache.
SECONDS = 3600

# What a page may ask for. Only what shows above the fold on a phone or a desktop (the hero, the
# latest column, a list's first row) loads eagerly; every other picture waits until it is near.
VARIANTS = {
    "hero": dict(card_class="card--hero", show_lead=True, show_category=True, lazy=False,
                 card_sizes="(min-width: 900px) 760px, 100vw"),
    "latest": dict(card_class="card--thumb", show_category=True, lazy=False, card_sizes="120px"),
    "top": dict(card_class="card--top", show_lead=True, lazy=True,
                card_sizes="(min-width: 900px) 400px, 100vw"),
    "thumb": dict(card_class="card--thumb", lazy=True, card_sizes="120px"),
    "row": dict(card_class="card--row", show_lead=True, show_category=True, lazy=True),
    "row-eager": dict(card_class="card--row", show_lead=True, show_category=True, lazy=False),
    "compact": dict(card_class="card--compact", lazy=True),
}  # fmt: skip

# The columns a card shows, for the lists' querysets (with_card_fields).
FIELDS = ("id", "slug", "title", "lead", "published_at", "version", "category")
CATEGORY_FIELDS = ("category__name", "category__slug")

logger = logging.getLogger(__name__)


# A card's columns as a tuple (for lists kept in the cache: "Tin liên quan", a list's page), in
# the model's order as from_db wants them, then its category's name and address. Raise
# ROW_FORMAT when they change.
ROW_COLUMNS = tuple(f.attname for f in Article._meta.concrete_fields if f.name in FIELDS)
ROW_FORMAT = 1


def as_row(article):
    """What a card needs of an article (read with_card_fields), as a tuple to keep."""
    return (
        *(getattr(article, name) for name in ROW_COLUMNS),
        article.category.name,
        article.category.slug,
    )


def from_row(row):
    """The article of as_row(), with its category, without a query."""
    article = Article.from_db(connection.alias, ROW_COLUMNS, row[: len(ROW_COLUMNS)])
    article.category = Category.from_db(
        connection.alias, ["id", "name", "slug"], [article.category_id, *row[len(ROW_COLUMNS) :]]
    )
    return article


def with_card_fields(queryset):
    """A list's articles with what their cards need and nothing more: no body, no search text,
    no photos or tags (the misses fetch their photos themselves)."""
    return queryset.select_related("category").only(*FIELDS, *CATEGORY_FIELDS)


@dataclass(frozen=True)
class Card:
    """One rendered card: its HTML, and its cover's share picture (for the page's meta)."""

    html: str
    cover: tuple | None  # (relative social URL, alt text)

    def __str__(self):
        return self.html

    def __html__(self):
        return self.html


@once
def template_digest():
    template = get_template(TEMPLATE)
    source = getattr(template.template, "source", "")
    return hashlib.md5(source.encode(), usedforsecurity=False).hexdigest()[:8]


def _key(article, variant):
    return key(article.pk, variant)


def key(pk, variant):
    """Where an article's card in one variant is kept: a page that knows its articles' ids before
    their rows may fetch the cards with its other cached facts (news.linked)."""
    return f"news:card:{FORMAT}:{template_digest()}:{variant}:{pk}"


def _render(article, variant, template):
    context = {"article": article, "show_lead": False, "show_category": False, "card_sizes": ""}
    context.update(VARIANTS[variant])
    cover = article.cover
    return Card(
        SafeString(template.render(context)),
        (social_url(cover.image), cover.alt_text) if cover else None,
    )


def _lookup(wanted):
    """The stored cards that are still current, and the stamp of each article (None: not storable)."""
    slugs = {a.pk: freshness.article_key(a.slug) for a, _ in wanted}
    sections = [*dict.fromkeys(slugs.values()), freshness.TAXONOMY, freshness.ARTICLES]
    try:
        gens, found = pagecache.generations(sections, [_key(a, v) for a, v in wanted])
    except Exception:
        logger.warning("Article cards: the cache does not answer", exc_info=True)
        return {}, {}
    current = dict(zip(sections, gens, strict=True))
    shared = (current[freshness.TAXONOMY], current[freshness.ARTICLES])
    stamps = {}
    for article, _ in wanted:
        stamp = (article.version, current[slugs[article.pk]], *shared)
        stamps[article.pk] = None if None in stamp else stamp
    hits = {}
    for article, variant in wanted:
        entry = found.get(_key(article, variant))
        if entry is not None and stamps[article.pk] is not None and entry[0] == stamps[article.pk]:
            hits[(article.pk, variant)] = Card(SafeString(entry[1]), entry[2])
    return hits, stamps


def render(wanted):
    """The cards of [(article, variant), …] in that order: from the cache where current, the
    rest rendered (their photos in one query) and stored, in one round trip each way."""
    wanted = [(a, v) for a, v in wanted if a is not None]
    if not wanted:
        return []
    hits, stamps = _lookup(wanted) if pagecache.enabled() else ({}, {})
    missing = [(a, v) for a, v in wanted if (a.pk, v) not in hits]
    if missing:
        articles = list({a.pk: a for a, _ in missing}.values())
        prefetch_related_objects(
            articles, Prefetch("photos", queryset=Photo.objects.exclude(image=""))
        )
        template = get_template(TEMPLATE)
        store = {}
        for article, variant in missing:
            card = hits[(article.pk, variant)] = _render(article, variant, template)
            if stamps.get(article.pk) is not None:
                store[_key(article, variant)] = (stamps[article.pk], card.html, card.cover)
        if store:
            try:
                cachebatch.write(store, SECONDS)
            except Exception:
                logger.warning("Article cards: not stored", exc_info=True)
    return [hits[(a.pk, v)] for a, v in wanted]


def render_groups(groups):
    """render() for several blocks of a page at once: a list of cards per block (an absent
    article, such as no lead story, gives no card)."""
    groups = [[(a, v) for a, v in group if a is not None] for group in groups]
    rendered = iter(render([pair for group in groups for pair in group]))
    return [[next(rendered) for _ in group] for group in groups]


def first_cover(cards):
    """The share picture of a page: the first cover among its cards, as (URL, alt) or None."""
    return next((card.cover for card in cards if card.cover), None)
