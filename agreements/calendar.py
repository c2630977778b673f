"""What agreements put on the newsroom's calendar: task deadlines and programmes that end."""

from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement, AgreementTask
from core.calendar import Entry, day_start


def deadlines(*, user, start, end):
    if not user.has_perm("agreements.view_agreement"):
        return
    first, last = timezone.localdate(start), timezone.localdate(end)
    tasks = (
        AgreementTask.objects.filter(due_on__gte=first, due_on__lt=last)
        .exclude(progress=AgreementTask.Progress.DONE)
        .select_related("agreement")
    )
    for task in tasks:
        yield Entry(
            when=day_start(task.due_on),
            kind="Hạn nhiệm vụ",
            title=f"{task.title} ({task.agreement.title})",
            url=reverse("admin:agreements_agreement_change", args=[task.agreement_id]),
            all_day=True,
        )
    for agreement in Agreement.objects.filter(valid_until__gte=first, valid_until__lt=last):
        yield Entry(
            when=day_start(agreement.valid_until),
            kind="Chương trình hết hạn",
            title=agreement.title,
            url=reverse("admin:agreements_agreement_change", args=[agreement.pk]),
            all_day=True,
            tone="stop",
        )
