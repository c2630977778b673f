"""Small values that many pages show, read from the database once per change of their sections."""

import logging

from django.core.cache import cache

from core.pagecache import default_seconds, generations

logger = logging.getLogger(__name__)


def remember(name, sections, compute):
    """A small value that many pages show (the menu's categories, the active topics), kept in the
    cache under the generations of the sections it comes from: read from the database once per
    change, not once per page. A cache in each process (no Redis) learns of another process's
    change when the entry expires; a cache that does not answer costs the query, never the page."""
    key = None
    try:
        gens, _ = generations(tuple(sections))
        if None not in gens:
            key = f"pagecache:remember:{name}:" + ":".join(str(g) for g in gens)
            found = cache.get(key)
            if found is not None:
                return found
    except Exception:
        logger.warning("Page cache: %s not read from the cache", name, exc_info=True)
        key = None
    found = compute()
    if key:
        try:
            cache.set(key, found, default_seconds())
        except Exception:
            logger.warning("Page cache: %s not stored", name, exc_info=True)
    return found
