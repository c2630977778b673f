"""Pen names in the admin: their list, the byline inline of the article form, and matching the
free-text bylines (imported ones such as "D.QUỲNH") to pen names."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Exists, OuterRef
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse

from core.text import fold_vi
from news.models import ArticlePenName, PenName
from news.pennames import link_pen_names, match_byline, pen_name_key


@admin.register(PenName)
class PenNameAdmin(admin.ModelAdmin):
    list_display = ["name", "person", "unit_label", "active", "article_count"]
    list_filter = ["active", ("correspondent", admin.EmptyFieldListFilter)]
    search_fields = ["name", "key", "user__first_name", "user__last_name", "user__username",
                     "correspondent__unit", "staff_unit"]  # fmt: skip
    autocomplete_fields = ["user", "correspondent"]
    fields = ["name", "user", "correspondent", "staff_unit", "active"]
    list_select_related = ["user", "correspondent__user"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("article_links"))

    def get_search_results(self, request, queryset, search_term):
        # "d quynh", "D.QUỲNH" and "dquynh" all find D.QUỲNH: the key ignores dots and spaces.
        found, duplicates = super().get_search_results(request, queryset, search_term)
        key = pen_name_key(search_term)
        if key:
            found = found | queryset.filter(key__contains=key)
        return found, duplicates

    @admin.display(description="họ tên")
    def person(self, pen_name):
        return pen_name.person_name

    @admin.display(description="đơn vị")
    def unit_label(self, pen_name):
        return pen_name.unit or "—"

    @admin.display(description="số bài", ordering="n_articles")
    def article_count(self, pen_name):
        return pen_name.n_articles


class UnmatchedBylineFilter(admin.SimpleListFilter):
    title = "bút danh"
    parameter_name = "but-danh"

    def lookups(self, request, model_admin):
        return [("chua-khop", "Dòng tác giả chưa khớp bút danh")]

    def queryset(self, request, queryset):
        if self.value() == "chua-khop":
            return unmatched(queryset)
        return queryset


def unmatched(queryset):
    """Articles with a free-text byline and no pen name: for an editor to match."""
    linked = ArticlePenName.objects.filter(article=OuterRef("pk"))
    return queryset.exclude(byline="").filter(~Exists(linked))


@admin.action(description="Khớp dòng tác giả với bút danh đã có")
def match_bylines(modeladmin, request, queryset):
    matched = 0
    candidates = list(unmatched(queryset))
    for article in candidates:
        pen_names = match_byline(article.byline)
        if pen_names:
            link_pen_names(article, pen_names)
            matched += 1
    left = len(candidates) - matched
    messages.success(
        request,
        f"Đã khớp {matched} bài với bút danh."
        + (f" Còn {left} bài có dòng tác giả chưa có bút danh nào trùng." if left else ""),
    )


class LinkPenNameForm(forms.Form):
    pen_name = forms.ModelChoiceField(
        PenName.objects.filter(active=True), label="Bút danh", empty_label="— chọn bút danh —"
    )


@admin.action(description="Gắn một bút danh cho các bài đã chọn…")
def link_pen_name(modeladmin, request, queryset):
    form = LinkPenNameForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        pen_name = form.cleaned_data["pen_name"]
        for article in queryset:
            link_pen_names(article, [*article.pen_names.all(), pen_name])
        messages.success(request, f"Đã gắn bút danh «{pen_name}» cho {queryset.count()} bài.")
        return HttpResponseRedirect(request.get_full_path())
    articles = sorted(queryset, key=lambda article: fold_vi(article.title))
    return TemplateResponse(
        request,
        "admin/news/link_pen_name.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": "Gắn bút danh cho bài viết",
            "form": form,
            "articles": articles,
            "opts": modeladmin.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        },
    )
