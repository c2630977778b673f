"""Small facts about one list (its row count, where page N starts), kept per generation of the
page cache's sections (core.pagecache) that the list depends on."""

import hashlib
import logging
import math
import time

from core import cachebatch
from core.pagecache import enabled, generations, page_seconds

logger = logging.getLogger(__name__)


class ListMemo:
    """Small facts about one list (its row count, the first row of page N), kept per generation of
    the sections it depends on and never past the next scheduled change.

    COUNT(*) over 100,000 published articles costs more than rendering the page, and OFFSET 9,980
    walks ten thousand index entries; both only change when an article is saved (a bump) or a
    scheduled one comes due (the lifetime). Off, like the page cache, without a shared cache:
    another worker could not tell this one that the list changed.
    """

    def __init__(self, name, sections, *, learn=False):
        """learn: the sections are the same on every render of the view (generations())."""
        self.enabled = enabled()
        if self.enabled:
            self.sections = tuple(sections)
            try:
                self.gens, _ = generations(self.sections, learn=learn)
            except Exception:
                # An unreachable cache costs a COUNT and an OFFSET, never the page.
                logger.warning("Page cache: list memo off", exc_info=True)
                self.enabled = False
                return
            if None in self.gens:  # the cache does not answer: see PageCacheMiddleware._cached
                self.enabled = False
                return
            digest = hashlib.md5(repr((name, self.gens)).encode(), usedforsecurity=False)
            self.prefix = f"pagecache:list:{digest.hexdigest()}:"
        self._read = {}  # key → what the cache answered for it in fetch(), or what set() kept
        self._pending = {}  # key → what set() kept, not written yet
        self._lifetime = None

    def fetch(self, *keys):
        """Read these facts in one round trip: get() answers from it, and set() skips writing a
        fact the cache already holds."""
        if not self.enabled:
            return
        try:
            found = cachebatch.get_many([self.prefix + key for key in keys])
        except Exception:
            logger.warning("Page cache: list memo unreadable", exc_info=True)
            return
        self._read.update((key, found.get(self.prefix + key)) for key in keys)

    @staticmethod
    def fetch_together(pairs):
        """fetch() for several memos at once: [(memo, key), …] in one round trip."""
        pairs = [(memo, key) for memo, key in pairs if memo.enabled]
        if not pairs:
            return
        try:
            found = cachebatch.get_many([memo.prefix + key for memo, key in pairs])
        except Exception:
            logger.warning("Page cache: list memo unreadable", exc_info=True)
            return
        for memo, key in pairs:
            memo._read[key] = found.get(memo.prefix + key)

    def _entry(self, key):
        if key in self._read:
            return self._read[key]
        try:
            return cachebatch.get(self.prefix + key)
        except Exception:
            logger.warning("Page cache: list memo unreadable", exc_info=True)
            return None

    def get(self, key):
        if not self.enabled:
            return None
        found = self._entry(key)
        if found is not None and found[1] > time.time():
            return found[0]
        return None

    def set(self, key, value):
        """Keep a fact. With a render's batch open (core.cachebatch) the facts a render keeps
        are written together when it ends, in one round trip; this memo reads them back."""
        if not self.enabled:
            return
        now = time.time()
        held = self._read.get(key)
        if held is not None and held[0] == value and held[1] > now:
            return
        try:
            seconds = self._seconds()
        except Exception:
            logger.warning("Page cache: list memo not stored", exc_info=True)
            return
        if seconds < 1:
            return
        entry = (value, now + seconds)
        self._read[key] = entry
        first = not self._pending
        self._pending[key] = entry
        if first and not cachebatch.defer(self.flush):
            self.flush()

    def _seconds(self):
        """How long its facts live: the page cache's lifetime for these sections, asked once."""
        if self._lifetime is None:
            self._lifetime = (page_seconds(self.sections, self.gens), time.time())
        seconds, asked = self._lifetime
        return seconds - (time.time() - asked)

    def flush(self):
        pending, self._pending = self._pending, {}
        if not pending:
            return
        seconds = min(entry[1] for entry in pending.values()) - time.time()
        if seconds < 1:
            return
        try:
            cachebatch.write(
                {self.prefix + key: entry for key, entry in pending.items()}, math.ceil(seconds)
            )
        except Exception:
            logger.warning("Page cache: list memo not stored", exc_info=True)
