"""Cooperation programmes with partner media: partners, agreements, their tasks and documents."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from agreements.documents import PrivateFileField, document_path, private_storage, validate_pdf
from core.images import CleanImageField
from core.models import Authored, Stamped
from core.renditions import picture_html
from core.richtext import RichTextField, html_to_text
from core.search import Searchable
from core.seo import describe
from core.text import AutoSlug
from core.validity import (
    PeriodStatus,
    PeriodStatusMixin,
    PeriodStatusQuerySet,
    Validity,
    today,
    years_spanned,
)
from core.visibility import Restricted, VisibleQuerySet, visibility_field


def warning_days():
    return settings.AGREEMENT_EXPIRY_WARNING_DAYS


class Partner(AutoSlug, Stamped):
    """A partner medium (newspaper, radio-TV station…). Organisations merge: see `successor`."""

    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", "Báo"
        RADIO_TELEVISION = "radio-television", "Phát thanh – truyền hình"
        ONLINE = "online", "Báo điện tử, trang thông tin điện tử"
        OTHER = "other", "Khác"

    name = models.CharField(
        "tên đối tác", max_length=255, help_text="Tên đầy đủ hiện nay, ví dụ: Báo Lâm Đồng."
    )
    short_name = models.CharField(
        "tên viết tắt", max_length=100, blank=True, help_text="Ví dụ: Đài PTTH Lâm Đồng."
    )
    slug = models.SlugField(
        "đường dẫn", max_length=200, unique=True, blank=True, help_text="Tự tạo từ tên."
    )
    kind = models.CharField(
        "loại hình", max_length=20, choices=Kind.choices, default=Kind.NEWSPAPER
    )
    logo = CleanImageField(
        "biểu trưng (logo)",
        upload_to="partners/",
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
        profile="logo",
        help_text="JPEG, PNG hoặc WebP, tối đa 10 MB.",
    )
    logo_width = models.PositiveIntegerField(editable=False, null=True)
    logo_height = models.PositiveIntegerField(editable=False, null=True)
    website = models.URLField("trang web", blank=True)
    contact_person = models.CharField(
        "người liên hệ",
        max_length=200,
        blank=True,
        help_text="Chỉ cán bộ công đoàn và quản trị viên thấy thông tin liên hệ.",
    )
    contact_phone = models.CharField("điện thoại liên hệ", max_length=50, blank=True)
    contact_email = models.EmailField("email liên hệ", blank=True)
    valid_until = models.DateField(
        "hoạt động đến ngày",
        null=True,
        blank=True,
        help_text="Bỏ trống nếu cơ quan vẫn đang hoạt động. Điền khi cơ quan sáp nhập hoặc giải thể.",
    )
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name="nay là một phần của",
        help_text="Cơ quan tiếp nhận sau khi sáp nhập (nếu có).",
    )

    # Still operating until the end of its last day (core.validity): no start, an end or none.
    period_status = PeriodStatus(Validity, start=None, end="valid_until")

    class Meta:
        ordering = ["name"]
        verbose_name = "đối tác"
        verbose_name_plural = "đối tác"
        constraints = [
            models.CheckConstraint(
                condition=~Q(successor=F("id")),
                name="partner_not_own_successor",
                violation_error_message="Một cơ quan không thể là cơ quan kế thừa của chính nó.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agreements:partner", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def has_contacts(self):
        return bool(self.contact_person or self.contact_phone or self.contact_email)

    @property
    def is_defunct(self):
        return self.period_status.of(self) == Validity.EXPIRED

    @property
    def logo_alt(self):
        return f"Biểu trưng {self.name}"

    def logo_html(self, use="card"):
        return picture_html(self.logo, "logo", use, alt=self.logo_alt, sizes="96px")


class AgreementQuerySet(PeriodStatusQuerySet, VisibleQuerySet):
    def expiring(self, on=None):
        return self.with_status_filter(Agreement.Status.EXPIRING, on)

    def in_force(self, on=None):
        """In force on the day, those about to expire included."""
        return self.filter(Agreement.period_status.current(on))

    def years_in_force(self):
        """Every year in which one of these programmes was in force, newest first."""
        return years_spanned(self, "valid_from", "valid_until")

    def in_year(self, year):
        """Agreements in force at some point of a calendar year."""
        return self.filter(valid_from__year__lte=year, valid_until__year__gte=year)

    def with_task_counts(self):
        """`tasks_total` and `tasks_done`, as subqueries so that joins elsewhere cannot inflate them."""

        def count(**conditions):
            tasks = (
                AgreementTask.objects.filter(agreement=OuterRef("pk"), **conditions)
                .order_by()
                .values("agreement")
                .annotate(n=Count("id"))
                .values("n")
            )
            return Coalesce(Subquery(tasks, output_field=models.IntegerField()), 0)

        return self.annotate(
            tasks_total=count(), tasks_done=count(progress=AgreementTask.Progress.DONE)
        )

    def with_partners(self, links=None):
        """The partners' links (names at signing) with their partners; `links`: a lighter
        queryset of AgreementPartner, for a page that shows less of them."""
        if links is None:
            links = AgreementPartner.objects.select_related("partner")
        return self.prefetch_related(models.Prefetch("agreement_partners", queryset=links))

    def for_cards(self):
        """Everything a list card shows, in a fixed number of queries."""
        return self.with_status().with_task_counts().with_partners()


class Agreement(PeriodStatusMixin, AutoSlug, Restricted, Authored, Searchable):
    slug_from = "title"

    class Status(models.TextChoices):
        # The values appear in the list's URL (?trang-thai=sap-het-han), so they read as Vietnamese.
        UPCOMING = "sap-hieu-luc", "sắp hiệu lực"
        ACTIVE = "dang-hieu-luc", "đang hiệu lực"
        EXPIRING = "sap-het-han", "sắp hết hạn"
        EXPIRED = "het-han", "hết hạn"

    # The status, derived from the dates (core.validity): "sắp hết hạn" in the last
    # AGREEMENT_EXPIRY_WARNING_DAYS days, the last day included.
    period_status = PeriodStatus(
        Status,
        start="valid_from",
        end="valid_until",
        in_force=Status.ACTIVE,
        expiring_within=warning_days,
    )

    title = models.CharField(
        "tên chương trình",
        max_length=255,
        help_text="Ví dụ: Chương trình phối hợp tuyên truyền giai đoạn 2021–2023.",
    )
    slug = models.SlugField(
        "đường dẫn",
        max_length=200,
        unique=True,
        blank=True,
        help_text="Tự tạo từ tên chương trình.",
    )
    document_number = models.CharField(
        "số văn bản", max_length=100, blank=True, help_text="Ví dụ: Số 05/CTPH-LĐLĐ."
    )
    signed_on = models.DateField("ngày ký")
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_until = models.DateField("hiệu lực đến ngày", help_text="Ngày cuối cùng còn hiệu lực.")
    partners = models.ManyToManyField(
        Partner,
        through="AgreementPartner",
        related_name="agreements",
        verbose_name="đối tác",
    )
    signatories = models.TextField(
        "người ký",
        blank=True,
        help_text="Mỗi dòng một người: họ tên, chức vụ, đơn vị.",
    )
    summary = RichTextField(
        "tóm tắt", blank=True, help_text="Vài câu giới thiệu, hiện ở danh sách."
    )
    full_text = RichTextField("toàn văn", blank=True)
    document = PrivateFileField(
        "văn bản đã ký (PDF)",
        upload_to=document_path,
        storage=private_storage,
        max_length=255,
        blank=True,
        validators=[validate_pdf],
        help_text="Tệp PDF, tối đa 20 MB. Tệp không có đường dẫn công khai: chỉ tải về được qua "
        "trang của chương trình, theo quyền xem của chương trình.",
    )
    visibility = visibility_field(
        "«Chỉ cán bộ công đoàn»: người ngoài không thấy chương trình lẫn văn bản."
    )
    renews = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewed_by",
        verbose_name="tiếp nối chương trình",
        help_text="Chương trình giai đoạn trước mà chương trình này tiếp nối.",
    )
    related_articles = models.ManyToManyField(
        "news.Article",
        blank=True,
        related_name="agreements",
        verbose_name="tin bài liên quan",
        help_text="Tin về lễ ký kết và về kết quả thực hiện.",
    )

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name="lịch sử chương trình", excluded_fields=[*Searchable.SEARCH_COLUMNS]
    )

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = "chương trình phối hợp"
        verbose_name_plural = "chương trình phối hợp"
        indexes = [
            models.Index(fields=["visibility", "-signed_on"], name="agreement_visibility_signed"),
            models.Index(fields=["valid_until", "valid_from"], name="agreement_period"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")),
                name="agreement_period_ordered",
                violation_error_message="Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.",
            ),
            models.CheckConstraint(
                condition=~Q(renews=F("id")),
                name="agreement_not_own_renewal",
                violation_error_message="Một chương trình không thể tiếp nối chính nó.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:detail", kwargs={"slug": self.slug})

    def get_document_url(self):
        return reverse("agreements:document", kwargs={"slug": self.slug})

    def clean(self):
        if self.renews_id and self.pk:
            # Walk back along the chain: a programme cannot (indirectly) continue itself.
            seen, current = {self.pk}, self.renews
            while current is not None:
                if current.pk in seen:
                    raise ValidationError(
                        {
                            "renews": "Chuỗi tiếp nối bị vòng lặp: chương trình không thể tiếp nối "
                            "một chương trình đang tiếp nối nó."
                        }  # fmt: skip
                    )
                seen.add(current.pk)
                current = current.renews

    # Search ----------------------------------------------------------------------------------------

    def search_title_source(self):
        return self.title

    def search_parts(self):
        names = []
        if self.pk:
            pairs = self.agreement_partners.values_list("name_at_signing", "partner__name")
            names = list(dict.fromkeys(n for pair in pairs for n in pair if n))
        return [
            self.title,
            self.document_number,
            html_to_text(self.summary),
            html_to_text(self.full_text),
            self.signatories,
            *names,
        ]

    # Status, derived from the dates ------------------------------------------------------------------

    @property
    def is_expiring(self):
        """Ends within AGREEMENT_EXPIRY_WARNING_DAYS: the page counts the days left."""
        return self.status == self.Status.EXPIRING

    @property
    def days_left(self):
        return (self.valid_until - today()).days

    @property
    def period_label(self):
        """2021–2023, or one year when the programme starts and ends in the same year."""
        start, end = self.valid_from.year, self.valid_until.year
        return str(start) if start == end else f"{start}–{end}"

    # What pages show -----------------------------------------------------------------------------

    @property
    def partner_links(self):
        """Each partner with its name at signing, in order (from the prefetched through rows)."""
        return sorted(self.agreement_partners.all(), key=lambda link: (link.order, link.pk))

    @property
    def task_counts(self):
        """(done, total): from the list's annotations, or from the prefetched tasks."""
        if hasattr(self, "tasks_total"):
            return self.tasks_done, self.tasks_total
        tasks = list(self.tasks.all())
        return sum(t.progress == AgreementTask.Progress.DONE for t in tasks), len(tasks)

    @property
    def tasks_done_count(self):
        return self.task_counts[0]

    @property
    def tasks_total_count(self):
        return self.task_counts[1]

    @property
    def summary_text(self):
        return html_to_text(self.summary)

    @property
    def description(self):
        """The meta description: the summary, cut at a word near 160 characters."""
        return describe(self.summary_text or self.title)

    @property
    def signatory_lines(self):
        return [line.strip() for line in self.signatories.splitlines() if line.strip()]


