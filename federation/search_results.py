"""The search page's results, found and rendered once per query, tab and page for each state of the
site, not once per visitor.

What a search finds, and how its results read, depends on the query's folded words (core.search:
its terms, its words in order and its quoted phrases) and on the rows of the searched kinds; not on
how the words were typed ("Công đoàn", "cong doan") nor on who asks (every source searches the
public rows only). So each kind's count, page number and results' HTML
(includes/search_result.html, each lit for the query) are kept as a core.listmemo.ListMemo of the
sections that kind's results show (core.search.Source.sections): an edit, publish, unpublish or
delete bumps one of them and the next visitor searches that kind again, the others staying kept
(a newsroom publishing all day does not make the programmes, profiles and documents be searched
again); a scheduled article going up ends the news's memo at its time, and midnight every memo
(a programme's status). A popular query's second visitor then runs no SQL and renders no result,
only the page around them.

When the memo is gone (an edit, its lifetime), the search runs again, but a result whose source
gives a fingerprint (core.search.Source: what the result shows, such as an article's row and
cover) is rendered only if the fingerprint changed: its HTML is kept per object and query, and
compared with the fingerprint of the row just read, so that it can never outlive an edit.

Both are off without a shared cache, like the page cache and the lists' memo; a cache that does
not answer costs the search, never the page.
"""

import hashlib
import logging
from dataclasses import dataclass
from functools import cache as once

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.template.loader import get_template
from django.utils.safestring import SafeString

from core import cachebatch, pagecache, search
from core.listmemo import ListMemo
from core.pagination import CountedPaginator

PAGE_SIZE = 20
BLOCK_SIZE = 6
TEMPLATE = "includes/search_result.html"
# Raise when what a stored result holds, or how a source renders one, changes; an edit of the
# template itself changes the names on its own (template_digest).
FORMAT = 1
# A kept result is served only while its fingerprint holds; this bounds what an untouched one
# holds in the cache.
RESULT_SECONDS = 3600

logger = logging.getLogger(__name__)


class Shown(SafeString):
    """One result's HTML, with the address it leads to."""

    url = ""

    @classmethod
    def of(cls, html, url):
        shown = cls(html)
        shown.url = url
        return shown


@dataclass
class Found:
    """What the page shows of a search: each kind's count, the listed kind's page, and the first
    results of every other kind ("Tất cả" only)."""

    counts: list  # [(source, count, capped)], in the sources' order
    page: Page | None  # .results: the page's results (Shown); .source, .capped
    blocks: list  # [(source, [Shown], count)]


@once
def template_digest():
    template = get_template(TEMPLATE)
    source = getattr(template.template, "source", "")
    return hashlib.md5(source.encode(), usedforsecurity=False).hexdigest()[:8]


def page_number(value):
    """The page asked for as CountedPaginator.get_page() reads it: anything but a whole number is
    the first page; 0 stands for every number that answers the last page (below 1, or past any
    list), so that each is one memo, not one per number typed."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= CountedPaginator.FAR else 0


def _signature(query):
    """What a query's results depend on: its folded words, not how they were typed."""
    asked = repr((query.terms, query.words, query.phrases))
    return hashlib.md5(asked.encode(), usedforsecurity=False).hexdigest()


def find(query, *, chosen=None, page=None):
    """The results of a query (a core.search.Query with terms) on the "Tất cả" tab, or on the
    tab of the `chosen` source, page `page` as the visitor typed it."""
    sources = search.sources()
    number = page_number(page)
    listed = chosen or next((s for s in sources if s.paginate), None)
    parts = []
    for source in sources:
        role = "page" if source is listed else ("block" if chosen is None else "count")
        name = repr(("search", FORMAT, template_digest(), source.key, _signature(query)))
        # Made before the search, so that an edit landing while it runs makes what it stores
        # stale. Each kind follows only the sections its results show (core.search.Source).
        memo = ListMemo(name, source.sections or pagecache.all_sections(), learn=True)
        parts.append((source, role, memo, f"{role}:{number if role == 'page' else ''}"))
    ListMemo.fetch_together([(memo, key) for _, _, memo, key in parts])
    counts, found_page, blocks = [], None, []
    for source, role, memo, key in parts:
        stored = memo.get(key)
        if stored is None:
            stored = _search(query, source, role, number)
            memo.set(key, stored)
        count, capped, shown = stored[:3]
        counts.append((source.key, count, capped))
        if role == "page":
            found_page = (source.key, stored[3], count, capped, shown)
        elif role == "block" and shown:
            blocks.append((source.key, shown, count))
    return _found((counts, found_page, blocks), sources)


