"""Quotas on programme tasks: counted period by period from the articles linked to each task."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from agreements.models import AgreementTask
from agreements.quotas import behind_target, progress
from news.models import Article
from tests.factories import make_agreement, make_article, make_task, make_user

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args):
    return datetime(*args, tzinfo=HCM)


@pytest.fixture
def task_2022():
    agreement = make_agreement(valid_from=date(2022, 1, 1), valid_until=date(2022, 12, 31))
    task = make_task(
        agreement=agreement,
        title="Đăng tin bài về công đoàn",
        target_count=6,
        target_period=AgreementTask.Period.QUARTER,
    )
    task.related_articles.add(
        make_article(published_at=at(2022, 2, 10, 8)),
        make_article(published_at=at(2022, 3, 31, 23, 30)),  # 16:30 UTC: still the first quarter
        make_article(published_at=at(2022, 4, 1, 0, 10)),  # 31 March in UTC: the second quarter
        make_article(published_at=at(2022, 4, 2), status=Article.Status.DRAFT),
    )
    trashed = make_article(published_at=at(2022, 1, 5))
    trashed.trash()
    task.related_articles.add(trashed)
    return task


def test_quota_is_counted_quarter_by_quarter_in_vietnam_time(task_2022):
    assert [str(row) for row in progress(task_2022)] == [
        "Quý I/2022: 2/6",
        "Quý II/2022: 1/6",
        "Quý III/2022: 0/6",
        "Quý IV/2022: 0/6",
    ]


def test_periods_are_cut_to_the_programme_dates():
    agreement = make_agreement(valid_from=date(2022, 2, 15), valid_until=date(2023, 2, 14))
    task = make_task(agreement=agreement, target_count=2, target_period=AgreementTask.Period.YEAR)
    task.related_articles.add(make_article(published_at=at(2022, 2, 14, 12)))  # before it began
    rows = progress(task)
    assert [(row.start, row.end, row.label, row.count) for row in rows] == [
        (date(2022, 2, 15), date(2022, 12, 31), "Năm 2022", 0),
        (date(2023, 1, 1), date(2023, 2, 14), "Năm 2023", 0),
    ]


def test_programme_page_and_admin_show_progress_against_the_target(client, admin_client, task_2022):
    page = client.get(task_2022.agreement.get_absolute_url()).content.decode()
    assert "Chỉ tiêu: 6 tin bài mỗi quý" in page
    assert "Quý I/2022: <strong>2/6</strong>" in page
    listing = admin_client.get("/quan-tri/agreements/agreementtask/").content.decode()
    assert "Quý I/2022: 2/6" in listing and "Quý IV/2022: 0/6" in listing


def test_a_target_needs_both_a_count_and_a_period():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_task(target_count=6)


def test_reminders_name_the_tasks_behind_their_target():
    agreement = make_agreement()
    behind = make_task(
        agreement=agreement,
        title="Phóng sự hằng tháng",
        target_count=3,
        target_period=AgreementTask.Period.MONTH,
    )
    behind.related_articles.add(
        make_article(published_at=timezone.now() - timezone.timedelta(minutes=1))
    )
    met = make_task(
        agreement=agreement,
        title="Một bài tổng kết",
        target_count=1,
        target_period=AgreementTask.Period.PROGRAMME,
    )
    met.related_articles.add(make_article())
    found = behind_target()
    assert {task.title for task, _row in found} == {"Phóng sự hằng tháng"}
    make_user(is_staff=True, email="bientap@example.vn")
    out = io.StringIO()
    call_command("agreement_reminders", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "NHIỆM VỤ CHƯA ĐẠT CHỈ TIÊU" in text
    assert "Phóng sự hằng tháng: Tháng" in text and "Một bài tổng kết" not in text
