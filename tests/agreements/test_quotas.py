"""Quotas on programme tasks: counted period by period from the articles linked to each task and,
on the partner's side, the partner's reposts."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.models import AgreementTask
from agreements.quotas import behind_target, progress
from news.models import Article
from tests.factories import make_agreement, make_article, make_partner, make_task, make_user

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


# The partner's reposts count for its tasks -------------------------------------------------------


@pytest.fixture
def paper():
    return make_partner(name="Báo Lâm Đồng")


def partner_task(partner, responsible=AgreementTask.Responsible.PARTNER, **kw):
    agreement = make_agreement(
        partners=[partner], valid_from=date(2022, 1, 1), valid_until=date(2022, 12, 31)
    )
    kw.setdefault("target_count", 6)
    kw.setdefault("target_period", AgreementTask.Period.QUARTER)
    return make_task(agreement=agreement, partner=partner, responsible=responsible, **kw)


def counts(task):
    return [row.count for row in progress(task)]


@pytest.mark.parametrize(
    "responsible", [AgreementTask.Responsible.PARTNER, AgreementTask.Responsible.BOTH]
)
def test_the_partners_reposts_count_for_its_task_once_each(paper, responsible):
    task = partner_task(paper, responsible)
    task.related_articles.add(make_article(published_at=at(2022, 2, 1)))
    make_article(published_at=at(2022, 2, 10), source_partner=paper)
    both = make_article(published_at=at(2022, 5, 3), source_partner=paper)
    task.related_articles.add(both)  # linked and reposted: counted once
    make_article(published_at=at(2022, 3, 31, 23, 30), source_partner=paper)  # Q1 in Việt Nam
    make_article(published_at=at(2022, 4, 1, 0, 10), source_partner=paper)  # 31 March UTC: Q2
    assert counts(task) == [3, 2, 0, 0]


def test_only_public_reposts_of_the_tasks_own_partner_count(paper):
    task = partner_task(paper)
    make_article(published_at=at(2022, 2, 10), source_partner=make_partner())
    make_article(published_at=at(2022, 2, 11), source_partner=paper, status=Article.Status.DRAFT)
    make_article(published_at=at(2022, 2, 12), source_partner=paper).trash()
    make_article(published_at=at(2022, 2, 13), source_partner=paper, unpublish_at=at(2022, 3, 1))
    make_article(published_at=at(2022, 2, 14))  # the federation's own article, not linked
    assert counts(task) == [0, 0, 0, 0]
    make_article(published_at=at(2022, 2, 15), source_partner=paper)
    assert counts(task) == [1, 0, 0, 0]


def test_a_task_without_partner_counts_no_repost(paper):
    task = partner_task(paper)
    task.partner, task.responsible = None, AgreementTask.Responsible.FEDERATION
    task.save()
    make_article(published_at=at(2022, 2, 10), source_partner=paper)
    assert counts(task) == [0, 0, 0, 0]


def test_the_programme_page_and_admin_count_reposts(paper, client, admin_client):
    task = partner_task(paper)
    task.related_articles.add(make_article(published_at=at(2022, 1, 10)))
    make_article(published_at=at(2022, 1, 11), source_partner=paper)
    page = client.get(task.agreement.get_absolute_url()).content.decode()
    assert "Quý I/2022: <strong>2/6</strong>" in page
    listing = admin_client.get("/quan-tri/agreements/agreementtask/").content.decode()
    assert "Quý I/2022: 2/6" in listing
    form = admin_client.get(f"/quan-tri/agreements/agreement/{task.agreement_id}/change/")
    assert "Quý I/2022: 2/6" in form.content.decode()


def test_reminders_count_the_reposts(paper):
    agreement = make_agreement(partners=[paper])
    on_time = timezone.now() - timezone.timedelta(days=1)
    met = make_task(
        agreement=agreement,
        title="Đăng lại phóng sự của Báo",
        partner=paper,
        responsible=AgreementTask.Responsible.PARTNER,
        target_count=3,
        target_period=AgreementTask.Period.PROGRAMME,
    )
    linked = make_article(published_at=on_time, source_partner=paper)
    met.related_articles.add(linked, make_article(published_at=on_time))
    make_article(published_at=on_time, source_partner=paper)
    other = make_task(
        agreement=agreement,
        title="Bài của Đài",
        partner=make_partner(),
        responsible=AgreementTask.Responsible.PARTNER,
        target_count=1,
        target_period=AgreementTask.Period.PROGRAMME,
    )
    assert [(task, row.count) for task, row in behind_target()] == [(other, 0)]
    make_user(is_staff=True, email="bientap@example.vn")
    out = io.StringIO()
    call_command("agreement_reminders", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Bài của Đài" in text and "Đăng lại phóng sự của Báo" not in text


def _programme(tasks, articles):
    """A 2022 programme whose `tasks` tasks each have a partner, a quarterly target and
    `articles` linked articles and reposts."""
    agreement = make_agreement(valid_from=date(2022, 1, 1), valid_until=date(2022, 12, 31))
    for _ in range(tasks):
        partner = make_partner()
        task = make_task(
            agreement=agreement,
            partner=partner,
            responsible=AgreementTask.Responsible.PARTNER,
            target_count=6,
            target_period=AgreementTask.Period.QUARTER,
        )
        for day in range(1, articles + 1):
            task.related_articles.add(make_article(published_at=at(2022, 2, day)))
            make_article(published_at=at(2022, 5, day), source_partner=partner)
    return agreement


def _queries(client, url):
    client.get(url)  # the site profile is then in the cache, as on a live site
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    reposts = [q for q in captured if '"source_partner_id" IN' in q["sql"]]
    assert len(reposts) == 1  # the reposts of all the tasks' partners at once
    return len(captured), response.content.decode()


def test_quota_queries_do_not_grow_with_tasks_and_reposts(client, admin_client):
    small = _programme(tasks=1, articles=1)
    big = _programme(tasks=12, articles=5)
    page_small, _ = _queries(client, small.get_absolute_url())
    page_big, html = _queries(client, big.get_absolute_url())
    assert "Quý II/2022: <strong>5/6</strong>" in html
    assert page_big == page_small <= 9
    change = "/quan-tri/agreements/agreement/{}/change/"
    form_small, _ = _queries(admin_client, change.format(small.pk))
    form_big, html = _queries(admin_client, change.format(big.pk))
    assert "Quý I/2022: 5/6" in html and "Quý II/2022: 5/6" in html
    # Django's own per-form widgets (the partner and articles chosen) grow, the quota does not.
    assert form_big - form_small <= 3 * 11
    listing = "/quan-tri/agreements/agreementtask/"
    few, _ = _queries(admin_client, listing + f"?agreement__id__exact={small.pk}")
    many, _ = _queries(admin_client, listing + f"?agreement__id__exact={big.pk}")
    assert many == few
