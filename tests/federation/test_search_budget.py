"""The search page within the query budget where it costs the most: a word found in most of the
newest articles (news.search's common-word path, two more queries than a rare word's) and in
every other kind too, each kind with its block and its tab count."""

import pytest

from news.models import Article
from news.search import COMMON_SHARE, SAMPLE
from tests.factories import (
    make_article,
    make_category,
    make_every_kind_matching,
    make_period,
    make_photo,
    make_photo_like,
)
from tests.queries import MAX_PUBLIC_QUERIES, warm_queries

pytestmark = pytest.mark.django_db

# Enough matching articles for the common-word path: more than COMMON_SHARE of the sample.
COMMON = int(SAMPLE * COMMON_SHARE) + 10
URL = "/tim-kiem/?q=công+đoàn"
TABS = ["tin-tuc", "chuyen-de", "chuong-trinh", "dien-hinh", "van-ban", "hoi-dap"]


def fill(count, picture, category, period):
    """count of every kind, each matching "công đoàn"; articles with a picture."""
    for n in range(count):
        make_photo_like(
            picture, article=make_article(title=f"Công đoàn tin số {n}", category=category)
        )
    make_every_kind_matching(count, period)


def test_a_word_in_most_articles_and_in_every_kind_stays_within_the_query_budget(client):
    picture = make_photo(article=make_article(status=Article.Status.DRAFT))
    category, period = make_category(), make_period()
    fill(2, picture, category, period)
    for n in range(COMMON):
        make_article(title=f"Hoạt động công đoàn cơ sở số {n}", category=category)
    html = client.get(URL).content.decode()
    for slug in TABS[1:]:  # every kind has its block, so each costs its query
        assert f"loai={slug}" in html
    assert 'search-tabs__count">(0)' not in html
    pages = {"": URL, **{slug: f"{URL}&loai={slug}" for slug in TABS}}
    small = {key: warm_queries(client, url) for key, url in pages.items()}
    fill(8, picture, category, period)
    large = {key: warm_queries(client, url) for key, url in pages.items()}
    assert max(large.values()) <= MAX_PUBLIC_QUERIES, large
    assert large == small
