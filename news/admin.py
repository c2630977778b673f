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
from core.images import picture_html
from core.text import fold_vi
from federation.admin_site import SLUG_JS
from news.admin_workflow import WorkflowAdminMixin
from news.forms import ArticleAdminForm
from news.models import Article, Category, Photo, Tag, Topic, TopicArticle


def thumbnail(fieldfile, alt=""):
    html = picture_html(fieldfile, "photo", "card", alt=alt, sizes="120px")
    return format_html('<span class="admin-thumb">{}</span>', html) if html else "—"


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


class PhotoInline(admin.StackedInline):
    model = Photo
    formset = PhotoInlineFormSet
    extra = 0
    fields = [("image", "preview"), "caption", ("alt_text", "credit"), ("order", "is_cover")]
    readonly_fields = ["preview"]
    verbose_name = "ảnh"
    verbose_name_plural = "ảnh trong bài"

    @admin.display(description="xem trước")
    def preview(self, photo):
        if not photo.image:
            return "Chưa có ảnh" if photo.pk else "—"
        return thumbnail(photo.image, photo.alt_text)


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
class ArticleAdmin(WorkflowAdminMixin, HistoryAdmin):
    list_display = [
        "cover_thumbnail",
        "title",
        "category",
        "status_label",
        "published_at",
        "byline",
        "featured",
    ]
    list_display_links = ["cover_thumbnail", "title"]
    list_filter = ["status", "category", "featured", PhotoMissingFilter, "published_at"]
    list_select_related = ["category"]
    search_fields = ["title", "lead", "byline", "search_text"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    inlines = [PhotoInline]
    list_per_page = 50
    save_on_top = True
    form = ArticleAdminForm
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body", "edit_version"]}),
        ("Nguồn và tác giả", {"fields": [("byline", "source_label"), "source_url", "tags"]}),
        ("Đăng bài", {"fields": ["status", ("published_at", "unpublish_at"), "featured"]}),
    ]

    class Media:
        js = [*SLUG_JS, "js/admin-tags.js"]
        css = {"all": ["css/admin.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "tags":
            # Suggestions come from the admin's own autocomplete endpoint (TagAdmin's search).
            field.widget.attrs["data-autocomplete-url"] = (
                reverse("admin:autocomplete") + "?app_label=news&model_name=article&field_name=tags"
            )
        return field

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
            .prefetch_related("photos")
        )

    def get_readonly_fields(self, request, obj=None):
        # The status changes only through the workflow buttons, so that every change is logged
        # and the author hears of it.
        readonly = ["status"]
        # A published article keeps its URL: links to it are out in the world.
        if obj and obj.status == Article.Status.PUBLISHED:
            readonly.append("slug")
        return readonly

    @admin.display(description="ảnh")
    def cover_thumbnail(self, article):
        cover = article.cover
        if cover:
            return thumbnail(cover.image)
        if getattr(article, "photo_missing", False):
            return mark_safe('<span class="badge-missing">thiếu ảnh</span>')
        return "—"

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

    def save_model(self, request, obj, form, change):
        if not change and not obj.created_by_id:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
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
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "show_on_home"]
    list_editable = ["order", "show_on_home"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    class Media:
        js = SLUG_JS


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_search_results(self, request, queryset, search_term):
        # Editors type without diacritics; tags are few, so fold them in Python.
        term = fold_vi(search_term)
        if not term:
            return queryset, False
        names = queryset.values_list("pk", "name")
        return queryset.filter(pk__in=[pk for pk, name in names if term in fold_vi(name)]), False

    class Media:
        js = SLUG_JS


class TopicArticleInline(admin.TabularInline):
    model = TopicArticle
    extra = 0
    fields = ["article", "order"]
    autocomplete_fields = ["article"]
    verbose_name = "bài viết"
    verbose_name_plural = "bài trong chuyên đề (số thứ tự nhỏ đứng trước)"


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
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
