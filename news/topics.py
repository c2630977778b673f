"""Topics (chuyên đề, dòng sự kiện): articles grouped by the editors, in the order they choose."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.images import CleanImageField
from core.models import Stamped
from core.renditions import Pictured
from core.richtext import RichTextField, html_to_text
from core.search import Searchable
from core.seo import describe
from core.text import AutoSlug


class TopicQuerySet(models.QuerySet):
    def active(self):
        """The topics the site shows on its front page, in the editors' order."""
        return self.filter(is_active=True)


class Topic(Pictured, AutoSlug, Stamped, Searchable):
    PICTURE_FIELD = "picture"
    PICTURE_ALT_FIELD = "picture_alt"
    WIDE_LAZY = False  # the picture heads the topic's page

    title = models.CharField("tên chuyên đề", max_length=200)
    slug = models.SlugField(
        "đường dẫn",
        max_length=200,
        unique=True,
        blank=True,
        help_text="Tự tạo từ tên; chỉ gồm a-z, 0-9 và '-'.",
    )
    picture = CleanImageField(
        "ảnh đại diện",
        upload_to="topics/%Y/",
        blank=True,
        width_field="picture_width",
        height_field="picture_height",
        profile="photo",
        help_text="JPEG, PNG hoặc WebP, tối đa 10 MB; không nên có chữ trong ảnh (ảnh bị cắt "
        "theo khung).",
    )
    picture_width = models.PositiveIntegerField(editable=False, null=True)
    picture_height = models.PositiveIntegerField(editable=False, null=True)
    picture_alt = models.CharField(
        "mô tả ảnh (alt)", max_length=255, blank=True, help_text="Bắt buộc khi có ảnh."
    )
    introduction = RichTextField("giới thiệu", blank=True)
    is_active = models.BooleanField(
        "đang nổi bật", default=True, help_text="Hiện trên trang chủ (dòng sự kiện đang diễn ra)."
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0, help_text="Số nhỏ đứng trước.")
    articles = models.ManyToManyField(
        "news.Article",
        through="TopicArticle",
        related_name="topics",
        blank=True,
        verbose_name="bài viết",
    )

    objects = TopicQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name="lịch sử chuyên đề", excluded_fields=[*Searchable.SEARCH_COLUMNS]
    )

    # /chuyen-de/rss/ would read as a topic's address.
    RESERVED_SLUGS = frozenset({"rss"})
    slug_from, slug_fallback = "title", "chuyen-de"

    class Meta:
        ordering = ["order", "-created_at", "-id"]
        verbose_name = "chuyên đề"
        verbose_name_plural = "chuyên đề"
        indexes = [models.Index(fields=["is_active", "order"], name="topic_active_order")]

    def __str__(self):
        return self.title

    def clean(self):
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError({"slug": "Đường dẫn này đã dành cho trang khác, hãy chọn khác."})
        if self.picture and not self.picture_alt.strip():
            raise ValidationError({"picture_alt": "Hãy nhập mô tả ảnh (alt) cho ảnh này."})

    def get_absolute_url(self):
        return reverse("news:topic", kwargs={"slug": self.slug})

    def search_title_source(self):
        return self.title

    def search_parts(self):
        return [self.title, html_to_text(self.introduction)]

    @property
    def introduction_text(self):
        return html_to_text(self.introduction)

    @property
    def description(self):
        return describe(self.introduction_text.strip() or self.title)

    def published_articles(self):
        """The topic's public articles in the editors' order (then newest first)."""
        from news.models import Article

        return (
            Article.objects.published()
            .filter(topic_links__topic=self)
            .order_by("topic_links__order", "-published_at", "-id")
        )


class TopicArticle(models.Model):
    """An article's place in a topic."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="links", verbose_name="chuyên đề"
    )
    article = models.ForeignKey(
        "news.Article",
        on_delete=models.CASCADE,
        related_name="topic_links",
        verbose_name="bài viết",
    )
    order = models.PositiveIntegerField("thứ tự", default=0, help_text="Số nhỏ đứng trước.")

    history = HistoricalRecords(verbose_name="lịch sử bài trong chuyên đề")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "bài trong chuyên đề"
        verbose_name_plural = "bài trong chuyên đề"
        constraints = [
            models.UniqueConstraint(fields=["topic", "article"], name="topic_article_unique")
        ]
        indexes = [models.Index(fields=["topic", "order"], name="topic_article_order")]

    def __str__(self):
        return f"{self.topic}: {self.article}"
