"""The site's own model: the site profile (who runs this site). The worker profiles are in
federation.workers.models."""

from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models

from core import cachebatch
from core.images import CleanImageField
from core.renditions import PROFILES, rendition_url

SITE_PROFILE_CACHE_KEY = "federation:site-profile"


class SiteProfile(models.Model):
    """Who runs this site. One row, so that any provincial federation can run the same code."""

    name = models.CharField(
        "tên đơn vị", max_length=200, default="Liên đoàn Lao động tỉnh Lâm Đồng"
    )
    short_name = models.CharField("tên viết tắt", max_length=50, default="LĐLĐ Lâm Đồng")
    tagline = models.CharField(
        "khẩu hiệu",
        max_length=200,
        blank=True,
        default="Cổng thông tin điện tử",
        help_text="Dòng chữ nhỏ dưới tên đơn vị ở đầu trang.",
    )
    description = models.TextField(
        "giới thiệu ngắn",
        blank=True,
        help_text="Dùng làm mô tả mặc định cho công cụ tìm kiếm và khi chia sẻ trang chủ.",
    )
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=50, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    logo = CleanImageField(
        "logo",
        upload_to="site/",
        blank=True,
        profile="logo",
        help_text="Ảnh vuông PNG, JPEG hoặc WebP, nền trong suốt nếu có, tối đa 10 MB. Bỏ trống để "
        "dùng logo mặc định.",
    )
    brand_color = models.CharField(
        "màu chủ đạo",
        max_length=7,
        default="#0b4f9c",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Hãy chọn một màu (mã dạng #0b4f9c).")],
        help_text="Màu của thanh tiêu đề và nút chính trong trang quản trị.",
    )
    # What Vietnamese portals show at the foot of every page: who governs the site, its licence,
    # and who answers for its content.
    governing_body = models.CharField(
        "cơ quan chủ quản",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Tổng Liên đoàn Lao động Việt Nam.",
    )
    licence_number = models.CharField(
        "số giấy phép", max_length=100, blank=True, help_text="Ví dụ: 123/GP-TTĐT."
    )
    licence_date = models.DateField("ngày cấp giấy phép", null=True, blank=True)
    licence_issuer = models.CharField(
        "cơ quan cấp giấy phép",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Sở Thông tin và Truyền thông tỉnh Lâm Đồng.",
    )
    content_responsible = models.CharField(
        "người chịu trách nhiệm nội dung",
        max_length=200,
        blank=True,
        help_text="Họ tên và chức vụ, ví dụ: Nguyễn Văn A – Phó Chủ tịch.",
    )
    facebook_url = models.URLField("trang Facebook", blank=True)
    zalo_url = models.URLField("Zalo OA", blank=True)
    youtube_url = models.URLField("kênh YouTube", blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "thông tin đơn vị"
        verbose_name_plural = "thông tin đơn vị"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(SITE_PROFILE_CACHE_KEY)

    def delete(self, *args, **kwargs):
        # The site always has a profile; deleting it would only bring the defaults back.
        cache.delete(SITE_PROFILE_CACHE_KEY)
        return super().delete(*args, **kwargs)

    @property
    def licence_sentence(self):
        """ "Giấy phép số 12/GP-TTĐT ngày 08/04/2021 do Sở Thông tin và Truyền thông cấp", as
        Vietnamese portals word it; the parts not filled in are left out."""
        if not self.licence_number:
            return ""
        parts = [f"Giấy phép số {self.licence_number}"]
        if self.licence_date:
            parts.append(f"ngày {self.licence_date:%d/%m/%Y}")
        if self.licence_issuer:
            parts.append(f"do {self.licence_issuer} cấp")
        return " ".join(parts)

    @classmethod
    def load(cls):
        """The profile, from the cache when possible: every page's header and footer read it."""
        profile = cachebatch.get(SITE_PROFILE_CACHE_KEY, learn=True)
        if profile is None:
            profile, _ = cls.objects.get_or_create(pk=1)
            cachebatch.store(SITE_PROFILE_CACHE_KEY, profile, 3600)
        return profile

    @property
    def favicon_url(self):
        """The logo's smallest square rendition (written when the logo was saved), or ""."""
        if not self.logo:
            return ""
        return rendition_url(self.logo, PROFILES["logo"]["card"][0], "JPEG")


# The worker profiles (federation.workers) belong to this app: importing their models here is how
# Django registers them under the label "federation", where their tables have always been (after
# the site profile, as they were declared before).
from federation.workers import models as worker_models  # noqa: E402, F401
