"""The public articles among those another page links to by id (a programme's, its tasks', a
worker profile's), with what their cards show, kept beside the generations of every linked article.

Which of the linked articles are public, and what their cards show, changes only when one of them
is saved or deleted (news.freshness bumps its own generation, under its slug before and after the
save), when a category is renamed (news-taxonomy), after a bulk change in the admin, or when a
scheduled article goes up or comes down (news-articles, whose next change also bounds how long the
list is kept). The links themselves are the linking page's: their ids are part of the stamp. The
page reads the stored list with its own cached object (core.memo.keep's `also`), checks the
generations in one more round trip, and then runs no SQL. Without a shared cache, or when it does
not answer, the query runs every time.
"""

import logging
import math
import time

from django.core.cache import cache

from core import cachebatch, pagecache
from news import cards, freshness
from news.models import Article

logger = logging.getLogger(__name__)

# Raise when what is kept changes shape.
FORMAT = 1
# The stamp keeps the list right; this only bounds what an untouched one holds in the cache.
SECONDS = 6 * 3600
SECTIONS = (freshness.TAXONOMY, freshness.ARTICLES)


def key(name):
    """Where the list linked from `name` ("agreement:<slug>") is kept: the page reads it with its
    own cached object."""
    return f"news:linked:{FORMAT}:{cards.ROW_FORMAT}:{name}"


def _rows(ids):
    """The public articles among `ids`, newest first, as news.cards.as_row() keeps them."""
    published = Article.objects.published().filter(pk__in=ids)
    return list(published.values_list(*cards.ROW_COLUMNS, *cards.CATEGORY_FIELDS))


def _current(found, ids, variant):
    """The stored rows if their stamp still holds, else None. The cards of the rows in `variant`
    come in the same round trip, for news.cards to find in the render's batch."""
    if found is None:
        return None
    (stored_ids, names, gens), expires, rows = found
    if stored_ids != ids or expires <= time.time():
        return None
    wanted = (
        [cards.key(row[cards.ROW_COLUMNS.index("id")], variant) for row in rows] if variant else []
    )
    current, values = pagecache.generations([*names, *SECTIONS], extra_keys=wanted)
    cachebatch.seed({**{k: values.get(k) for k in wanted}, **values})
    return rows if None not in current and tuple(current) == gens else None


def public(name, ids, found=None, *, variant=None):
    """The public articles among `ids` with what their cards show, newest first; `found`: what
    the cache held under key(name), read by the caller; `variant`: the cards the page shows of
    them (news.cards), fetched with the list's check."""
    ids = tuple(sorted(set(ids)))
    if not ids:
        return []
    if not pagecache.enabled():
        return [cards.from_row(row) for row in _rows(ids)]
    try:
        rows = _current(found, ids, variant)
    except Exception:
        logger.warning("Linked articles: the cache does not answer", exc_info=True)
        return [cards.from_row(row) for row in _rows(ids)]
    if rows is not None:
        return [cards.from_row(row) for row in rows]
    # Every linked article's generation, public or not (a draft may be published), read before
    # the rows: an edit that lands meanwhile makes the stored list stale at once.
    slugs = Article.objects.filter(pk__in=ids).values_list("slug", flat=True)
    names = tuple(freshness.article_key(slug) for slug in slugs)
    try:
        gens, _ = pagecache.generations([*names, *SECTIONS])
    except Exception:
        logger.warning("Linked articles: the cache does not answer", exc_info=True)
        gens = (None,)
    rows = _rows(ids)
    if None not in gens:
        try:
            seconds = min(SECONDS, pagecache.page_seconds(SECTIONS, gens[len(names) :]))
            if seconds >= 1:
                stamp = (ids, names, tuple(gens))
                cache.set(key(name), (stamp, time.time() + seconds, rows), math.ceil(seconds))
        except Exception:
            logger.warning("Linked articles: not stored", exc_info=True)
    return [cards.from_row(row) for row in rows]
