"""Pen names (bút danh): who an article or a photo credits, for bylines and the author-fee tally."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q

from core.text import clean_text, fold_vi

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def pen_name_key(text):
    """What makes two pen names the same: case, diacritics, spaces and dots do not count, so
    "D.QUỲNH", "D. Quỳnh" and "d quynh" are one pen name."""
    return _NOT_ALNUM.sub("", fold_vi(text or ""))


class PenNameQuerySet(models.QuerySet):
    def with_person(self):
        return self.select_related("user", "correspondent__user")

    def match(self, text):
        """The active pen name that an imported byline such as "D.QUỲNH" names, or None."""
        key = pen_name_key(text)
        return self.filter(key=key, active=True).first() if key else None


class PenName(models.Model):
    name = models.CharField(
        "bút danh", max_length=100, help_text="Như in dưới bài, ví dụ: D.QUỲNH hoặc Hồng Nhung."
    )
    key = models.CharField("khóa so khớp", max_length=100, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pen_names",
        verbose_name="cán bộ (tài khoản)",
        help_text="Chọn khi bút danh là của cán bộ, biên tập viên của Liên đoàn.",
    )
    correspondent = models.ForeignKey(
        "news.Correspondent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pen_names",
        verbose_name="cộng tác viên",
        help_text="Chọn khi bút danh là của cộng tác viên, thông tín viên ở công đoàn cơ sở.",
    )
    staff_unit = models.CharField(
        "đơn vị (cán bộ)",
        max_length=200,
        blank=True,
        help_text="Chỉ cho cán bộ, ví dụ: Ban Tuyên giáo. Cộng tác viên lấy đơn vị từ hồ sơ của mình.",
    )
    active = models.BooleanField(
        "đang dùng", default=True, help_text="Bỏ chọn khi người này thôi dùng bút danh."
    )

    objects = PenNameQuerySet.as_manager()

    class Meta:
        ordering = ["key", "id"]
        verbose_name = "bút danh"
        verbose_name_plural = "bút danh"
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                name="pen_name_key_unique",
                violation_error_message="Đã có bút danh này (không phân biệt hoa thường, dấu, "
                "dấu chấm và khoảng trắng).",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, correspondent__isnull=True)
                | Q(user__isnull=True, correspondent__isnull=False),
                name="pen_name_one_person",
                violation_error_message="Bút danh thuộc về đúng một người: chọn một cán bộ "
                "hoặc một cộng tác viên, không chọn cả hai.",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_text(self.name)
        self.key = pen_name_key(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        self.name = clean_text(self.name)
        self.key = pen_name_key(self.name)
        if not self.key:
            raise ValidationError({"name": "Bút danh phải có ít nhất một chữ cái hoặc chữ số."})

    @property
    def person_name(self):
        user = self.user if self.user_id else self.correspondent.user
        return user.get_full_name() or user.get_username()

    @property
    def unit(self):
        return self.correspondent.unit if self.correspondent_id else self.staff_unit


class ArticlePenName(models.Model):
    """One pen name in an article's byline, in the order the byline reads."""

    article = models.ForeignKey(
        "news.Article", on_delete=models.CASCADE, related_name="pen_name_links"
    )
    pen_name = models.ForeignKey(
        PenName, on_delete=models.PROTECT, related_name="article_links", verbose_name="bút danh"
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "bút danh trong bài"
        verbose_name_plural = "bút danh trong bài"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "pen_name"],
                name="article_pen_name_unique",
                violation_error_message="Bút danh này đã có trong bài.",
            )
        ]

    def __str__(self):
        return f"{self.pen_name} – {self.article_id}"


def split_byline(text):
    """The names in a byline: "D.QUỲNH - H.NHUNG" → ["D.QUỲNH", "H.NHUNG"]."""
    parts = [text]
    for separator in (",", ";", "&", " - ", " – ", " và ", " VÀ "):
        parts = [piece for part in parts for piece in part.split(separator)]
    return [part.strip() for part in parts if pen_name_key(part)]


def match_byline(text):
    """The pen names a byline names, in order, when every name in it is a known active pen name
    (the whole byline as one name first); otherwise [] and the article waits for an editor."""
    whole = PenName.objects.match(text)
    if whole:
        return [whole]
    names = split_byline(text)
    found = [PenName.objects.match(name) for name in names]
    return found if names and all(found) else []


def set_pen_names(article, pen_names):
    """The article's byline becomes exactly these pen names, in this order."""
    with transaction.atomic():
        ArticlePenName.objects.filter(article=article).exclude(
            pen_name__in=[pen_name.pk for pen_name in pen_names]
        ).delete()
        for order, pen_name in enumerate(pen_names):
            ArticlePenName.objects.update_or_create(
                article=article, pen_name=pen_name, defaults={"order": order}
            )


def link_pen_names(article, pen_names):
    with transaction.atomic():
        for order, pen_name in enumerate(pen_names):
            ArticlePenName.objects.get_or_create(
                article=article, pen_name=pen_name, defaults={"order": order}
            )
