"""The author fee (nhuận bút): rates per kind of item, and each month's tally with its frozen lines."""

import calendar
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.models import person_field


class RoyaltyKind(models.TextChoices):
    NEWS = "tin", "Tin"
    ARTICLE = "bai", "Bài"
    PHOTO = "anh", "Ảnh"


class RoyaltyRateQuerySet(models.QuerySet):
    def table(self):
        """{kind: [(valid_from, amount), …] newest first}: one query for a whole tally."""
        table = {}
        for kind, valid_from, amount in self.order_by("-valid_from").values_list(
            "kind", "valid_from", "amount"
        ):
            table.setdefault(kind, []).append((valid_from, amount))
        return table


def rate_on(table, kind, day):
    """The rate of `kind` in force on `day` (the newest that started on or before it), or 0."""
    return next((amount for start, amount in table.get(kind, ()) if start <= day), 0)


class RoyaltyRate(models.Model):
    kind = models.CharField("loại", max_length=10, choices=RoyaltyKind.choices)
    amount = models.PositiveIntegerField(
        "đơn giá (đồng)", help_text="Số tiền cho mỗi tin, bài hoặc ảnh."
    )
    valid_from = models.DateField(
        "áp dụng từ ngày",
        help_text="Tin, bài, ảnh đăng từ ngày này được tính theo đơn giá này, đến khi có đơn giá mới.",
    )
    note = models.CharField(
        "căn cứ", max_length=255, blank=True, help_text="Ví dụ: Quyết định số …"
    )

    objects = RoyaltyRateQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-valid_from"]
        verbose_name = "đơn giá nhuận bút"
        verbose_name_plural = "đơn giá nhuận bút"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "valid_from"],
                name="royalty_rate_kind_from_unique",
                violation_error_message="Loại này đã có đơn giá áp dụng từ ngày đó.",
            )
        ]

    def __str__(self):
        return (
            f"{self.get_kind_display()}: {self.amount:,} đ từ {self.valid_from:%d/%m/%Y}".replace(
                ",", "."
            )
        )


def month_bounds(month):
    """The first and last day of the month that `month` (any day of it) falls in."""
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def parse_month(text):
    """ "2026-03" → date(2026, 3, 1); ValueError with a Vietnamese message otherwise."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        raise ValueError(
            f"Tháng «{text}» không hợp lệ: cần dạng NĂM-THÁNG, ví dụ 2026-03."
        ) from None


class RoyaltyTally(models.Model):
    """A month's tally. Pending, it is counted afresh each time it is read; once approved its
    lines are stored, and later edits to the articles no longer change it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ duyệt"
        APPROVED = "approved", "Đã duyệt"
        PAID = "paid", "Đã chi"

    month = models.DateField("tháng", help_text="Ngày đầu tháng.")
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    note = models.TextField("ghi chú", blank=True)
    approved_at = models.DateTimeField("duyệt lúc", null=True, blank=True, editable=False)
    approved_by = person_field("người duyệt", editable=False)
    paid_at = models.DateTimeField("chi lúc", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-month"]
        verbose_name = "bảng kê nhuận bút"
        verbose_name_plural = "bảng kê nhuận bút"
        permissions = [
            ("approve_royaltytally", "Có thể duyệt và đánh dấu đã chi bảng kê nhuận bút")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["month"],
                name="royalty_tally_month_unique",
                violation_error_message="Tháng này đã có bảng kê.",
            ),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="royalty_tally_month_first_day",
                violation_error_message="Tháng được ghi bằng ngày đầu tháng.",
            ),
        ]

    def __str__(self):
        return f"Bảng kê nhuận bút tháng {self.month:%m/%Y}"

    def clean(self):
        if self.month and self.month.day != 1:
            raise ValidationError({"month": "Hãy chọn ngày đầu tháng."})

    @property
    def start(self):
        return month_bounds(self.month)[0]

    @property
    def end(self):
        return month_bounds(self.month)[1]

    @property
    def is_frozen(self):
        return self.status != self.Status.PENDING

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED


class RoyaltyTallyLine(models.Model):
    """One pen name's row of an approved tally, as it was when the month was approved."""

    tally = models.ForeignKey(
        RoyaltyTally, on_delete=models.CASCADE, related_name="lines", verbose_name="bảng kê"
    )
    pen_name = models.ForeignKey(
        "news.PenName",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="bút danh",
    )
    pen_name_text = models.CharField("bút danh", max_length=100)
    full_name = models.CharField("họ tên", max_length=200, blank=True)
    unit = models.CharField("đơn vị", max_length=200, blank=True)
    news = models.PositiveIntegerField("tin", default=0)
    articles = models.PositiveIntegerField("bài", default=0)
    photos = models.PositiveIntegerField("ảnh", default=0)
    amount = models.PositiveBigIntegerField("thành tiền (đồng)", default=0)

    class Meta:
        ordering = ["tally", "id"]
        verbose_name = "dòng bảng kê"
        verbose_name_plural = "các dòng bảng kê"

    def __str__(self):
        return f"{self.pen_name_text}: {self.amount} đ"
