"""A period's status from its dates (core.validity.PeriodStatus): one rule, with the optional
"expiring" band, giving the same answer in Python, in the SQL filter and in the SQL annotation, at
every boundary, on the site's day (run also with --clock "2026-12-31 23:59")."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import models
from django.utils import timezone

from agreements.models import Agreement, Partner
from core.validity import PeriodStatus, today, years_spanned
from documents.models import Document
from tests.factories import make_agreement, make_document, make_partner

pytestmark = pytest.mark.django_db

S = Agreement.Status
WARN = 30


@pytest.fixture
def frozen():
    """The clock held still, so that "today" cannot turn over midnight in the middle of a test."""
    with time_machine.travel(timezone.now(), tick=False):
        yield today()


@pytest.fixture
def band(settings):
    settings.AGREEMENT_EXPIRY_WARNING_DAYS = WARN
    return WARN


def agreement_everywhere(agreement, on=None):
    """Python (a fresh row), the SQL annotation and the SQL filter, on a day (None: today)."""
    fresh = Agreement.objects.get(pk=agreement.pk)
    python = fresh.status_on(on) if on else fresh.status
    annotated = Agreement.objects.with_status(on).get(pk=agreement.pk).status
    filtered = [s for s in S if Agreement.objects.with_status_filter(s, on).filter(pk=agreement.pk)]
    return python, annotated, filtered


BAND_EDGES = [
    (WARN + 1, S.ACTIVE),
    (WARN, S.EXPIRING),
    (0, S.EXPIRING),
    (-1, S.EXPIRED),
]
BAND_IDS = [
    "the last day before the band: đang hiệu lực",
    "the first day in the band: sắp hết hạn",
    "the end day itself: sắp hết hạn",
    "the day after the end: hết hạn",
]


@pytest.mark.parametrize(("days_left", "expected"), BAND_EDGES, ids=BAND_IDS)
def test_the_expiring_band_at_its_edges_today(frozen, band, days_left, expected):
    agreement = make_agreement(
        valid_from=frozen - timedelta(days=400), valid_until=frozen + timedelta(days=days_left)
    )
    assert agreement_everywhere(agreement) == (expected, expected, [expected])
    assert Agreement.objects.expiring().filter(pk=agreement.pk).exists() == (expected == S.EXPIRING)


@pytest.mark.parametrize(("days_left", "expected"), BAND_EDGES, ids=BAND_IDS)
def test_the_expiring_band_at_its_edges_on_a_given_day(band, days_left, expected):
    end = today() + timedelta(days=200)
    agreement = make_agreement(valid_from=end - timedelta(days=700), valid_until=end)
    on = end - timedelta(days=days_left)
    assert agreement_everywhere(agreement, on) == (expected, expected, [expected])


def test_every_day_around_the_band_has_one_status_everywhere(frozen, settings):
    settings.AGREEMENT_EXPIRY_WARNING_DAYS = 3
    start, end = frozen + timedelta(days=2), frozen + timedelta(days=8)
    agreement = make_agreement(valid_from=start, valid_until=end)
    seen = []
    for offset in range(-1, 12):
        on = frozen + timedelta(days=offset)
        python, annotated, filtered = agreement_everywhere(agreement, on)
        assert python == annotated and filtered == [python], on
        in_force = Agreement.objects.in_force(on).filter(pk=agreement.pk).exists()
        assert in_force == (python in (S.ACTIVE, S.EXPIRING)), on
        seen.append(python)
    assert seen == [S.UPCOMING] * 3 + [S.ACTIVE] * 3 + [S.EXPIRING] * 4 + [S.EXPIRED] * 3


def test_the_band_of_zero_days_is_the_end_day_alone(frozen, settings):
    settings.AGREEMENT_EXPIRY_WARNING_DAYS = 0
    ends_today = make_agreement(valid_from=frozen - timedelta(days=9), valid_until=frozen)
    ends_tomorrow = make_agreement(
        valid_from=frozen - timedelta(days=9), valid_until=frozen + timedelta(days=1)
    )
    assert agreement_everywhere(ends_today) == (S.EXPIRING, S.EXPIRING, [S.EXPIRING])
    assert agreement_everywhere(ends_tomorrow) == (S.ACTIVE, S.ACTIVE, [S.ACTIVE])


def test_the_conditions_are_plain_date_ranges(band):
    # No NOT (…) and, on columns that cannot be empty, no IS NULL: an index on the dates serves.
    for status in S:
        sql = str(Agreement.objects.with_status_filter(status, today()).query).upper()
        where = sql.split(" WHERE ", 1)[1]
        assert "NOT " not in where and "IS NULL" not in where, (status, where)
    where = str(Agreement.objects.in_force(today()).query).upper().split(" WHERE ", 1)[1]
    assert "NOT " not in where and "IS NULL" not in where


class Band(models.TextChoices):
    UPCOMING = "sap", "sắp"
    IN_FORCE = "con", "còn"
    EXPIRING = "sap-het", "sắp hết"
    EXPIRED = "het", "hết"


@pytest.mark.parametrize(
    ("expires_in", "expected"),
    [(8, Band.IN_FORCE), (7, Band.EXPIRING), (0, Band.EXPIRING), (-1, Band.EXPIRED)],
)
def test_the_band_on_columns_that_may_be_empty(frozen, expires_in, expected):
    """The same rule with a band on the documents' dates, which may be empty: an open end never
    comes near its end, in Python as in SQL."""
    rule = PeriodStatus(Band, start="effective_from", end="expires_on", expiring_within=7)
    dated = make_document(
        effective_from=frozen - timedelta(days=50), expires_on=frozen + timedelta(days=expires_in)
    )
    open_ended = make_document(effective_from=frozen - timedelta(days=50), expires_on=None)
    for document, want in [(dated, expected), (open_ended, Band.IN_FORCE)]:
        annotated = Document.objects.annotate(code=rule.case()).get(pk=document.pk).code
        filtered = [s for s in Band if Document.objects.filter(rule.condition(s), pk=document.pk)]
        assert (rule.of(document), annotated, filtered) == (want, want, [want])
    # Without a band the rule has no "expiring" status, and the documents' own rule is that one.
    assert Document.period_status.of(dated) == Document.Status(
        "het-hieu-luc" if expires_in < 0 else "con-hieu-luc"
    )
    with pytest.raises(ValueError):
        Document.period_status.condition(Band.EXPIRING)


def test_a_partner_ceases_after_its_last_day(frozen):
    today_last = make_partner(valid_until=frozen)
    ceased = make_partner(valid_until=frozen - timedelta(days=1))
    still = make_partner()
    assert [today_last.is_defunct, ceased.is_defunct, still.is_defunct] == [False, True, False]
    current = Partner.objects.filter(Partner.period_status.current())
    assert set(current) == {today_last, still}


def test_the_years_a_set_spans_newest_first():
    assert years_spanned(Agreement.objects.all(), "valid_from", "valid_until") == []
    make_agreement(valid_from=date(2021, 4, 8), valid_until=today())
    years = Agreement.objects.years_in_force()
    assert years == list(range(today().year, 2020, -1))
    make_document(issued_on=date(2019, 5, 1))
    make_document(issued_on=date(2023, 5, 1))
    assert years_spanned(Document.objects.all(), "issued_on") == [2023, 2022, 2021, 2020, 2019]