class AgreementPartner(models.Model):
    """A partner of an agreement, with its name as it was when the agreement was signed."""

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="agreement_partners",
        verbose_name="chương trình",
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="agreement_links",
        verbose_name="đối tác",
    )
    name_at_signing = models.CharField(
        "tên khi ký",
        max_length=255,
        blank=True,
        help_text="Tên của đối tác trong văn bản. Bỏ trống: lấy tên hiện tại của đối tác.",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "đối tác ký kết"
        verbose_name_plural = "đối tác ký kết"
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "partner"],
                name="agreement_partner_unique",
                violation_error_message="Đối tác này đã có trong chương trình.",
            )
        ]

    def __str__(self):
        return self.name_at_signing or str(self.partner)

    def save(self, *args, **kwargs):
        if not self.name_at_signing and self.partner_id:
            self.name_at_signing = self.partner.name
        super().save(*args, **kwargs)

    @property
    def renamed(self):
        """The partner is now called something else, or has become part of another body."""
        return self.name_at_signing != self.partner.name or self.partner.successor_id is not None


class AgreementTaskQuerySet(models.QuerySet):
    def overdue(self, on=None):
        """Tasks past their due date and not done."""
        on = on or today()
        return self.filter(due_on__lt=on).exclude(progress=AgreementTask.Progress.DONE)


