"""A list page finds its category or tag from what is remembered per change to the news
(news.views.categories_by_slug, TagView.find_tag): current after a creation, a rename and a
deletion, and without a query once remembered."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from news.models import Tag
from tests.cache_trips import list_memo_calls
from tests.cached_pages import HEADER
from tests.cached_pages import afresh as cold
from tests.factories import make_article, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def test_a_category_s_page_follows_its_creation_rename_and_deletion():
    """Categories are looked up by address from a remembered map (news.views.categories_by_slug)."""
    category = make_category(name="Chăm lo đời sống")
    make_article(category=category)
    url = category.get_absolute_url()
    assert "Chăm lo đời sống" in cold(url).content.decode()
    category.name = "Chăm lo đoàn viên"
    category.save()
    assert "Chăm lo đoàn viên" in cold(url).content.decode()
    added = make_category(name="Pháp luật")
    assert cold(added.get_absolute_url()).status_code == 200
    added.delete()
    assert cold(added.get_absolute_url()).status_code == 404
    assert cold("/chuyen-muc/khong-co/").status_code == 404


def test_a_tag_s_page_follows_its_rename_and_deletion_and_runs_no_query_once_read():
    make_article(tags=["An toàn lao động"])
    tag = Tag.objects.get(name="An toàn lao động")
    url = tag.get_absolute_url()
    assert "Thẻ: An toàn lao động" in cold(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert cold(url).status_code == 200
    assert not [
        q for q in queries.captured_queries if "taggit" in q["sql"] or "news_tag" in q["sql"]
    ]
    tag.name = "An toàn, vệ sinh lao động"
    tag.save()
    assert "Thẻ: An toàn, vệ sinh lao động" in cold(url).content.decode()
    tag.delete()
    assert cold(url).status_code == 404
    assert cold("/the/khong-co-the-nay/").status_code == 404


def test_a_deep_page_walks_ids_only_and_shows_the_lists_own_order(client, settings):
    """A page whose start is not known is found by OFFSET over ids alone (the index of the public
    lists), then its rows by id: the articles of the ORM's own slice, ties broken by id."""
    from django.utils import timezone

    from news.models import Article

    now = timezone.now()
    category = make_category(name="Tin tức")
    for n in range(45):
        make_article(
            title=f"Tin số {n}",
            category=category,
            published_at=now - timezone.timedelta(minutes=n // 3),
        )
    make_article(title="Bản nháp", category=category, status=Article.Status.DRAFT)
    settings.PAGECACHE_ENABLED = False  # nothing remembered: every deep page takes the OFFSET
    for number in (2, 3):
        expected = list(Article.objects.published().values_list("pk", flat=True))[
            (number - 1) * 20 : number * 20
        ]
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/tin-tuc/?page={number}")
        assert [a.pk for a in response.context["articles"]] == expected
        walks = [q["sql"] for q in queries.captured_queries if "OFFSET" in q["sql"].upper()]
        assert len(walks) == 1, walks
        selected = walks[0].upper().split(" FROM ")[0]
        assert selected.count(",") == 0 and '"ID"' in selected, walks[0]


def test_a_list_page_read_again_keeps_its_cards_and_shows_an_edit_or_a_rename_at_once(
    monkeypatch,
):
    """A page's cards are kept with its rows (ArticlePaginator.keep_cards): read again, it makes
    no article of its rows and looks up no article's card; what a card shows, changed, shows at
    once."""
    from news import cards

    category = make_category(name="Việc làm")
    story = make_article(title="Phiên giao dịch việc làm", category=category)
    for n in range(25):
        make_article(title=f"Tin số {n}", category=category)
    tag_url = "/the/viec-lam/"
    make_article(title="Tin có thẻ", category=category, tags=["Việc làm"])
    urls = ["/tin-tuc/", "/tin-tuc/?page=2", category.get_absolute_url(), tag_url]
    first = {url: cold(url).content for url in urls}
    made, looked_up = [], []
    original_lookup = cards._lookup
    monkeypatch.setattr(cards, "from_row", lambda row: made.append(row))
    monkeypatch.setattr(cards, "_lookup", lambda w: looked_up.append(w) or original_lookup(w))
    for url in urls:
        assert cold(url).content == first[url], url
    assert made == [] and looked_up == []
    monkeypatch.undo()

    story.title = "Phiên giao dịch việc làm tháng Mười Hai"
    story.save()
    assert "tháng Mười Hai" in cold("/tin-tuc/").content.decode()
    assert "tháng Mười Hai" in cold(category.get_absolute_url()).content.decode()
    category.name = "Việc làm và thu nhập"
    category.save()
    renamed = (
        f'<a class="card__category" href="{category.get_absolute_url()}">Việc làm và thu nhập</a>'
    )
    for url in urls:
        assert renamed in cold(url).content.decode(), url


def test_after_a_publish_a_list_writes_its_facts_in_one_round_trip_and_reads_no_category(
    monkeypatch,
):
    """The count, the rows, where the pages start and the cards, kept again after a publish, are
    written together when the render ends (core.cachebatch.defer); the menu's categories and the
    categories by address follow the categories, not every article published."""

    category = make_category(name="Việc làm", show_in_menu=True)
    for n in range(45):
        make_article(title=f"Tin số {n}", category=category)
    for url in ("/tin-tuc/?page=2", category.get_absolute_url()):
        cold(url)
    make_article(title="Tin mới đăng", category=category)
    writes = list_memo_calls(monkeypatch, names=("set", "set_many"))
    visitor = Client()  # anonymous: the page cache's miss, as a visitor's after the publish
    with CaptureQueriesContext(connection) as queries:
        response = visitor.get("/tin-tuc/?page=2")
    assert response[HEADER] == "MISS" and "Tin số" in response.content.decode()
    assert writes == [("set_many", 5)], (
        writes
    )  # count, rows, this page's and the next's start, cards
    assert not [q for q in queries.captured_queries if 'FROM "news_category"' in q["sql"]]
    with CaptureQueriesContext(connection) as queries:
        assert visitor.get(category.get_absolute_url())[HEADER] == "MISS"
    assert not [q for q in queries.captured_queries if 'FROM "news_category"' in q["sql"]]
