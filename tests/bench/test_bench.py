"""The benchmark's own pieces, outside the product: its settings, its ceiling page, its page cache
that renders afresh on request, the command line it starts gunicorn with, and its data generator."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.pagecache_front import PageCacheFront
from federation.workers.models import ExemplaryWorker
from news.models import Article, Photo, TaggedArticle
from tests.cached_pages import HEADER
from tests.factories import make_article

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent


def fresh_settings(module, code):
    """What a fresh process prints after importing a settings module (DEBUG on: no secret needed)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BENCH_"))}
    result = subprocess.run(
        [sys.executable, "-c", f"import {module} as s; {code}"],
        cwd=ROOT,
        env={**base, "DJANGO_DEBUG": "1", "BENCH_PAGE_CACHE_BYPASS_TOKEN": "bi-mat"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_production_settings_know_nothing_of_the_benchmark():
    names = "[n for n in dir(s) if 'BENCH' in n or 'BYPASS' in n]"
    assert fresh_settings("federation.settings", f"print({names})") == "[]"
    assert fresh_settings("federation.settings", "print(s.ROOT_URLCONF)") == "federation.urls"


def test_the_benchmark_settings_are_productions_with_its_urls_and_page_cache():
    code = (
        "import federation.settings as p; "
        "print(s.ROOT_URLCONF, s.PAGECACHE_BYPASS_TOKEN, s.INSTALLED_APPS == p.INSTALLED_APPS, "
        "[m for m in p.MIDDLEWARE if m not in s.MIDDLEWARE], "
        "[m for m in s.MIDDLEWARE if m not in p.MIDDLEWARE])"
    )
    assert fresh_settings("bench.settings", code) == (
        "bench.urls bi-mat True ['core.pagecache_middleware.PageCacheMiddleware'] "
        "['bench.pagecache.BenchPageCacheMiddleware']"
    )


@pytest.fixture
def bench_site(settings):
    """The test site run with the benchmark's URLs and page cache middleware."""
    from bench import settings as bench_settings
    from federation.models import SiteProfile

    settings.ROOT_URLCONF = "bench.urls"
    settings.MIDDLEWARE = bench_settings.MIDDLEWARE
    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_BYPASS_TOKEN = ""
    SiteProfile.load()


def test_the_benchmark_bypass_header_does_nothing_without_the_configured_secret(
    client, settings, bench_site
):
    url = make_article(title="Hội nghị người lao động năm nay").get_absolute_url()
    client.get(url)
    assert client.get(url)[HEADER] == "HIT"
    assert client.get(url, headers={"X-Page-Cache-Bypass": ""})[HEADER] == "HIT"
    assert client.get(url, headers={"X-Page-Cache-Bypass": "doan-bua"})[HEADER] == "HIT"
    settings.PAGECACHE_BYPASS_TOKEN = "bi-mat-cua-bench"
    assert client.get(url, headers={"X-Page-Cache-Bypass": "doan-bua"})[HEADER] == "HIT"
    bypassed = client.get(url, headers={"X-Page-Cache-Bypass": "bi-mat-cua-bench"})
    assert bypassed[HEADER] == "BYPASS"


def test_the_front_door_leaves_the_cold_renders_and_the_ceiling_to_django(settings, bench_site):
    """The cold figures stay cold: the front door (federation/wsgi.py) asks the benchmark's own
    middleware, which refuses a request carrying the secret and the ceiling page."""
    from tests.core.test_pagecache_front import Counted, call

    settings.PAGECACHE_BYPASS_TOKEN = "bi-mat-cua-bench"
    django = Counted()
    front = PageCacheFront(django)
    url = make_article(title="Hội nghị người lao động năm nay").get_absolute_url()
    call(front, url)
    assert call(front, url)[HEADER] == "HIT" and django.calls == 1
    assert call(front, url, **{"X-Page-Cache-Bypass": "bi-mat-cua-bench"})[HEADER] == "BYPASS"
    for _ in range(2):
        assert HEADER.lower() not in call(front, "/bench/ceiling/").headers
    assert django.calls == 4


def test_the_ceiling_goes_through_the_middleware_and_is_never_cached(client, bench_site):
    for _ in range(2):
        response = client.get("/bench/ceiling/")
        assert response.status_code == 200
        assert HEADER not in response
        assert response["X-Frame-Options"] == "DENY"


def test_the_benchmark_serves_the_sites_own_error_pages(client, bench_site):
    response = client.get("/tin-tuc/", HTTP_HOST="ke-gia-mao.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Yêu cầu không hợp lệ" in html
    assert response.context["wrong_host"]  # the site's handler, not Django's default


def test_the_benchmark_starts_gunicorn_with_its_settings():
    from bench import run

    server = run.Server("gunicorn", {}, 8765, 2)
    assert server.cmd[:4] == [
        "gunicorn",
        "federation.wsgi:application",
        "--env",
        "DJANGO_SETTINGS_MODULE=bench.settings",
    ]
    help_text = subprocess.run(
        [sys.executable, "bench/run.py", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "--sizes" in help_text


def test_the_ceiling_view_is_not_routed_unless_the_benchmark_turns_it_on(client, settings):
    assert client.get("/bench/ceiling/").status_code == 404
    settings.ROOT_URLCONF = "bench.urls"
    response = client.get("/bench/ceiling/")
    assert response.status_code == 200
    assert len(response.content) == 20 * 1024


def test_the_bare_ceiling_is_django_alone_serving_the_same_page_through_the_same_gunicorn():
    from bench import run

    server = run.Server("gunicorn", {}, 8766, 2, app=run.BARE_APP)
    assert server.cmd[:4] == [
        "gunicorn",
        "bench.bare_wsgi:application",
        "--env",
        "DJANGO_SETTINGS_MODULE=bench.bare_settings",
    ]
    # In a fresh process: the WSGI app itself, called as gunicorn calls it.
    code = (
        "import io, bench.bare_wsgi as w; from django.conf import settings as s; "
        "out = []; environ = {'REQUEST_METHOD': 'GET', 'PATH_INFO': '/bench/ceiling/', "
        "'SERVER_NAME': '127.0.0.1', 'SERVER_PORT': '80', 'wsgi.url_scheme': 'http', "
        "'wsgi.input': io.BytesIO(), 'wsgi.errors': io.StringIO()}; "
        "body = b''.join(w.application(environ, lambda st, h: out.append(st))); "
        "print(out[0], len(body), s.MIDDLEWARE, s.INSTALLED_APPS)"
    )
    printed = fresh_settings("bench.bare_wsgi", code)
    assert printed == f"200 OK {20 * 1024} [] []"


def test_the_ceiling_page_is_20_kilobytes():
    from bench.ceiling import PAGE

    assert len(PAGE) == 20 * 1024


def test_the_generator_fills_articles_photos_tags_and_adds_nothing_the_second_time(capsys):
    from bench import generate

    generate.generate(60)
    made = Article.objects.exclude(title=generate.HOLDER_TITLE)
    assert made.count() == 60
    assert made.filter(status=Article.Status.PUBLISHED).exists()
    assert Photo.objects.filter(article__in=made).exclude(image="").exists()
    assert TaggedArticle.objects.filter(content_object__in=made).exists()
    assert ExemplaryWorker.objects.published().exists()
    sample = made.filter(photos__isnull=False).first()
    assert sample.search_text.startswith(" ") and sample.search_title.strip()
    generate.generate(60)
    assert Article.objects.exclude(title=generate.HOLDER_TITLE).count() == 60
    assert "Generating 60 articles (60 already there)" in capsys.readouterr().out


def test_the_generator_refuses_a_database_with_other_content():
    from bench import generate

    make_article(title="Bài thật của biên tập viên")
    with pytest.raises(SystemExit, match="did not make"):
        generate.generate(10)


def test_the_report_carries_the_hit_rates_of_the_last_load_run():
    """make bench writes the page cache's hit rates under load from bench/load.py's result."""
    from bench.report import load_section

    def kind(requests, p95, hits):
        return {"requests": requests, "p95_ms": p95, "page_cache_hits_percent": hits}

    load = {
        "date": "2026-11-30 23:50 +0000",
        "load_average_before": ["0.41", "0.80", "1.20"],
        "settings": {"visitors": 50, "gunicorn_workers": 4, "published_articles": 9400},
        "visitors": {
            "requests": 7200, "per_second": 120.0, "p50_ms": 310.0, "p95_ms": 520.0,
            "p99_ms": 700.0, "5xx": 0, "page_cache_hits_percent": 41.5,
        },
        "by_kind": {
            "home": kind(900, 120.4, 95.1),
            "article": kind(2400, 610.0, 8.2),
            "search": kind(0, 0, 0),
            "admin: publish": kind(14, 1300, 0),
        },
    }  # fmt: skip
    section = load_section(load)
    assert "7,200 requests (120.0/s)" in section
    assert "p50 / p95 / p99 310 / 520 / 700 ms, 0 5xx, page-cache hits 41.5 %" in section
    assert "| home | 900 | 120 | 95.1 % |" in section
    assert "| article | 2,400 | 610 | 8.2 % |" in section
    assert "search" not in section and "admin" not in section
    assert load_section(None) == ""
