"""Admin for the exemplary-worker profiles, their honours, periods and sectors."""

from django.contrib import admin, messages
from django.utils.html import format_html

from core.admin_history import HistoryAdmin
from core.admin_slugs import FreeSlugAdminMixin
from core.admin_thumbnails import thumbnail
from core.staging import StagedUploadsAdminMixin
from federation.admin_site import SLUG_JS, NamedSlugAdmin
from federation.workers.models import ExemplaryWorker, Honour, HonourPeriod, Sector


class HonourInline(admin.TabularInline):
    model = Honour
    extra = 0
    fields = ["period", "title", "decision_number", "year", "order"]
    verbose_name = "danh hiệu, khen thưởng"
    verbose_name_plural = "danh hiệu, khen thưởng"


class ConsentFilter(admin.SimpleListFilter):
    title = "đồng ý công khai"
    parameter_name = "dong_y"

    def lookups(self, request, model_admin):
        return [("co", "Đã có"), ("chua", "Chưa có")]

    def queryset(self, request, queryset):
        if self.value() == "co":
            return queryset.filter(consent_on__isnull=False)
        if self.value() == "chua":
            return queryset.filter(consent_on__isnull=True)
        return queryset


@admin.register(ExemplaryWorker)
class ExemplaryWorkerAdmin(FreeSlugAdminMixin, StagedUploadsAdminMixin, HistoryAdmin):
    list_display = [
        "thumbnail",
        "full_name",
        "workplace",
        "sector",
        "consent",
        "is_published",
        "featured",
    ]
    list_display_links = ["thumbnail", "full_name"]
    list_filter = ["is_published", "honours__period", "sector", "featured", ConsentFilter]
    list_select_related = ["sector"]
    search_fields = ["full_name", "workplace", "search_title"]
    prepopulated_fields = {"slug": ["full_name"]}
    autocomplete_fields = ["related_articles"]
    readonly_fields = ["portrait_preview", "consent_recorded_by", "created_at", "updated_at"]
    inlines = [HonourInline]
    actions = ["publish", "unpublish"]
    list_per_page = 50
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["full_name", "slug", ("portrait", "portrait_preview"), "portrait_alt"]}),
        (
            "Nơi công tác",
            {"fields": ["position", "workplace", "grassroots_union", "locality", "sector"]},
        ),
        ("Thành tích", {"fields": ["achievements", "quote", "related_articles"]}),
        (
            "Đồng ý công khai",
            {
                "description": "Theo Nghị định 13/2023/NĐ-CP, chỉ công khai hồ sơ khi người được "
                "giới thiệu đã đồng ý. Không ghi số điện thoại, thư điện tử hay địa chỉ nhà riêng "
                "vào hồ sơ.",
                "fields": ["consent_on", "consent_note", "consent_recorded_by"],
            },
        ),
        ("Công khai", {"fields": ["is_published", "featured", ("created_at", "updated_at")]}),
    ]

    class Media:
        js = SLUG_JS
        css = {"all": ["css/admin.css"]}

    @admin.display(description="ảnh")
    def thumbnail(self, worker):
        return thumbnail(worker.portrait, "portrait")

    @admin.display(description="xem trước")
    def portrait_preview(self, worker):
        # A new portrait in a form returned with an error has no renditions yet: its thumbnail
        # is beside the file input (core.staging).
        if worker.pk and worker.portrait._committed:
            return thumbnail(worker.portrait, "portrait")
        return "—"

    @admin.display(description="đồng ý công khai", ordering="consent_on")
    def consent(self, worker):
        if worker.consent_on:
            return worker.consent_on.strftime("%d/%m/%Y")
        return format_html('<span class="badge-missing">{}</span>', "chưa có")

    def save_model(self, request, obj, form, change):
        if "consent_on" in form.changed_data:
            obj.consent_recorded_by = request.user if obj.consent_on else None
        super().save_model(request, obj, form, change)

    @admin.action(description="Công khai các hồ sơ đã chọn", permissions=["change"])
    def publish(self, request, queryset):
        ready = queryset.filter(consent_on__isnull=False)
        missing = queryset.filter(consent_on__isnull=True).count()
        # One save each, not queryset.update(): each leaves a history row and tells the page cache.
        count = sum(worker.set_published(True) for worker in ready)
        if count:
            self.message_user(request, f"Đã công khai {count} hồ sơ.", messages.SUCCESS)
        if missing:
            self.message_user(
                request,
                f"{missing} hồ sơ chưa công khai được vì chưa có ngày đồng ý công khai.",
                messages.WARNING,
            )

    @admin.action(description="Ngừng công khai các hồ sơ đã chọn", permissions=["change"])
    def unpublish(self, request, queryset):
        count = sum(worker.set_published(False) for worker in queryset)
        self.message_user(request, f"Đã ngừng công khai {count} hồ sơ.", messages.SUCCESS)


@admin.register(HonourPeriod)
class HonourPeriodAdmin(NamedSlugAdmin):
    list_display = ["name", "start_year", "end_year", "slug"]


@admin.register(Sector)
class SectorAdmin(NamedSlugAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
