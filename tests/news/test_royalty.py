"""Pen names and the author-fee tally: counts against hand-made data, freezing, exports."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from openpyxl import load_workbook

from news import tally
from news.models import Article, PenName, RoyaltyRate, RoyaltyTally
from news.pennames import link_pen_names
from tests.factories import make_article, make_correspondent, make_photo, make_user

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
MARCH = date(2025, 3, 1)


def at(*args):
    return datetime(*args, tzinfo=HCM)


def signed(pen_names, **kw):
    article = make_article(**kw)
    link_pen_names(article, pen_names)
    return article


@pytest.fixture
def march():
    """March 2025, by hand: what each pen name earned is written out in the tests."""
    staff = make_user(first_name="Quỳnh", last_name="Đặng")
    writer = make_correspondent(first_name="Nhung", last_name="Hồng", unit="CĐCS Chè Cầu Đất")
    quynh = PenName.objects.create(name="D.QUỲNH", user=staff, staff_unit="Ban Tuyên giáo")
    nhung = PenName.objects.create(name="Hồng Nhung", correspondent=writer.correspondent)
    photographer = PenName.objects.create(name="Minh Tú", user=make_user(first_name="Tú"))
    for kind, amount, valid_from in [
        ("tin", 100_000, date(2024, 1, 1)),
        ("bai", 300_000, date(2024, 1, 1)),
        ("bai", 400_000, date(2025, 3, 16)),  # a new rate in the middle of the month
        ("anh", 50_000, date(2024, 1, 1)),
    ]:
        RoyaltyRate.objects.create(kind=kind, amount=amount, valid_from=valid_from)
    first = signed([quynh], kind="tin", published_at=at(2025, 3, 1, 0, 10))
    joint = signed([quynh, nhung], kind="bai", published_at=at(2025, 3, 20, 9))
    signed([nhung], kind="bai", published_at=at(2025, 2, 28, 23, 30))  # February
    last = signed([quynh], kind="tin", published_at=at(2025, 3, 31, 23, 30))  # still March
    signed([nhung], kind="tin", published_at=at(2025, 4, 1, 0, 5))  # April, in UTC still March
    signed([nhung], kind="tin", status=Article.Status.DRAFT, published_at=at(2025, 3, 5))
    signed([nhung], kind="tin", published_at=at(2025, 3, 6)).trash()
    make_photo(article=joint, pen_name=photographer)
    make_photo(article=joint, pen_name=photographer, with_image=False)  # a placeholder: no photo
    make_photo(article=joint, credit="Ảnh tư liệu")  # free-text credit: nobody is paid
    return {"quynh": quynh, "nhung": nhung, "first": first, "last": last, "joint": joint}


def figures(lines):
    return {line.pen_name: line.figures() for line in lines}


def test_tally_counts_each_pen_name_at_the_rate_of_the_publication_day(march):
    lines = tally.count(date(2025, 3, 1), date(2025, 3, 31))
    assert figures(lines) == {
        # (tin, bài, ảnh, amount): two news items at 100 000, the joint article at 400 000.
        "D.QUỲNH": (2, 1, 0, 600_000),
        # Each pen name of a joint article counts it once, at the full rate.
        "Hồng Nhung": (0, 1, 0, 400_000),
        "Minh Tú": (0, 0, 1, 50_000),
    }
    nhung = next(line for line in lines if line.pen_name == "Hồng Nhung")
    assert (nhung.full_name, nhung.unit) == ("Nhung Hồng", "CĐCS Chè Cầu Đất")
    quynh = next(line for line in lines if line.pen_name == "D.QUỲNH")
    assert (quynh.full_name, quynh.unit) == ("Quỳnh Đặng", "Ban Tuyên giáo")


def test_scheduled_article_is_not_counted_until_its_time_has_come():
    pen_name = PenName.objects.create(name="T.Hà", user=make_user())
    RoyaltyRate.objects.create(kind="tin", amount=100_000, valid_from=date(2000, 1, 1))
    now = timezone.now()
    signed([pen_name], published_at=now - timezone.timedelta(minutes=1))
    signed([pen_name], published_at=now + timezone.timedelta(minutes=30))  # scheduled
    today = timezone.localdate()
    lines = tally.count(today.replace(day=1), today + timezone.timedelta(days=40))
    assert figures(lines) == {"T.Hà": (1, 0, 0, 100_000)}


def test_approved_month_is_frozen_and_the_admin_shows_the_difference(march, admin_client):
    month = RoyaltyTally.objects.create(month=MARCH)
    tally.approve(tally=month, by=None)
    month.refresh_from_db()
    assert month.status == RoyaltyTally.Status.APPROVED
    before = figures(tally.tally_lines(month))
    march["first"].trash()  # an article trashed after approval
    assert figures(tally.tally_lines(month)) == before
    assert tally.differences(month)[0][0] == "D.QUỲNH"
    page = admin_client.get(f"/quan-tri/news/royaltytally/{month.pk}/change/").content.decode()
    assert "Chênh lệch so với số liệu hiện tại" in page
    assert "2/1/0 – 600000 đ" in page and "1/1/0 – 500000 đ" in page


def test_pending_month_has_no_difference_and_counts_afresh(march, admin_client):
    month = RoyaltyTally.objects.create(month=MARCH)
    march["first"].trash()
    assert figures(tally.tally_lines(month))["D.QUỲNH"] == (1, 1, 0, 500_000)
    assert tally.differences(month) == []
    page = admin_client.get(f"/quan-tri/news/royaltytally/{month.pk}/change/").content.decode()
    assert "Chênh lệch" not in page and "Duyệt bảng kê" in page


def run_csv(*args):
    out = io.StringIO()
    call_command("royalty_tally", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_command_writes_the_exact_header_rows_and_total(march):
    text = run_csv("--month", "2025-03", "--csv", "-")
    lines = text.splitlines()
    assert lines[0] == "Bút danh,Họ tên,Đơn vị,Tin,Bài,Ảnh,Thành tiền"
    assert lines[1] == "D.QUỲNH,Quỳnh Đặng,Ban Tuyên giáo,2,1,0,600000"
    assert lines[-1] == "Tổng,,,2,2,1,1050000"
    assert len(lines) == 5


def test_command_writes_a_file_and_reads_the_frozen_month(march, tmp_path):
    tally.approve(tally=RoyaltyTally.objects.create(month=MARCH), by=None)
    march["joint"].trash()
    path = tmp_path / "nhuan-but.csv"
    run_csv("--month", "2025-03", "--csv", str(path))
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[-1] == ["Tổng", "", "", "2", "2", "1", "1050000"]


def test_command_refuses_a_bad_month_in_vietnamese():
    with pytest.raises(CommandError, match="Tháng «2025-13» không hợp lệ"):
        run_csv("--month", "2025-13", "--csv", "-")


def test_xlsx_opens_in_openpyxl_with_the_figures_of_the_csv(march, admin_client):
    month = RoyaltyTally.objects.create(month=MARCH)
    response = admin_client.get(f"/quan-tri/news/royaltytally/{month.pk}/tai-ve/xlsx/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    xlsx_rows = [
        ["" if value is None else str(value) for value in row]
        for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    csv_response = admin_client.get(f"/quan-tri/news/royaltytally/{month.pk}/tai-ve/csv/")
    csv_rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert xlsx_rows == csv_rows
    assert csv_rows[-1] == ["Tổng", "", "", "2", "2", "1", "1050000"]


def test_unit_table_counts_correspondents_articles_month_by_month(march):
    months = tally.months_back(date(2025, 4, 15), 3)
    assert months == [date(2025, 2, 1), date(2025, 3, 1), date(2025, 4, 1)]
    # February: one; March: the joint article (the trashed and the draft do not count); April: one.
    assert tally.unit_table(months) == {"CĐCS Chè Cầu Đất": [1, 1, 1]}


def test_units_page_and_csv(march, admin_client):
    page = admin_client.get("/quan-tri/news/royaltytally/don-vi/?den=2025-04")
    assert "Thống kê theo đơn vị" in page.content.decode()
    assert "CĐCS Chè Cầu Đất" in page.content.decode()
    data = admin_client.get("/quan-tri/news/royaltytally/don-vi/?den=2025-04&dinh-dang=csv")
    rows = list(csv.reader(io.StringIO(data.content.decode("utf-8-sig"))))
    assert rows[0][-3:] == ["03/2025", "04/2025", "Cộng"]
    assert rows[1][0] == "CĐCS Chè Cầu Đất" and rows[1][-3:] == ["1", "1", "3"]


def test_range_page_counts_any_date_range(march, admin_client):
    page = admin_client.get(
        "/quan-tri/news/royaltytally/khoang-ngay/?start=2025-03-20&end=2025-03-31"
    )
    text = page.content.decode()
    assert "D.QUỲNH" in text and "Minh Tú" in text
    refused = admin_client.get(
        "/quan-tri/news/royaltytally/khoang-ngay/?start=2025-03-31&end=2025-03-01"
    )
    assert "Ngày kết thúc phải sau" in refused.content.decode()


def test_correspondent_cannot_approve_or_see_tallies(client, march):
    client.force_login(make_correspondent())
    assert client.get("/quan-tri/news/royaltytally/").status_code == 403


# Pen names ------------------------------------------------------------------------------------


def test_pen_names_are_the_same_whatever_the_case_dots_and_diacritics():
    PenName.objects.create(name="D.QUỲNH", user=make_user())
    with pytest.raises(IntegrityError), transaction.atomic():
        PenName.objects.create(name="D. Quỳnh", user=make_user())
    assert PenName.objects.match("d quynh").name == "D.QUỲNH"


def test_a_pen_name_belongs_to_exactly_one_person():
    with pytest.raises(IntegrityError), transaction.atomic():
        PenName.objects.create(name="Không ai")
    writer = make_correspondent()
    with pytest.raises(IntegrityError), transaction.atomic():
        PenName.objects.create(
            name="Hai người", user=make_user(), correspondent=writer.correspondent
        )


def test_public_byline_shows_the_pen_names_in_order(client):
    a = PenName.objects.create(name="Hồng Nhung", user=make_user())
    b = PenName.objects.create(name="D.QUỲNH", user=make_user())
    article = signed([a, b], byline="chữ cũ")
    make_photo(article=article, pen_name=b, credit="Tư liệu")
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<p class="article__byline">Hồng Nhung, D.QUỲNH</p>' in page
    assert "Ảnh: D.QUỲNH" in page and "Tư liệu" not in page
    feed = client.get("/tin-tuc/rss/").content.decode()
    assert "Hồng Nhung, D.QUỲNH" in feed


def test_free_text_byline_stays_when_there_is_no_pen_name(client):
    article = make_article(byline="P.V")
    assert (
        '<p class="article__byline">P.V</p>'
        in client.get(article.get_absolute_url()).content.decode()
    )


def test_article_page_queries_do_not_grow_with_pen_names(client, django_assert_max_num_queries):
    names = [PenName.objects.create(name=f"Bút danh {i}", user=make_user()) for i in range(5)]
    article = signed(names)
    for name in names:
        make_photo(article=article, pen_name=name)
    client.get(article.get_absolute_url())  # warm the site profile and the menu, as on a real site
    with django_assert_max_num_queries(10):
        assert client.get(article.get_absolute_url()).status_code == 200
