"""A programme's page with what changes only with the programmes kept in the cache (agreements.page,
core.memo.keep): the same HTML whether it comes from the cache or not, current after every
edit of the programme, its partners, tasks, links, chain and documents, the linked articles' public
state read on each render, the dates' status on each day, and officers-only programmes still for
officers only."""

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

from agreements.models import Agreement, AgreementTask
from core import pagecache
from news.models import Article
from tests.cache_trips import counted_round_trips
from tests.cached_pages import HEADER
from tests.factories import (
    make_agreement,
    make_article,
    make_document,
    make_officer,
    make_partner,
    make_task,
)
from tests.security.test_cache_outage import closed_port, redis_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def programme():
    paper = make_partner(name="Báo Lâm Đồng")
    earlier = make_agreement(
        title="Giai đoạn đầu",
        valid_from=dt.date(2018, 1, 1),
        valid_until=dt.date(2020, 12, 31),
        partners=[paper],
    )
    current = make_agreement(title="Giai đoạn hiện nay", renews=earlier, partners=[paper])
    task = make_task(
        agreement=current,
        title="Xây dựng chuyên mục công đoàn",
        responsible=AgreementTask.Responsible.PARTNER,
        partner=paper,
        target_count=2,
        target_period=AgreementTask.Period.PROGRAMME,
    )
    column = make_article(title="Ra mắt chuyên mục Công đoàn Lâm Đồng")
    task.related_articles.add(column)
    make_article(title="Bài đăng lại của Báo Lâm Đồng", source_partner=paper)
    signing = make_article(title="Lễ ký kết chương trình phối hợp")
    current.related_articles.add(signing)
    return {"current": current, "earlier": earlier, "task": task, "paper": paper,
            "column": column, "signing": signing}  # fmt: skip


def rendered(url, client=None, status=200):
    """A cold render: a visitor with a session is never served from the page cache."""
    if client is None:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = "khong-co-phien"
    response = client.get(url)
    assert response.status_code == status, url
    assert response.get("X-Page-Cache") != "HIT", url
    # A signed-in officer's page carries a new token on each render (the sign-out form).
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())


def stored_pages():
    return [key for key in caches["default"]._cache if ":pagecache:kept:agreements:page:" in key]


@pytest.fixture
def officer_client():
    client = Client()
    client.force_login(make_officer())
    return client


def test_the_page_is_the_same_kept_or_not(programme, settings, officer_client):
    url = programme["current"].get_absolute_url()
    first = rendered(url)
    officers = rendered(url, officer_client)
    assert stored_pages()
    assert "2/2" in first  # the linked article and the partner's repost count for the quota
    assert rendered(url) == first
    assert rendered(url, officer_client) == officers
    settings.PAGECACHE_ENABLED = False
    cache.clear()
    assert rendered(url) == first
    assert rendered(url, officer_client) == officers
    assert not stored_pages()


def test_edits_of_the_programme_show_on_the_next_cold_render(programme):
    current, task = programme["current"], programme["task"]
    url = current.get_absolute_url()
    rendered(url)
    current.title = "Giai đoạn hiện nay (sửa đổi)"
    current.save()
    assert "Giai đoạn hiện nay (sửa đổi)</h1>" in rendered(url)

    programme["paper"].name = "Báo Lâm Đồng điện tử"
    programme["paper"].save()
    assert "(nay là Báo Lâm Đồng điện tử)" in rendered(url)

    task.progress = AgreementTask.Progress.DONE
    task.save()
    assert "1/1 nhiệm vụ hoàn thành" in rendered(url)

    later = make_agreement(title="Giai đoạn tiếp theo", renews=current)
    assert later.get_absolute_url() in rendered(url)


