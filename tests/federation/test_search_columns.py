"""The search page reads only the columns its results show (news.search.RESULT_FIELDS, no search
columns for any kind): the same HTML byte for byte as when every column was read."""

import pytest
from django.core.cache import cache
from django.db.models import QuerySet

from news import search as news_search
from news.models import Article
from tests.factories import (
    make_article,
    make_category,
    make_every_kind_matching,
    make_period,
    make_photo,
    make_photo_like,
)

pytestmark = pytest.mark.django_db

URLS = [
    "/tim-kiem/?q=công+đoàn",
    '/tim-kiem/?q="công+đoàn"+cơ+sở',
    "/tim-kiem/?q=công+đoàn&page=2",
    *[
        f"/tim-kiem/?q=công+đoàn&loai={slug}"
        for slug in ["tin-tuc", "chuyen-de", "chuong-trinh", "dien-hinh", "van-ban", "hoi-dap"]
    ],
]


def pages(client):
    found = []
    for url in URLS:
        cache.clear()
        found.append(client.get(url).content)
    return found


def test_same_html_as_with_every_column(client, monkeypatch):
    picture = make_photo(article=make_article(status=Article.Status.DRAFT))
    category, period = make_category(name="Hoạt động"), make_period()
    for n in range(24):
        article = make_article(
            title=f"Công đoàn cơ sở tin số {n}" if n % 2 else f"Tin số {n}",
            lead="Công đoàn tỉnh thăm hỏi đoàn viên." if n % 3 else "Thăm hỏi đoàn viên.",
            body="<p>Hoạt động của <b>công đoàn</b> cơ sở.</p>",
            category=category,
        )
        if n % 4:
            make_photo_like(picture, article=article)
    make_every_kind_matching(2, period)
    light = pages(client)
    assert "tin số 23".encode() in light[0] and b"<img" in light[0]
    assert "Phối hợp".encode() in light[5]
    every = tuple(f.name for f in Article._meta.concrete_fields)
    monkeypatch.setattr(news_search, "RESULT_FIELDS", every)
    monkeypatch.setattr(QuerySet, "defer", lambda queryset, *fields: queryset)
    assert pages(client) == light
