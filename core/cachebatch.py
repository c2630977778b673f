"""One round trip for the small cached facts a page render reads (generations, the site profile,
the menu, the next scheduled change), instead of one each.

The page cache middleware opens a batch for each page it renders, after its own MGET (the page
and its sections' generations) missed: one more MGET fetches every fixed key that earlier renders
of the same view read through get(…, learn=True) or generations(…, learn=True), the keys that do
not change from one request to the next (the site profile's, the menu's). A warm hit never reads
them. The same MGET fetches the other keys that this page's last render in this process read (an
article's own generation, its kept row and related list: keys that differ from page to page), so
that a page rendered again reads the cache once. Reads of those keys during the render are then
answered from the batch; other keys still go to the cache.
What is read from the batch was read at the start of the request: for a generation that is the
safe side (a bump that lands during the render makes the stored page stale at once). Without an
open batch (commands, tests without the page cache) every read goes to the cache as before.
"""

import contextvars
import threading
from collections import OrderedDict

from django.core.cache import cache

# Keys per view at most: a view that read more would only make its MGET heavier.
MAX_LEARNED = 64
# Pages whose other keys this process remembers (their last render's), least recently used out.
MAX_PAGES = 2000

_batch = contextvars.ContextVar("core_cachebatch", default=None)
_learned = {}  # view name → fixed keys its renders read
_pages = OrderedDict()  # page → the other keys its last render read (its own objects' facts)
_lock = threading.Lock()


class _Batch:
    def __init__(self, view, values, page=None, skip=()):
        self.view = view
        self.values = values  # key → value; a key fetched and absent maps to None
        self.page = page
        self.skip = set(skip)  # keys fetched for the page anyway: not the page's own to learn
        self.asked = {}  # every key the render read, in order
        self.deferred = []  # writes to make when the render ends (defer())
        self.writes = {}  # key → (value, timeout): write() buffered, written when it ends


def open_batch(view, known, page=None):
    """Fetch in one MGET the keys that earlier renders of `view` read, and those that the last
    render of `page` (a page's cache key: an article's own kept row, its related list…) read in
    this process, besides `known` (keys already fetched for this request, with what the cache
    answered); a token for close_batch()."""
    values = dict(known)
    with _lock:  # another thread may be teaching this view a key
        learned = tuple(_learned.get(view, ()))
        own = _pages.get(page, ()) if page is not None else ()
        if own:
            _pages.move_to_end(page)
    wanted = [key for key in dict.fromkeys([*learned, *own]) if key not in values]
    if wanted:
        values.update(cache.get_many(wanted))
    batch = _Batch(view, {key: values.get(key) for key in [*wanted, *values]}, page)
    batch.skip.update(learned)
    batch.skip.update(known)
    return _batch.set(batch)


def close_batch(token):
    batch = _batch.get()
    if batch is not None:
        for deferred in batch.deferred:
            deferred()
    _batch.reset(token)
    if batch is None:
        return
    if batch.writes:
        _write_now(batch.writes)
    if batch.page is None:
        return
    own = tuple(key for key in batch.asked if key not in batch.skip)[:MAX_LEARNED]
    with _lock:
        if own:
            _pages[batch.page] = own
            _pages.move_to_end(batch.page)
            while len(_pages) > MAX_PAGES:
                _pages.popitem(last=False)
        else:
            _pages.pop(batch.page, None)


def _learn(batch, keys):
    if batch is None or batch.view is None:
        return
    known = _learned.setdefault(batch.view, set())
    new = [key for key in keys if key not in known]
    if new:
        with _lock:
            known.update(new[: max(0, MAX_LEARNED - len(known))])


def get_many(keys, *, learn=False):
    """Like cache.get_many(), answered from the open batch for the keys it holds."""
    batch = _batch.get()
    if batch is None:
        return cache.get_many(keys)
    batch.asked.update(dict.fromkeys(keys))
    found = {k: batch.values[k] for k in keys if k in batch.values and batch.values[k] is not None}
    rest = [k for k in keys if k not in batch.values]
    if rest:
        fetched = cache.get_many(rest)
        found.update(fetched)
        # Read once per render: a generation read again later in it is the one read first (the
        # safe side, as the batch's own keys are).
        batch.values.update({k: fetched.get(k) for k in rest})
        if learn:
            _learn(batch, rest)
    return found


def prefetch(keys):
    """Read these keys now, in one round trip, for the reads the render makes of them later (a
    page's own facts, known from its address before its first render in this process)."""
    if _batch.get() is not None:
        get_many(keys)


def get(key, default=None, *, learn=False):
    found = get_many([key], learn=learn)
    return found.get(key, default)


def defer(write):
    """Call write() when the render ends, with the other writes it made (a list's facts in one
    round trip); False without an open batch: the caller writes now."""
    batch = _batch.get()
    if batch is None:
        return False
    batch.deferred.append(write)
    return True


def write(entries, timeout):
    """cache.set_many(), made when the render ends with its other writes, in one round trip (the
    Redis cache's set_each), and seen by the render's later reads; now without an open batch."""
    batch = _batch.get()
    if batch is None:
        cache.set_many(entries, timeout)
        return
    for key, value in entries.items():
        batch.writes[key] = (value, timeout)
        batch.values[key] = value


def _write_now(writes):
    set_each = getattr(cache, "set_each", None)
    if set_each is not None:
        set_each(writes)
        return
    by_timeout = {}
    for key, (value, timeout) in writes.items():
        by_timeout.setdefault(timeout, {})[key] = value
    for timeout, entries in by_timeout.items():
        cache.set_many(entries, timeout)


def store(key, value, timeout):
    """cache.set(), and the open batch sees the new value."""
    cache.set(key, value, timeout)
    batch = _batch.get()
    if batch is not None and key in batch.values:
        batch.values[key] = value


def seed(values):
    """Keys read during the render (with what the cache answered, None for absent): later reads of
    them in the same render are answered from the batch, as its own keys are."""
    batch = _batch.get()
    if batch is not None:
        batch.values.update(values)


def forget(*keys):
    """These keys were changed behind the batch's back (an added generation): read them again."""
    batch = _batch.get()
    if batch is not None:
        for key in keys:
            batch.values.pop(key, None)
