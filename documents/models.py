"""The library of documents (văn bản): kinds, fields, issuing bodies, documents and their files."""

import re

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from simple_history.models import HistoricalRecords

from agreements.documents import PrivateFileField, private_storage
from core.models import Authored
from core.richtext import RichTextField, html_to_text
from core.search import Searchable, match, rank
from core.seo import describe
from core.text import AutoSlug, fold_vi
from core.validity import Validity, validity_case, validity_condition, validity_on
from core.visibility import Restricted, VisibleQuerySet, visibility_field
from documents import files


class NamedList(AutoSlug, models.Model):
    """A short list that editors keep (kinds, fields, issuing bodies): a name, a slug, an order."""

    name = models.CharField("tên", max_length=200, unique=True)
    slug = models.SlugField(
        "đường dẫn", max_length=200, unique=True, blank=True, help_text="Tự tạo từ tên."
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class DocumentKind(NamedList):
    # The usual kinds, made on every install by a migration (editors may add more); the demo makes
    # any that are missing, on a database flushed after its migrations (the browser tests).
    USUAL = [
        ("Kế hoạch", "ke-hoach"),
        ("Hướng dẫn", "huong-dan"),
        ("Nghị quyết", "nghi-quyet"),
        ("Quyết định", "quyet-dinh"),
        ("Công văn", "cong-van"),
        ("Thông báo", "thong-bao"),
        ("Chỉ thị", "chi-thi"),
        ("Biểu mẫu", "bieu-mau"),
        ("Văn bản pháp luật", "van-ban-phap-luat"),
    ]

    class Meta(NamedList.Meta):
        verbose_name = "thể loại văn bản"
        verbose_name_plural = "thể loại văn bản"

    @classmethod
    def create_usual(cls):
        for order, (name, slug) in enumerate(cls.USUAL, start=1):
            cls.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


class Field(NamedList):
    class Meta(NamedList.Meta):
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"


class IssuingBody(NamedList):
    short_name = models.CharField(
        "tên viết tắt", max_length=100, blank=True, help_text="Ví dụ: LĐLĐ tỉnh, Tổng LĐLĐVN."
    )

    class Meta(NamedList.Meta):
        verbose_name = "cơ quan ban hành"
        verbose_name_plural = "cơ quan ban hành"


_NUMBER_PREFIX = re.compile(r"^so(?=\d)")


def number_key(text):
    """The number's letters and digits run together, without "Số": "Số 125/KH-LĐLĐ" → "125khldld".
    A number typed any way ("125/kh-ldld", "125 KH LĐLĐ", "125KHLDLD") gives the same key."""
    return _NUMBER_PREFIX.sub("", re.sub(r"[^a-z0-9]", "", fold_vi(text)))


class DocumentQuerySet(VisibleQuerySet):
    def with_status(self, on=None):
        return self.annotate(
            status_code=validity_case(on, start="effective_from", end="expires_on")
        )

    def with_status_filter(self, status, on=None):
        return self.filter(validity_condition(status, on, start="effective_from", end="expires_on"))

    def for_cards(self):
        return self.select_related("kind", "field", "issuer").with_status()

    def search(self, terms):
        """Documents with every term as a word (number, summary, issuer, signer, full text) and
        every quoted phrase, or whose number starts with what was typed however it was spelt;
        number matches first, then the site search's rank (core.search.rank)."""
        condition = match(terms, "search_text")
        key = _NUMBER_PREFIX.sub("", "".join(terms))
        by_number = Q(number_key__startswith=key) if any(c.isdigit() for c in key) else Q(pk=None)
        return (
            self.filter(condition | by_number)
            .annotate(
                number_match=Case(When(by_number, then=Value(1)), default=Value(0)),
                search_rank=rank(terms),
            )
            .order_by("-number_match", "-search_rank", "-issued_on", "-id")
        )


class Document(AutoSlug, Restricted, Authored, Searchable):
    Status = Validity
    # Paths that sit beside the documents' own pages.
    RESERVED_SLUGS = ("rss",)

    number = models.CharField(
        "số hiệu",
        max_length=100,
        blank=True,
        help_text="Như in trên văn bản, ví dụ: Số 125/KH-LĐLĐ. Bỏ trống nếu văn bản không có số "
        "(biểu mẫu).",
    )
    number_key = models.CharField(max_length=100, editable=False, default="", db_index=True)
    kind = models.ForeignKey(
        DocumentKind, on_delete=models.PROTECT, related_name="documents", verbose_name="thể loại"
    )
    field = models.ForeignKey(
        Field,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="lĩnh vực",
    )
    issuer = models.ForeignKey(
        IssuingBody,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name="cơ quan ban hành",
    )
    summary = models.CharField(
        "trích yếu",
        max_length=500,
        help_text="Nội dung chính của văn bản, như dòng «V/v» hoặc tên văn bản, ví dụ: Tổ chức "
        "Tháng Công nhân năm 2026.",
    )
    slug = models.SlugField(
        "đường dẫn", max_length=200, unique=True, blank=True, help_text="Tự tạo từ trích yếu."
    )
    signer = models.CharField("người ký", max_length=200, blank=True)
    signer_position = models.CharField(
        "chức vụ người ký", max_length=200, blank=True, help_text="Ví dụ: Phó Chủ tịch."
    )
    issued_on = models.DateField("ngày ban hành")
    effective_from = models.DateField(
        "ngày có hiệu lực",
        null=True,
        blank=True,
        help_text="Bỏ trống nếu văn bản có hiệu lực từ ngày ban hành.",
    )
    expires_on = models.DateField(
        "ngày hết hiệu lực",
        null=True,
        blank=True,
        help_text="Ngày cuối cùng còn hiệu lực. Bỏ trống nếu văn bản không ghi thời hạn; khi "
        "có văn bản thay thế, ngày này tự điền là ngày trước ngày văn bản mới có hiệu lực.",
    )
    full_text = RichTextField("toàn văn", blank=True)
    visibility = visibility_field(
        "«Chỉ cán bộ công đoàn»: người ngoài không thấy văn bản lẫn tệp đính kèm."
    )
    replaces = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="replaced_by",
        verbose_name="thay thế văn bản",
        help_text="Các văn bản cũ mà văn bản này thay thế.",
    )
    related_documents = models.ManyToManyField("self", blank=True, verbose_name="văn bản liên quan")
    related_articles = models.ManyToManyField(
        "news.Article",
        blank=True,
        related_name="documents",
        verbose_name="tin bài liên quan",
    )
    related_agreements = models.ManyToManyField(
        "agreements.Agreement",
        blank=True,
        related_name="documents",
        verbose_name="chương trình phối hợp liên quan",
        help_text="Văn bản hiện trong trang của các chương trình này.",
    )

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name="lịch sử văn bản", excluded_fields=[*Searchable.SEARCH_COLUMNS]
    )

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        indexes = [
            models.Index(fields=["visibility", "-issued_on"], name="document_visibility_issued"),
            models.Index(fields=["expires_on", "effective_from"], name="document_period"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_from__isnull=True)
                | Q(expires_on__isnull=True)
                | Q(expires_on__gte=F("effective_from")),
                name="document_period_ordered",
                violation_error_message="Ngày hết hiệu lực không được trước ngày có hiệu lực.",
            ),
        ]

    def __str__(self):
        return f"{self.number} – {self.summary}" if self.number else self.summary

    def save(self, *args, **kwargs):
        if self.effective_from is None:
            self.effective_from = self.issued_on
        self.number_key = number_key(self.number)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "number_key", "effective_from"}
        super().save(*args, **kwargs)

    slug_max_length = 120  # the kind and the summary: long enough to read, short enough to share

    def slug_text(self):
        return f"{self.kind.name if self.kind_id else ''} {self.summary}"

    def get_absolute_url(self):
        return reverse("documents:detail", kwargs={"slug": self.slug})

    # Search ----------------------------------------------------------------------------------------

    def search_title_source(self):
        return f"{self.number} {self.summary}"

    def search_parts(self):
        return [
            self.number,
            # "125khldld": the number typed without spaces or slashes finds it too.
            self.number_key,
            self.kind.name if self.kind_id else "",
            self.summary,
            self.issuer.name if self.issuer_id else "",
            self.signer,
            html_to_text(self.full_text),
        ]

    # Status, derived from the dates ------------------------------------------------------------------

    def status_on(self, on):
        return validity_on(self.effective_from or self.issued_on, self.expires_on, on)

    @property
    def status(self):
        code = getattr(self, "status_code", None)
        return Validity(code) if code else self.status_on(None)

    @property
    def status_label(self):
        return self.status.label

    # What pages show -----------------------------------------------------------------------------

    @property
    def heading(self):
        """ "Kế hoạch số 125/KH-LĐLĐ": the kind and the number, as a document is cited."""
        number = self.number.strip()
        if number[:3].lower() == "số ":
            number = number[3:]
        return f"{self.kind.name} số {number}" if number else self.kind.name

    @property
    def signed_by(self):
        return ", ".join(part for part in (self.signer_position, self.signer) if part)

    @property
    def description(self):
        return describe(f"{self.heading}: {self.summary}")


