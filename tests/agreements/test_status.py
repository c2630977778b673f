"""The status is derived from the dates on the day it is asked: the boundaries, with the clock moved."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from agreements.models import Agreement
from tests.factories import make_agreement

pytestmark = pytest.mark.django_db

VALID_FROM = date(2021, 4, 8)
VALID_UNTIL = date(2023, 12, 31)
S = Agreement.Status


def at_noon(day):
    return datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def status_everywhere(agreement):
    """The status from the model property, from the SQL annotation and from the SQL filter."""
    fresh = Agreement.objects.get(pk=agreement.pk)
    annotated = Agreement.objects.with_status().get(pk=agreement.pk)
    filtered = [s for s in S if Agreement.objects.with_status_filter(s).filter(pk=agreement.pk)]
    return fresh.status, annotated.status, filtered


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (VALID_FROM - timedelta(days=1), S.UPCOMING),
        (VALID_FROM, S.ACTIVE),
        (VALID_UNTIL - timedelta(days=61), S.ACTIVE),
        (VALID_UNTIL - timedelta(days=60), S.EXPIRING),
        (VALID_UNTIL, S.EXPIRING),
        (VALID_UNTIL + timedelta(days=1), S.EXPIRED),
    ],
    ids=[
        "the day before it starts: sắp hiệu lực",
        "the first day: đang hiệu lực",
        "61 days left: đang hiệu lực",
        "60 days left: sắp hết hạn",
        "the last day: sắp hết hạn",
        "the day after: hết hạn",
    ],
)
def test_status_on_each_boundary(day, expected):
    agreement = make_agreement(valid_from=VALID_FROM, valid_until=VALID_UNTIL)
    with time_machine.travel(at_noon(day), tick=False):
        model, annotated, filtered = status_everywhere(agreement)
    assert model == expected
    assert annotated == expected
    assert filtered == [expected]


@pytest.mark.parametrize("hour", [0, 23])
def test_the_day_is_the_federations_day_not_utc(hour):
    # 00:30 in Đà Lạt on the last day is still the previous day in UTC, and 23:30 is the same day.
    agreement = make_agreement(valid_from=VALID_FROM, valid_until=VALID_UNTIL)
    local = datetime(2024, 1, 1, hour, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(local, tick=False):
        assert Agreement.objects.get(pk=agreement.pk).status == S.EXPIRED


def test_the_warning_window_is_a_setting(settings):
    settings.AGREEMENT_EXPIRY_WARNING_DAYS = 90
    agreement = make_agreement(valid_from=VALID_FROM, valid_until=VALID_UNTIL)
    with time_machine.travel(at_noon(VALID_UNTIL - timedelta(days=90)), tick=False):
        model, annotated, filtered = status_everywhere(agreement)
    assert model == annotated == S.EXPIRING
    assert filtered == [S.EXPIRING]


def test_status_labels_are_the_vietnamese_words():
    assert [s.label for s in S] == ["sắp hiệu lực", "đang hiệu lực", "sắp hết hạn", "hết hạn"]


def test_days_left_counts_the_last_day_as_in_force():
    agreement = make_agreement(valid_from=VALID_FROM, valid_until=VALID_UNTIL)
    with time_machine.travel(at_noon(VALID_UNTIL - timedelta(days=3)), tick=False):
        assert agreement.days_left == 3


@pytest.mark.parametrize("days_left", [1200, 800, 30, 0, -1])
def test_the_programme_page_shows_the_status_the_sql_annotation_gives(client, days_left):
    # The page reads the status from the dates in Python, not from the annotation: the same badge.
    agreement = make_agreement(valid_from=VALID_FROM, valid_until=VALID_UNTIL)
    with time_machine.travel(at_noon(VALID_UNTIL - timedelta(days=days_left)), tick=False):
        annotated = Agreement.objects.with_status().get(pk=agreement.pk).status
        html = client.get(agreement.get_absolute_url()).content.decode()
    badge = f'<span class="status-badge status-badge--{annotated}">{annotated.label}</span>'
    assert badge in html
