"""The exemplary workers' models: periods, sectors, profiles and their honours (app label
"federation", registered through federation/models.py)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.images import CleanImageField
from core.models import Stamped, person_field
from core.renditions import Pictured
from core.richtext import RichTextField, html_to_text
from core.search import Searchable
from core.seo import describe
from core.text import AutoSlug


class HonourPeriod(AutoSlug, models.Model):
    """A term over which the federation honours exemplary figures, e.g. 2015–2020."""

    slug_fallback = "giai-doan"

    name = models.CharField(
        "tên giai đoạn", max_length=100, unique=True, help_text="Ví dụ: Giai đoạn 2015–2020"
    )
    slug = models.SlugField(
        "đường dẫn",
        max_length=120,
        unique=True,
        blank=True,
        help_text="Tự tạo từ tên; dùng trong bộ lọc của trang điển hình tiên tiến.",
    )
    start_year = models.PositiveSmallIntegerField("năm bắt đầu")
    end_year = models.PositiveSmallIntegerField("năm kết thúc")
    description = models.TextField("mô tả", blank=True)

    class Meta:
        ordering = ["-start_year", "-end_year", "name"]
        verbose_name = "giai đoạn"
        verbose_name_plural = "giai đoạn"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="honour_period_years_ordered",
                violation_error_message="Năm kết thúc không được trước năm bắt đầu.",
            )
        ]

    def __str__(self):
        return self.name


class Sector(AutoSlug, models.Model):
    """A field of work (công nghiệp, giáo dục, y tế…): a short list the editors keep."""

    slug_fallback = "nganh"

    name = models.CharField("tên ngành, lĩnh vực", max_length=100, unique=True)
    slug = models.SlugField(
        "đường dẫn", max_length=120, unique=True, blank=True, help_text="Tự tạo từ tên."
    )
    order = models.PositiveSmallIntegerField(
        "thứ tự", default=0, help_text="Số nhỏ đứng trước trong bộ lọc."
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "ngành, lĩnh vực"
        verbose_name_plural = "ngành, lĩnh vực"

    def __str__(self):
        return self.name


class ExemplaryWorkerQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, with the person's recorded consent."""
        return self.filter(is_published=True, consent_on__isnull=False)

    def for_cards(self):
        """Everything a card or the profile shows, in a fixed number of queries."""
        return self.select_related("sector").prefetch_related(
            models.Prefetch("honours", queryset=Honour.objects.select_related("period"))
        )


CONSENT_REQUIRED_MESSAGE = (
    "Chưa thể công khai hồ sơ này: cần ghi ngày người được giới thiệu đồng ý công khai thông tin "
    "(mục «Đồng ý công khai»), theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân."
)


