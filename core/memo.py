"""Small values that many pages show, read from the database once per change of their sections."""

import logging
import math

from django.utils import timezone

from core import cachebatch
from core.pagecache import default_seconds, generations, seconds_to_midnight

logger = logging.getLogger(__name__)


def remember(name, sections, compute, *, daily=False):
    """A small value that many pages show (the menu's categories, the active topics), kept in the
    cache with the generations of the sections it comes from: read from the database once per
    change, not once per page. Kept under one fixed name beside those generations, so that a
    render fetches it with its other cached facts in one round trip (core.cachebatch). A cache in
    each process (no Redis) learns of another process's change when the entry expires; a cache
    that does not answer costs the query, never the page.

    daily: the value also depends on the site's date (the programmes in force today). It carries
    the day it was computed on, under the same fixed name (no key per day), is computed again on
    the next day, and is kept no later than the site's midnight."""
    key = f"pagecache:remember:{name}"
    gens = None
    try:
        gens, values = generations(tuple(sections), extra_keys=[key], learn=True)
        stamp = (gens, timezone.localdate().isoformat()) if daily else gens
        found = values.get(key)
        if None not in gens and found is not None and found[0] == stamp:
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
            cachebatch.store(key, (stamp, value), seconds)
        except Exception:
            logger.warning("Page cache: %s not stored", name, exc_info=True)
    return value
