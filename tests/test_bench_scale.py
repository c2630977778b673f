"""What the performance work changed, seen from outside: search at scale, the home page blocks,
media on object storage, the read-count command (the benchmark's own pieces: tests/bench/)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.storage import InMemoryStorage
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from federation.workers.models import ExemplaryWorker
from news import popularity
from news.models import Article, ArticleViewCount
from news.search import MAX_RESULTS, search_articles
from news.views import HOME_SECONDARY
from tests.factories import (
    make_agreement,
    make_article,
    make_category,
    make_officer,
    make_worker,
    pdf_upload,
)

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


# Search ------------------------------------------------------------------------------------------


def test_a_word_in_nearly_every_article_still_ranks_title_matches_first(client):
    category = make_category()
    now = timezone.now()
    for n in range(30):
        make_article(
            title=f"Tin hoạt động số {n}",
            lead="Các cấp công đoàn chăm lo cho đoàn viên.",
            category=category,
            published_at=now - timezone.timedelta(hours=n + 1),
        )
    titled = make_article(
        title="Công đoàn ngành Y tế tổng kết năm",
        category=category,
        published_at=now - timezone.timedelta(days=3),
    )
    html = client.get("/tim-kiem/", {"q": "công đoàn"}).content.decode()
    first = html.index('class="result__title"')
    assert titled.get_absolute_url() in html[first : first + 300]
    assert "(31 kết quả)" in html


def test_a_search_with_more_matches_than_it_lists_says_they_are_the_newest(client):
    category = make_category()
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Đoàn viên số {n}",
            slug=f"doan-vien-so-{n}",
            lead="Tin về đoàn viên.",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=now - timezone.timedelta(minutes=n + 1),
            search_title=f" doan vien so {n} ",
            search_text=f" doan vien so {n} tin ve doan vien ",
        )
        for n in range(MAX_RESULTS + 5)
    )
    html = client.get("/tim-kiem/", {"q": "đoàn viên"}).content.decode()
    assert f"({MAX_RESULTS} kết quả mới nhất)" in html
    assert "/tin-tuc/doan-vien-so-0/" in html


def test_a_rare_word_finds_old_articles_too(client):
    category = make_category()
    old = make_article(
        title="Thăm công nhân ở Đạ Huoai",
        category=category,
        published_at=timezone.now() - timezone.timedelta(days=3000),
    )
    for n in range(20):
        make_article(title=f"Tin mới số {n}", category=category)
    assert [a.pk for a in search_articles(["da", "huoai"])] == [old.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="chỉ PostgreSQL có chỉ mục trigram")
def test_postgresql_worker_search_uses_the_trigram_index():
    sector = make_worker().sector
    ExemplaryWorker.objects.bulk_create(
        ExemplaryWorker(
            full_name=f"Người lao động số {n}",
            slug=f"nguoi-lao-dong-so-{n}",
            workplace="Công ty",
            sector=sector,
            is_published=True,
            consent_on=timezone.localdate(),
            search_title=f" nguoi lao dong so {n} ",
            search_text=f" nguoi lao dong so {n} cong ty ",
        )
        for n in range(2000)
    )
    from federation.workers.search import search_workers

    with transaction.atomic(), connection.cursor() as cursor:
        # As in the news search test: merge the GIN pending list, or the planner prices it high.
        cursor.execute(
            "SELECT gin_clean_pending_list('federation_worker_search_text_trgm'::regclass)"
        )
        cursor.execute("ANALYZE federation_exemplaryworker")
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = search_workers(["thanh"]).explain()
    assert "federation_worker_search_text_trgm" in plan, plan


# The home page's category blocks -------------------------------------------------------------------


def test_home_shows_the_four_newest_articles_of_each_category(client):
    """Each category's block shows its four newest articles that the lead story and the secondary
    ones above it do not already show."""
    now = timezone.now()
    categories = [make_category(name=f"Khối {n}", order=n) for n in range(3)]
    made = []
    for n, category in enumerate(categories):
        for hours in range(6):
            title = f"{category.name} – tin {hours}"
            published_at = now - timezone.timedelta(hours=3 * hours + n + 1)
            make_article(title=title, category=category, published_at=published_at)
            made.append((published_at, category, title))
    newest_first = [(c, t) for _, c, t in sorted(made, key=lambda row: row[0], reverse=True)]
    above = {t for _, t in newest_first[: 1 + HOME_SECONDARY]}
    html = client.get("/").content.decode()
    for category in categories:
        block = html.split(f'id="cm-{category.slug}"')[1].split("</section>")[0]
        shown = [
            f"{category.name} – tin {h}" for h in range(6) if f"{category.name} – tin {h}<" in block
        ]
        expected = [t for c, t in newest_first if c == category and t not in above][:4]
        assert len(expected) == 4
        assert shown == expected


# Several app hosts: media and documents on object storage --------------------------------------


def settings_with(env):
    """The settings module as a fresh process reads it with these environment variables."""
    code = (
        "import json, federation.settings as s; "
        "print(json.dumps({k: v['BACKEND'] for k, v in s.STORAGES.items()}))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, "DJANGO_DEBUG": "1", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_media_stay_on_local_disk_without_a_bucket():
    backends = settings_with({})
    assert backends["default"] == "django.core.files.storage.FileSystemStorage"
    assert "private" not in backends


def test_a_bucket_moves_media_and_signed_documents_to_object_storage():
    backends = settings_with({"AWS_STORAGE_BUCKET_NAME": "ldld-media"})
    assert backends["default"] == "storages.backends.s3.S3Storage"
    assert backends["private"] == "storages.backends.s3.S3Storage"


def test_signed_documents_follow_the_private_storage_and_never_touch_the_disk(client, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": InMemoryStorage.__module__ + ".InMemoryStorage"},
    }
    agreement = make_agreement()
    agreement.document = pdf_upload("chuong-trinh.pdf")
    agreement.save()
    assert not Path(settings.PRIVATE_MEDIA_ROOT).exists() or not any(
        Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.pdf")
    )
    client.force_login(make_officer())
    response = client.get(f"{agreement.get_absolute_url()}van-ban/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


# Read counts from cron ----------------------------------------------------------------------------


def test_flush_view_counts_writes_the_pending_reads(capsys):
    popularity.counter().drain()  # reads left over by earlier tests
    article = make_article()
    for _ in range(3):
        popularity.record_view(article.pk)
    call_command("flush_view_counts")
    assert ArticleViewCount.objects.get(article=article).count == 3
    assert "Đã ghi 3 lượt đọc" in capsys.readouterr().out


# Every public page: at most 10 queries, the same at 1 and at 50 of everything --------------------

MAX_PUBLIC_QUERIES = 10


def fill(count, picture, categories, period):
    """count articles (two photos, three tags), programmes (with tasks and linked news) and
    profiles (with honours and linked news)."""
    from tests.factories import make_photo_like, make_task

    articles = []
    for n in range(count):
        article = make_article(
            title=f"Công đoàn cơ sở chăm lo đoàn viên số {n}",
            category=categories[n % len(categories)],
            tags=["Công đoàn", "Đoàn viên", "Tháng Công nhân"],
        )
        make_photo_like(picture, article=article, order=0)
        make_photo_like(picture, article=article, order=1)
        articles.append(article)
    for n in range(count):
        agreement = make_agreement(title=f"Chương trình phối hợp số {n}")
        agreement.related_articles.add(articles[n])
        make_task(agreement=agreement).related_articles.add(articles[n])
        worker = make_worker(
            full_name=f"Nguyễn Văn Công {n}",
            featured=True,
            honours=[(period, "Chiến sĩ thi đua cơ sở", period.start_year)],
        )
        worker.related_articles.add(articles[n])
    return articles


PUBLIC_PAGES = {
    "trang-chu": lambda a: "/",
    "tin-tuc": lambda a: "/tin-tuc/",
    "tin-tuc-trang-sau": lambda a: "/tin-tuc/?page=2",
    "chuyen-muc": lambda a: a.category.get_absolute_url(),
    "the": lambda a: "/the/cong-doan/",
    "bai-viet": lambda a: a.get_absolute_url(),
    "tim-kiem": lambda a: "/tim-kiem/?q=công+đoàn",
    "tim-kiem-hiem": lambda a: "/tim-kiem/?q=chăm+lo",
    "chuong-trinh": lambda a: "/chuong-trinh-phoi-hop/",
    "mot-chuong-trinh": lambda a: a.agreements.first().get_absolute_url(),
    "dien-hinh": lambda a: "/dien-hinh-tien-tien/",
    "mot-ho-so": lambda a: a.exemplary_workers.first().get_absolute_url(),
    "rss": lambda a: "/tin-tuc/rss/",
    "sitemap": lambda a: "/sitemap-tin-tuc.xml",
}


def cold_queries(client, url):
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # the site profile and the most-read block are warm on a live site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_every_public_page_takes_at_most_10_queries_at_1_and_at_50_of_everything(client):
    from tests.factories import make_period, make_photo

    picture = make_photo(article=make_article(status=Article.Status.DRAFT))
    categories = [make_category(name=f"Khối {n}") for n in range(5)]
    period = make_period()
    # 21 articles in the small case, so that the list has a second page.
    first = fill(1, picture, categories[:1], period)[0]
    for n in range(20):
        make_article(title=f"Tin ngắn số {n}", category=categories[0])
    small = {key: cold_queries(client, page(first)) for key, page in PUBLIC_PAGES.items()}
    fill(50, picture, categories, period)
    large = {key: cold_queries(client, page(first)) for key, page in PUBLIC_PAGES.items()}
    assert max(large.values()) <= MAX_PUBLIC_QUERIES, large
    assert large == small
