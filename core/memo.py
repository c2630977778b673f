"""Small values that many pages show, read from the database once per change of their sections."""

import logging

from core import cachebatch
from core.pagecache import default_seconds, generations

logger = logging.getLogger(__name__)


def remember(name, sections, compute):
    """A small value that many pages show (the menu's categories, the active topics), kept in the
    cache with the generations of the sections it comes from: read from the database once per
    change, not once per page. Kept under one fixed name beside those generations, so that a
    render fetches it with its other cached facts in one round trip (core.cachebatch). A cache in
    each process (no Redis) learns of another process's change when the entry expires; a cache
    that does not answer costs the query, never the page."""
    key = f"pagecache:remember:{name}"
    gens = None
    try:
        gens, values = generations(tuple(sections), extra_keys=[key], learn=True)
        found = values.get(key)
        if None not in gens and found is not None and found[0] == gens:
            return found[1]
    except Exception:
        logger.warning("Page cache: %s not read from the cache", name, exc_info=True)
        gens = None
    value = compute()
    if gens is not None and None not in gens:
        try:
            cachebatch.store(key, (gens, value), default_seconds())
        except Exception:
            logger.warning("Page cache: %s not stored", name, exc_info=True)
    return value
