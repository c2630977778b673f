"""A partner's private feed addresses: a random token, what the feed carries, when it was read."""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from news.models import Article, TopicArticle

# A read is written to the database at most this often per feed: a feed reader polling every
# few seconds costs a cache key, not a write.
READ_RECORD_SECONDS = 60


def new_token():
    return secrets.token_urlsafe(32)


class PartnerFeedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class PartnerFeed(models.Model):
    """One private feed address of a partner. Revoking it makes the address answer 404 for
    good; "Tạo địa chỉ mới" revokes it and gives the partner a new one with the same settings."""

    class Carries(models.TextChoices):
        ALL = "all", "Tất cả tin đã đăng"
        CATEGORIES = "categories", "Chỉ các chuyên mục đã chọn"
        TOPICS = "topics", "Chỉ các chuyên đề đã chọn"

    partner = models.ForeignKey(
        "agreements.Partner",
        on_delete=models.CASCADE,
        related_name="feeds",
        verbose_name="đối tác",
    )
    token = models.CharField(
        "mã bí mật", max_length=64, unique=True, default=new_token, editable=False
    )
    is_active = models.BooleanField(
        "đang dùng", default=True, help_text="Bỏ chọn để thu hồi: địa chỉ trả lỗi 404."
    )
    carries = models.CharField(
        "nội dung", max_length=20, choices=Carries.choices, default=Carries.ALL
    )
    categories = models.ManyToManyField(
        "news.Category",
        blank=True,
        related_name="partner_feeds",
        verbose_name="chuyên mục",
        help_text="Dùng khi nội dung là «Chỉ các chuyên mục đã chọn».",
    )
    topics = models.ManyToManyField(
        "news.Topic",
        blank=True,
        related_name="partner_feeds",
        verbose_name="chuyên đề",
        help_text="Dùng khi nội dung là «Chỉ các chuyên đề đã chọn».",
    )
    last_read_at = models.DateTimeField("đọc lần cuối", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True, editable=False)

    objects = PartnerFeedQuerySet.as_manager()

    class Meta:
        ordering = ["partner__name", "-created_at"]
        verbose_name = "nguồn tin cho đối tác"
        verbose_name_plural = "nguồn tin cho đối tác"

    def __str__(self):
        state = "" if self.is_active else " (đã thu hồi)"
        return f"Nguồn tin cho {self.partner}{state}"

    def save(self, *args, **kwargs):
        if not self.is_active and self.revoked_at is None:
            self.revoked_at = timezone.now()
        elif self.is_active:
            self.revoked_at = None
        super().save(*args, **kwargs)

    # What the partner may republish ---------------------------------------------------------------

    def articles(self):
        """The one answer to "what may this partner republish": what news lets out to partners
        (published, public, not a repost: Article.objects.syndicable()), narrowed to the partner's
        choice."""
        # Each item shows its byline: the pen names come in one query, not one per item.
        articles = Article.objects.syndicable().prefetch_related(Article.byline_prefetch())
        if self.carries == self.Carries.CATEGORIES:
            articles = articles.filter(category__in=self.categories.all())
        elif self.carries == self.Carries.TOPICS:
            # A subquery, not a join: an article in two chosen topics is one item.
            articles = articles.filter(
                pk__in=TopicArticle.objects.filter(topic__in=self.topics.all()).values("article")
            )
        return articles

    # Addresses --------------------------------------------------------------------------------------

    def rss_path(self):
        return reverse("agreements:partner-feed-rss", kwargs={"token": self.token})

    def json_path(self):
        return reverse("agreements:partner-feed-json", kwargs={"token": self.token})

    def rss_url(self):
        return settings.SITE_URL.rstrip("/") + self.rss_path()

    def json_url(self):
        return settings.SITE_URL.rstrip("/") + self.json_path()

    # Revoking, replacing, reading -----------------------------------------------------------------

    def revoke(self):
        self.is_active = False
        self.save(update_fields=["is_active", "revoked_at"])

    @transaction.atomic
    def replace(self):
        """Revoke this address and make a new one that carries the same: "Tạo địa chỉ mới"."""
        self.revoke()
        feed = PartnerFeed.objects.create(partner=self.partner, carries=self.carries)
        feed.categories.set(self.categories.all())
        feed.topics.set(self.topics.all())
        return feed

    @classmethod
    def current_for(cls, partner):
        """The partner's newest active feed, made when it has none (partner_feed_url)."""
        feed = cls.objects.active().filter(partner=partner).order_by("-created_at", "-id").first()
        return feed or cls.objects.create(partner=partner)

    def record_read(self):
        """Remember that the feed was read, at most once a minute in the database."""
        if cache.add(f"partnerfeed:read:{self.pk}", 1, READ_RECORD_SECONDS):
            now = timezone.now()
            PartnerFeed.objects.filter(pk=self.pk).update(last_read_at=now)
            self.last_read_at = now
