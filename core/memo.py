"""Small values that many pages show, read from the database once per change of their sections;
and the parts of a page that change with fewer sections than the page (a list's rows, a page's own
object), kept per change of those.

A row (a programme's card, a worker's portrait card) is kept under its list's name and its id,
stamped with the generations of the sections it shows (core.pagecache) and whatever else it
depends on (the day, for a status read from dates): a page's rows come in one MGET, the misses are
rendered together and stored in one more. A row whose stamp differs is a miss, rendered again and
overwritten, so stale rows do not pile up. A programme's card does not show the news, so
publishing an article makes the programmes' list render again, but not its cards. news.cards does
the same for article cards, with a stamp per article. keep() keeps a page's own object the same
way (a programme with its partners and tasks). Rows and kept objects are off, like the page cache,
without a shared cache; a cache that does not answer costs the renders, never the page.
"""

import hashlib
import logging
import math
import time

from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe

from core import cachebatch
from core.pagecache import (
    default_seconds,
    enabled,
    generations,
    page_seconds,
    seconds_to_midnight,
)

logger = logging.getLogger(__name__)

# The stamp keeps rows and kept objects right; this only bounds what an untouched one holds.
SECONDS = 3600


def remember(name, sections, compute, *, daily=False, scheduled=False, inputs=None):
    """A small value that many pages show (the menu's categories, the active topics), kept in the
    cache with the generations of the sections it comes from: read from the database once per
    change, not once per page. Kept under one fixed name beside those generations, so that a
    render fetches it with its other cached facts in one round trip (core.cachebatch). A cache in
    each process (no Redis) learns of another process's change when the entry expires; a cache
    that does not answer costs the query, never the page.

    daily: the value also depends on the site's date (the programmes in force today). It carries
    the day it was computed on, under the same fixed name (no key per day), is computed again on
    the next day, and is kept no later than the site's midnight.

    scheduled: the value also changes when something scheduled in these sections comes due (an
    article going up at its time, with no save): it is kept no later than their next scheduled
    change, as the lists' facts are (core.listmemo.ListMemo), and carries that moment.

    inputs: what else the value is computed from (the ids of the most-read list), compared with
    what it was computed from as the generations are."""
    key = f"pagecache:remember:{name}"
    gens = None
    try:
        gens, values = generations(tuple(sections), extra_keys=[key], learn=True)
        stamp = (gens, timezone.localdate().isoformat()) if daily else gens
        if inputs is not None:
            stamp = (stamp, inputs)
        found = values.get(key)
        if None not in gens and found is not None and found[0] == stamp and _in_time(found):
            return found[1]
    except Exception:
        logger.warning("Page cache: %s not read from the cache", name, exc_info=True)
        gens = None
    value = compute()
    if gens is not None and None not in gens:
        seconds = default_seconds()
        if daily:
            seconds = max(1, min(seconds, math.ceil(seconds_to_midnight())))
        try:
            if scheduled:
                # page_seconds() bounds it by the default lifetime and the midnight too.
                left = page_seconds(tuple(sections), gens)
                if left >= 1:
                    cachebatch.store(key, (stamp, value, time.time() + left), math.ceil(left))
            else:
                cachebatch.store(key, (stamp, value), seconds)
        except Exception:
            logger.warning("Page cache: %s not stored", name, exc_info=True)
    return value


def rendered(name, sections, template_name, context, **kwargs):
    """A block's HTML, remembered as remember() remembers a value (the same keywords): the
    template rendered with context(), for a block that shows only what these sections hold (the
    home page's programmes, partners, featured worker). A cold render then neither reads nor
    renders it. Kept no longer than a page is (PAGECACHE_SECONDS), so that an edited template
    shows as soon as on the cached pages."""
    return mark_safe(
        remember(name, sections, lambda: get_template(template_name).render(context()), **kwargs)
    )


def _in_time(found):
    """Whether a remembered value is still in time: one kept until a scheduled change carries
    that moment (a Unix time) after its value."""
    return len(found) < 3 or found[2] > time.time()


