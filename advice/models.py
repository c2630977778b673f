"""Legal advice (hỏi đáp pháp luật): a worker's question, its answer by a legal officer, and what
of it the public may see once it is published."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.models import person_field
from core.richtext import RichTextField, html_to_text
from core.search import Searchable
from core.seo import describe
from core.text import AutoSlug

ANONYMOUS = "Ẩn danh"


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: the answers published by a legal officer."""
        return self.filter(status=Question.Status.PUBLISHED, published_at__isnull=False)

    def open(self):
        return self.filter(status=Question.Status.NEW)

    def closed_before(self, moment):
        return self.exclude(status=Question.Status.NEW).filter(closed_at__lt=moment)


class Question(AutoSlug, Searchable):
    class Field(models.TextChoices):
        # The values appear in the list's URL (?linh-vuc=tien-luong), so they read as Vietnamese.
        WAGES = "tien-luong", "Tiền lương"
        SOCIAL_INSURANCE = "bao-hiem-xa-hoi", "Bảo hiểm xã hội"
        CONTRACTS = "hop-dong-lao-dong", "Hợp đồng lao động"
        DISCIPLINE = "ky-luat-sa-thai", "Kỷ luật – sa thải"
        SAFETY = "an-toan-lao-dong", "An toàn lao động"
        OTHER = "khac", "Khác"

    class Status(models.TextChoices):
        NEW = "new", "Chờ trả lời"
        PUBLISHED = "published", "Đã đăng"
        DECLINED = "declined", "Không đăng"

    # Paths that sit beside the answers' own pages.
    RESERVED_SLUGS = ("gui-cau-hoi", "rss")

    # What the asker sent --------------------------------------------------------------------------
    asker_name = models.CharField(
        "họ tên người hỏi", max_length=100, blank=True, help_text="Bỏ trống: người hỏi ẩn danh."
    )
    show_name = models.BooleanField(
        "hiện tên khi đăng",
        default=False,
        help_text="Người hỏi đồng ý hiện tên cùng câu trả lời; nếu không, trang công khai ghi "
        "«Ẩn danh».",
    )
    locality = models.CharField(
        "tỉnh/thành, nơi làm việc", max_length=200, blank=True, help_text="Không bắt buộc."
    )
    contact = models.CharField(
        "email hoặc điện thoại",
        max_length=100,
        blank=True,
        help_text="Không bao giờ hiện ra trang công khai; tự xóa sau khi câu hỏi đã đóng một "
        "thời gian (ADVICE_CONTACT_RETENTION_DAYS).",
    )
    question = models.TextField("câu hỏi gốc", help_text="Đúng như người hỏi đã gửi.")
    field = models.CharField("lĩnh vực", max_length=30, choices=Field.choices, db_index=True)
    consent_at = models.DateTimeField(
        "đồng ý xử lý dữ liệu lúc",
        help_text="Người hỏi đã đánh dấu đồng ý với cách sử dụng thông tin (Nghị định "
        "13/2023/NĐ-CP) lúc này.",
    )
    consent_version = models.CharField("phiên bản thông báo đã đồng ý", max_length=20)

    # What the public sees once published ----------------------------------------------------------
    title = models.CharField(
        "tiêu đề",
        max_length=255,
        blank=True,
        help_text="Câu hỏi tóm trong một dòng, ví dụ: Công ty chậm trả lương hai tháng thì "
        "người lao động làm gì?",
    )
    # Empty (NULL) until the question has a title: unanswered questions have no address.
    slug = models.SlugField(
        "đường dẫn",
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text="Tự tạo từ tiêu đề.",
    )
    public_question = models.TextField(
        "câu hỏi để đăng",
        blank=True,
        help_text="Câu hỏi đã biên tập: bỏ tên người, tên công ty, số điện thoại và mọi chi "
        "tiết có thể nhận ra người hỏi.",
    )
    answer = RichTextField(
        "trả lời",
        blank=True,
        help_text="Nêu căn cứ pháp lý (điều, khoản, văn bản); có thể liên kết tới văn bản "
        "trong thư viện.",
    )
    cited_documents = models.ManyToManyField(
        "documents.Document",
        blank=True,
        related_name="cited_by_questions",
        verbose_name="văn bản căn cứ",
        help_text="Văn bản trong thư viện mà câu trả lời dựa vào; hiện thành liên kết dưới câu "
        "trả lời.",
    )

    # Workflow --------------------------------------------------------------------------------------
    status = models.CharField(
        "tình trạng", max_length=20, choices=Status.choices, default=Status.NEW
    )
    internal_note = models.TextField(
        "ghi chú nội bộ", blank=True, help_text="Chỉ cán bộ tư vấn thấy, ví dụ lý do không đăng."
    )
    answered_by = person_field("người trả lời")
    published_at = models.DateTimeField("đăng lúc", null=True, blank=True)
    closed_at = models.DateTimeField(
        "đóng lúc", null=True, blank=True, help_text="Khi câu hỏi được đăng hoặc không đăng."
    )
    notified_at = models.DateTimeField("đã báo người hỏi lúc", null=True, blank=True)
    created_at = models.DateTimeField("gửi lúc", auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = QuestionQuerySet.as_manager()
    # The contact is never kept in history: once purged from the question it is gone for good.
    history = HistoricalRecords(
        verbose_name="lịch sử câu hỏi",
        excluded_fields=[*Searchable.SEARCH_COLUMNS, "contact"],
    )

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        verbose_name = "câu hỏi"
        verbose_name_plural = "câu hỏi pháp luật"
        permissions = [("publish_question", "Được đăng hoặc không đăng câu trả lời")]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="question_status_published"),
            models.Index(fields=["status", "closed_at"], name="question_status_closed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published")
                | (Q(published_at__isnull=False) & ~Q(title="") & ~Q(answer="")),
                name="question_published_complete",
                violation_error_message="Câu hỏi đã đăng phải có tiêu đề, câu trả lời và ngày đăng.",
            ),
        ]

    def __str__(self):
        return self.title or self.question[:80]

    slug_fallback = "hoi-dap"

    def slug_text(self):
        # A question gets its address with the title an editor gives it, before publishing.
        return self.title or None

    def get_absolute_url(self):
        return reverse("advice:detail", kwargs={"slug": self.slug})

    # Search: only what is published is indexed, and never the contact ---------------------------

    def search_title_source(self):
        return self.title if self.is_published else ""

    def search_parts(self):
        if not self.is_published:
            return []
        return [self.title, self.public_question, html_to_text(self.answer)]

    # What pages show -----------------------------------------------------------------------------

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_open(self):
        return self.status == self.Status.NEW

    @property
    def public_name(self):
        return self.asker_name if self.show_name and self.asker_name else ANONYMOUS

    @property
    def contact_email(self):
        """The contact when it is an email address (the asker is told of the answer there)."""
        return self.contact if "@" in self.contact else ""

    @property
    def answer_text(self):
        return html_to_text(self.answer)

    @property
    def description(self):
        return describe(self.public_question or self.title)

    def mark_published(self, *, by, now=None):
        now = now or timezone.now()
        self.status = self.Status.PUBLISHED
        self.published_at = self.published_at or now
        self.closed_at = now
        self.answered_by = self.answered_by or by
