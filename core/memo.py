"""Small values that many pages show, read from the database once per change of their sections."""

import logging
import math
import time

from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe

from core import cachebatch
from core.pagecache import default_seconds, generations, page_seconds, seconds_to_midnight

logger = logging.getLogger(__name__)


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