class ExemplaryWorker(Pictured, AutoSlug, Stamped, Searchable):
    """An exemplary union member or worker (điển hình tiên tiến), honoured in one or more terms.

    Only what the person agreed to make public is stored: no phone, email or home address.
    """

    PICTURE_FIELD = "portrait"
    PICTURE_PROFILE = "portrait"
    CARD_SIZES = "(min-width: 900px) 240px, 50vw"

    slug_from, slug_fallback = "full_name", "ho-so"

    full_name = models.CharField("họ và tên", max_length=150)
    slug = models.SlugField(
        "đường dẫn",
        max_length=200,
        unique=True,
        blank=True,
        help_text="Tự tạo từ họ tên; chỉ gồm a-z, 0-9 và '-'. Nên giữ nguyên sau khi công khai.",
    )
    portrait = CleanImageField(
        "ảnh chân dung",
        upload_to="workers/%Y/",
        blank=True,
        width_field="portrait_width",
        height_field="portrait_height",
        profile="portrait",
        help_text="Ảnh dọc (tỉ lệ 4:5), JPEG, PNG hoặc WebP, tối đa 10 MB. Thông tin vị trí (GPS) "
        "trong ảnh sẽ bị xóa.",
    )
    portrait_width = models.PositiveIntegerField(editable=False, null=True)
    portrait_height = models.PositiveIntegerField(editable=False, null=True)
    portrait_alt = models.CharField(
        "mô tả ảnh (alt)",
        max_length=255,
        blank=True,
        help_text="Bỏ trống để dùng họ tên.",
    )
    position = models.CharField(
        "chức vụ, nghề nghiệp", max_length=200, blank=True, help_text="Ví dụ: Công nhân vận hành"
    )
    workplace = models.CharField(
        "nơi công tác", max_length=255, help_text="Doanh nghiệp, cơ quan hoặc đơn vị."
    )
    grassroots_union = models.CharField(
        "công đoàn cơ sở",
        max_length=255,
        blank=True,
        help_text="Ghi đúng một cách cho mọi hồ sơ cùng công đoàn cơ sở: trang công khai lọc theo "
        "tên này.",
    )
    locality = models.CharField(
        "địa phương",
        max_length=200,
        blank=True,
        help_text="Xã, phường nơi công tác, ghi theo địa giới hiện hành.",
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        related_name="workers",
        verbose_name="ngành, lĩnh vực",
    )
    achievements = RichTextField("thành tích", blank=True)
    quote = models.TextField(
        "câu nói tâm đắc",
        max_length=500,
        blank=True,
        help_text="Một câu nói ngắn của người được giới thiệu, hiện nổi bật trên trang hồ sơ.",
    )
    featured = models.BooleanField(
        "nổi bật", default=False, help_text="Hiện trong khối điển hình tiên tiến ở trang chủ."
    )
    related_articles = models.ManyToManyField(
        "news.Article",
        blank=True,
        related_name="exemplary_workers",
        verbose_name="tin bài liên quan",
        help_text="Chỉ bài đã đăng mới hiện trên trang hồ sơ.",
    )
    consent_on = models.DateField(
        "ngày đồng ý công khai",
        null=True,
        blank=True,
        help_text="Ngày người được giới thiệu đồng ý cho công khai hồ sơ (ảnh, nơi công tác, "
        "thành tích). Bắt buộc trước khi công khai.",
    )
    consent_note = models.CharField(
        "ghi chú về sự đồng ý",
        max_length=255,
        blank=True,
        help_text="Chỉ hiện trong trang quản trị. Ví dụ: Giấy đồng ý ký ngày…, lưu tại Ban Tuyên "
        "giáo.",
    )
    consent_recorded_by = person_field("người ghi nhận sự đồng ý", editable=False)
    is_published = models.BooleanField(
        "công khai",
        default=False,
        help_text="Chỉ công khai được khi đã có ngày đồng ý công khai.",
    )

    objects = ExemplaryWorkerQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name="lịch sử hồ sơ", excluded_fields=[*Searchable.SEARCH_COLUMNS]
    )

    class Meta:
        ordering = ["search_title", "id"]
        verbose_name = "điển hình tiên tiến"
        verbose_name_plural = "điển hình tiên tiến"
        indexes = [
            models.Index(fields=["is_published", "search_title"], name="worker_published_name"),
            models.Index(fields=["is_published", "featured"], name="worker_published_featured"),
            models.Index(fields=["grassroots_union"], name="worker_grassroots_union"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(consent_on__isnull=False),
                name="worker_published_needs_consent",
                violation_error_message=CONSENT_REQUIRED_MESSAGE,
            )
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("workers:detail", kwargs={"slug": self.slug})

    def set_published(self, published: bool) -> bool:
        """Show or hide the profile, saved like any edit (a history row, the page cache told).
        Returns whether anything changed; a profile without consent is never shown."""
        if published and not self.consent_on:
            raise ValidationError({"is_published": CONSENT_REQUIRED_MESSAGE})
        if self.is_published == published:
            return False
        self.is_published = published
        self.save(update_fields=["is_published"])
        return True

    def clean(self):
        if self.is_published and not self.consent_on:
            raise ValidationError({"is_published": CONSENT_REQUIRED_MESSAGE})
        if self.consent_on and self.consent_on > timezone.localdate():
            raise ValidationError({"consent_on": "Ngày đồng ý công khai không thể ở tương lai."})

    # Search --------------------------------------------------------------------------------------

    def search_title_source(self):
        return self.full_name

    def search_parts(self):
        honours = list(self.honours.values_list("title", flat=True)) if self.pk else []
        return [
            self.full_name,
            self.position,
            self.workplace,
            self.grassroots_union,
            self.locality,
            self.quote,
            html_to_text(self.achievements),
            *honours,
        ]

    # What pages show -----------------------------------------------------------------------------

    @property
    def alt_text(self):
        return self.portrait_alt or self.full_name

    @property
    def initials(self):
        """ "Nguyễn Thị Hoa" → "NH": for the placeholder of a profile without a portrait."""
        words = self.full_name.split()
        if not words:
            return ""
        letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
        return letters.upper()

    @property
    def honours_by_period(self):
        """[(period, [honours, newest first]), …], newest period first, from the prefetched rows."""
        groups = {}
        for honour in self.honours.all():
            groups.setdefault(honour.period, []).append(honour)
        ordered = sorted(groups.items(), key=lambda item: (-item[0].start_year, item[0].name))
        return [(period, sorted(items, key=Honour.sort_key)) for period, items in ordered]

    @property
    def main_honour(self):
        """The newest honour, shown on a card."""
        honours = sorted(self.honours.all(), key=lambda h: (-h.year, h.order, h.pk or 0))
        return honours[0] if honours else None

    @property
    def description(self):
        """The meta description: who they are, where they work and how they were honoured."""
        who = ", ".join(p for p in [self.position, self.workplace] if p)
        honour = self.main_honour
        text = f"{self.full_name}: {who}." if who else f"{self.full_name}."
        if honour:
            text += f" {honour.title} ({honour.period.name})."
        return describe(text)


class Honour(models.Model):
    """One honour or award a worker received in a period, with the decision that granted it."""

    worker = models.ForeignKey(
        ExemplaryWorker,
        on_delete=models.CASCADE,
        related_name="honours",
        verbose_name="điển hình tiên tiến",
    )
    period = models.ForeignKey(
        HonourPeriod, on_delete=models.PROTECT, related_name="honours", verbose_name="giai đoạn"
    )
    title = models.CharField(
        "danh hiệu, hình thức khen thưởng",
        max_length=255,
        help_text="Ví dụ: Chiến sĩ thi đua cơ sở; Bằng khen của Tổng Liên đoàn Lao động Việt Nam.",
    )
    decision_number = models.CharField(
        "số quyết định", max_length=100, blank=True, help_text="Ví dụ: 1234/QĐ-TLĐ"
    )
    year = models.PositiveSmallIntegerField("năm")
    order = models.PositiveSmallIntegerField(
        "thứ tự", default=0, help_text="Số nhỏ đứng trước trong cùng giai đoạn."
    )

    history = HistoricalRecords(verbose_name="lịch sử danh hiệu")

    class Meta:
        ordering = ["order", "-year", "id"]
        verbose_name = "danh hiệu, khen thưởng"
        verbose_name_plural = "danh hiệu, khen thưởng"

    def __str__(self):
        return f"{self.title} ({self.year})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.worker.refresh_search_text()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.worker.refresh_search_text()
        return result

    @staticmethod
    def sort_key(honour):
        return (honour.order, -honour.year, honour.pk or 0)

    def clean(self):
        period = self.period if self.period_id else None
        if period and self.year and not period.start_year <= self.year <= period.end_year:
            raise ValidationError(
                {
                    "year": f"Năm {self.year} không thuộc {period.name} "
                    f"({period.start_year}–{period.end_year})."
                }
            )
