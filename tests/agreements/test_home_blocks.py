"""The home page's programmes in force and partner logos are read once per change and per day
(core.memo): they follow the site's midnight and every save, never a stale day."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement
from core import memo, pagecache
from tests.factories import image_upload, make_agreement, make_partner

pytestmark = pytest.mark.django_db

SITE = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = dt.date(2026, 3, 10)


def at(day, hour, minute):
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SITE)


def block(client, anchor):
    html = client.get("/").content.decode()
    parts = html.split(f'id="{anchor}"')
    return parts[1].split("</section>")[0] if len(parts) > 1 else ""


def programmes(client):
    return block(client, "chuong-trinh-hieu-luc")


def partners(client):
    return block(client, "doi-tac-bao-chi")


def test_the_programmes_in_force_change_at_the_sites_midnight(client):
    with time_machine.travel(at(DAY, 23, 58), tick=False):
        make_agreement(
            title="Chương trình hết hạn hôm nay",
            valid_from=DAY - dt.timedelta(days=700),
            valid_until=DAY,
        )
        make_agreement(
            title="Chương trình bắt đầu ngày mai",
            valid_from=DAY + dt.timedelta(days=1),
            valid_until=DAY + dt.timedelta(days=700),
        )
        before = programmes(client)
        assert programmes(client) == before  # remembered, the same
    assert "Chương trình hết hạn hôm nay" in before
    assert "Chương trình bắt đầu ngày mai" not in before
    # Midnight in Đà Lạt (17:00 UTC): the remembered list is of yesterday.
    with time_machine.travel(at(DAY + dt.timedelta(days=1), 0, 1), tick=False):
        after = programmes(client)
    assert "Chương trình hết hạn hôm nay" not in after
    assert "Chương trình bắt đầu ngày mai" in after


def test_a_partner_that_ceased_yesterday_leaves_the_logos_at_midnight(client):
    with time_machine.travel(at(DAY, 23, 58), tick=False):
        make_partner(
            name="Báo Đã Sáp Nhập",
            logo=image_upload("logo.png", image_format="PNG"),
            valid_until=DAY,
        )
        assert "Báo Đã Sáp Nhập" in partners(client)
    with time_machine.travel(at(DAY + dt.timedelta(days=1), 0, 1), tick=False):
        assert "Báo Đã Sáp Nhập" not in partners(client)


def test_a_saved_or_new_programme_shows_on_the_next_render(client):
    agreement = make_agreement(title="Chương trình cũ")
    assert "Chương trình cũ" in programmes(client)
    agreement.title = "Chương trình đã đổi tên"
    agreement.save()
    assert "Chương trình đã đổi tên" in programmes(client)
    make_agreement(title="Chương trình mới ký")
    assert "Chương trình mới ký" in programmes(client)
    Agreement.objects.get(pk=agreement.pk).delete()
    assert "Chương trình đã đổi tên" not in programmes(client)


def test_remembered_blocks_cost_no_query_and_live_no_later_than_midnight(client, monkeypatch):
    make_agreement(
        title="Chương trình đang thực hiện",
        partners=[make_partner(logo=image_upload("logo.png", image_format="PNG"))],
    )
    stored = {}
    real = memo.cachebatch.store

    def spy(key, value, timeout):
        stored[key] = timeout
        real(key, value, timeout)

    monkeypatch.setattr(memo.cachebatch, "store", spy)
    with time_machine.travel(at(DAY, 23, 50), tick=False):
        client.get("/")
        with CaptureQueriesContext(connection) as queries:
            assert "Chương trình đang thực hiện" in programmes(client)
    table = Agreement._meta.db_table
    partner_table = Agreement.partners.field.related_model._meta.db_table
    assert not [q for q in queries.captured_queries if f'"{table}"' in q["sql"]]
    assert not [q for q in queries.captured_queries if f'FROM "{partner_table}"' in q["sql"]]
    daily = {k: v for k, v in stored.items() if "programmes-in-force" in k or "partner-logos" in k}
    assert len(daily) == 2
    assert all(seconds <= 10 * 60 for seconds in daily.values()), daily
    # One fixed key each, whatever the day: nothing dated piles up among the learned keys.
    with time_machine.travel(at(DAY + dt.timedelta(days=1), 12, 0), tick=False):
        programmes(client)
    assert not [k for k in stored if DAY.isoformat() in k or "2026-03-11" in k]
    assert pagecache.seconds_to_midnight(at(DAY, 23, 50)) == 600
