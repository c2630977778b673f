"""Documents: the status derived from the dates at its boundaries, the number typed any way, and
replaced documents linked both ways."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError

from documents.models import Document, number_key
from tests.factories import make_document

pytestmark = pytest.mark.django_db

ISSUED = date(2026, 3, 20)
EFFECTIVE = date(2026, 4, 1)
EXPIRES = date(2026, 12, 31)
S = Document.Status
SITE = ZoneInfo("Asia/Ho_Chi_Minh")


def local(day, hour=12, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SITE)


def status_everywhere(document):
    """The status from the model, from the SQL annotation and from the SQL filter."""
    fresh = Document.objects.get(pk=document.pk)
    annotated = Document.objects.with_status().get(pk=document.pk)
    filtered = [s for s in S if Document.objects.with_status_filter(s).filter(pk=document.pk)]
    return fresh.status, annotated.status, filtered


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local(EFFECTIVE - timedelta(days=1), 23, 59), S.UPCOMING),
        # 00:05 in Đà Lạt is still the day before in UTC: the site's day counts.
        (local(EFFECTIVE, 0, 5), S.IN_FORCE),
        (local(EXPIRES, 23, 59), S.IN_FORCE),
        (local(EXPIRES + timedelta(days=1), 0, 5), S.EXPIRED),
    ],
)
def test_status_changes_at_midnight_in_vietnam_on_the_first_and_after_the_last_day(
    moment, expected
):
    document = make_document(issued_on=ISSUED, effective_from=EFFECTIVE, expires_on=EXPIRES)
    with time_machine.travel(moment, tick=False):
        assert status_everywhere(document) == (expected, expected, [expected])


def test_labels_read_as_the_library_writes_them():
    assert [s.label for s in S] == ["chưa có hiệu lực", "còn hiệu lực", "hết hiệu lực"]


def test_a_document_without_an_effective_date_is_in_force_from_its_issue_date():
    document = make_document(issued_on=ISSUED, effective_from=None)
    assert document.effective_from == ISSUED
    with time_machine.travel(local(ISSUED - timedelta(days=1)), tick=False):
        assert status_everywhere(document)[0] == S.UPCOMING
    with time_machine.travel(local(ISSUED), tick=False):
        assert status_everywhere(document) == (S.IN_FORCE, S.IN_FORCE, [S.IN_FORCE])


def test_a_document_without_an_expiry_date_stays_in_force_years_later():
    document = make_document(issued_on=ISSUED, expires_on=None)
    with time_machine.travel(local(date(2040, 1, 1)), tick=False):
        assert status_everywhere(document) == (S.IN_FORCE, S.IN_FORCE, [S.IN_FORCE])


def test_the_database_refuses_an_expiry_before_the_effective_date():
    with pytest.raises(IntegrityError):
        make_document(issued_on=ISSUED, effective_from=EFFECTIVE, expires_on=date(2026, 3, 1))


@pytest.mark.parametrize(
    "typed",
    ["Số 125/KH-LĐLĐ", "125/KH-LĐLĐ", "125/kh-ldld", "125 kh ldld", "125KHLDLD", "so 125 KH LDLD"],
)
def test_a_number_typed_any_way_gives_the_same_key(typed):
    assert number_key(typed) == "125khldld"


@pytest.mark.parametrize(
    "typed",
    [
        "125/KH-LĐLĐ",
        "125 kh ldld",
        "125KHLDLD",
        "125kh-ldld",
        "Số 125/KH-LĐLĐ",
        "125/KH",
        "thang cong nhan",
        "THÁNG CÔNG NHÂN 2026",
    ],
)
def test_search_finds_a_document_by_its_number_or_summary_typed_any_way(typed):
    from core.search import parse_query

    wanted = make_document(number="Số 125/KH-LĐLĐ", summary="Tổ chức Tháng Công nhân năm 2026")
    make_document(number="Số 12/KH-LĐLĐ", summary="Hội thao công nhân viên chức")
    make_document(number="Số 1250/QĐ-LĐLĐ", summary="Khen thưởng công đoàn cơ sở")
    found = list(Document.objects.search(parse_query(typed).terms))
    assert found == [wanted]


def test_a_number_search_puts_the_number_before_documents_that_merely_mention_it():
    mention = make_document(
        number="Số 7/HD-LĐLĐ", summary="Hướng dẫn thực hiện Kế hoạch 125/KH-LĐLĐ", issued_on=ISSUED
    )
    plan = make_document(
        number="Số 125/KH-LĐLĐ",
        summary="Tổ chức Tháng Công nhân",
        issued_on=ISSUED - timedelta(days=300),
    )
    from core.search import parse_query

    found = list(Document.objects.search(parse_query("125/KH-LĐLĐ").terms))
    assert found == [plan, mention]


def test_replacing_a_document_ends_it_the_day_before_the_new_one_takes_effect():
    old = make_document(issued_on=date(2023, 1, 5), expires_on=None)
    new = make_document(issued_on=date(2026, 3, 20), effective_from=date(2026, 4, 1))
    new.replaces.add(old)
    old.refresh_from_db()
    assert old.expires_on == date(2026, 3, 31)
    assert list(old.replaced_by.all()) == [new]
    with time_machine.travel(local(date(2026, 4, 1)), tick=False):
        assert status_everywhere(old)[0] == S.EXPIRED
    # The change is in the old document's history, like any edit.
    assert old.history.first().expires_on == date(2026, 3, 31)


def test_replacing_from_the_old_side_works_the_same():
    old = make_document(issued_on=date(2023, 1, 5))
    new = make_document(issued_on=date(2026, 3, 20))
    old.replaced_by.add(new)
    old.refresh_from_db()
    assert old.expires_on == date(2026, 3, 19)


def test_an_earlier_expiry_is_kept_when_the_replacement_comes_later():
    old = make_document(issued_on=date(2023, 1, 5), expires_on=date(2024, 12, 31))
    new = make_document(issued_on=date(2026, 3, 20))
    new.replaces.add(old)
    old.refresh_from_db()
    assert old.expires_on == date(2024, 12, 31)


def test_search_text_holds_the_compact_number_so_the_site_search_finds_it():
    document = make_document(number="Số 125/KH-LĐLĐ")
    assert " 125 kh ldld " in document.search_text
    assert " 125khldld " in document.search_text


def test_the_demo_library_loads_on_a_database_without_the_usual_kinds():
    """The browser tests flush the database after the migrations made the kinds."""
    from demo import documents as demo_documents
    from documents.models import DocumentKind

    DocumentKind.objects.filter(documents=None).delete()
    demo_documents.load()
    slugs = set(DocumentKind.objects.values_list("slug", flat=True))
    assert {slug for _, slug in DocumentKind.USUAL} <= slugs
    assert Document.objects.filter(kind__slug="van-ban-phap-luat").exists()
