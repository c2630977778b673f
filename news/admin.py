"""The editors' workplace for news: articles with photo inlines, categories and tags."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.admin_history import HistoryAdmin
from core.admin_slugs import FreeSlugAdminMixin
from core.admin_stamps import AuthoredAdminMixin
from core.admin_thumbnails import thumbnail
from core.richtext import sanitize_html
from core.staging import StagedUploadsAdminMixin
from core.text import fold_vi
from federation.admin_site import SLUG_JS, NamedSlugAdmin
from news import (
    admin_royalty,  # noqa: F401 (registers the author-fee pages)
    workflow,
)
from news.admin_pennames import (
    UnmatchedBylineFilter,
    link_pen_name,
    match_bylines,
)
from news.admin_workflow import WorkflowAdminMixin
from news.forms import ArticleAdminForm, OrderedAutocomplete
from news.models import Article, Category, Photo, Tag, Topic, TopicArticle


class PhotoInlineFormSet(BaseInlineFormSet):
    """One cover per article, checked across the forms: each form alone cannot see the others,
    and the database would refuse a second cover with a server error."""

    def clean(self):
        super().clean()
        covers = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_cover") and not form.cleaned_data.get("DELETE")
        ]
        if len(covers) > 1:
            raise ValidationError("Mỗi bài chỉ có một ảnh đại diện.")

    def save(self, commit=True):
        if commit:
            # Forms save in page order; release the old cover first, or moving the cover to an
            # earlier photo breaks the database's one-cover rule halfway through.
            released = [
                form.instance.pk
                for form in self.initial_forms
                if form.initial.get("is_cover")
                and (not form.cleaned_data.get("is_cover") or form.cleaned_data.get("DELETE"))
            ]
            Photo.objects.filter(pk__in=released).update(is_cover=False)
        return super().save(commit)


class PhotoInline(StagedUploadsAdminMixin, admin.StackedInline):
    model = Photo
    formset = PhotoInlineFormSet
    extra = 0
    fields = [
        ("image", "preview"),
        "caption",
        ("alt_text", "credit", "pen_name"),
        ("order", "is_cover"),
    ]
    readonly_fields = ["preview"]
    autocomplete_fields = ["pen_name"]
    verbose_name = "ảnh"
    verbose_name_plural = "ảnh trong bài"

    def get_fields(self, request, obj=None):
        if obj is not None and not workflow.can_edit(request.user, obj):
            # Read-only: the picture itself, and "ảnh đại diện" in words rather than a red ✖.
            return ["preview", "caption", ("alt_text", "credit"), "cover_label"]
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "cover_label"]

    @admin.display(description="vai trò")
    def cover_label(self, photo):
        return "Ảnh đại diện" if photo.is_cover else "Ảnh trong bài"

    @admin.display(description="xem trước")
    def preview(self, photo):
        if not photo.image:
            return "Chưa có ảnh" if photo.pk else "—"
        if not photo.image._committed:
            # A form returned with an error: the upload has no renditions yet (its thumbnail is
            # beside the file input, core.staging).
            return "—"
        return thumbnail(photo.image, "photo", alt=photo.alt_text, sizes="120px")


class PhotoMissingFilter(admin.SimpleListFilter):
    title = "ảnh"
    parameter_name = "anh"

    def lookups(self, request, model_admin):
        return [("thieu", "Thiếu ảnh")]

    def queryset(self, request, queryset):
        if self.value() == "thieu":
            return queryset.filter(photo_missing=True)
        return queryset


@admin.register(Article)
class ArticleAdmin(
    AuthoredAdminMixin,
    FreeSlugAdminMixin,
    StagedUploadsAdminMixin,
    WorkflowAdminMixin,
    HistoryAdmin,
):
    list_display = [
        "cover_thumbnail",
        "title",
        "category",
        "status_label",
        "published_label",
        "byline_label",
        "featured_flag",
    ]
    list_display_links = ["cover_thumbnail", "title"]
    list_filter = [
        "status",
        "category",
        "kind",
        "featured",
        PhotoMissingFilter,
        UnmatchedBylineFilter,
        "published_at",
    ]
    list_select_related = ["category"]
    search_fields = ["title", "lead", "byline", "search_text"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    inlines = [PhotoInline]
    list_per_page = 50
    form = ArticleAdminForm
    actions = ["publish_selected", "unpublish_selected", match_bylines, link_pen_name]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body", "edit_version"]}),
        (
            "Nguồn và tác giả",
            {
                "fields": [
                    "kind",
                    "pen_name_choice",
                    ("byline", "source_label"),
                    "source_url",
                    ("source_partner", "old_path"),
                    "tags",
                ]
            },
        ),
        ("Đăng bài", {"fields": ["status", ("published_at", "unpublish_at"), "featured"]}),
    ]

    class Media:
        js = [*SLUG_JS, "js/admin-tags.js"]
        css = {"all": ["css/admin.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("published_at", "unpublish_at"):
            # The split date and time inputs have no label of their own for screen readers.
            date_input, time_input = field.widget.widgets
            date_input.attrs["aria-label"] = f"{db_field.verbose_name.capitalize()}: ngày"
            time_input.attrs["aria-label"] = f"{db_field.verbose_name.capitalize()}: giờ"
        if db_field.name == "tags":
            # Suggestions come from the admin's own autocomplete endpoint (TagAdmin's search).
            field.widget.attrs["data-autocomplete-url"] = (
                reverse("admin:autocomplete") + "?app_label=news&model_name=article&field_name=tags"
            )
        return field

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "pen_name_choice" in form.base_fields:
            field = form.base_fields["pen_name_choice"]
            field.widget = OrderedAutocomplete(
                Article._meta.get_field("pen_names"), self.admin_site
            )
        return form

    def get_urls(self):
        from news.admin_import import import_urls

        # Before the default URLs, whose "<object_id>/" would otherwise catch "nhap/".
        return import_urls(self) + super().get_urls()

    def get_queryset(self, request):
        photo_missing = Exists(Photo.objects.filter(article=OuterRef("pk"), image=""))
        return (
            super()
            .get_queryset(request)
            .annotate(photo_missing=photo_missing)
            .prefetch_related("photos", Article.byline_prefetch())
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only: the body as readers will see it (not its HTML source), and the cover picture.
        shown = []
        for index, (name, options) in enumerate(fieldsets):
            fields = ["body_rendered" if f == "body" else f for f in options["fields"]]
            if index == 0:
                fields.insert(0, "cover_picture")
            shown.append((name, {**options, "fields": fields}))
        return shown

    @admin.display(description="nội dung")
    def body_rendered(self, article):
        return format_html(
            '<div class="readonly-body">{}</div>', mark_safe(sanitize_html(article.body))
        )

    @admin.display(description="ảnh đại diện")
    def cover_picture(self, article):
        cover = article.cover
        return (
            thumbnail(cover.image, "photo", alt=cover.alt_text, sizes="120px")
            if cover and cover.image
            else "Chưa có ảnh"
        )

    def get_readonly_fields(self, request, obj=None):
        # The status changes only through the workflow buttons, so that every change is logged
        # and the author hears of it.
        readonly = ["status"]
        # A published article's slug may change in its form (the old address answers with a 301:
        # core.redirects), but restoring an old version does not move its address.
        match = request.resolver_match
        restoring = match is not None and (match.url_name or "").endswith("_simple_history")
        if restoring:
            readonly.append("slug")
        return readonly

    @admin.display(description="ảnh")
    def cover_thumbnail(self, article):
        cover = article.cover
        if cover:
            # The thumbnail is a link to the article: its text alternative names the article.
            return thumbnail(
                cover.image, "photo", alt=cover.alt_text or article.title, sizes="120px"
            )
        if getattr(article, "photo_missing", False):
            return mark_safe('<span class="badge-missing">thiếu ảnh</span>')
        return "—"

    @admin.display(description="tác giả", ordering="byline")
    def byline_label(self, article):
        if article.pen_name_links.all():
            return article.byline_display
        if article.byline:
            return format_html(
                '{} <span class="badge-missing">chưa khớp bút danh</span>', article.byline
            )
        return "—"

    @admin.display(description="đăng lúc", ordering="published_at")
    def published_label(self, article):
        if not article.published_at:
            return "—"
        # Date over time: a narrow column at 1280 px with both sidebars open.
        moment = timezone.localtime(article.published_at)
        return format_html(
            '{}<br><span class="quiet">{}</span>', f"{moment:%d/%m/%Y}", f"{moment:%H:%M}"
        )

    @admin.display(description="nổi bật", boolean=True, ordering="featured")
    def featured_flag(self, article):
        return article.featured

    @admin.display(description="trạng thái", ordering="status")
    def status_label(self, article):
        label = article.get_status_display()
        if article.status == Article.Status.PUBLISHED and not article.is_public:
            # Not public yet (scheduled), or no longer (its takedown time has passed).
            if article.unpublish_at and article.unpublish_at <= timezone.now():
                label = "Đã tự gỡ"
            elif article.published_at:
                label = "Hẹn giờ đăng"
        if getattr(article, "photo_missing", False):
            return format_html('{} <span class="badge-missing">thiếu ảnh</span>', label)
        return label

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.save_pen_names()
        form.instance.refresh_search_text()

    def response_change(self, request, obj):
        if "_preview" in request.POST:
            return HttpResponseRedirect(reverse("news:preview", args=[obj.pk]))
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_preview" in request.POST:
            return HttpResponseRedirect(reverse("news:preview", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)


@admin.register(Category)
class CategoryAdmin(NamedSlugAdmin):
    list_display = ["name", "slug", "order", "show_in_menu", "show_on_home"]
    list_editable = ["order", "show_in_menu", "show_on_home"]


@admin.register(Tag)
class TagAdmin(NamedSlugAdmin):
    list_display = ["name", "slug"]

    def get_search_results(self, request, queryset, search_term):
        # Editors type without diacritics; tags are few, so fold them in Python.
        term = fold_vi(search_term)
        if not term:
            return queryset, False
        names = queryset.values_list("pk", "name")
        return queryset.filter(pk__in=[pk for pk, name in names if term in fold_vi(name)]), False


class TopicArticleInline(admin.TabularInline):
    model = TopicArticle
    extra = 0
    fields = ["article", "order"]
    autocomplete_fields = ["article"]
    verbose_name = "bài viết"
    verbose_name_plural = "bài trong chuyên đề (số thứ tự nhỏ đứng trước)"


@admin.register(Topic)
class TopicAdmin(FreeSlugAdminMixin, StagedUploadsAdminMixin, HistoryAdmin):
    list_display = ["picture_thumbnail", "title", "is_active", "order", "article_count"]
    list_display_links = ["picture_thumbnail", "title"]
    list_editable = ["is_active", "order"]
    list_filter = ["is_active"]
    search_fields = ["title", "search_text"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TopicArticleInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "introduction"]}),
        ("Ảnh", {"fields": ["picture", "picture_alt"]}),
        ("Hiển thị", {"fields": [("is_active", "order")]}),
    ]

    class Media:
        js = SLUG_JS
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("links"))

    @admin.display(description="ảnh")
    def picture_thumbnail(self, topic):
        return thumbnail(topic.picture, topic.picture_alt) if topic.picture else "—"

    @admin.display(description="số bài", ordering="article_total")
    def article_count(self, topic):
        return topic.article_total
