"""Status derived from a period's dates (chưa có hiệu lực / còn hiệu lực / hết hiệu lực): one rule
and one set of labels, in Python and in SQL, never stored. The day is the site's (Asia/Ho_Chi_Minh),
and the end date is the last day in force; an empty end means "until replaced or repealed"."""

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone


class Validity(models.TextChoices):
    # The values appear in list URLs (?trang-thai=con-hieu-luc), so they read as Vietnamese.
    UPCOMING = "chua-hieu-luc", "chưa có hiệu lực"
    IN_FORCE = "con-hieu-luc", "còn hiệu lực"
    EXPIRED = "het-hieu-luc", "hết hiệu lực"


def today():
    return timezone.localdate()


def validity_on(start, end, on=None):
    """The status on a day, from the first and the last day in force (either may be None)."""
    on = on or today()
    if start is not None and start > on:
        return Validity.UPCOMING
    if end is not None and end < on:
        return Validity.EXPIRED
    return Validity.IN_FORCE


def validity_condition(status, on=None, *, start, end):
    """The Q for one status on a day: plain date ranges, so that indexes serve them."""
    on = on or today()
    in_force = (Q(**{f"{start}__lte": on}) | Q(**{f"{start}__isnull": True})) & (
        Q(**{f"{end}__gte": on}) | Q(**{f"{end}__isnull": True})
    )
    conditions = {
        Validity.UPCOMING: Q(**{f"{start}__gt": on}),
        Validity.IN_FORCE: in_force,
        Validity.EXPIRED: Q(**{f"{end}__lt": on}) & ~Q(**{f"{start}__gt": on}),
    }
    return conditions[Validity(status)]


def validity_case(on=None, *, start, end):
    """An SQL expression giving the status code of each row on a day (for annotations)."""
    on = on or today()
    return Case(
        When(**{f"{start}__gt": on}, then=Value(Validity.UPCOMING.value)),
        When(**{f"{end}__lt": on}, then=Value(Validity.EXPIRED.value)),
        default=Value(Validity.IN_FORCE.value),
        output_field=models.CharField(),
    )
