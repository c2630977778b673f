"""Counting the author-fee tally (bảng kê nhuận bút) and the units' tallies, and their exports.

What counts: articles published in the range (status "đã đăng", not in the trash, published_at
within the range's days in Việt Nam time and not later than now, so a scheduled article whose
time has not come does not count). Each pen name in an article's byline counts that article once,
as a whole news item (tin) or article (bài): two reporters who wrote one report together each earn
the item's fee, as newsrooms pay co-authors. A photo counts for the pen name it is credited to
("ảnh của"), whatever the byline. Each item is paid at the rate in force on its publication day.
"""

import csv
import io
from dataclasses import asdict, dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from news.models import Article, ArticlePenName, PenName, Photo
from news.pennames import pen_name_key
from news.royalty import (
    RoyaltyKind,
    RoyaltyRate,
    RoyaltyTally,
    RoyaltyTallyLine,
    month_bounds,
    rate_on,
)

HEADER = ["Bút danh", "Họ tên", "Đơn vị", "Tin", "Bài", "Ảnh", "Thành tiền"]
TOTAL_LABEL = "Tổng"


@dataclass
class Line:
    pen_name_id: int | None
    pen_name: str
    full_name: str
    unit: str
    news: int = 0
    articles: int = 0
    photos: int = 0
    amount: int = 0

    def figures(self):
        return (self.news, self.articles, self.photos, self.amount)

    def row(self):
        return [self.pen_name, self.full_name, self.unit, *self.figures()]


def day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def published_in(start, end):
    """The articles that were really out between two days (both included), in Việt Nam time."""
    upper = min(day_start(end + timedelta(days=1)), timezone.now() + timedelta(microseconds=1))
    return Article.objects.filter(
        status=Article.Status.PUBLISHED,
        deleted_at__isnull=True,
        published_at__gte=day_start(start),
        published_at__lt=upper,
    )


def count(start, end):
    """Fresh lines for the range, one per pen name that earned anything, by pen name."""
    articles = {
        pk: (kind, timezone.localdate(at))
        for pk, kind, at in published_in(start, end).values_list("pk", "kind", "published_at")
    }
    rates = RoyaltyRate.objects.table()
    lines = {}

    def line_for(pen_name_id):
        return lines.setdefault(pen_name_id, Line(pen_name_id, "", "", ""))

    for article_id, pen_name_id in ArticlePenName.objects.filter(
        article_id__in=articles
    ).values_list("article_id", "pen_name_id"):
        kind, day = articles[article_id]
        line = line_for(pen_name_id)
        if kind == Article.Kind.ARTICLE:
            line.articles += 1
        else:
            line.news += 1
        line.amount += rate_on(rates, kind, day)
    for article_id, pen_name_id in (
        Photo.objects.filter(article_id__in=articles, pen_name__isnull=False)
        .exclude(image="")
        .values_list("article_id", "pen_name_id")
    ):
        line = line_for(pen_name_id)
        line.photos += 1
        line.amount += rate_on(rates, RoyaltyKind.PHOTO, articles[article_id][1])
    for pen_name in PenName.objects.with_person().filter(pk__in=lines):
        line = lines[pen_name.pk]
        line.pen_name, line.full_name, line.unit = (
            pen_name.name,
            pen_name.person_name,
            pen_name.unit,
        )
    return sorted(lines.values(), key=lambda line: (pen_name_key(line.pen_name), line.pen_name))


def tally_lines(tally):
    """What the tally says: its stored lines once approved, else a fresh count."""
    if tally.is_frozen:
        return [
            Line(
                line.pen_name_id,
                line.pen_name_text,
                line.full_name,
                line.unit,
                line.news,
                line.articles,
                line.photos,
                line.amount,
            )
            for line in tally.lines.all()
        ]
    return count(tally.start, tally.end)