def template_digest(*names):
    """A short digest of these templates' sources, for a list's name: a deploy that edits one
    never serves rows rendered from the old source."""
    sources = "".join(getattr(get_template(name).template, "source", "") for name in names)
    return hashlib.md5(sources.encode(), usedforsecurity=False).hexdigest()[:8]


def _lookup(name, keys, sections, stamp, raw=()):
    """The stored values of `keys` that carry the current stamp (those in `raw` as stored,
    whatever their stamp), and that stamp (None: the cache does not answer, nothing to store)."""
    if not keys or not enabled():
        return {}, None
    try:
        gens, values = generations(tuple(sections), extra_keys=keys)
    except Exception:
        logger.warning("%s: the cache does not answer", name, exc_info=True)
        return {}, None
    found = {key: values[key] for key in raw if values.get(key) is not None}
    if None in gens:
        return found, None
    current = (gens, *stamp)
    for key in keys:
        entry = values.get(key)
        if key not in raw and entry is not None and entry[0] == current and _in_time(entry):
            found[key] = entry[1]
    return found, current


def _store(name, values, current, until=None):
    """Store each value with the stamp `current`; until: the Unix time it stops being in time
    (the next scheduled change), else it is kept SECONDS."""
    if current is None or not values:
        return
    seconds = SECONDS if until is None else until - time.time()
    if seconds < 1:
        return
    entries = {
        key: (current, value) if until is None else (current, value, until)
        for key, value in values.items()
    }
    try:
        cachebatch.write(entries, math.ceil(seconds))
    except Exception:
        logger.warning("%s: not stored", name, exc_info=True)


def rows(name, pks, render, *, sections, stamp=()):
    """The HTML of the rows `pks`, in that order: from the cache where stored under the current
    generations of `sections` and `stamp`, the others from render(missing pks) → {pk: HTML} and
    stored. A row that render() no longer finds (deleted meanwhile) is left out."""
    keys = {pk: f"pagecache:row:{name}:{pk}" for pk in pks}
    stored, current = _lookup(name, [*keys.values()], sections, stamp)
    found = {pk: mark_safe(stored[key]) for pk, key in keys.items() if key in stored}
    missing = [pk for pk in keys if pk not in found]
    if missing:
        made = {pk: str(html) for pk, html in render(missing).items()}
        found.update((pk, mark_safe(html)) for pk, html in made.items())
        _store(name, {keys[pk]: html for pk, html in made.items()}, current)
    return [found[pk] for pk in keys if pk in found]


def kept_key(name):
    """The cache key under which keep() keeps `name` (to fetch it early: core.cachebatch.prefetch)."""
    return f"pagecache:kept:{name}"


def keep(name, compute, *, sections, stamp=(), also=(), scheduled=False):
    """A page's object with what it shows that changes only with `sections` (a programme, its
    partners and tasks), kept under `name` like a row: from the cache when its stamp is current,
    else compute() and stored. Whatever compute() raises (Http404) is raised, nothing stored.

    scheduled: it also changes when something scheduled in these sections comes due (an article
    coming down at its time, with no save): kept no later than their next scheduled change, as
    remember(scheduled=True) keeps a value.

    Returns the object and what the cache holds under the keys `also` (other facts of the page,
    stamped their own way), read in the same round trip."""
    key = kept_key(name)
    keys = [key, *also]
    stored, current = _lookup(name, keys, sections, stamp, raw=also)
    extras = {k: stored.pop(k) for k in also if k in stored}
    if key in stored:
        return stored[key], extras
    value = compute()
    until = None
    if scheduled and current is not None:
        try:
            # page_seconds() bounds it by the page's lifetime and the midnight too.
            until = time.time() + page_seconds(tuple(sections), current[0])
        except Exception:
            logger.warning("%s: no lifetime", name, exc_info=True)
            return value, extras
    _store(name, {key: value}, current, until)
    return value, extras
