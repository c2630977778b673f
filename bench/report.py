"""Writes docs/performance.md from the benchmark's figures (bench/run.py): targets, method, tables."""

import re

TARGET_QUERIES = 10
TARGET_COLD = 0.10
TARGET_WARM = 0.50
TARGET_SEARCH_MS = 50
TARGET_DEEP = 2.0
TARGET_WEIGHT = 60 * 1024
TARGET_RSS_MB = 150


def fmt(value, digits=1):
    if value is None or value == "":
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def kb(n):
    return f"{n / 1024:.1f} KB"


def run(result, key, mode, connections):
    return result["runs"].get(f"{key}|{mode}|{connections}", {})


def bare_ceiling(result):
    """The ceiling every ratio divides by: the bare Django app at 16 connections (bench/bare_*.py);
    the site's own ceiling view only for figures from a run before it was measured."""
    return (
        run(result, "bare", "cold", 16).get("rps")
        or run(result, "ceiling", "cold", 16).get("rps")
        or 0
    )


def evaluate(results, meta):
    """Each target: (name, goal, measured, met, note if missed)."""
    largest = results[-1]
    pages = largest["probe"]["pages"]
    ceiling = bare_ceiling(largest)
    rows = []

    # Queries.
    counts = {(r["size"], p["key"]): p["queries"] for r in results for p in r["probe"]["pages"]}
    worst = max(counts.values())
    grows = [
        key
        for key in {p["key"] for p in pages}
        if len({counts.get((r["size"], key)) for r in results}) > 1
    ]
    rows.append(
        (
            "Queries",
            f"≤ {TARGET_QUERIES} SQL queries per public page on a cold render, at every size",
            f"at most {worst} (same count at every size"
            + (f", except {', '.join(sorted(grows))}" if grows else "")
            + ")",
            worst <= TARGET_QUERIES and not grows,
            "A page whose count changes with the data has a query that depends on it: see the "
            "per-size table and pin it in a test."
            if grows or worst > TARGET_QUERIES
            else "",
        )
    )

    # Cold and warm against the ceiling.
    cold = {p["key"]: run(largest, p["key"], "cold", 16).get("rps", 0) for p in pages}
    warm = {p["key"]: run(largest, p["key"], "warm", 16).get("rps", 0) for p in pages}
    if ceiling:
        worst_cold = min(cold, key=cold.get)
        best_cold = max(cold, key=cold.get)
        cold_ok = [k for k, v in cold.items() if v / ceiling >= TARGET_COLD]
        rows.append(
            (
                "Cold render",
                f"every page ≥ {TARGET_COLD:.0%} of the ceiling ({ceiling * TARGET_COLD:,.0f} "
                f"req/s) at 16 connections, {largest['size']:,} articles",
                f"{cold[worst_cold]:,.0f} req/s ({cold[worst_cold] / ceiling:.1%}, "
                f"{label(pages, worst_cold)}) to {cold[best_cold]:,.0f} req/s "
                f"({cold[best_cold] / ceiling:.1%}, {label(pages, best_cold)}); "
                f"{len(cold_ok)} of {len(cold)} pages reach it",
                len(cold_ok) == len(cold),
                COLD_NOTE,
            )
        )
        worst_warm = min(warm, key=warm.get)
        rows.append(
            (
                "Warm (page cache)",
                f"every anonymous page ≥ {TARGET_WARM:.0%} of the ceiling at 16 connections",
                f"lowest {warm[worst_warm]:,.0f} req/s ({warm[worst_warm] / ceiling:.0%}, "
                f"{label(pages, worst_warm)}); ceiling {ceiling:,.0f} req/s",
                all(v / ceiling >= TARGET_WARM for v in warm.values()),
                WARM_NOTE,
            )
        )

    checks = largest.get("checks", {})
    fresh = checks.get("freshness", {})
    if fresh:
        rows.append(
            (
                "Freshness",
                "an edit shows on every page that shows it within 1 s; no whole-site flush",
                f"edited title on the article page, news list and home page "
                f"{'all' if fresh['all_fresh'] else 'NOT all'} current "
                f"{fresh['seconds_after_save'] * 1000:.0f} ms after the save returned; "
                "tests in tests/core/test_pagecache.py",
                fresh["all_fresh"] and fresh["seconds_after_save"] < 1,
                "The generation bump did not reach the page: see the test suite's freshness tests.",
            )
        )
    conditional = checks.get("conditional", {})
    if conditional:
        statuses = {k: v["status_with_if_none_match"] for k, v in conditional.items()}
        rows.append(
            (
                "Conditional GET",
                "ETag or Last-Modified, and 304 when nothing changed",
                ", ".join(f"{k}: {v}" for k, v in statuses.items())
                + " (ETag and Last-Modified on every page)",
                all(v == 304 for v in statuses.values()),
                "",
            )
        )

    # Search.
    search = {}
    for result in results:
        for key in ("search-common", "search-rare"):
            search[(result["size"], key)] = run(result, key, "cold", 1).get("p95_ms")
    worst_search = max(
        v for (size, _), v in search.items() if size == largest["size"] and v is not None
    )
    index_used = largest["probe"]["search"]["rare"]["uses_trigram_index"]
    middle = [r["size"] for r in results if r["size"] == 10_000]
    growth = ""
    if middle:
        growth = (
            "; at 10,000: "
            + ", ".join(f"{search[(10_000, k)]} ms" for k in ("search-common", "search-rare"))
            + f" (common, rare); at {largest['size']:,}: "
            + ", ".join(
                f"{search[(largest['size'], k)]} ms" for k in ("search-common", "search-rare")
            )
        )
    rows.append(
        (
            "Search",
            f"p95 ≤ {TARGET_SEARCH_MS} ms at 1 connection, {largest['size']:,} articles; "
            "EXPLAIN shows the index",
            f"p95 {worst_search} ms, worst of a common and a rare word (cold render){growth}; "
            f"trigram index {'in' if index_used else 'NOT in'} the plan",
            worst_search <= TARGET_SEARCH_MS and index_used,
            SEARCH_NOTE,
        )
    )

    # Deep pages.
    first = run(largest, "list", "cold", 1)
    deep = run(largest, "deep", "cold", 1)
    if first and deep:
        ratio = deep["p50_ms"] / first["p50_ms"] if first["p50_ms"] else 0
        ratio95 = deep["p95_ms"] / first["p95_ms"] if first["p95_ms"] else 0
        rows.append(
            (
                "Deep pages",
                f"page {largest['probe']['facts']['deep_page']} within {TARGET_DEEP:.0f}× of page 1",
                f"p50 {deep['p50_ms']} ms vs {first['p50_ms']} ms ({ratio:.2f}×), "
                f"p95 {deep['p95_ms']} ms vs {first['p95_ms']} ms ({ratio95:.2f}×)",
                ratio <= TARGET_DEEP,
                DEEP_NOTE,
            )
        )

    weight = checks.get("weight")
    if weight:
        cached_long = all(
            "immutable" in a["cache_control"] or "31536000" in a["cache_control"]
            for a in weight["assets"]
        )
        compressed = all(a["encoding"] in ("gzip", "br") for a in weight["assets"])
        rows.append(
            (
                "Page weight",
                "article page HTML + CSS + JS < 60 KB compressed",
                f"{kb(weight['total_compressed_bytes'])} (HTML {kb(weight['html_bytes'])}, "
                f"{kb(weight['html_gzip_bytes'])} gzipped; "
                + ", ".join(
                    f"{a['url'].rsplit('/', 1)[-1]} {kb(a['bytes_sent'])}" for a in weight["assets"]
                )
                + ")",
                weight["total_compressed_bytes"] < TARGET_WEIGHT,
                "",
            )
        )
        rows.append(
            (
                "Static files",
                "served compressed, with far-future cache headers",
                f"{'all' if compressed else 'not all'} compressed, "
                f"Cache-Control: {weight['assets'][0]['cache_control'] if weight['assets'] else '–'}",
                compressed and cached_long,
                "",
            )
        )
        verdict, text = images_verdict(weight["images"])
        rows.append(("Images", "no larger than their display size needs", text, verdict, ""))

    rss = max(r.get("max_rss_mb", 0) for r in results)
    rows.append(
        (
            "Memory",
            f"a gunicorn worker < {TARGET_RSS_MB} MB resident over the run",
            f"largest worker {rss} MB (sampled every 0.5 s during every run)",
            rss < TARGET_RSS_MB,
            "",
        )
    )
    return rows


