"""Every public page at most MAX_PUBLIC_QUERIES queries, and the same number at 1 and at 50 of
everything: articles with photos and tags, programmes with tasks, profiles with honours."""

import pytest

from news.models import Article
from tests.factories import (
    make_agreement,
    make_article,
    make_category,
    make_period,
    make_photo,
    make_photo_like,
    make_task,
    make_worker,
)
from tests.queries import MAX_PUBLIC_QUERIES, warm_queries

pytestmark = pytest.mark.django_db


def fill(count, picture, categories, period):
    """count articles (two photos, three tags), programmes (with tasks and linked news) and
    profiles (with honours and linked news)."""
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


def test_every_public_page_takes_at_most_10_queries_at_1_and_at_50_of_everything(client):
    picture = make_photo(article=make_article(status=Article.Status.DRAFT))
    categories = [make_category(name=f"Khối {n}") for n in range(5)]
    period = make_period()
    # 21 articles in the small case, so that the list has a second page.
    first = fill(1, picture, categories[:1], period)[0]
    for n in range(20):
        make_article(title=f"Tin ngắn số {n}", category=categories[0])
    small = {key: warm_queries(client, page(first)) for key, page in PUBLIC_PAGES.items()}
    fill(50, picture, categories, period)
    large = {key: warm_queries(client, page(first)) for key, page in PUBLIC_PAGES.items()}
    assert max(large.values()) <= MAX_PUBLIC_QUERIES, large
    assert large == small
