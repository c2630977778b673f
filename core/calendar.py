"""The newsroom's calendar: what is due in the coming days, from every app that registers a source.

An app registers a function `source(*, user, start, end)` that yields `Entry` rows between two
aware datetimes, only those the user may see; the admin's "Lịch đăng bài" page and the dashboard
read them through `entries()` and `by_day()`, knowing nothing of the apps."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

DAYS = 14
_sources = []


@dataclass(frozen=True)
class Entry:
    when: datetime  # aware; an all-day item (a deadline) is at the start of its day
    kind: str  # what happens, in Vietnamese: "Hẹn giờ đăng", "Hết hạn"…
    title: str
    url: str
    all_day: bool = False
    tone: str = "default"  # default, go (goes up) or stop (comes down, ends)


def register(source):
    if source not in _sources:
        _sources.append(source)
    return source


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def window(days=DAYS):
    """From now to the end of the last day shown, in the site's time."""
    start = timezone.now()
    end = day_start(timezone.localdate() + timedelta(days=days))
    return start, end


def entries(*, user, start, end):
    found = [entry for source in _sources for entry in source(user=user, start=start, end=end)]
    return sorted(found, key=lambda entry: (entry.when, entry.title))


def by_day(*, user, days=DAYS):
    """Every day of the window, today first, each with its entries (possibly none)."""
    start, end = window(days)
    today = timezone.localdate()
    grouped = {today + timedelta(days=n): [] for n in range(days)}
    # All-day items of today count from the start of the day, not from this very minute.
    for entry in entries(user=user, start=day_start(today), end=end):
        if entry.all_day or entry.when >= start:
            grouped.setdefault(timezone.localdate(entry.when), []).append(entry)
    return list(grouped.items())


def upcoming(*, user, count=3):
    """The next few items of the calendar, for the dashboard."""
    return [entry for _, day in by_day(user=user) for entry in day][:count]