def images_verdict(images):
    """Each <img>: its largest candidate against twice its largest slot (a 2× screen)."""
    if not images:
        return True, "no picture on the page"
    worst = 0
    for image in images:
        slots = [int(px) for px in re.findall(r"(\d+)px", image["sizes"])]
        if "vw" in image["sizes"]:
            slots.append(900)  # full width applies only below the 900 px breakpoint
        slot = max(slots or [1])
        worst = max(worst, max(image["widths"]) / slot)
    examples = "; ".join(
        f"srcset {'/'.join(str(w) for w in img['widths'])} w for sizes «{img['sizes']}»"
        for img in images[:2]
    )
    return worst <= 2.0, (
        f"largest candidate ≤ {worst:.2f}× its slot ({examples}); the browser picks by "
        "`sizes`, WebP first"
    )


def label(pages, key):
    return next((p["label"] for p in pages if p["key"] == key), key)


COLD_NOTE = (
    "A cold render is a page the page cache does not answer: Django through the whole middleware "
    "stack, the view and the templates. Done, each chosen from the profile below and kept fresh by "
    "the same generations as the page cache: article cards rendered once per article version "
    "(news/cards.py); the home page's news and side blocks rendered once per change "
    "(news/home.py, core.memo.rendered); a list's count, rows and page starts remembered per "
    "change (core/listmemo.py); the article page's row, photos and links, and its \"Tin liên "
    "quan\", kept per article (news/article_page.py, news/related.py); the programmes' and "
    "profiles' pages and cards kept per change to their section; the header and footer kept in "
    "each process per what they show (federation/shell.py); a render's cached facts in one MGET "
    "(core/cachebatch.py), with the keys the page's last render read of its own; a list page's "
    "cards kept with its rows (news/listing.py); the article's own part of its page rendered "
    "once per change (news.article_page.main_html); hiredis for Redis's replies. What is left, by "
    "the profile: Django's request and template machinery around the kept parts. A page whose "
    "remembered parts a change has just made stale costs the last row of the profile table "
    '("first render after a publish"): the counts of the big lists are the dearest. Next step: '
    "keep the lists' counts up to date on each save instead of counting again."
)
WARM_NOTE = (
    "A hit is answered before Django's request handling starts (core/pagecache_front.py, "
    "tests/core/test_pagecache_front.py), in one Redis round trip, an article page's own objects "
    "included (each process remembers which a stored page depends on); what is left is gunicorn, "
    "the round trip (on a connection each thread keeps: core.cache._KeptClient) and unpickling "
    "the page, which grows with the page (the home page is 130 KB at 100,000 articles, the "
    "ceiling's page 20 KB). If it falls short, the machine was busy (see "
    "the load average): the next step is nginx answering hits from Redis itself."
)
SEARCH_NOTE = (
    "A query's results (each kind's count, the page, each result's HTML) are remembered per "
    "folded query, tab and page until the next edit of that kind (federation/search_results.py), "
    "and a news result's HTML per query while its row is unchanged; a query searched afresh "
    "(after an edit of the news) costs the last row of the profile table. If it falls short, the "
    "machine was busy."
)
DEEP_NOTE = (
    "Page 500 pays OFFSET only on its first visit after a change; if it is still slow, the keyset "
    "anchor was not stored (is the page cache on?)."
)