class AgreementTask(models.Model):
    class Responsible(models.TextChoices):
        FEDERATION = "federation", "Liên đoàn Lao động"
        PARTNER = "partner", "Đối tác"
        BOTH = "both", "Cả hai bên"

    class Period(models.TextChoices):
        MONTH = "month", "mỗi tháng"
        QUARTER = "quarter", "mỗi quý"
        YEAR = "year", "mỗi năm"
        PROGRAMME = "programme", "cả chương trình"

    class Progress(models.TextChoices):
        NOT_STARTED = "not-started", "chưa thực hiện"
        IN_PROGRESS = "in-progress", "đang thực hiện"
        DONE = "done", "hoàn thành"

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="tasks", verbose_name="chương trình"
    )
    title = models.CharField(
        "nhiệm vụ", max_length=255, help_text="Ví dụ: Xây dựng chuyên mục công đoàn."
    )
    responsible = models.CharField(
        "bên chịu trách nhiệm",
        max_length=20,
        choices=Responsible.choices,
        default=Responsible.BOTH,
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name="đối tác phụ trách",
        help_text="Bắt buộc khi bên chịu trách nhiệm là «Đối tác»; không chọn nếu là Liên đoàn.",
    )
    due_on = models.DateField("hạn hoàn thành", null=True, blank=True)
    progress = models.CharField(
        "tiến độ", max_length=20, choices=Progress.choices, default=Progress.NOT_STARTED
    )
    progress_note = models.TextField(
        "ghi chú tiến độ", blank=True, help_text="Đã làm được gì, còn vướng gì."
    )
    related_articles = models.ManyToManyField(
        "news.Article",
        blank=True,
        related_name="agreement_tasks",
        verbose_name="tin bài thực hiện nhiệm vụ",
    )
    target_count = models.PositiveSmallIntegerField(
        "chỉ tiêu (số tin bài)",
        null=True,
        blank=True,
        help_text="Ví dụ: 6 tin bài mỗi quý. Đếm các tin bài đã đăng gắn với nhiệm vụ này và, "
        "nếu có đối tác phụ trách, các bài đăng lại của đối tác đó (mỗi bài một lần).",
    )
    target_period = models.CharField(
        "chỉ tiêu tính theo", max_length=10, choices=Period.choices, blank=True
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    objects = AgreementTaskQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="lịch sử nhiệm vụ")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        indexes = [models.Index(fields=["progress", "due_on"], name="task_progress_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(responsible="federation", partner__isnull=True)
                | Q(responsible="partner", partner__isnull=False)
                | Q(responsible="both"),
                name="task_responsible_consistent",
                violation_error_message="Nhiệm vụ của «Đối tác» phải chọn đối tác phụ trách; "
                "nhiệm vụ của Liên đoàn thì không chọn đối tác.",
            ),
            models.CheckConstraint(
                condition=Q(target_count__isnull=True, target_period="")
                | Q(target_count__gt=0, target_period__gt=""),
                name="task_target_complete",
                violation_error_message="Chỉ tiêu cần cả số tin bài (lớn hơn 0) và kỳ tính "
                "(tháng, quý, năm hoặc cả chương trình).",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_done(self):
        return self.progress == self.Progress.DONE

    @property
    def is_overdue(self):
        return self.due_on is not None and self.due_on < today() and not self.is_done

    @property
    def responsible_label(self):
        if self.partner_id and self.responsible != self.Responsible.FEDERATION:
            name = self.partner.display_name
            if self.responsible == self.Responsible.BOTH:
                return f"Liên đoàn Lao động và {name}"
            return name
        return self.get_responsible_display()


# In its own module to keep this one readable; imported here so that Django finds the model.
from agreements.partner_feeds import PartnerFeed  # noqa: E402, F401
