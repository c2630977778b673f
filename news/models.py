"""News: categories, articles with photos and tags, and daily read counts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager, _TaggableManager
from taggit.models import ItemBase, TagBase

from core.images import CleanImageField
from core.models import Stamped, person_field
from core.redirects import path_of
from core.renditions import Pictured
from core.richtext import RichTextField, html_to_text
from core.search import Searchable
from core.seo import describe
from core.text import AutoSlug, clean_text, slugify_vi


class Category(AutoSlug, models.Model):
    name = models.CharField("tên chuyên mục", max_length=100, unique=True)
    slug = models.SlugField(
        "đường dẫn",
        max_length=120,
        unique=True,
        help_text="Tự tạo từ tên; chỉ gồm a-z, 0-9 và '-'.",
    )
    order = models.PositiveSmallIntegerField(
        "thứ tự", default=0, help_text="Số nhỏ đứng trước trên trình đơn và trang chủ."
    )
    description = models.TextField("mô tả", blank=True)
    show_on_home = models.BooleanField("hiện khối trên trang chủ", default=True)
    show_in_menu = models.BooleanField(
        "hiện trên trình đơn",
        default=True,
        help_text="Hiện chuyên mục trên trình đơn chính và trình đơn trên điện thoại, theo thứ tự.",
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})


class Tag(TagBase):
    """A tag whose slug reads right for Vietnamese ("Công đoàn" → "cong-doan")."""

    class Meta:
        verbose_name = "thẻ"
        verbose_name_plural = "thẻ"
        ordering = ["name"]

    def slugify(self, tag, i=None):
        slug = slugify_vi(tag, max_length=90) or "the"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        return reverse("news:tag", kwargs={"slug": self.slug})


class CleanTagManager(_TaggableManager):
    """article.tags.add("Công đoàn") from code: the names are cleaned before taggit looks them
    up, so a decomposed "Công đoàn" finds the tag instead of colliding with it once saved."""

    def add(self, *tags, **kwargs):
        return super().add(*(clean_text(tag) for tag in tags), **kwargs)

    def set(self, tags, **kwargs):
        return super().set([clean_text(tag) for tag in tags], **kwargs)


class TaggedArticle(ItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)

    # taggit's ItemBase has a natural_key() that reads this list but never sets it: without it,
    # loading a dumpdata --natural-primary backup fails (core.backup).
    natural_key_fields = ["content_object_id", "tag_id"]

    class Meta:
        verbose_name = "gắn thẻ"
        verbose_name_plural = "gắn thẻ"
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_article_unique")
        ]
        # "Tin liên quan" walks a tag's articles newest first (news.related).
        indexes = [
            models.Index(fields=["tag", "-content_object"], name="tagged_article_tag_newest")
        ]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, its time has come, not yet taken down, not in the
        trash. Scheduling needs no cron job: the time is part of the query."""
        now = timezone.now()
        return self.filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
            deleted_at__isnull=True,
        )

    def syndicable(self):
        """What partner media may republish from us (their feeds narrow it to their choice):
        what the public sees, without the reposts of partners' own reports, which are not ours
        to send out again. News has no officers-only articles: officers-only is a programme's
        visibility, and programmes are never in a feed."""
        return self.published().filter(source_partner__isnull=True)

    def alive(self):
        """Everything not in the trash."""
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        return self.filter(deleted_at__isnull=False)

    def scheduled(self):
        return self.alive().filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def next_change(self):
        """When the next scheduled article goes up or comes down (an aware datetime), or None:
        the moment the public lists change without anyone saving (the page cache's clock)."""
        moment = timezone.now()
        published = self.alive().filter(status=Article.Status.PUBLISHED)
        # Each the first row of an index range (status and publication time; the times set to
        # come down), not an aggregate over every published article: it runs after every change
        # to the news, and MIN(…) FILTER read the whole table (80–160 ms at 100,000 articles).
        found = [
            published.filter(published_at__gt=moment)
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first(),
            published.filter(unpublish_at__gt=moment)
            .order_by("unpublish_at")
            .values_list("unpublish_at", flat=True)
            .first(),
        ]
        return min((t for t in found if t is not None), default=None)

    def for_cards(self):
        """Everything a list card shows, in a fixed number of queries, without the search columns
        (the folded text is as long as the body; only the search's SQL reads it)."""
        return (
            self.defer(*self.model.SEARCH_COLUMNS)
            .select_related("category")
            .prefetch_related(
                models.Prefetch("photos", queryset=Photo.objects.exclude(image="")), "tags"
            )
        )