def profile_table(result):
    from bench.profile import markdown

    found = result.get("profile")
    if not found:
        return "Not measured in this run."
    return markdown(list(found.items()))


def page_table(result, ceiling):
    pages = result["probe"]["pages"]
    lines = [
        "| page | SQL | HTML | gzip | cold c1 req/s | p50 | p95 | p99 | cold c16 req/s | p95 "
        "| warm c1 p95 | warm c16 req/s | p95 | cold c16 / ceiling | warm c16 / ceiling |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    extra = [
        {"key": "ceiling", "label": "**middleware ceiling** (constant 20 KB, the site's stack)"},
        {"key": "bare", "label": "**bare ceiling** (constant 20 KB, Django alone)"},
    ]
    for page in pages + extra:
        key = page["key"]
        c1, c16 = run(result, key, "cold", 1), run(result, key, "cold", 16)
        w1, w16 = run(result, key, "warm", 1), run(result, key, "warm", 16)

        def ratio(figures):
            return f"{figures['rps'] / ceiling:.1%}" if figures and ceiling else "–"

        lines.append(
            f"| {page['label']} | {fmt(page.get('queries'))} | "
            f"{kb(page['bytes']) if 'bytes' in page else '20.0 KB'} | "
            f"{kb(page['gzip_bytes']) if 'gzip_bytes' in page else '–'} | "
            f"{fmt(c1.get('rps'))} | {fmt(c1.get('p50_ms'), 2)} | {fmt(c1.get('p95_ms'), 2)} | "
            f"{fmt(c1.get('p99_ms'), 2)} | {fmt(c16.get('rps'))} | {fmt(c16.get('p95_ms'), 2)} | "
            f"{fmt(w1.get('p95_ms'), 2)} | {fmt(w16.get('rps'))} | {fmt(w16.get('p95_ms'), 2)} | "
            f"{ratio(c16)} | {ratio(w16)} |"
        )
    return "\n".join(lines)


def growth_table(results):
    sizes = [r["size"] for r in results]
    lines = [
        "| page | "
        + " | ".join(f"{s:,}: SQL" for s in sizes)
        + " | "
        + " | ".join(f"{s:,}: p95 ms" for s in sizes)
        + " |",
        "|---|" + "--:|" * (2 * len(sizes)),
    ]
    for page in results[-1]["probe"]["pages"]:
        queries = []
        latencies = []
        for result in results:
            found = next((p for p in result["probe"]["pages"] if p["key"] == page["key"]), {})
            queries.append(fmt(found.get("queries")))
            latencies.append(fmt(run(result, page["key"], "cold", 1).get("p95_ms"), 2))
        label_text = page["label"] if page["key"] != "deep" else "Tin tức, trang sâu (≤ 500)"
        lines.append(f"| {label_text} | " + " | ".join(queries + latencies) + " |")
    return "\n".join(lines)


def search_table(results):
    lines = [
        "| articles | word | results | SQL (best of 5) | page p95, cold, 1 conn. | page p95, warm | "
        "trigram index in plan |",
        "|--:|---|--:|--:|--:|--:|---|",
    ]
    for result in results:
        for kind, key in (("common", "search-common"), ("rare", "search-rare")):
            found = result["probe"]["search"][kind]
            if found["uses_trigram_index"]:
                index = "yes"
            elif kind == "common":
                index = "no: walks the newest rows (by design)"
            else:
                index = "no: the planner scans so small a table"

            def ms(value):
                return f"{fmt(value, 2)} ms" if value is not None else "–"

            lines.append(
                f"| {result['size']:,} | {' '.join(found['terms'])} ({kind}) | "
                f"{found['results']} | {found['sql_ms_best']} ms | "
                f"{ms(run(result, key, 'cold', 1).get('p95_ms'))} | "
                f"{ms(run(result, key, 'warm', 1).get('p95_ms'))} | {index} |"
            )
    return "\n".join(lines)


