"""Quotas on programme tasks: "6 tin bài mỗi quý", counted period by period from published articles.

An article counts for a task when it is public (news' `published()`) and either linked to the task
or, for a task on the partner's side, a repost of that partner's own report (`source_partner`);
an article both linked and reposted counts once. It counts in the period its publication day falls
in, in Việt Nam time: an article of 31 March 23:30 belongs to the first quarter. Periods are
calendar months, quarters or years, cut to the programme's dates.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch
from django.utils import timezone

from agreements.models import AgreementTask, today
from news.models import Article

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class PeriodProgress:
    start: date
    end: date
    label: str
    count: int
    target: int

    @property
    def met(self):
        return self.count >= self.target

    @property
    def is_current(self):
        return self.start <= today() <= self.end

    @property
    def is_past(self):
        return self.end < today()

    def __str__(self):
        return f"{self.label}: {self.count}/{self.target}"


def _next_start(day, period):
    if period == AgreementTask.Period.MONTH:
        step = 1
    elif period == AgreementTask.Period.QUARTER:
        step = 3
    else:
        step = 12
    month = day.month - 1 + step
    return date(day.year + month // 12, month % 12 + 1, 1)


def _period_start(day, period):
    if period == AgreementTask.Period.MONTH:
        return day.replace(day=1)
    if period == AgreementTask.Period.QUARTER:
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, 1, 1)


def _label(start, period):
    if period == AgreementTask.Period.MONTH:
        return f"Tháng {start.month}/{start.year}"
    if period == AgreementTask.Period.QUARTER:
        return f"Quý {ROMAN[(start.month - 1) // 3 + 1]}/{start.year}"
    return f"Năm {start.year}"


def periods(task):
    """[(start, end, label)] of the task's quota over its programme, oldest first."""
    agreement = task.agreement
    first, last = agreement.valid_from, agreement.valid_until
    if task.target_period == AgreementTask.Period.PROGRAMME:
        return [(first, last, "Cả chương trình")]
    result, start = [], _period_start(first, task.target_period)
    while start <= last:
        following = _next_start(start, task.target_period)
        result.append(
            (
                max(start, first),
                min(following - timedelta(days=1), last),
                _label(start, task.target_period),
            )
        )
        start = following
    return result


def progress(task, articles=None):
    """The task's count against its target in each period ([] when it has no target).

    `articles`: the task's public linked articles if already fetched (the programme page
    prefetches them), else they are read here; so are the partner's reposts (`reposts_prefetch`)."""
    if not task.target_count:
        return []
    if articles is None:
        articles = linked_articles(task)
    counted = {article.pk: article for article in articles}
    counted.update((article.pk, article) for article in partner_reposts(task))
    days = [timezone.localdate(article.published_at) for article in counted.values()]
    return [
        PeriodProgress(
            start, end, label, sum(start <= day <= end for day in days), task.target_count
        )
        for start, end, label in periods(task)
    ]


def linked_articles(task):
    return list(task.related_articles.published().only("published_at"))


def counts_reposts(task):
    """A task on the partner's side: it has a partner and the partner is (one of) the responsible
    side(s), "Đối tác" or "Cả hai bên". A federation task has no partner (a model constraint)."""
    return task.partner_id is not None and task.responsible != AgreementTask.Responsible.FEDERATION


def partner_reposts(task):
    """The partner's public reposts that count for the task: prefetched on the partner if
    `reposts_prefetch()` was used, else read here."""
    if not counts_reposts(task):
        return []
    if AgreementTask._meta.get_field("partner").is_cached(task):
        reposts = getattr(task.partner, "published_reposts", None)
        if reposts is not None:
            return reposts
    return list(
        Article.objects.published()
        .filter(source_partner_id=task.partner_id)
        .only("id", "published_at")
    )


def reposts_prefetch():
    """The public reposts of the tasks' partners, as `task.partner.published_reposts`: one query
    for all the partners of the tasks fetched (needs the partner selected or prefetched)."""
    return Prefetch(
        "partner__reposts",
        queryset=Article.objects.published().only("id", "published_at", "source_partner_id"),
        to_attr="published_reposts",
    )


def published_prefetch():
    """A task's public linked articles, as `task.published_articles`."""
    return Prefetch(
        "related_articles",
        queryset=Article.objects.published().only("id", "published_at"),
        to_attr="published_articles",
    )


def tasks_with_quota():
    return (
        AgreementTask.objects.filter(target_count__isnull=False)
        .select_related("agreement", "partner")
        .prefetch_related(published_prefetch(), reposts_prefetch())
        .order_by("agreement_id", "order", "id")
    )


def behind_target(on=None):
    """[(task, PeriodProgress)] for the tasks short of their target in the period that holds `on`
    (still running: so far) or in the period that has just ended (the one before it)."""
    on = on or today()
    behind = []
    for task in tasks_with_quota():
        if task.is_done:
            continue
        rows = progress(task, task.published_articles)
        current = next((i for i, row in enumerate(rows) if row.start <= on <= row.end), None)
        if current is None:
            ended = [row for row in rows if row.end < on]
            # The programme is over: only its last period, for a month after it ends.
            candidates = ended[-1:] if ended and on - ended[-1].end <= timedelta(days=31) else []
        else:
            candidates = rows[max(current - 1, 0) : current + 1]
        behind.extend((task, row) for row in candidates if not row.met)
    return behind
