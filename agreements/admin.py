"""The communications staff's workplace for partners, agreements and their tasks."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.utils.html import format_html, format_html_join

from agreements.models import (
    Agreement,
    AgreementPartner,
    AgreementTask,
    Partner,
    PartnerFeed,
    today,
)
from agreements.quotas import progress, published_prefetch, reposts_prefetch
from core.admin_history import HistoryAdmin
from core.admin_slugs import FreeSlugAdminMixin
from core.admin_stamps import STAMPS, STAMPS_FIELDSET, AuthoredAdminMixin
from core.admin_thumbnails import thumbnail
from core.staging import StagedUploadsAdminMixin
from federation.admin_site import SLUG_JS


class StatusListFilter(admin.SimpleListFilter):
    """The derived status, filtered in SQL by date ranges (nothing is stored)."""

    title = "tình trạng"
    parameter_name = "tinh_trang"

    def lookups(self, request, model_admin):
        return [(status.value, status.label.capitalize()) for status in Agreement.Status]

    def queryset(self, request, queryset):
        if self.value() in Agreement.Status.values:
            return queryset.with_status_filter(self.value())
        return queryset


class YearListFilter(admin.SimpleListFilter):
    """The years in which a programme was in force (a 2021–2023 programme is in 2021, 2022, 2023)."""

    title = "năm hiệu lực"
    parameter_name = "nam"

    def lookups(self, request, model_admin):
        return [(str(year), str(year)) for year in Agreement.objects.years_in_force()]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit() and len(value) == 4:
            return queryset.in_year(int(value))
        return queryset


class AgreementPartnerInline(admin.TabularInline):
    model = AgreementPartner
    extra = 0
    min_num = 1
    autocomplete_fields = ["partner"]
    fields = ["partner", "name_at_signing", "order"]
    verbose_name = "đối tác ký kết"
    verbose_name_plural = "đối tác ký kết (giữ nguyên tên như trong văn bản)"


class AgreementTaskInline(admin.StackedInline):
    model = AgreementTask
    extra = 0
    autocomplete_fields = ["partner", "related_articles"]
    fields = [
        "title",
        ("responsible", "partner"),
        ("due_on", "progress", "order"),
        ("target_count", "target_period", "quota_progress"),
        "progress_note",
        "related_articles",
    ]
    readonly_fields = ["quota_progress"]
    verbose_name = "nhiệm vụ"
    verbose_name_plural = "nhiệm vụ"

    def get_queryset(self, request):
        # The quota of every task in a few queries, not two per task.
        return (
            super()
            .get_queryset(request)
            .select_related("agreement", "partner")
            .prefetch_related(published_prefetch(), reposts_prefetch())
        )

    @admin.display(description="thực hiện chỉ tiêu")
    def quota_progress(self, task):
        return quota_html(task)


def quota_html(task):
    """ "Quý I/2022: 5/6 · Quý II/2022: 2/6" up to the running period, the short ones in red."""
    if not task.pk:
        return "—"
    rows = [
        row
        for row in progress(task, getattr(task, "published_articles", None))
        if row.start <= today()
    ]
    if not rows:
        return "—"
    return format_html_join(
        " · ",
        '<span class="{}">{}</span>',
        (("quota-met" if row.met else "quota-short", str(row)) for row in rows),
    )


@admin.register(Agreement)
class AgreementAdmin(AuthoredAdminMixin, FreeSlugAdminMixin, StagedUploadsAdminMixin, HistoryAdmin):
    # Django's facet toggle ("Show counts") has no Vietnamese translation.
    show_facets = admin.ShowFacets.NEVER
    list_display = [
        "title",
        "number_signed",
        "period",
        "status_badge",
        "partner_names",
        "tasks_progress",
        "visibility",
    ]
    list_filter = [StatusListFilter, "partners", YearListFilter, "visibility"]
    search_fields = ["title", "document_number", "search_text"]
    date_hierarchy = "signed_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["renews", "related_articles"]
    inlines = [AgreementPartnerInline, AgreementTaskInline]
    list_per_page = 50
    save_on_top = True
    readonly_fields = STAMPS
    fieldsets = [
        (None, {"fields": ["title", "slug", "document_number", "signed_on"]}),
        ("Thời hạn", {"fields": [("valid_from", "valid_until"), "renews"]}),
        ("Nội dung", {"fields": ["signatories", "summary", "full_text", "document"]}),
        ("Công bố", {"fields": ["visibility", "related_articles"]}),
        STAMPS_FIELDSET,
    ]

    class Media:
        js = SLUG_JS
        css = {"all": ["css/admin.css", "css/agreements.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_status().with_task_counts().with_partners()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "document":
            # The file picker offers PDFs first; the content is still checked on the server.
            kwargs["widget"] = AdminFileWidget(attrs={"accept": "application/pdf,.pdf"})
        elif db_field.name == "signatories":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 80})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="số, ngày ký", ordering="signed_on")
    def number_signed(self, agreement):
        # One narrow column instead of two: the list fits at 1280 px with the sidebars open.
        return format_html(
            '{}<br><span class="quiet">{}</span>',
            agreement.document_number or "—",
            f"{agreement.signed_on:%d/%m/%Y}",
        )

    @admin.display(description="thời hạn", ordering="valid_from")
    def period(self, agreement):
        return format_html(
            "{} –<br>{}", f"{agreement.valid_from:%d/%m/%Y}", f"{agreement.valid_until:%d/%m/%Y}"
        )

    @admin.display(description="tình trạng", ordering="valid_until")
    def status_badge(self, agreement):
        return format_html(
            '<span class="status-badge status-badge--{}">{}</span>',
            agreement.status.value,
            agreement.status_label,
        )

    @admin.display(description="đối tác")
    def partner_names(self, agreement):
        return ", ".join(link.partner.display_name for link in agreement.partner_links) or "—"

    @admin.display(description="việc xong")
    def tasks_progress(self, agreement):
        done, total = agreement.task_counts
        return f"{done}/{total}" if total else "—"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_search_text()


class OverdueListFilter(admin.SimpleListFilter):
    title = "hạn"
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [("qua-han", "Quá hạn")]

    def queryset(self, request, queryset):
        if self.value() == "qua-han":
            return queryset.overdue()
        return queryset


@admin.register(AgreementTask)
class AgreementTaskAdmin(admin.ModelAdmin):
    """All tasks of all programmes in one list, to follow up what is late."""

    show_facets = admin.ShowFacets.NEVER

    list_display = [
        "title",
        "agreement",
        "responsible",
        "partner",
        "due_on",
        "progress",
        "quota_progress",
    ]
    list_editable = ["progress"]
    list_filter = [OverdueListFilter, "progress", "responsible", "partner"]
    list_select_related = ["agreement", "partner"]
    search_fields = ["title", "agreement__title", "progress_note"]
    autocomplete_fields = ["agreement", "partner", "related_articles"]
    date_hierarchy = "due_on"
    readonly_fields = ["quota_progress"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).prefetch_related(published_prefetch(), reposts_prefetch())
        )

    @admin.display(description="thực hiện chỉ tiêu")
    def quota_progress(self, task):
        return quota_html(task)


@admin.register(Partner)
class PartnerAdmin(FreeSlugAdminMixin, StagedUploadsAdminMixin, admin.ModelAdmin):
    show_facets = admin.ShowFacets.NEVER
    list_display = ["logo_thumbnail", "name", "short_name", "kind", "valid_until", "successor"]
    list_display_links = ["logo_thumbnail", "name"]
    list_filter = ["kind"]
    list_select_related = ["successor"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["successor"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "logo", "website"]}),
        (
            "Liên hệ (chỉ cán bộ công đoàn và quản trị viên thấy)",
            {"fields": ["contact_person", ("contact_phone", "contact_email")]},
        ),
        ("Sáp nhập, giải thể", {"fields": ["valid_until", "successor"]}),
    ]

    class Media:
        js = SLUG_JS
        css = {"all": ["css/admin.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "website":
            # Editors type "baolamdong.vn": today's sites are served over HTTPS.
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="logo")
    def logo_thumbnail(self, partner):
        return thumbnail(partner.logo, "logo", alt=partner.logo_alt)


@admin.register(PartnerFeed)
class PartnerFeedAdmin(admin.ModelAdmin):
    """Partners' private feed addresses: copy the address to the partner, revoke or replace it."""

    list_display = ["partner", "carries", "is_active", "rss_address", "last_read_at", "created_at"]
    list_filter = ["is_active", "carries"]
    list_select_related = ["partner"]
    search_fields = ["partner__name", "partner__short_name"]
    autocomplete_fields = ["partner"]
    filter_horizontal = ["categories", "topics"]
    readonly_fields = ["rss_address", "json_address", "last_read_at", "created_at", "revoked_at"]
    fields = [
        "partner",
        "carries",
        "categories",
        "topics",
        "is_active",
        "rss_address",
        "json_address",
        ("last_read_at", "created_at", "revoked_at"),
    ]
    actions = ["replace_selected", "revoke_selected"]

    @admin.display(description="địa chỉ RSS (gửi cho đối tác)")
    def rss_address(self, feed):
        if not feed.pk:
            return "Có sau khi lưu."
        return format_html('<input type="text" readonly size="90" value="{}">', feed.rss_url())

    @admin.display(description="địa chỉ JSON Feed")
    def json_address(self, feed):
        if not feed.pk:
            return "Có sau khi lưu."
        return format_html('<input type="text" readonly size="90" value="{}">', feed.json_url())

    @admin.action(description="Tạo địa chỉ mới (thu hồi địa chỉ cũ)")
    def replace_selected(self, request, queryset):
        made = [feed.replace() for feed in queryset.filter(is_active=True)]
        for feed in made:
            self.message_user(request, f"{feed.partner}: địa chỉ mới {feed.rss_url()}")
        if not made:
            self.message_user(request, "Không có địa chỉ đang dùng nào được chọn.", "warning")

    @admin.action(description="Thu hồi địa chỉ đã chọn")
    def revoke_selected(self, request, queryset):
        feeds = list(queryset.filter(is_active=True))
        for feed in feeds:
            feed.revoke()
        self.message_user(request, f"Đã thu hồi {len(feeds)} địa chỉ: từ nay trả lỗi 404.")