class Article(AutoSlug, Stamped, Searchable):
    slug_from, slug_fallback = "title", "bai-viet"

    class Status(models.TextChoices):
        DRAFT = "draft", "Nháp"
        SUBMITTED = "submitted", "Chờ duyệt"
        RETURNED = "returned", "Trả lại"
        PUBLISHED = "published", "Đã đăng"
        HIDDEN = "hidden", "Đã gỡ"

    title = models.CharField("tiêu đề", max_length=255)
    slug = models.SlugField(
        "đường dẫn",
        max_length=200,
        unique=True,
        blank=True,
        help_text="Tự tạo từ tiêu đề. Đổi đường dẫn của bài đã đăng thì địa chỉ cũ tự chuyển "
        "(301) sang địa chỉ mới.",
    )
    lead = models.TextField(
        "sapo", help_text="Đoạn mở đầu, chữ thường (không định dạng). Hiện đậm dưới tiêu đề."
    )
    body = RichTextField("nội dung", blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name="chuyên mục"
    )
    tags = TaggableManager(
        "thẻ",
        through=TaggedArticle,
        manager=CleanTagManager,
        blank=True,
        help_text="Các thẻ cách nhau bằng dấu phẩy, ví dụ: công đoàn, truyền thông.",
    )

    class Kind(models.TextChoices):
        NEWS = "tin", "Tin"
        ARTICLE = "bai", "Bài"

    kind = models.CharField(
        "thể loại",
        max_length=10,
        choices=Kind.choices,
        default=Kind.NEWS,
        help_text="Tin hay bài: tính nhuận bút theo đơn giá của từng loại.",
    )
    byline = models.CharField(
        "bút danh / tác giả (chữ)",
        max_length=100,
        blank=True,
        help_text="Ví dụ: D.QUỲNH. Khi bài đã chọn bút danh, dòng tác giả hiện các bút danh đó.",
    )
    pen_names = models.ManyToManyField(
        "news.PenName",
        through="news.ArticlePenName",
        blank=True,
        related_name="articles",
        verbose_name="bút danh",
    )
    source_label = models.CharField(
        "nguồn", max_length=100, blank=True, help_text="Ví dụ: LĐ online. Hiện đầu sapo."
    )
    source_url = models.URLField(
        "liên kết bài gốc",
        blank=True,
        help_text="Bài đăng lại của đối tác: địa chỉ bài gốc, cũng là địa chỉ chuẩn (canonical) "
        "của trang.",
    )
    # A string reference: news never imports agreements (docs/architecture.md); the page shows
    # the partner's name and logo through the relation.
    source_partner = models.ForeignKey(
        "agreements.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reposts",
        verbose_name="đăng lại từ đối tác",
        help_text="Bài của cơ quan báo chí đối tác mà Liên đoàn đăng lại: trang bài ghi nguồn "
        "(biểu trưng, tên, liên kết bài gốc).",
    )
    old_path = models.CharField(
        "địa chỉ cũ",
        max_length=500,
        blank=True,
        help_text="Địa chỉ của bài trên trang cũ (ví dụ /tin-tuc/2021/hoi-nghi.html): "
        "người mở địa chỉ đó được chuyển hẳn (301) sang bài này.",
    )
    status = models.CharField(
        "trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        "thời gian đăng",
        null=True,
        blank=True,
        help_text="Đặt thời điểm trong tương lai để hẹn giờ đăng. Bỏ trống: đăng ngay khi duyệt.",
    )
    unpublish_at = models.DateTimeField(
        "tự gỡ lúc", null=True, blank=True, help_text="Không bắt buộc: bài tự ẩn từ thời điểm này."
    )
    featured = models.BooleanField("tin nổi bật", default=False)
    created_by = person_field("người tạo", related_name="articles")
    # Bumped on every save: a form that was opened on an older version is refused (edit conflicts).
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    deleted_at = models.DateTimeField(
        "chuyển vào thùng rác lúc", null=True, blank=True, editable=False
    )
    deleted_by = person_field("người xóa", editable=False)
    # Set by news.importer from the file's title and time, and never changed after: unique, so
    # that two imports of one file at once cannot both create the article.
    import_key = models.CharField("khóa nhập", max_length=64, null=True, blank=True, editable=False)
    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name="lịch sử bài viết",
        excluded_fields=[*Searchable.SEARCH_COLUMNS, "version", "import_key"],
    )

    # /tin-tuc/rss/ is the feed: an article with that slug could never be reached.
    RESERVED_SLUGS = frozenset({"rss"})

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub"),
            models.Index(fields=["category", "-published_at"], name="article_category_pub"),
            models.Index(fields=["featured", "-published_at"], name="article_featured_pub"),
            # The public lists in their order (newest first, ties by id), for the COUNT and the
            # OFFSET of a deep page: both read this index alone, not the rows (ArticlePaginator).
            models.Index(
                fields=["-published_at", "-id"],
                include=["unpublish_at"],
                condition=Q(status="published", deleted_at__isnull=True),
                name="article_listed",
            ),
            # The next article to come down at its time (next_change): few have a time set.
            models.Index(
                fields=["unpublish_at"],
                condition=Q(unpublish_at__isnull=False),
                name="article_unpublish_at",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(unpublish_at__gt=models.F("published_at")),
                name="article_unpublish_after_publish",
                violation_error_message="Thời điểm tự gỡ phải sau thời điểm đăng.",
            ),
            models.UniqueConstraint(
                fields=["import_key"],
                condition=Q(import_key__isnull=False),
                name="article_import_key_unique",
                violation_error_message="Bài này đã được nhập từ trước.",
            ),
        ]
        permissions = [
            ("publish_article", "Có thể đăng, gỡ, hẹn giờ và đặt tin nổi bật"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.pk:
            # Counted in the database, so a stale copy of the article cannot lower it.
            self.version = models.F("version") + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)
        if isinstance(self.version, models.expressions.Combinable):
            self.refresh_from_db(fields=["version"])

    def get_absolute_url(self):
        return reverse("news:article", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        """The Python twin of ArticleQuerySet.published(), condition for condition."""
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
            and self.deleted_at is None
        )

    def clean(self):
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError({"slug": "Đường dẫn này đã dành cho trang khác, hãy chọn khác."})
        if self.old_path:
            self.old_path = path_of(self.old_path)
            if self.slug and self.old_path == reverse("news:article", kwargs={"slug": self.slug}):
                raise ValidationError(
                    {"old_path": "Địa chỉ cũ trùng với địa chỉ hiện nay của bài."}
                )

    @staticmethod
    def byline_prefetch():
        """The byline's pen names in one query (for byline_display)."""
        return models.Prefetch(
            "pen_name_links", queryset=ArticlePenName.objects.select_related("pen_name")
        )

    @property
    def byline_display(self):
        """The byline as readers see it: the pen names in order, or the free text."""
        names = [link.pen_name.name for link in self.pen_name_links.all()] if self.pk else []
        return ", ".join(names) or self.byline

    @property
    def is_returned(self):
        """Sent back to its author, with a comment: the form shows what to fix."""
        return self.status == self.Status.RETURNED

    @property
    def is_trashed(self):
        return self.deleted_at is not None

    def trash(self, *, by=None):
        """Move to the trash: hidden everywhere, restorable for TRASH_DAYS days."""
        self.deleted_at = timezone.now()
        self.deleted_by = by
        self.save(update_fields=["deleted_at", "deleted_by", "updated_at"])

    def restore(self):
        self.deleted_at = None
        self.deleted_by = None
        self.save(update_fields=["deleted_at", "deleted_by", "updated_at"])

    def search_title_source(self):
        return self.title

    def search_parts(self):
        tags = list(self.tags.values_list("name", flat=True)) if self.pk else []
        pen_names = list(self.pen_names.values_list("name", flat=True)) if self.pk else []
        return [self.title, self.lead, html_to_text(self.body), *tags, self.byline, *pen_names]

    # What pages show -----------------------------------------------------------------------------

    def _photos_with_images(self):
        return [photo for photo in self.photos.all() if photo.image]

    @property
    def cover(self):
        photos = self._photos_with_images()
        return next((p for p in photos if p.is_cover), photos[0] if photos else None)

    @property
    def description(self):
        """The meta description: the lead, cut at a word near 160 characters."""
        return describe(self.lead)


class Photo(Pictured, models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="photos", verbose_name="bài viết"
    )
    image = CleanImageField(
        "ảnh",
        upload_to="news/%Y/%m/",
        blank=True,
        width_field="width",
        height_field="height",
        profile="photo",
        help_text="JPEG, PNG hoặc WebP, tối đa 10 MB. Thông tin vị trí (GPS) trong ảnh sẽ bị xóa.",
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    caption = models.TextField("chú thích", blank=True)
    alt_text = models.CharField(
        "mô tả ảnh (alt)",
        max_length=255,
        blank=True,
        help_text="Bắt buộc khi có ảnh: mô tả ngắn cho người khiếm thị và công cụ tìm kiếm.",
    )
    credit = models.CharField("tác giả ảnh", max_length=100, blank=True)
    pen_name = models.ForeignKey(
        "news.PenName",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name="ảnh của (bút danh)",
        help_text="Bút danh được tính nhuận bút cho ảnh này; khi có, thay cho «tác giả ảnh».",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_cover = models.BooleanField("ảnh đại diện", default=False)

    history = HistoricalRecords(verbose_name="lịch sử ảnh")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "ảnh"
        verbose_name_plural = "ảnh"
        constraints = [
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(is_cover=True),
                name="photo_one_cover_per_article",
                violation_error_message="Mỗi bài chỉ có một ảnh đại diện.",
            )
        ]

    def __str__(self):
        return self.caption[:80] or self.alt_text or f"Ảnh #{self.pk}"

    def clean(self):
        if self.image and not self.alt_text.strip():
            raise ValidationError({"alt_text": "Hãy nhập mô tả ảnh (alt) cho ảnh này."})

    @property
    def credit_display(self):
        """The credit under the photo: the paid pen name when there is one, else the free text."""
        return self.pen_name.name if self.pen_name_id else self.credit

    @property
    def is_placeholder(self):
        """A caption waiting for its image (from an imported article)."""
        return not self.image


class ArticleViewCount(models.Model):
    """Reads per article per day, written in batches from the counter (news.popularity)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="view_counts")
    day = models.DateField("ngày")
    count = models.PositiveIntegerField("lượt đọc", default=0)

    class Meta:
        verbose_name = "lượt đọc theo ngày"
        verbose_name_plural = "lượt đọc theo ngày"
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="view_count_article_day")
        ]
        indexes = [models.Index(fields=["day"], name="view_count_day")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.count}"


TRASH_DAYS = 30


class TrashedArticle(Article):
    """The trash (thùng rác) as its own admin list: deleted articles, restorable for 30 days."""

    class Meta:
        proxy = True
        verbose_name = "bài trong thùng rác"
        verbose_name_plural = "thùng rác"


class ArticleEvent(models.Model):
    """One step of an article's editorial workflow, with the comment that went with it."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Gửi duyệt"
        RETURNED = "returned", "Trả lại"
        PUBLISHED = "published", "Đăng bài"
        UNPUBLISHED = "unpublished", "Gỡ bài"
        TRASHED = "trashed", "Chuyển vào thùng rác"
        RESTORED = "restored", "Khôi phục"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="events", verbose_name="bài viết"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="người thực hiện",
    )
    action = models.CharField("thao tác", max_length=20, choices=Action.choices)
    status = models.CharField("trạng thái sau đó", max_length=20, choices=Article.Status.choices)
    comment = models.TextField("nhận xét", blank=True)
    at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "bước duyệt bài"
        verbose_name_plural = "các bước duyệt bài"
        indexes = [models.Index(fields=["article", "-at"], name="article_event_article_at")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.article}"


class Correspondent(models.Model):
    """A grassroots correspondent (cộng tác viên, thông tín viên) and the union unit they write from."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="correspondent",
        verbose_name="tài khoản",
    )
    unit = models.CharField(
        "đơn vị (công đoàn cơ sở)",
        max_length=200,
        help_text="Ví dụ: Công đoàn cơ sở Công ty CP Chè Cầu Đất.",
    )
    phone = models.CharField("điện thoại", max_length=30, blank=True)

    class Meta:
        ordering = ["unit", "user__username"]
        verbose_name = "cộng tác viên"
        verbose_name_plural = "cộng tác viên"
        indexes = [models.Index(fields=["unit"], name="correspondent_unit")]

    def __str__(self):
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} ({self.unit})"


# Modules of this app that hold models of their own (split by topic, to keep this one short).
from news.pennames import ArticlePenName, PenName  # noqa: E402, F401
from news.royalty import RoyaltyRate, RoyaltyTally, RoyaltyTallyLine  # noqa: E402, F401
from news.topics import Topic, TopicArticle  # noqa: E402, F401