class DocumentFile(models.Model):
    """One file of a document (the signed PDF, its Word version, an Excel form…), served by a view
    that checks who may see the document; read counts wait in Redis (documents.downloads)."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="files", verbose_name="văn bản"
    )
    file = PrivateFileField(
        "tệp",
        upload_to=files.file_path,
        storage=private_storage,
        max_length=255,
        validators=[files.validate_document_file],
        help_text="PDF, Word (.docx) hoặc Excel (.xlsx), tối đa 20 MB; định dạng được kiểm tra "
        "theo nội dung tệp.",
    )
    title = models.CharField(
        "tên tệp", max_length=200, blank=True, help_text="Ví dụ: Bản ký số, Phụ lục, Mẫu điền."
    )
    file_type = models.CharField("định dạng", max_length=10, editable=False, default="")
    size = models.PositiveBigIntegerField("dung lượng", editable=False, default=0)
    download_count = models.PositiveIntegerField("lượt tải", default=0, editable=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "tệp văn bản"
        verbose_name_plural = "tệp văn bản"

    def __str__(self):
        return self.title or self.type_label

    def save(self, *args, **kwargs):
        if self.file and not getattr(self.file, "_committed", True):
            # Named and served by what the bytes are, never by what the upload claimed.
            self.file_type = files.detect_kind(self.file)
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_document_url(self):
        """Where the file is downloaded (PrivateFieldFile.url points here)."""
        return reverse("documents:file", kwargs={"slug": self.document.slug, "pk": self.pk})

    def get_inline_url(self):
        return reverse("documents:file_inline", kwargs={"slug": self.document.slug, "pk": self.pk})

    @property
    def is_pdf(self):
        return self.file_type == files.PDF

    @property
    def type_label(self):
        return files.LABELS.get(self.file_type, "Tệp")

    @property
    def content_type(self):
        return files.CONTENT_TYPES.get(self.file_type, "application/octet-stream")

    @property
    def download_name(self):
        return f"{self.document.slug}-{self.pk}.{self.file_type or 'pdf'}"

    @property
    def label(self):
        return self.title or f"Tệp {self.type_label}"