def _search(query, source, role, number):
    """One kind searched: its count, whether it is capped, and its results rendered (role "page":
    page `number` of the list, then the page's number; "block": its first results; "count": its
    count alone), as plain values for the cache."""
    queryset = source.search(query)
    # No result shows the search columns: long texts, not read back.
    queryset = queryset.defer(*getattr(queryset.model, "SEARCH_COLUMNS", ()))
    if role == "page":
        found = CountedPaginator(queryset, PAGE_SIZE).get_page(number)
        count = found.paginator.count
        capped = bool(source.limit) and count >= source.limit
        objects = list(found.object_list)
        return count, capped, _rendered(query, [(source, obj) for obj in objects]), found.number
    if role == "block":
        items = list(queryset.annotate(search_total=Window(Count("pk")))[:BLOCK_SIZE])
        count = items[0].search_total if items else 0
        return count, False, _rendered(query, [(source, obj) for obj in items])
    return queryset.count(), False, []


def _rendered(query, results):
    """(HTML, address) of each (source, object) result: those whose source gives a fingerprint
    from the cache where it still holds (one round trip for all), the others rendered, and stored
    (one more)."""
    keep = {}
    if pagecache.enabled():
        prefix = f"search:result:{FORMAT}:{template_digest()}:{_signature(query)}:"
        for at, (source, obj) in enumerate(results):
            if source.fingerprint is not None:
                # The rank says what the result lights (marks()): a tag can change it alone.
                facts = repr((getattr(obj, "search_rank", None), source.fingerprint(obj)))
                fingerprint = hashlib.md5(facts.encode(), usedforsecurity=False).hexdigest()
                keep[at] = (f"{prefix}{source.key}:{obj.pk}", fingerprint)
    stored = {}
    if keep:
        try:
            stored = cache.get_many([key for key, _ in keep.values()])
        except Exception:
            logger.warning("Search results: the cache does not answer", exc_info=True)
    template = get_template(TEMPLATE)
    rendered, store = [], {}
    for at, (source, obj) in enumerate(results):
        key, fingerprint = keep.get(at, (None, None))
        entry = stored.get(key)
        if entry is not None and entry[0] == fingerprint:
            rendered.append(entry[1:])
            continue
        result = search.result_for(source, obj, query)
        rendered.append((template.render({"result": result}), result.url))
        if key is not None:
            store[key] = (fingerprint, *rendered[-1])
    if store:
        try:
            cachebatch.write(store, RESULT_SECONDS)
        except Exception:
            logger.warning("Search results: not stored", exc_info=True)
    return rendered


def _found(stored, sources):
    counts, page, blocks = stored
    by_key = {source.key: source for source in sources}
    found = Found(
        counts=[(by_key[key], count, capped) for key, count, capped in counts],
        page=None,
        blocks=[(by_key[key], _shown(html), n) for key, html, n in blocks],
    )
    if page is not None:
        key, number, count, capped, html = page
        paginator = Paginator((), PAGE_SIZE)
        paginator.count = count
        found.page = Page(_shown(html), number, paginator)
        found.page.results = found.page.object_list
        found.page.source = by_key[key]
        found.page.capped = capped
    return found


def _shown(results):
    return [Shown.of(html, url) for html, url in results]
