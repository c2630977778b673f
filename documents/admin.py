"""The editors' workplace for the library: documents with their files, and the short lists."""

from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.db.models import Max, Min
from django.utils.html import format_html

from core.admin_history import HistoryAdmin
from core.admin_slugs import FreeSlugAdminMixin
from core.admin_stamps import STAMPS, STAMPS_FIELDSET, AuthoredAdminMixin
from core.staging import StagedUploadsAdminMixin
from documents import files
from documents.models import Document, DocumentFile, DocumentKind, Field, IssuingBody
from federation.admin_site import SLUG_JS


class StatusListFilter(admin.SimpleListFilter):
    """The derived status, filtered in SQL by date ranges (nothing is stored)."""

    title = "hiệu lực"
    parameter_name = "hieu_luc"

    def lookups(self, request, model_admin):
        return [(status.value, status.label.capitalize()) for status in Document.Status]

    def queryset(self, request, queryset):
        if self.value() in Document.Status.values:
            return queryset.with_status_filter(self.value())
        return queryset


class YearListFilter(admin.SimpleListFilter):
    title = "năm ban hành"
    parameter_name = "nam"

    def lookups(self, request, model_admin):
        bounds = Document.objects.aggregate(first=Min("issued_on"), last=Max("issued_on"))
        if not bounds["first"]:
            return []
        years = range(bounds["last"].year, bounds["first"].year - 1, -1)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit() and len(value) == 4:
            return queryset.filter(issued_on__year=int(value))
        return queryset


class DocumentFileInline(StagedUploadsAdminMixin, admin.TabularInline):
    model = DocumentFile
    extra = 0
    fields = ["file", "title", "order", "download_count"]
    readonly_fields = ["download_count"]
    verbose_name = "tệp"
    verbose_name_plural = "tệp văn bản (PDF, Word, Excel)"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "file":
            # The picker offers the accepted kinds first; the content is still checked on the server.
            kwargs["widget"] = AdminFileWidget(attrs={"accept": files.ACCEPT})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Document)
class DocumentAdmin(AuthoredAdminMixin, FreeSlugAdminMixin, StagedUploadsAdminMixin, HistoryAdmin):
    show_facets = admin.ShowFacets.NEVER
    list_display = [
        "number",
        "summary",
        "kind",
        "issuer",
        "issued_on",
        "status_badge",
        "visibility",
    ]
    list_display_links = ["number", "summary"]
    list_filter = [StatusListFilter, "kind", "field", "issuer", YearListFilter, "visibility"]
    list_select_related = ["kind", "issuer"]
    search_fields = ["number", "summary", "search_text"]
    date_hierarchy = "issued_on"
    prepopulated_fields = {"slug": ["summary"]}
    autocomplete_fields = [
        "kind",
        "field",
        "issuer",
        "replaces",
        "related_documents",
        "related_articles",
        "related_agreements",
    ]
    inlines = [DocumentFileInline]
    list_per_page = 50
    save_on_top = True
    readonly_fields = STAMPS
    fieldsets = [
        (None, {"fields": ["number", "kind", "summary", "slug"]}),
        ("Ban hành", {"fields": ["issuer", ("signer", "signer_position"), "field"]}),
        ("Hiệu lực", {"fields": [("issued_on", "effective_from", "expires_on"), "replaces"]}),
        ("Nội dung", {"fields": ["full_text"]}),
        (
            "Công bố và liên kết",
            {
                "fields": [
                    "visibility",
                    "related_documents",
                    "related_articles",
                    "related_agreements",
                ]
            },
        ),
        STAMPS_FIELDSET,
    ]

    class Media:
        js = SLUG_JS
        css = {"all": ["css/admin.css", "css/library.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    @admin.display(description="hiệu lực", ordering="expires_on")
    def status_badge(self, document):
        return format_html(
            '<span class="validity-badge validity-badge--{}">{}</span>',
            document.status.value,
            document.status_label,
        )


@admin.register(DocumentKind, Field)
class NamedListAdmin(admin.ModelAdmin):
    show_facets = admin.ShowFacets.NEVER
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    class Media:
        js = SLUG_JS


@admin.register(IssuingBody)
class IssuingBodyAdmin(NamedListAdmin):
    list_display = ["name", "short_name", "order"]
    search_fields = ["name", "short_name"]
