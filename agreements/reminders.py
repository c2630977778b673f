"""What needs attention: programmes about to expire, tasks past their due date or behind their quota.

The admin index box and `manage.py agreement_reminders` show the same lists, from here.
"""

from dataclasses import dataclass, field

from django.conf import settings

from agreements.models import Agreement, AgreementTask, today
from agreements.quotas import behind_target


@dataclass
class Reminders:
    expiring: list
    overdue: list
    warning_days: int
    behind: list = field(default_factory=list)  # [(task, PeriodProgress)]

    def __bool__(self):
        return bool(self.expiring or self.overdue or self.behind)


def reminders(on=None):
    on = on or today()
    expiring = Agreement.objects.expiring(on).with_status(on).order_by("valid_until", "id")
    overdue = (
        AgreementTask.objects.overdue(on)
        .select_related("agreement", "partner")
        .order_by("due_on", "agreement_id", "order", "id")
    )
    return Reminders(
        expiring=list(expiring),
        overdue=list(overdue),
        warning_days=settings.AGREEMENT_EXPIRY_WARNING_DAYS,
        behind=behind_target(on),
    )
