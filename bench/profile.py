"""Where a cold render's time goes: home page, a list and an article, profiled in process.

    DATABASE_URL=postgres://…/federation_bench?options=-csearch_path%3Dbench_100000,extensions \\
        python bench/profile.py [--repeat 20] [--json out.json]

Renders each page through the full middleware stack with Django's test client, the page cache
bypassed as in the benchmark's cold runs (bench/settings.py), once to warm the other caches and then
--repeat times under cProfile. Each function's own time (not counting the functions it calls) is
put in one bucket by the module it belongs to, so the buckets add up to the whole render (a built-in function's time goes to its caller's bucket):

- SQL: the database driver (psycopg, sqlite3), waiting for the server included;
- ORM: building querysets, compiling SQL, turning rows into model instances (django.db);
- templates: Django's template engine, the template tags and filters, HTML escaping;
- URL reversing and resolving (django.urls), date and number formatting (django.utils.formats,
  dateformat, numberformat), middleware (django.middleware, contrib.sessions/auth/messages, csp,
  axes, simple_history, whitenoise), the cache client (django.core.cache, redis);
- the project's own code (core/, news/, federation/, agreements/), and the rest.

It also prints the inclusive time of a few entry points (template rendering, reverse(), SQL
execution) as a cross-check: those overlap each other, the buckets do not.
"""

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on the path, where its name would shadow the
# standard library's profile module that cProfile imports.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import argparse  # noqa: E402
import cProfile  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

ROOT = HERE.parent

# (bucket, fragments of a module path that put a function in it), first match wins.
BUCKETS = [
    ("SQL (driver and server)", ("psycopg", "sqlite3", "/db/backends/utils.py")),
    ("URL reversing and resolving", ("/django/urls/",)),
    (
        "dates and numbers formatting",
        (
            "/utils/formats.py",
            "/utils/dateformat.py",
            "/utils/numberformat.py",
            "/utils/timezone.py",
        ),
    ),
    ("cache client (Redis)", ("/core/cache/", "redis/", "django_redis", "/core/cache.py")),
    (
        "middleware",
        (
            "/django/middleware/",
            "/contrib/sessions/",
            "/contrib/auth/",
            "/contrib/messages/",
            "/csp/",
            "/axes/",
            "simple_history/middleware",
            "whitenoise",
            "/core/pagecache.py",
            "/bench/pagecache.py",
            "/core/csp.py",
            "/core/cleaning.py",
        ),
    ),
    ("ORM (querysets, compiler, model instances)", ("/django/db/",)),
    (
        "templates (engine, tags, filters, escaping)",
        ("/django/template/", "/templatetags/", "/utils/html.py", "/utils/safestring.py"),
    ),
    ("project code", ("/core/", "/news/", "/federation/", "/agreements/")),
    ("Django, other (handlers, request, response)", ("/django/",)),
]
OTHER = "other (Python, libraries)"

# Inclusive times: (label, module fragment, function name).
ENTRY_POINTS = [
    ("template rendering (Template.render)", "django/template/base.py", "render"),
    ("reverse()", "django/urls/base.py", "reverse"),
    ("SQL execution (CursorWrapper._execute)", "django/db/backends/utils.py", "_execute"),
    ("QuerySet._fetch_all (ORM incl. SQL)", "django/db/models/query.py", "_fetch_all"),
]


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("BENCH_PAGE_CACHE_BYPASS_TOKEN", "profile")
    import django

    django.setup()


def bucket_of(filename):
    for name, fragments in BUCKETS:
        if any(fragment in filename for fragment in fragments):
            return name
    return OTHER


def breakdown(stats):
    buckets = {}
    entry = dict.fromkeys([label for label, _, _ in ENTRY_POINTS], 0.0)
    for (filename, _line, function), (_cc, _nc, own, cumulative, callers) in stats.stats.items():
        if filename == "~" and ("psycopg" in function or "sqlite3" in function):
            shares = {BUCKETS[0][0]: own}  # a C function of the driver
        elif filename == "~" and callers:
            # A built-in (dict.copy, getattr, str.format): its time goes to whoever called it,
            # the template engine's context copies to the templates, and so on.
            shares = {}
            for caller, figures in callers.items():
                name = bucket_of(caller[0])
                shares[name] = shares.get(name, 0.0) + figures[2]
        else:
            shares = {bucket_of(filename): own}
        for name, seconds in shares.items():
            buckets[name] = buckets.get(name, 0.0) + seconds
        for label, fragment, wanted in ENTRY_POINTS:
            if function == wanted and filename.endswith(fragment):
                entry[label] = max(entry[label], cumulative)
    return buckets, entry