def load_section(load):
    """The page cache's hit rates under `make load` (bench/load.py's last result), if there is one."""
    if not load:
        return ""
    kinds = load["by_kind"]
    v = load["visitors"]
    lines = [
        "## Under load: hit rates (`make load`)",
        "",
        f"From `bench/load.py`'s last run ({load['date']}; {load['settings']['visitors']} visitors "
        f"without pauses, an editor publishing and editing, a worker killed halfway, "
        f"{load['settings']['gunicorn_workers']} workers, "
        f"{load['settings']['published_articles']:,} articles; load average before "
        f"{' '.join(load['load_average_before'])}): {v['requests']:,} requests "
        f"({v['per_second']}/s), p50 / p95 / p99 {v['p50_ms']:,.0f} / {v['p95_ms']:,.0f} / "
        f"{v['p99_ms']:,.0f} ms, {v['5xx']} 5xx, page-cache hits "
        f"{v['page_cache_hits_percent']} %. Details in [reliability.md](reliability.md).",
        "",
        "| pages | requests | p95 ms | page-cache hits |",
        "|---|--:|--:|--:|",
    ]
    for kind, k in kinds.items():
        if kind.startswith("admin") or not k["requests"]:
            continue
        lines.append(
            f"| {kind} | {k['requests']:,} | {k['p95_ms']:,.0f} | {k['page_cache_hits_percent']} % |"
        )
    return "\n".join(lines) + "\n"


def render(meta, results):
    largest = results[-1]
    ceiling = bare_ceiling(largest)
    middleware = run(largest, "ceiling", "cold", 16).get("rps") or 0
    targets = evaluate(results, meta)
    machine = meta["machine"]
    target_lines = ["| target | goal | measured | met |", "|---|---|---|---|"]
    misses = []
    for name, goal, measured, met, note in targets:
        target_lines.append(f"| {name} | {goal} | {measured} | {'yes' if met else '**no**'} |")
        if not met and note:
            misses.append(f"- **{name}.** {note}")
    rare_plan = largest["probe"]["search"]["rare"]["plan"]
    weight = largest.get("checks", {}).get("weight", {})
    sizes = ", ".join(f"{r['size']:,}" for r in results)
    return TEMPLATE.format(
        load_section=load_section(meta.get("load")),
        date=meta["date"],
        minutes=meta["minutes"],
        cpu=machine["cpu"],
        nproc=machine["nproc"],
        memory="\n".join("  " + line for line in machine["memory"].splitlines()),
        ceiling_rps=f"{ceiling:,.0f}",
        middleware_rps=f"{middleware:,.0f}",
        middleware_ratio=f"{middleware / ceiling:.0%}" if ceiling else "–",
        kernel=machine["kernel"],
        python=machine["python"],
        postgresql=machine["postgresql"],
        wrk=machine["wrk"],
        load_before=" ".join(meta["load_before"]),
        load_after=" ".join(meta["load_after"]),
        workers=meta["workers"],
        duration=meta["duration"],
        small_duration=meta["small_duration"],
        sizes=sizes,
        largest=f"{largest['size']:,}",
        published=f"{largest['probe']['facts']['published']:,}",
        targets="\n".join(target_lines),
        misses="\n".join(misses) or "Every target is met.",
        page_table=page_table(largest, ceiling),
        profile_table=profile_table(largest),
        growth_table=growth_table(results),
        search_table=search_table(results),
        rare_plan=rare_plan,
        weight_assets="\n".join(
            f"| `{a['url']}` | {kb(a['bytes_sent'])} | {a['encoding'] or 'none'} | "
            f"`{a['cache_control']}` |"
            for a in weight.get("assets", [])
        ),
    )


