"""The programmes' list with its cards and its filter widgets kept in the cache (agreements.cards,
core.memo, QueryFilterForm.remember_widgets): the same HTML whether they come from the cache
or not, current after every edit that shows on them and on the next day, the officers-only
programmes still for officers only, and one round trip for a page's cards."""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements import cards
from agreements.models import Agreement, AgreementTask
from core import pagecache
from tests.cache_trips import counted_round_trips
from tests.cached_pages import HEADER
from tests.factories import make_agreement, make_officer, make_partner, make_task
from tests.security.test_cache_outage import closed_port, redis_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

LIST = "/chuong-trinh-phoi-hop/"


@pytest.fixture
def programmes():
    """Public programmes with partners and tasks, one officers-only."""
    press = make_partner(name="Báo Lâm Đồng")
    radio = make_partner(name="Đài Phát thanh – Truyền hình Lâm Đồng")
    made = []
    for n in range(4):
        agreement = make_agreement(
            title=f"Chương trình phối hợp tuyên truyền số {n}", partners=[press, radio][: n % 2 + 1]
        )
        make_task(agreement=agreement, progress=AgreementTask.Progress.DONE)
        make_task(agreement=agreement)
        made.append(agreement)
    secret = make_agreement(
        title="Chương trình nội bộ về thỏa ước lao động", visibility=Agreement.Visibility.OFFICERS
    )
    return {"public": made, "secret": secret, "press": press}


def rendered(url=LIST, client=None):
    """A cold render: a visitor with a session is never served from the page cache."""
    if client is None:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = "khong-co-phien"
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.get("X-Page-Cache") != "HIT", url
    # A signed-in officer's page carries a new token on each render (the sign-out form).
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())


def stored_cards():
    return [key for key in caches["default"]._cache if ":pagecache:row:agreements:card:" in key]


@pytest.fixture
def officer_client():
    client = Client()
    client.force_login(make_officer())
    return client


def test_the_list_is_the_same_with_its_cards_cached_or_not(programmes, settings, officer_client):
    urls = [LIST, f"{LIST}?doi-tac={programmes['press'].slug}", f"{LIST}?trang-thai=dang-hieu-luc"]
    first = {url: rendered(url) for url in urls}
    assert stored_cards()
    for url in urls:
        assert rendered(url) == first[url], url
    officers = rendered(client=officer_client)
    settings.PAGECACHE_ENABLED = False
    cache.clear()
    for url in urls:
        assert rendered(url) == first[url], url
    assert rendered(client=officer_client) == officers
    assert not stored_cards()


def test_officers_only_programmes_stay_for_officers(programmes, officer_client):
    secret = programmes["secret"].title
    # The officer's render stores the officers-only card; the public list never shows it.
    assert secret in rendered(client=officer_client)
    assert secret not in rendered()
    assert secret in rendered(client=officer_client)


def test_edits_show_on_the_next_cold_render(programmes):
    agreement = programmes["public"][0]
    rendered()
    agreement.title = "Chương trình phối hợp tuyên truyền về Tháng Công nhân"
    agreement.save()
    assert "Chương trình phối hợp tuyên truyền về Tháng Công nhân" in rendered()

    programmes["press"].slug = "bao-lam-dong-moi"
    programmes["press"].save()
    assert "/doi-tac/bao-lam-dong-moi/" in rendered()

    before = rendered()
    task = agreement.tasks.exclude(progress=AgreementTask.Progress.DONE).get()
    task.progress = AgreementTask.Progress.DONE
    task.save()
    html = rendered()
    assert html != before
    assert "2/2 nhiệm vụ hoàn thành" in html

    agreement.partners.add(make_partner(name="Báo Tuổi Trẻ Thủ đô"))
    assert "Báo Tuổi Trẻ Thủ đô" in rendered()

    agreement.visibility = Agreement.Visibility.OFFICERS
    agreement.save()
    assert "Chương trình phối hợp tuyên truyền về Tháng Công nhân" not in rendered()


def card_of(title, html):
    return html.split(title)[0].rsplit('<article class="agreement-card">')[-1]


def test_a_status_follows_the_day_with_the_card_cached(programmes):
    # Two minutes before midnight, then two after: the stored card has not expired, the day has.
    evening = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(23, 58)))
    with time_machine.travel(evening, tick=False) as traveller:
        title = "Chương trình hết hạn hôm nay"
        make_agreement(
            title=title,
            valid_from=timezone.localdate() - dt.timedelta(days=400),
            valid_until=timezone.localdate(),
        )
        assert "status-badge--sap-het-han" in card_of(title, rendered())
        assert "status-badge--sap-het-han" in card_of(title, rendered())
        traveller.move_to(evening + dt.timedelta(minutes=4))
        assert "status-badge--het-han" in card_of(title, rendered())


