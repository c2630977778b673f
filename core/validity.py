"""Status derived from a period's dates, never stored: one rule, in Python and in SQL, for every
period the site shows (a document chưa có / còn / hết hiệu lực; a programme the same with a band
"sắp hết hạn" before its end; a partner that has ceased). The day is the site's (Asia/Ho_Chi_Minh),
the end date is the last day in force, and an empty date sets no limit on its side ("until
replaced or repealed"). Also the years that rows span, for the year filters."""

import operator
from datetime import timedelta

from django.db import models
from django.db.models import Case, Max, Min, Q, Value, When
from django.utils import timezone


class Validity(models.TextChoices):
    # The values appear in list URLs (?trang-thai=con-hieu-luc), so they read as Vietnamese.
    UPCOMING = "chua-hieu-luc", "chưa có hiệu lực"
    IN_FORCE = "con-hieu-luc", "còn hiệu lực"
    EXPIRED = "het-hieu-luc", "hết hiệu lực"


def today():
    return timezone.localdate()


_COMPARE = {"gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le}
_OPPOSITE = {"gt": "lte", "gte": "lt", "lt": "gte", "lte": "gt"}


class PeriodStatus:
    """The status of a row on a day, from its first and last day in force.

    The boundaries are written once, in `tests()`: an ordered list of date comparisons, the first
    that holds naming the status, none of them "in force". They are read three ways: `value()` in
    Python, `condition()` as a Q of plain date ranges (indexes serve it) and `case()` as an SQL
    expression for annotations. An empty date passes no comparison, in Python as in SQL.

    choices: a TextChoices with UPCOMING, EXPIRED and the in-force member (IN_FORCE, or the one
    given as `in_force`); with `expiring_within` (days, or a function giving them, read on each
    call, so a setting can change) also EXPIRING: the last days before the end, the end included.
    start: the first day's column, or None for a period with an end only.

    Declared on a model (`period_status = PeriodStatus(...)`), it learns which date columns may be
    empty, so that a condition asks "IS NULL" only of those; elsewhere it assumes both may be."""

    def __init__(self, choices, *, start, end, in_force=None, expiring_within=None):
        self.choices, self.start, self.end = choices, start, end
        self.upcoming, self.expired = choices.UPCOMING, choices.EXPIRED
        self.in_force = in_force or choices.IN_FORCE
        self.expiring = choices.EXPIRING if expiring_within is not None else None
        self.expiring_within = expiring_within
        self.model = None

    def contribute_to_class(self, cls, name):
        self.model = cls
        setattr(cls, name, self)

    def band(self):
        """The days before the end in the "expiring" band (None: no band)."""
        days = self.expiring_within
        return days() if callable(days) else days

    def tests(self, on=None):
        """[(status, column, comparison, day)] in order: the boundaries, written once."""
        on = on or today()
        tests = [(self.upcoming, self.start, "gt", on)] if self.start else []
        tests.append((self.expired, self.end, "lt", on))
        if self.expiring is not None:
            tests.append((self.expiring, self.end, "lte", on + timedelta(days=self.band())))
        return tests

    # Python ----------------------------------------------------------------------------------

    def value(self, start, end, on=None):
        """The status on a day, from the first and the last day in force (either may be None)."""
        dates = {self.start: start, self.end: end}
        for status, column, comparison, day in self.tests(on):
            if dates[column] is not None and _COMPARE[comparison](dates[column], day):
                return status
        return self.in_force

    def of(self, row, on=None):
        """The status of a row (a model instance) on a day, from its own dates."""
        start = getattr(row, self.start) if self.start else None
        return self.value(start, getattr(row, self.end), on)

    # SQL -------------------------------------------------------------------------------------

    def condition(self, status, on=None):
        """The Q for one status on a day: its comparison, and none of those before it."""
        status = self.choices(status)
        earlier = Q()
        for candidate, column, comparison, day in self.tests(on):
            if candidate == status:
                return earlier & Q(**{f"{column}__{comparison}": day})
            earlier &= self._fails(column, comparison, day)
        if status == self.in_force:
            return earlier
        raise ValueError(f"{status!r} is not a status of this period")

    def current(self, on=None):
        """The Q for "in force on the day", the expiring band included: started and not ended."""
        current = Q()
        for status, column, comparison, day in self.tests(on):
            if status != self.expiring:
                current &= self._fails(column, comparison, day)
        return current

    def case(self, on=None):
        """An SQL expression giving the status code of each row on a day (for annotations)."""
        return Case(
            *[
                When(Q(**{f"{column}__{comparison}": day}), then=Value(status.value))
                for status, column, comparison, day in self.tests(on)
            ],
            default=Value(self.in_force.value),
            output_field=models.CharField(),
        )

    def _fails(self, column, comparison, day):
        # The opposite comparison, or an empty date: a plain range rather than NOT (…).
        fails = Q(**{f"{column}__{_OPPOSITE[comparison]}": day})
        if self.model is None or self.model._meta.get_field(column).null:
            fails |= Q(**{f"{column}__isnull": True})
        return fails


class PeriodStatusQuerySet(models.QuerySet):
    """For a model that declares `period_status`: the status annotated, or filtered, in SQL."""

    def with_status(self, on=None):
        """Annotate `status_code`, derived from the dates: never stored."""
        return self.annotate(status_code=self.model.period_status.case(on))

    def with_status_filter(self, status, on=None):
        """Only the rows in one derived status; plain date ranges, so indexes serve them."""
        return self.filter(self.model.period_status.condition(status, on))


class PeriodStatusMixin:
    """For a model that declares `period_status`: its status and its label."""

    def status_on(self, on=None):
        return self.period_status.of(self, on)

    @property
    def status(self):
        """The status today: from the queryset's annotation when there is one."""
        code = getattr(self, "status_code", None)
        return self.period_status.choices(code) if code else self.status_on()

    @property
    def status_label(self):
        return self.status.label


def years_spanned(queryset, first, last=None):
    """Every year from the earliest `first` date to the latest `last` (the same column if not
    given), newest first: the choices of a year filter, in one query."""
    bounds = queryset.aggregate(first=Min(first), last=Max(last or first))
    if not (bounds["first"] and bounds["last"]):
        return []
    return list(range(bounds["last"].year, bounds["first"].year - 1, -1))