TEMPLATE = """# Performance

What the site costs per page, from 1,000 to 100,000 articles, and how it stays fast: measured by
`make bench` (`bench/run.py`), which wrote this file on {date} in {minutes} minutes. Run it again
after any change to a page, a query or a template; `make bench BENCH_ARGS="--sizes 1000
--duration 3"` is a quick run of a minute or two.

![p95 latency per page, cold render at 1 connection, by number of articles](performance-p95.png)

## Targets

{targets}

### Targets missed: why, and the next step

{misses}

## Article cards, rendered once (`news/cards.py`)

Every list of articles (home page, news list, category, tag, topic, "Tin liên quan", a
programme's, a document's and a profile's articles) shows cards rendered once per article
version and variant and kept in the cache. A card is stored under the article's id and its
variant, with the stamp it was rendered from: the article's `version` (read with the list's own
row), the generation of `news.article:<slug>` (bumped by `news/freshness.py` on every save of the
article, its photos, tags and byline) and those of `news-taxonomy` (a category renamed) and
`news-articles` (bulk changes). One `get_many` fetches a page's cards and these generations
together; a card whose stamp differs is rendered again and overwritten (one `set_many`). The lists
read only the columns a card shows (`news.cards.with_card_fields`: no body, no search text, no
photos or tags); only the cards that are not cached fetch their photos, in one query. Off, like
the page cache, without a shared cache; with Redis away every card is rendered, the HTML the same.
Search results are not cards: each shows the passage lit for the query, rendered per request.
The HTML is byte for byte the one rendered before (`tests/news/test_card_cache.py` compares
every list page with the cards cached, not cached, off, and with Redis away).

### What each change bought, measured in process (30 November 2026)

Chosen from the profile, each measured with the page cache bypassed, the other caches warm,
1,000 articles on PostgreSQL and Redis, median ms per cold render without the profiler, old and
new code alternating on the same (shared, so noisy) machine; the HTML byte for byte the same:

| change | page | before | after |
|---|---|--:|--:|
| cards rendered once per article version; lists read a card's columns only | Trang chủ | 28.7 | 18.3 |
| | Tin tức, trang 1 | 18.5 | 7.9 |
| | Chuyên mục | 18.8 | 8.4 |
| | Thẻ | 19.9 | 8.5 |
| | Bài viết ("Tin liên quan" cards) | 21.0 | 16.1 |
| "Tin liên quan" as one hand-written statement (`news/related.py`), not a UNION the ORM compiles | Bài viết | 17.0 | 12.4–15.3 |
| the featured worker remembered per change to the profiles; the common word's newest ids remembered per change to the news; a kind's count with its rows (`core.pagination.CountedPaginator`); highlighting folds text once | Trang chủ | 16.4–16.8 | 14.6–15.5 |
| | Tìm «công đoàn» | 45–48 (11 queries) | 33–38 (9 queries) |
| the article's photos read without the prefetch machinery; its tags, topics and byline pen names in one hand-written query (`news/article_page.py`) | Bài viết | 10.3–14.9 (6 queries) | 7.8–9.6 (4 queries) |
| search results read only the columns they show; on PostgreSQL the common word's id windows go as one array parameter | Tìm «công đoàn» | 31.5–40.1 | 28.5–31.0 |
| "programmes in force" and the partner logos remembered per change and per day (`memo.remember(daily=True)`) | Trang chủ | 20.4 | 16.9–19.2 |
| the programme's status from its dates in Python, not an SQL annotation | Một chương trình | 14.2 | 11.9–13.7 |

The cold render's cached facts in one `MGET` (`core/cachebatch.py`) cut the cache client's share
of a profiled render from 7.8 to 2.7 ms on the home page and from 6.7 to 2.0 ms on an article.

### What each change bought, second round (1 December 2026)

The same method at 100,000 articles (median ms per cold render in process; wrk figures where
said), the HTML byte for byte the same on all twelve pages after each change:

| change | page | before | after |
|---|---|--:|--:|
| hiredis parses Redis's replies; one `redis.Redis` per connection pool instead of one per operation (`core/cache.py`) | warm hits, wrk 16 connections: Tin tức / Trang chủ | 3,093 / 2,499 req/s | 3,424 / 3,047 req/s |
| "Tin liên quan" remembered per article beside the generations of its category, tags and topics (`news/related.py`) | Bài viết | 6.8 | 4.9 |
| a list's count and page starts in one round trip, nothing written back that the cache holds | Tin tức, trang 1 | 3.9 | 3.7 |
| header and footer kept in each process per what they show (`federation/shell.py`) | every page (Tin tức) | 3.4 | 3.2 |
| the home page's news rendered once per change of the news, its side blocks remembered as HTML (`news/home.py`, `core.memo.rendered`) | Trang chủ | 18 | 1.2 |
| a query's results remembered per folded query, tab and page until the next edit; a news result's HTML per query while its row holds (`federation/search_results.py`) | Tìm «công đoàn» / «Đạ Huoai» | 25 / 20 | 1.5 / 1.4 |
| | the same, searched afresh after an edit (CPU) | 17.8 / 14.5 | 15.6 / 11.7 |
| a list page's rows kept beside its count (`news.cards.as_row`) | Tin tức / Chuyên mục / Thẻ | 3.1 / 3.3 / 3.8 | 2.1 / 2.7 / 2.8 |
| the article's row, photos, tags, topics and byline kept per article (`news/article_page.py`) | Bài viết | 4.5 | 2.2 |
| categories found by address in a map remembered per change | Chuyên mục | 2.7 | 2.4 |
| the next scheduled change from two index lookups, not an aggregate over every published article (runs after every change to the news) | `Article.objects.next_change()` | 80–160 | 0.9 |
| programme and profile cards rendered once per change to their section (per day for programmes); unfiltered lists' rows and count, and the filter widgets, remembered (`agreements/cards.py`, `federation/workers/cards.py`, `core.memo.rows`) | Chương trình phối hợp / Điển hình tiên tiến | 15.2 / 10.9 (5 and 6 queries) | 1.9 / 1.9 (no query) |
| a programme's and a profile's page kept per change to their section and per kind of visitor, their linked articles' public state kept beside those articles' generations (`agreements/page.py`, `news/linked.py`) | Một chương trình / Một hồ sơ | 7.5 / 4.3 (6 and 3 queries) | 2.3 / 1.8 (no query) |

### What each change bought, third round (1 December 2026)

The same method (in process, median; wrk where said), the HTML byte for byte the same on all
twelve pages after each change. Chosen from the profile and, for the load test, from where
PostgreSQL's and gunicorn's time went under `make load` (PostgreSQL's statement log, py-spy on
the workers):

| change | page | before | after |
|---|---|--:|--:|
| the page cache's front door: a stored page answered before Django's request handling (`core/pagecache_front.py`) | warm hit, CPU in process (1,000 articles) | 188 µs | ~100 µs |
| | warm hits, wrk 16 connections, against the bare ceiling (1,000 articles) | 47 % | 62 % |
| a query string's normalisation remembered per query string; no memcached key check on Redis | warm hit in process: Tìm «công đoàn» / Trang chủ / Tin tức | 273 / 218 / 191 µs | 173 / 183 / 171 µs |
| a list page's cards kept with its rows (`news/listing.py`) | Tin tức (100,000 articles) | 2.41 | 1.71 |
| the article's own part of its page rendered once per change (`news.article_page.main_html`) | Bài viết | 2.30 | 2.17 |
| the keys a page's last render read of its own fetched with its view's facts (`core/cachebatch.py`) | Bài viết / Một chương trình | 2.17 / 2.43 | 1.61 / 2.05 |
| a deep page's OFFSET over ids in the public lists' index, then 20 rows by id (`article_listed`) | OFFSET 3,800, 10,000 articles (SQL) | 8.3 | 0.4 |
| "Tin liên quan" picked among the newest 60 sharing articles, not 200 | its statement, 10,000 articles (SQL) | 4.1 | 1.7 |
| each kind's search results kept beside its own sections' generations (`core.search.Source.sections`) | Tìm, after an edit of the news (10,000 articles) | 31 | 26.5 |

### What each change bought, fourth round (1 December 2026)

Chosen from `pg_stat_statements` under `make load` (PostgreSQL's time per statement) and from
the CPU of each process during wrk runs (gunicorn, Redis):

| change | page | before | after |
|---|---|--:|--:|
| MGET on a connection each thread keeps, one packed command read back directly (`core.cache._KeptClient.get_many`): redis-py's pool, retry and metrics wrapping cost 40 µs of CPU per call | warm hit, CPU in process: Trang chủ / Tin tức (100,000 articles) | 228 / 190 µs | 183 / 147 µs |
| | warm hits, wrk 16 connections: Trang chủ, against the bare ceiling in the same minute | 2,432 of 5,038 req/s (48 %) | 2,812–2,863 of 5,126 req/s (55–56 %) |
| the benchmark's data vacuumed after its bulk load, as autovacuum does on a live site (`bench/generate.py`; this machine runs PostgreSQL with autovacuum off): without a visibility map no index-only scan skips the table | count of the news list, 10,000 articles (SQL) | 7.3 | 1.4 |
| | all statements under `make load`, PostgreSQL's total time | 40 s | 28.5 s |
| a word below the common share looked for among the newest articles when that reads fewer rows than the trigram index (`news.search.newest_window`) | Tìm «tháng công nhân», 10,000 articles (search in process) | 85 | 32 |
| the site profile created with the generated data (`bench/generate.py`): created by the first page asked for, its save made every fact that render kept stale | Trang chủ, queries of the probe's second render on a fresh database | 9 | 0 |

{load_section}
## Method

- **Machine.** {cpu}, `nproc` = {nproc}; Linux {kernel}; Python {python}; {postgresql}; {wrk}.
  Load average (1, 5, 15 min) {load_before} before the run and {load_after} after it: other work
  ran on this machine at the same time, so absolute figures are lower than on an idle one, and the
  ratios to the ceiling (measured in the same run) are the figures to compare.

  ```
{memory}
  ```
- **Data.** `bench/generate.py N` at {sizes} articles, one PostgreSQL schema per size in the
  `federation_bench` database (a second run reuses them). About 94 % of the articles are public
  ({published} at the largest size); 5 % have no picture, a quarter two; tags follow a Zipf-like
  curve and "công đoàn" tags about a third; categories, worker profiles and agreements grow in
  proportion (20 categories, 200 profiles and 50 agreements at 100,000). Six real pictures went
  through the image pipeline once; every photo row points at one of them.
- **Server.** gunicorn, {workers} sync workers, `DEBUG` off, plain HTTP (`DJANGO_HTTPS=0`), Redis
  cache (`REDIS_URL`, database 5), PostgreSQL on the same machine, `collectstatic` done
  (WhiteNoise serves the hashed, compressed files).
- **Load.** wrk, on the same machine (it takes CPU from the server, as a second process on a
  2-core machine must), `--timeout 10s`, {duration} s per run at the largest size and
  {small_duration} s at the smaller ones. 1 connection (`-t1 -c1`): latency; 16 connections
  (`-t2 -c16`): throughput. p95 comes from wrk's latency histogram (`bench/wrk_report.lua`).
- **Warm and cold.** *Warm*: anonymous requests, served by the full-page cache after one request
  filled it. *Cold*: the same requests with a header carrying a secret that only the benchmark's
  settings know (`bench/settings.py`, `BENCH_PAGE_CACHE_BYPASS_TOKEN`); their page cache middleware
  (`bench/pagecache.py`) then renders as if the cache were empty. The production settings know
  nothing of it: there nothing bypasses the cache. Cold renders still use the other caches a live
  site keeps warm between two changes, each kept per generation of what it shows: the site
  profile, the menu, the article cards, the home page's news and side blocks, each list's count,
  rows and page starts (see Deep pages), an article's row, photos, links and related list, the
  programmes' and profiles' pages, a query's results; and in each process, the header and footer.
  What a page costs when a change has just made those stale is in the profile table's last row
  ("first render after a publish": the "news" section bumped before each render).
- **Ceilings.** The *bare ceiling*: a Django app of its own (`bench/bare_settings.py`, no app,
  no middleware, no database) whose one view returns a constant 20 KB page, served by the same
  gunicorn in the same run, after the site's server stopped. Every ratio below divides by its
  16-connection figure ({ceiling_rps} req/s). Beside it, the *middleware ceiling*: the same page at
  `/bench/ceiling/` in the site (`bench/urls.py`), through the site's whole middleware stack (the
  page cache skips it): {middleware_rps} req/s, {middleware_ratio} of the bare ceiling; what the
  stack costs every request that the page cache does not answer.
- **SQL queries** are counted by `bench/probe.py` with Django's test client and
  `CaptureQueriesContext` on a cold render (the second of two requests), against the same data.
  HTML sizes are the bytes served; gzip sizes use level 6, as nginx would send them.
- **Memory**: the resident size (VmRSS) of each gunicorn worker, sampled every half second during
  every run; the largest value is reported.

## Pages at {largest} articles

{page_table}

SQL: queries per cold render. HTML: bytes served (gzip: compressed, level 6). req/s and latencies
from wrk; ratios against the bare ceiling at 16 connections.

## Where a cold render's time goes

`bench/profile.py` at {largest} articles: each page rendered through the whole middleware stack
with the page cache bypassed, under cProfile; every function's own time is put in one bucket by its
module, so the buckets add up to the render (milliseconds per render, profiler overhead included,
which inflates Python-heavy buckets more than SQL). The inclusive rows overlap each other and the
buckets: they are entry points, for a cross-check.

{profile_table}

## How cost grows with the data

Cold render, 1 connection (the chart above):

{growth_table}

The query counts do not move with the data. Latencies follow the size of the HTML, not the number
of articles: the home page shows a block of four articles per category, and the generated data has
6 categories up to 10,000 articles and 20 at 100,000, so its page grows from about 47 KB to 120 KB
(three times the cards) and its render time with it. Differences of a few milliseconds between
sizes are within the noise of a shared machine.

## Search

{search_table}

Common words ("công đoàn" is in nearly every article) and rare ones ("Đạ Huoai", in one article
out of 2,000) take different paths. A rare word goes through the trigram index; a word in at least
a fifth of the newest 300 articles (a share measured once and kept for an hour) is looked for among
just enough of the newest articles to hold 200 matches, because the index would list and recheck
nearly the whole table and PostgreSQL, with no statistics on such long columns, cannot tell the
two cases apart. Results are the newest 200 matches, title matches first; the page says «200 kết
quả mới nhất» when there are more. The plan for the rare word at {largest} articles:

```
{rare_plan}
```

## Deep pages

`?page=N` stays the address. The paginator (`news.listing.ArticlePaginator`) keeps two facts per
list in the cache, under the news generation: the row count (a COUNT over 100,000 published
articles costs more than the whole render) and where each visited page starts (its first row's
`published_at` and `id`, and for the next page, the row after which it starts). A page whose start
is known is fetched by keyset (`published_at ≤ X`, ties broken by `id`) from that row on,
instead of OFFSET, which walks every row before it. The first visit to a deep page after a change
pays the OFFSET once, over ids alone in the partial index of the public lists (`article_listed`:
`published_at`, `id`, newest first, with `unpublish_at`; migration `news/0012`), then reads its
20 rows by id: OFFSET 3,800 at 10,000 articles went from 8.3 ms to 0.4 ms. The same index serves
the count. Crawlers that walk pages in order never pay it, since each page stores where the next
one starts. A page's rows and its cards as rendered are kept beside these facts, so a page read
again builds no article and looks up no card. A scheduled article coming due moves every page by one row, so these facts
live no longer than the page cache's own lifetime cap (below).

## The full-page cache (`core/pagecache.py`)

- **Who gets it.** Anonymous GET and HEAD requests only. A request with a session cookie (staff,
  officers: they see previews and officers-only programmes) or Django's messages cookie skips it,
  as do the admin, `/xem-truoc/`, `/dang-nhap/`, `/dang-xuat/`, the editor's upload URL, the
  health check, static and media files, and every other method. Only 200 responses are stored, and
  never one that sets a cookie, says `private`, `no-cache` or `no-store`, varies on `*`, comes from
  a signed-in user, or used a CSRF token (Django's flag, and the token's field name in the body).
  The stored response keeps its headers (content type, `Vary`, frame options…), so a visitor gets
  what the view sent; the middleware adds `ETag`, `Last-Modified`, `Cache-Control: max-age=0,
  must-revalidate` (browsers revalidate each time and get a 304 when nothing changed) and
  `X-Page-Cache: HIT/MISS`.
- **Freshness without a flush.** Each page depends on sections: the home page on news, profiles and
  the site profile; news lists on news; programme pages on agreements and news (they list related
  articles); profile pages on profiles and news; search and sitemaps on everything. Each app
  registers, in its `AppConfig.ready()`, which URLs show which sections and which models change them
  ([architecture.md](architecture.md)). Every section has a generation number in Redis. `post_save`,
  `post_delete` and `m2m_changed` of the models that a section shows (articles, photos, categories,
  tags; agreements, partners, tasks; profiles, honours, periods, sectors; the site profile bumps all
  four) increment only their section, once at once and once more when the transaction commits (a
  page rendered in between from the old rows was stored under the first bump, and the second
  discards it). A successful POST to a model's admin pages bumps its section too, which covers bulk
  actions that use `queryset.update()` and send no signal. Code that writes with `update()` or raw
  SQL elsewhere must call `pagecache.bump("news")` itself.
- **Publishing does not make the site cold.** An article page does not depend on the news
  section: it depends on its own row and on its category (`core.pagecache.depends_on`, declared by
  the view; `news/freshness.py`). Saving article B bumps `news.article:<slug>` (its old and new
  slug) and, when B is or was public, `news.category:<id>` (the "Cùng chuyên mục" block of its
  category's articles); a draft saved bumps only its own page. The home page, the lists and the
  feeds still depend on `news` and show B at once. Category and tag names are the section
  `news-taxonomy`; a bulk action on the articles' change list bumps `news-articles`, which every
  article page depends on, and whose lifetime ends at the next scheduled publication. Saving a
  scheduled article (hẹn giờ đăng or gỡ) stales its own page and, only when its time is set or
  moved, the pages that will show it then (its category's, tags' and topics'): they are stored
  again with a lifetime that ends at its time, learnt through `pagecache.reschedule("news-articles")`,
  which asks the section's next change again without staling the other article pages. A stored
  article page keeps its objects' generations, read before the view reads the rows (an edit that
  lands during the render makes the page stale at once). Tests: `tests/news/test_page_freshness.py`.
- **A warm hit costs almost nothing.** The site's WSGI application is Django behind the page
  cache's front door (`core/pagecache_front.py`, `federation/wsgi.py`): an unconditional GET that
  the cache holds is answered before Django's request handling starts (no request or response
  objects, no signals, no middleware), by the middleware's own rules (`PageCacheMiddleware.answer`,
  `core/pagecache_requests.py`) and its one `MGET` (page, section generations and the page's own
  objects' generations), with the headers `SecurityMiddleware` adds. A conditional GET (304),
  HEAD, a personal cookie and every miss go through Django; a miss hands the middleware the
  `MGET` already made. Inside Django, the page cache sits right below `SecurityMiddleware` and
  `ConditionalGetMiddleware`: a hit never reaches the policy header, WhiteNoise, sessions,
  locale, CSRF, authentication, messages, history or axes, runs no query and no template. The
  policy header (no nonce on the public policy) is stored with the page, so a hit carries the
  same `Content-Security-Policy`, `X-Frame-Options` and security headers as a render. Tests:
  `tests/core/test_pagecache_front.py`, `tests/core/test_pagecache_warm.py`.
- **A cold render's cached facts in one round trip.** On a miss, one more `MGET` fetches every
  fixed key that earlier renders of the same view read (site profile, menu, most read, topics, the
  next scheduled change; `core/cachebatch.py`) and the keys that this page's last render in the
  same process read of its own (an article's kept row, related list, own part and cards; a list's
  count, rows and cards): a cold home, list or article page makes 3 calls to the cache (11, 6 and
  9 at first), the page's store included. Tests: `tests/core/test_cold_round_trips.py`.
- **One round trip.** A first design put the generations into the page's key (two reads: the
  generations, then the page). Here the page is keyed by its URL and stores the generations it
  was rendered with; one `MGET` fetches the page and the current generations together, and a page
  whose generations differ is a miss, then overwritten, so stale copies do not pile up in Redis.
  Same freshness, one round trip instead of two. A lost generation (eviction, a Redis restart)
  restarts from the clock, never from a number an old page could still carry.
- **Lifetime.** At most `DJANGO_PAGE_CACHE_SECONDS` (300), never past local midnight (the header
  shows today's date; programmes change status with the date), and for pages that show news never
  past the next scheduled `published_at` or `unpublish_at`. That instant is one query per news
  generation, kept in the cache until it passes, so a scheduled article appears on time with no
  cron job and no save.
- **Tracking parameters.** `fbclid`, `zarsrc`, `gclid` and `utm_*` are removed from the request
  before the view sees it: a link shared on Facebook or Zalo, different for every visitor, is still
  one cached page.
- **Conditional GET.** Django's `ConditionalGetMiddleware` sits above the page cache, so cached and
  fresh pages alike answer `If-None-Match` with 304. It also gives pages outside the cache an ETag.
- **Why not Django's own cache middleware.** `UpdateCacheMiddleware`/`cache_page` expire pages
  by time only (or a whole-cache flush), key them on the `Vary` headers (every `Cookie` value,
  `csrftoken` included, makes a separate copy), and know nothing of sessions or officers. Freshness
  within a second would mean a TTL of one second. A reverse-proxy cache (nginx `proxy_cache`,
  Varnish) would be faster still, but needs a purge on every edit, on every host; the generations
  here work unchanged with any number of app hosts sharing one Redis. A one-second nginx
  micro-cache in front remains possible if a burst ever outgrows the app hosts.
- **Only with a shared cache.** On by default when `REDIS_URL` is set; with Django's per-process
  memory cache another gunicorn worker could not learn of a bump. The test settings turn it off
  so that the query-count tests measure cold renders; `tests/core/test_pagecache.py` turns
  it on.

## Page weight, static files, images

The article page at {largest} articles:

| file | bytes sent | encoding | Cache-Control |
|---|--:|---|---|
{weight_assets}

HTML is compressed by nginx in production (`deploy/nginx/federation.conf`); the benchmark counts
it gzipped at level 6. CSS and JS come from WhiteNoise, precompressed, under hashed names with a
one-year `immutable` lifetime. Pictures are `<picture>` elements with WebP and JPEG `srcset`s and a
`sizes` attribute, written once per image by the pipeline (`core/images.py`): a phone gets
the 320 or 640 px card, a desktop the 800 or 1200 px article picture, never the original.

## Other changes made for these figures

- The home page's category blocks: on PostgreSQL one `UNION ALL` of small per-category index
  scans instead of a window function over every published article (0.7 s at 100,000).
- Rendition URLs are computed once per image and process: imagekit hashes a pickle of the spec
  for each name, half a millisecond each, some eighty times per list page. With six distinct
  pictures in the generated data this memo is always warm; on a real site a never-seen deep page
  pays it once per picture.
- PostgreSQL trigram indexes on the worker profiles' search columns (agreements and articles
  already had them).
"""
