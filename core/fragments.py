"""A list's rows rendered once per change of what they show and kept in the cache: a page's rows in
one MGET, the misses rendered together and stored in one more.

A row (a programme's card, a worker's portrait card) is kept under its list's name and its id,
stamped with the generations of the sections it shows (core.pagecache) and whatever else it
depends on (the day, for a status read from dates). A row whose stamp differs is a miss, rendered
again and overwritten, so stale rows do not pile up. The sections are the rows' own, fewer than
the page's: a programme's card does not show the news, so publishing an article makes the
programmes' list render again, but not its cards. news.cards does the same for article cards,
with a stamp per article. one() keeps a page's own object the same way (a programme with its
partners and tasks, read from the database once per change to the programmes).

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


def _lookup(name, keys, sections, stamp):
    """The stored values of `keys` that carry the current stamp, and that stamp (None: the cache
    does not answer, nothing to store)."""
    if not keys or not pagecache.enabled():
        return {}, None
    try:
        gens, values = pagecache.generations(tuple(sections), extra_keys=keys)
    except Exception:
        logger.warning("%s: the cache does not answer", name, exc_info=True)
        return {}, None
    if None in gens:
        return {}, None
    current = (gens, *stamp)
    found = {}
    for key in keys:
        entry = values.get(key)
        if entry is not None and entry[0] == current:
            found[key] = entry[1]
    return found, current


def _store(name, values, current):
    if current is None or not values:
        return
    try:
        cache.set_many({key: (current, value) for key, value in values.items()}, SECONDS)
    except Exception:
        logger.warning("%s: not stored", name, exc_info=True)


def rows(name, pks, render, *, sections, stamp=()):
    """The HTML of the rows `pks`, in that order: from the cache where stored under the current
    generations of `sections` and `stamp`, the others from render(missing pks) → {pk: HTML} and
    stored. A row that render() no longer finds (deleted meanwhile) is left out."""
    keys = {pk: f"fragment:{name}:{pk}" for pk in pks}
    stored, current = _lookup(name, [*keys.values()], sections, stamp)
    found = {pk: mark_safe(stored[key]) for pk, key in keys.items() if key in stored}
    missing = [pk for pk in keys if pk not in found]
    if missing:
        made = {pk: str(html) for pk, html in render(missing).items()}
        found.update((pk, mark_safe(html)) for pk, html in made.items())
        _store(name, {keys[pk]: html for pk, html in made.items()}, current)
    return [found[pk] for pk in keys if pk in found]


def one(name, compute, *, sections, stamp=()):
    """A page's object with what it shows that changes only with `sections` (a programme, its
    partners and tasks), kept under `name` like a row: from the cache when its stamp is current,
    else compute() and stored. Whatever compute() raises (Http404) is raised, nothing stored."""
    key = f"fragment:{name}"
    stored, current = _lookup(name, [key], sections, stamp)
    if key in stored:
        return stored[key]
    value = compute()
    _store(name, {key: value}, current)
    return value