def test_new_links_to_articles_show_from_either_side(programme):
    current, task = programme["current"], programme["task"]
    url = current.get_absolute_url()
    rendered(url)
    report = make_article(title="Kết quả thực hiện chương trình quý I")
    task.related_articles.add(report)
    assert report.get_absolute_url() in rendered(url)
    # From the article's side: the news is bumped, and the programmes with it.
    review = make_article(title="Sơ kết chương trình phối hợp")
    review.agreements.add(current)
    assert "Sơ kết chương trình phối hợp" in rendered(url)
    extra = make_article(title="Chuyên mục số đặc biệt")
    extra.agreement_tasks.add(task)
    assert extra.get_absolute_url() in rendered(url)


def test_an_article_taken_down_leaves_the_page_at_once(programme):
    url = programme["current"].get_absolute_url()
    html = rendered(url)
    assert "Lễ ký kết chương trình phối hợp" in html and "2/2" in html
    for article in (programme["signing"], programme["column"]):
        article.status = Article.Status.DRAFT
        article.save()
    html = rendered(url)
    assert "Lễ ký kết chương trình phối hợp" not in html
    assert programme["column"].get_absolute_url() not in html
    assert "1/2" in html


def test_a_document_linked_to_the_programme_shows(programme):
    url = programme["current"].get_absolute_url()
    rendered(url)
    document = make_document(summary="Kế hoạch triển khai chương trình phối hợp")
    document.related_agreements.add(programme["current"])
    assert "Kế hoạch triển khai chương trình phối hợp" in rendered(url)


def test_the_days_left_follow_the_day_with_the_page_kept(programme):
    evening = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(23, 58)))
    with time_machine.travel(evening, tick=False) as traveller:
        soon = make_agreement(
            valid_from=timezone.localdate() - dt.timedelta(days=300),
            valid_until=timezone.localdate() + dt.timedelta(days=9),
        )
        assert "còn 9 ngày" in rendered(soon.get_absolute_url())
        assert "còn 9 ngày" in rendered(soon.get_absolute_url())
        traveller.move_to(evening + dt.timedelta(minutes=4))
        assert "còn 8 ngày" in rendered(soon.get_absolute_url())


def test_officers_only_programmes_stay_for_officers(programme, officer_client):
    current = programme["current"]
    url = current.get_absolute_url()
    earlier = programme["earlier"]
    earlier.visibility = Agreement.Visibility.OFFICERS
    earlier.save()
    assert earlier.get_absolute_url() in rendered(url, officer_client)
    assert earlier.get_absolute_url() not in rendered(url)
    rendered(earlier.get_absolute_url(), status=404)
    rendered(earlier.get_absolute_url(), officer_client)
    rendered(earlier.get_absolute_url(), status=404)
    current.visibility = Agreement.Visibility.OFFICERS
    current.save()
    rendered(url, status=404)
    assert "restricted-banner" in rendered(url, officer_client)


def test_a_kept_page_reads_no_row_but_the_reposts_its_quotas_count(programme):
    url = programme["current"].get_absolute_url()
    rendered(url)
    with CaptureQueriesContext(connection) as queries:
        rendered(url)
    sql = [q["sql"] for q in queries.captured_queries]
    # The visitor's (unknown) session, and the partner's reposts for the task's quota.
    assert len(sql) == 2, sql
    assert '"django_session"' in sql[0] and '"source_partner_id" IN' in sql[1]


def test_the_page_renders_the_same_when_the_cache_is_away(programme):
    url = programme["current"].get_absolute_url()
    kept = rendered(url)
    with redis_at(f"redis://127.0.0.1:{closed_port()}/0"):
        for _ in range(2):
            assert rendered(url) == kept


def test_a_cold_render_reads_the_cache_in_four_round_trips(programme, client):
    # The page and its generations; the facts every page reads; the programme kept, with its
    # articles' list (news.linked); that list's generations, with the articles' cards; the page
    # stored; no query but the reposts its quota counts. What the last render of the page read
    # of its own comes with the facts every page reads (core.cachebatch). Before: four, with six
    # queries; then five.
    url = programme["current"].get_absolute_url()
    client.get(url)
    client.get(url)
    pagecache.bump("site")
    with counted_round_trips() as calls:
        response = client.get(url)
    assert response[HEADER] == "MISS"
    assert calls == ["get_many", "get_many", "get_many", "set"]
