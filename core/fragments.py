"""A list's rows rendered once per change of what they show and kept in the cache: a page's rows in
one MGET, the misses rendered together and stored in one more.

A row (a programme's card, a worker's portrait card) is kept under its list's name and its id,
stamped with the generations of the sections it shows (core.pagecache) and whatever else it
depends on (the day, for a status read from dates). A row whose stamp differs is a miss, rendered
again and overwritten, so stale rows do not pile up. The sections are the rows' own, fewer than
the page's: a programme's card does not show the news, so publishing an article makes the
programmes' list render again, but not its cards. news.cards does the same for article cards,
with a stamp per article.

Off, like the page cache, without a shared cache; a cache that does not answer costs the renders,
never the page.
"""

import hashlib
import logging

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from core import pagecache

# The stamp keeps rows right; this only bounds what an untouched row holds in the cache.
SECONDS = 3600

logger = logging.getLogger(__name__)


def template_digest(*names):
    """A short digest of these templates' sources, for a list's name: a deploy that edits one
    never serves rows rendered from the old source."""
    sources = "".join(getattr(get_template(name).template, "source", "") for name in names)
    return hashlib.md5(sources.encode(), usedforsecurity=False).hexdigest()[:8]


def rows(name, pks, render, *, sections, stamp=()):
    """The HTML of the rows `pks`, in that order: from the cache where stored under the current
    generations of `sections` and `stamp`, the others from render(missing pks) → {pk: HTML} and
    stored. A row that render() no longer finds (deleted meanwhile) is left out."""
    keys = {pk: f"fragment:{name}:{pk}" for pk in pks}
    found, current = {}, None
    if keys and pagecache.enabled():
        try:
            gens, values = pagecache.generations(tuple(sections), extra_keys=[*keys.values()])
        except Exception:
            logger.warning("Rows of %s: the cache does not answer", name, exc_info=True)
        else:
            if None not in gens:
                current = (gens, *stamp)
                for pk, key in keys.items():
                    entry = values.get(key)
                    if entry is not None and entry[0] == current:
                        found[pk] = mark_safe(entry[1])
    missing = [pk for pk in keys if pk not in found]
    if missing:
        made = render(missing)
        found.update((pk, mark_safe(html)) for pk, html in made.items())
        if current is not None and made:
            try:
                store = {keys[pk]: (current, str(html)) for pk, html in made.items()}
                cache.set_many(store, SECONDS)
            except Exception:
                logger.warning("Rows of %s: not stored", name, exc_info=True)
    return [found[pk] for pk in keys if pk in found]