def pages():
    from django.urls import reverse

    from agreements.models import Agreement
    from documents.models import Document
    from federation.workers.models import ExemplaryWorker
    from news.models import Article, Tag

    article = Article.objects.published().order_by("-published_at").first()
    tag = Tag.objects.filter(tagged_articles__content_object=article).order_by("id").first()
    found = [
        ("Trang chủ", "/"),
        ("Tin tức, trang 1", reverse("news:list")),
        ("Chuyên mục", article.category.get_absolute_url()),
        ("Thẻ", tag.get_absolute_url()),
        ("Bài viết", article.get_absolute_url()),
        # A common word: the dearest search (the newest articles walked, every kind counted).
        ("Tìm «công đoàn»", reverse("search") + "?q=c%C3%B4ng+%C4%91o%C3%A0n"),
    ]
    # The detail pages of the other sections, those the data has (the generator makes no
    # documents: the demo, or the admin, does).
    for label, first in [
        ("Một chương trình", Agreement.objects.public().order_by("-signed_on").first),
        ("Một hồ sơ", ExemplaryWorker.objects.published().order_by("pk").first),
        ("Một văn bản", Document.objects.public().order_by("-issued_on").first),
    ]:
        obj = first()
        if obj is not None:
            found.append((label, obj.get_absolute_url()))
    return found


def timed(client, url, repeat, before=None):
    """The median wall time of a render without the profiler, ms; before() runs ahead of each
    (untimed)."""
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 2)


def profile(url, repeat):
    from django.conf import settings
    from django.test import Client

    from bench.pagecache import BYPASS_HEADER
    from core import pagecache

    client = Client(headers={BYPASS_HEADER: settings.PAGECACHE_BYPASS_TOKEN})
    first = client.get(url)  # warms the site profile, the lists' counts, the most read
    if first.status_code != 200:
        sys.exit(f"{url} answered {first.status_code}")
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(repeat):
        client.get(url)
    profiler.disable()
    wall = (time.perf_counter() - started) / repeat
    stats = pstats.Stats(profiler)
    buckets, entry = breakdown(stats)
    total = sum(buckets.values())
    return {
        "url": url,
        "bytes": len(first.content),
        "ms_per_render": round(wall * 1000, 2),
        "cold_ms": timed(client, url, repeat),
        "after_publish_ms": timed(client, url, repeat, before=lambda: pagecache.bump("news")),
        "profiled_ms": round(total / repeat * 1000, 2),
        "buckets_ms": {k: round(v / repeat * 1000, 2) for k, v in buckets.items()},
        "inclusive_ms": {k: round(v / repeat * 1000, 2) for k, v in entry.items()},
    }


def markdown(results):
    names = [name for name, _ in BUCKETS] + [OTHER]
    head = "| | " + " | ".join(label for label, _ in results) + " |"
    lines = [head, "|---|" + "--:|" * len(results)]
    lines.append(
        "| **render, ms (profiled)** | "
        + " | ".join(f"{r['profiled_ms']:.1f}" for _, r in results)
        + " |"
    )
    for name in names:
        cells = []
        for _, r in results:
            ms = r["buckets_ms"].get(name, 0.0)
            cells.append(f"{ms:.1f} ({ms / r['profiled_ms']:.0%})" if r["profiled_ms"] else "–")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    for label, _, _ in ENTRY_POINTS:
        cells = [f"{r['inclusive_ms'][label]:.1f}" for _, r in results]
        lines.append(f"| *inclusive:* {label} | " + " | ".join(cells) + " |")
    lines.append(
        "| wall time per render, profiler on, ms | "
        + " | ".join(f"{r['ms_per_render']:.1f}" for _, r in results)
        + " |"
    )
    for key, label in (
        ("cold_ms", "**cold render, profiler off, ms (median)**"),
        ("after_publish_ms", "**first render after a publish, profiler off, ms (median)**"),
    ):
        lines.append(
            f"| {label} | "
            + " | ".join(f"{r[key]:.1f}" if key in r else "–" for _, r in results)
            + " |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="profiled renders per page")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    setup_django()
    results = [(label, profile(url, args.repeat)) for label, url in pages()]
    print(markdown(results))
    if args.json:
        Path(args.json).write_text(
            json.dumps(dict(results), ensure_ascii=False, indent=1), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
