"""The benchmark's in-process measurements: the pages to load, their SQL queries and bytes, the
search plans. Run by bench/run.py against the database that DATABASE_URL names; prints JSON.

Queries are counted with Django's test client on a cold render (the full-page cache is bypassed,
the site profile and the lists' counts are warm, as on a live site), the second of two requests.
"""

import gzip
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
RARE = "Đạ Huoai"
COMMON = "công đoàn"


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def pages():
    """(key, label, url) of every page the benchmark loads, chosen from the data."""
    from django.db.models import Count
    from django.urls import reverse

    from agreements.models import Agreement
    from federation.workers.models import ExemplaryWorker
    from news.models import Article, Category, Tag
    from news.views import PAGE_SIZE

    published = Article.objects.published()
    total = published.count()
    deep = max(1, min(500, -(-total // PAGE_SIZE)))
    article = (
        published.annotate(n=Count("photos")).filter(n__gte=2).order_by("-published_at").first()
        or published.first()
    )
    category = Category.objects.annotate(n=Count("articles")).order_by("-n").first()
    tag = Tag.objects.annotate(n=Count("tagged_articles")).order_by("-n").first()
    agreement = Agreement.objects.public().order_by("-signed_on").first()
    worker = ExemplaryWorker.objects.published().order_by("id").first()
    found = [
        ("home", "Trang chủ", "/"),
        ("list", "Tin tức, trang 1", reverse("news:list")),
        ("deep", f"Tin tức, trang {deep}", f"{reverse('news:list')}?page={deep}"),
        ("category", "Chuyên mục", category.get_absolute_url()),
        ("article", "Bài viết", article.get_absolute_url()),
        ("tag", "Thẻ", tag.get_absolute_url()),
        ("search-common", f"Tìm «{COMMON}»", "/tim-kiem/?" + urlencode({"q": COMMON})),
        ("search-rare", f"Tìm «{RARE}»", "/tim-kiem/?" + urlencode({"q": RARE})),
        ("agreements", "Chương trình phối hợp", reverse("agreements:list")),
        ("agreement", "Một chương trình", agreement.get_absolute_url()),
        ("workers", "Điển hình tiên tiến", reverse("workers:list")),
        ("worker", "Một hồ sơ", worker.get_absolute_url()),
    ]
    return found, {"published": total, "deep_page": deep}


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # the site profile, counts and page anchors are warm on a live site
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    captured = list(queries.captured_queries)
    return response, len(captured), elapsed


def explain(queryset):
    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def search_timings():
    """The news search's own queries (count and first page), in-process, best of a few runs."""
    from core.search import parse_query
    from news.search import search_articles

    found = {}
    for key, words in (("common", COMMON), ("rare", RARE)):
        terms = parse_query(words).terms
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            queryset = search_articles(terms)
            total = queryset.count()
            list(queryset[:20])
            runs.append(time.perf_counter() - started)
        plan = explain(search_articles(terms)[:20])
        found[key] = {
            "terms": terms,
            "results": total,
            "sql_ms_best": round(min(runs) * 1000, 2),
            "sql_ms_median": round(sorted(runs)[len(runs) // 2] * 1000, 2),
            "uses_trigram_index": "_trgm" in plan,
            "plan": plan,
        }
    return found


def measure():
    from django.conf import settings
    from django.test import Client

    from bench.pagecache import BYPASS_HEADER

    found, facts = pages()
    headers = {}
    token = getattr(settings, "PAGECACHE_BYPASS_TOKEN", "")
    if token:
        headers[BYPASS_HEADER] = token
    client = Client(headers=headers)
    results = []
    for key, label, url in found:
        response, queries, elapsed = count_queries(client, url)
        body = response.content
        results.append(
            {
                "key": key,
                "label": label,
                "url": url,
                "status": response.status_code,
                "queries": queries,
                "bytes": len(body),
                "gzip_bytes": len(gzip.compress(body, compresslevel=6)),
                "render_ms": round(elapsed * 1000, 1),
            }
        )
    return {"facts": facts, "pages": results, "search": search_timings()}


def retitle(slug, title):
    """Save an article with a new title, as the admin would (signals and all): the freshness check."""
    from news.models import Article

    article = Article.objects.get(slug=slug)
    old = article.title
    article.title = title
    article.save()
    return {"old_title": old, "saved_at": time.time()}


def main():
    setup_django()
    if len(sys.argv) == 4 and sys.argv[1] == "--retitle":
        print(json.dumps(retitle(sys.argv[2], sys.argv[3]), ensure_ascii=False))
        return
    data = measure()
    out = sys.argv[1] if len(sys.argv) > 1 else None
    text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