def test_a_new_partner_and_year_show_in_the_filters(programmes):
    filtered = f"{LIST}?trang-thai=dang-hieu-luc&doi-tac={programmes['press'].slug}"
    for url in (LIST, filtered):
        rendered(url)
    make_partner(name="Tạp chí Lao động và Công đoàn")
    for url in (LIST, filtered):
        assert "Tạp chí Lao động và Công đoàn</option>" in rendered(url), url
    make_agreement(
        valid_from=dt.date(2011, 1, 1),
        valid_until=dt.date(2012, 12, 31),
        signed_on=dt.date(2011, 1, 1),
    )
    for url in (LIST, filtered):
        assert '<option value="2011">2011</option>' in rendered(url), url
    assert '<option value="dang-hieu-luc" selected>' in rendered(filtered)


def test_each_choice_keeps_its_own_widgets(programmes):
    press = programmes["press"].slug
    for status in ("dang-hieu-luc", "het-han", "dang-hieu-luc"):
        html = rendered(f"{LIST}?trang-thai={status}&doi-tac={press}")
        assert f'<option value="{status}" selected>' in html
        assert f'<option value="{press}" selected>' in html
    # A value that is not a choice is shown as it came and said to be dropped, every time.
    for _ in range(2):
        html = rendered(f"{LIST}?doi-tac=khong-co")
        assert "selected>" not in html.split('name="doi-tac"')[1].split("</select>")[0]
        assert "đã được bỏ qua" in html


def test_the_cards_come_in_one_round_trip(programmes, monkeypatch):
    rendered()
    real = cards.render
    trips = []

    def counted(agreements):
        with counted_round_trips() as calls:
            result = real(agreements)
        trips.append(calls)
        return result

    monkeypatch.setattr(cards, "render", counted)
    rendered()
    assert trips == [["get_many"]]


def test_the_list_renders_the_same_when_the_cache_is_away(programmes):
    kept = rendered()
    with redis_at(f"redis://127.0.0.1:{closed_port()}/0"):
        for _ in range(2):
            assert rendered() == kept


def test_the_officers_filter_keeps_the_years_of_officers_only_programmes(
    programmes, officer_client
):
    make_agreement(
        visibility=Agreement.Visibility.OFFICERS,
        valid_from=dt.date(2009, 1, 1),
        valid_until=dt.date(2010, 12, 31),
        signed_on=dt.date(2009, 1, 1),
    )
    year = '<option value="2009">2009</option>'
    assert year in rendered(client=officer_client)
    assert year not in rendered()
    assert year in rendered(client=officer_client)


def test_a_new_or_deleted_programme_shows_in_the_list_and_its_count(programmes):
    assert "4 chương trình" in rendered()
    newest = make_agreement(title="Chương trình mới ký", signed_on=timezone.localdate())
    html = rendered()
    assert "5 chương trình" in html
    assert html.index("Chương trình mới ký") < html.index("Chương trình phối hợp tuyên truyền")
    newest.delete()
    html = rendered()
    assert "4 chương trình" in html and "Chương trình mới ký" not in html


def test_an_unfiltered_page_reads_no_row(programmes):
    rendered()
    rendered(f"{LIST}?page=1")
    for url in (LIST, f"{LIST}?page=1"):
        with CaptureQueriesContext(connection) as queries:
            rendered(url)
        tables = [re.search(r'FROM "(\w+)"', q["sql"])[1] for q in queries.captured_queries]
        assert tables == ["django_session"], url  # the visitor's (unknown) session
    with CaptureQueriesContext(connection) as queries:
        rendered(f"{LIST}?trang-thai=dang-hieu-luc")
    # A filtered page reads its rows (a status follows the day), with their count.
    assert any("paginator_total" in q["sql"] for q in queries.captured_queries)


def test_a_cold_render_reads_the_cache_in_three_round_trips(programmes, client):
    # The page and its generations; the facts every render of the list reads (site profile,
    # menu, the filter's widgets, which programmes the page shows and their count) with the
    # cards its last render read (core.cachebatch); the page stored, and no query. Before:
    # three, with five queries; then four (the cards on their own).
    client.get(LIST)
    client.get(LIST)
    pagecache.bump("site")
    with counted_round_trips() as calls:
        response = client.get(LIST)
    assert response[HEADER] == "MISS"
    assert calls == ["get_many", "get_many", "set"]
