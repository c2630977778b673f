"""A cold render's round trips to the cache: the page, its generations and the cached facts every
render of the page reads (site profile, menu, most read, next scheduled change) come in a fixed,
small number of calls (core.cachebatch), not one call each."""

import pytest

from core import pagecache
from tests.cache_trips import counted_round_trips
from tests.cached_pages import HEADER
from tests.factories import make_article, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def story():
    events = make_category(name="Sự kiện", show_on_home=True, show_in_menu=True)
    for n in range(3):
        make_article(title=f"Tin số {n}", category=events)
    return make_article(title="Hội nghị người lao động", category=events)


def cold_render(client, url):
    """The calls of a render that misses the page while every other cached fact is current."""
    client.get(url)
    client.get(url)
    pagecache.bump("site")  # every page is stale; the facts the render reads are not
    with counted_round_trips() as calls:
        response = client.get(url)
    assert response[HEADER] == "MISS", url
    return calls


def test_an_article_page_cold_render_reads_the_cache_in_two_round_trips(client, story):
    # The page, its sections' generations and those of the objects it showed when this process
    # stored it (its own row, its category, tags and topics); then, in one more, the facts every
    # article page reads (site profile, menu, next scheduled change) with what this page's last
    # render read of its own: the article as kept (news.article_page: its row, photos and links,
    # which cost three queries otherwise, and its own part of the page rendered), "Tin liên quan"
    # as remembered (news.related) and the related articles' cards (news.cards); the page
    # stored. Before: nine, then six (the page's own facts fetched one by one).
    calls = cold_render(client, story.get_absolute_url())
    assert calls == ["get_many", "get_many", "set"]


def test_a_page_rendered_for_the_first_time_in_a_process_learns_its_own_facts(client, story):
    """The keys a page's render read are remembered per page (core.cachebatch), not per view:
    another article's page fetches its own, not this one's."""
    from core import cachebatch

    cachebatch._pages.clear()
    other = make_article(title="Tin khác", category=story.category)
    first = cold_render(client, story.get_absolute_url())
    assert first == ["get_many", "get_many", "set"]
    cachebatch._pages.clear()
    pagecache.bump("site")
    with counted_round_trips() as calls:
        assert client.get(other.get_absolute_url())[HEADER] == "MISS"
    # Never rendered in this process: its own facts are read in three more round trips (then
    # learnt): the article's generation with its kept row and own part, known from its address
    # (news.article_page.prefetch); "Tin liên quan" with its generations; the related cards.
    assert [call for call in calls if call in ("get", "get_many")] == ["get_many"] * 5
    assert cold_render(client, other.get_absolute_url()) == ["get_many", "get_many", "set"]


def test_the_home_page_cold_render_reads_the_cache_in_three_round_trips(client, story):
    # The page and its generations; site profile, menu, most read, topics, next scheduled
    # change, and the news it shows with their cards (news.home) and its side blocks, all
    # remembered; the page stored. Before: eleven, then four (the cards fetched on their own).
    calls = cold_render(client, "/")
    assert calls == ["get_many", "get_many", "set"]


def test_the_home_page_reads_its_cards_again_only_when_the_news_changed(client, story):
    # The news it shows rendered again from the cards (news.cards), which its last render read
    # and so come with its other facts; then what was computed again is stored (the news, the
    # menu, the topics, the page).
    client.get("/")
    pagecache.bump("news")
    with counted_round_trips() as calls:
        assert client.get("/")[HEADER] == "MISS"
    assert [call for call in calls if call != "set"] == ["get_many", "get_many"]


def test_every_news_page_cold_render_reads_the_cache_in_a_few_round_trips(client, story):
    for url in ["/", "/tin-tuc/", story.get_absolute_url()]:
        calls = cold_render(client, url)
        assert len(calls) <= 6, (url, calls)
