"""The read counter: one read per reader and article a day, only for public articles, never pumped."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news import popularity
from news.models import Article, ArticleViewCount
from tests.factories import make_article

pytestmark = pytest.mark.django_db

READER = {"REMOTE_ADDR": "198.51.100.7", "HTTP_USER_AGENT": "Mozilla/5.0 (Android 14; Mobile)"}


def beacon(article):
    return f"/tin-tuc/luot-doc/{article.pk}/"


def reads(article):
    """What the most-read block will count for the article, once the pending reads are flushed."""
    popularity.flush_view_counts()
    return sum(ArticleViewCount.objects.filter(article=article).values_list("count", flat=True))


def most_read_block(client):
    cache.delete(popularity.MOST_READ_CACHE_KEY)
    html = client.get("/").content.decode()
    return html.split('id="doc-nhieu"')[1].split("</section>")[0]


def test_600_posts_from_one_reader_do_not_make_the_most_read_article(client):
    honest = make_article(title="Tin được năm người đọc")
    pumped = make_article(title="Tin bị bơm lượt đọc")
    for n in range(5):
        client.post(beacon(honest), REMOTE_ADDR=f"203.0.113.{n + 1}")
    for _ in range(600):
        assert client.post(beacon(pumped), **READER).status_code == 204

    block = most_read_block(client)

    assert (reads(honest), reads(pumped)) == (5, 1)
    assert block.index(honest.title) < block.index(pumped.title)


def test_the_same_reader_counts_again_the_next_day(client):
    article = make_article()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post(beacon(article), **READER)
    with time_machine.travel(start + dt.timedelta(hours=23), tick=False):
        client.post(beacon(article), **READER)
    assert reads(article) == 1
    with time_machine.travel(start + dt.timedelta(hours=24, seconds=1), tick=False):
        client.post(beacon(article), **READER)
    assert reads(article) == 2


def test_readers_behind_one_address_count_apart_but_only_up_to_a_cap(client):
    # A shared address (an office, a mobile carrier's NAT) holds several readers, told apart by
    # their browsers; a script that changes its browser name at every post gains only the cap.
    article, other = make_article(), make_article()
    with time_machine.travel(timezone.now(), tick=False):
        for n in range(3):
            client.post(beacon(article), REMOTE_ADDR="198.51.100.7", HTTP_USER_AGENT=f"Máy {n}")
        assert reads(article) == 3
        for n in range(600):
            client.post(beacon(article), REMOTE_ADDR="198.51.100.7", HTTP_USER_AGENT=f"Bot {n}")
        assert reads(article) == popularity.READERS_PER_ADDRESS
        # The script has spent the address's minute: not even another article counts from it now.
        client.post(beacon(other), **READER)
        assert reads(other) == 0


def test_one_address_reading_every_article_in_a_minute_is_capped(client):
    articles = [make_article() for _ in range(popularity.READS_PER_ADDRESS_MINUTE + 10)]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for article in articles:
            client.post(beacon(article), **READER)
    popularity.flush_view_counts()
    assert ArticleViewCount.objects.count() == popularity.READS_PER_ADDRESS_MINUTE
    late = articles[-1]
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        client.post(beacon(late), **READER)
    assert reads(late) == 1  # a minute later the address reads again


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.SUBMITTED},
        {"status": Article.Status.HIDDEN},
        {"published_at": timezone.now() + dt.timedelta(days=1)},
        {"deleted_at": timezone.now()},
    ],
    ids=["nhap", "cho-duyet", "da-go", "hen-gio", "thung-rac"],
)
def test_a_read_of_an_article_the_public_cannot_see_is_not_counted(client, state):
    hidden = make_article(**state)
    public = make_article()
    for n in range(5):
        response = client.post(beacon(hidden), REMOTE_ADDR=f"203.0.113.{n + 1}")
        # The same answer as for a public article: the beacon tells nobody which numbers are drafts.
        assert response.status_code == 204
    client.post(beacon(public), **READER)

    assert popularity.flush_view_counts() == 1
    assert not ArticleViewCount.objects.filter(article=hidden).exists()
    assert reads(public) == 1


def test_a_read_of_an_unknown_article_is_not_counted(client):
    article = make_article()
    assert client.post(f"/tin-tuc/luot-doc/{article.pk + 1000}/", **READER).status_code == 204
    assert popularity.flush_view_counts() == 0
    assert ArticleViewCount.objects.count() == 0


def test_counting_a_read_still_touches_no_database(client):
    article = make_article()
    with CaptureQueriesContext(connection) as queries:
        for n in range(3):
            client.post(beacon(article), REMOTE_ADDR=f"203.0.113.{n + 1}")
    assert queries.captured_queries == []
    assert reads(article) == 3


def test_the_reader_address_follows_the_login_lockout_rule(client, settings):
    # Behind nginx every request comes from the proxy: readers are told apart by the address the
    # proxy saw (core.clientip, the rule of the login lockout), never by a forged left-most entry.
    settings.PROXY_COUNT = 1
    article = make_article()
    for n in range(3):
        client.post(
            beacon(article), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n + 1}"
        )
    client.post(
        beacon(article), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.1"
    )
    assert reads(article) == 3


def test_an_unreachable_cache_loses_the_read_not_the_request(client, monkeypatch):
    article = make_article()

    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis không trả lời")

    monkeypatch.setattr(cache, "add", unreachable)
    monkeypatch.setattr(cache, "get", unreachable)

    assert client.post(beacon(article), **READER).status_code == 204
    monkeypatch.undo()
    assert reads(article) == 0


# Read counts from cron ----------------------------------------------------------------------------


def test_flush_view_counts_writes_the_pending_reads(capsys):
    article = make_article()
    for _ in range(3):
        popularity.record_view(article.pk)
    call_command("flush_view_counts")
    assert ArticleViewCount.objects.get(article=article).count == 3
    assert "Đã ghi 3 lượt đọc" in capsys.readouterr().out