def differences(tally):
    """For an approved tally, the pen names whose fresh count differs from the stored one:
    [(pen name, stored Line or None, fresh Line or None)]. Empty when nothing changed."""
    if not tally.is_frozen:
        return []
    stored = {line.pen_name: line for line in tally_lines(tally)}
    fresh = {line.pen_name: line for line in count(tally.start, tally.end)}
    changed = []
    for name in sorted(stored.keys() | fresh.keys(), key=pen_name_key):
        before, after = stored.get(name), fresh.get(name)
        if (before.figures() if before else None) != (after.figures() if after else None):
            changed.append((name, before, after))
    return changed


def approve(*, tally, by):
    """Freeze the month: store its lines as they are now."""
    with transaction.atomic():
        tally = RoyaltyTally.objects.select_for_update().get(pk=tally.pk)
        if tally.is_frozen:
            return tally
        lines = count(tally.start, tally.end)
        RoyaltyTallyLine.objects.bulk_create(
            RoyaltyTallyLine(
                tally=tally,
                pen_name_id=line.pen_name_id,
                pen_name_text=line.pen_name,
                full_name=line.full_name,
                unit=line.unit,
                news=line.news,
                articles=line.articles,
                photos=line.photos,
                amount=line.amount,
            )
            for line in lines
        )
        tally.status = RoyaltyTally.Status.APPROVED
        tally.approved_at = timezone.now()
        tally.approved_by = by
        tally.save(update_fields=["status", "approved_at", "approved_by"])
        return tally


def mark_paid(*, tally):
    if tally.status == RoyaltyTally.Status.APPROVED:
        tally.status = RoyaltyTally.Status.PAID
        tally.paid_at = timezone.now()
        tally.save(update_fields=["status", "paid_at"])
    return tally


def total(lines):
    sums = [sum(line.figures()[i] for line in lines) for i in range(4)]
    return Line(None, TOTAL_LABEL, "", "", *sums)


def rows(lines):
    """The table as exported: the header, one row per pen name, and the total."""
    return [HEADER, *(line.row() for line in lines), total(lines).row()]


def write_csv(lines, stream):
    csv.writer(stream, lineterminator="\n").writerows(rows(lines))


def csv_text(lines):
    stream = io.StringIO()
    write_csv(lines, stream)
    return stream.getvalue()


def xlsx_bytes(lines, title):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Nhuận bút"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True)
    for row in rows(lines):
        sheet.append(row)
    for cell in (*sheet[2], *sheet[sheet.max_row]):
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=3, min_col=7, max_col=7):
        row[0].number_format = "#,##0"
    for column, width in zip("ABCDEFG", (22, 26, 36, 8, 8, 8, 16), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_dicts(lines):
    return [asdict(line) for line in lines]


# The units' tallies ---------------------------------------------------------------------------


def months_back(last, n):
    """The first days of the n months ending with `last`'s month, oldest first."""
    months, current = [], last.replace(day=1)
    for _ in range(n):
        months.append(current)
        current = (current - timedelta(days=1)).replace(day=1)
    return months[::-1]


def unit_table(months):
    """{unit: [items published that month, …]} for the grassroots units whose correspondents'
    pen names signed articles: an article counts once per unit, however many of its people signed."""
    first, last = months[0], months[-1]
    index = {month: i for i, month in enumerate(months)}
    seen, table = set(), {}
    links = (
        ArticlePenName.objects.filter(
            Q(pen_name__correspondent__isnull=False),
            article__in=published_in(first, month_bounds(last)[1]),
        )
        .values_list("article_id", "article__published_at", "pen_name__correspondent__unit")
        .order_by()
    )
    for article_id, published_at, unit in links:
        if (article_id, unit) in seen:
            continue
        seen.add((article_id, unit))
        month = timezone.localdate(published_at).replace(day=1)
        table.setdefault(unit, [0] * len(months))[index[month]] += 1
    return dict(sorted(table.items(), key=lambda item: (-sum(item[1]), item[0])))


def unit_csv(months, table):
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["Đơn vị", *(f"{m:%m/%Y}" for m in months), "Cộng"])
    for unit, counts in table.items():
        writer.writerow([unit, *counts, sum(counts)])
    return stream.getvalue()
