"""The editorial workflow in the admin: who sees and edits what, the transition buttons and
actions, the trash, and the correspondents. The rules themselves live in news.workflow."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from core import admin_bulk
from news import preview, workflow
from news.admin_actions import actions_for
from news.models import TRASH_DAYS, Article, ArticleEvent, Correspondent, TrashedArticle

# Naming a partner's report as the source, and an old address, are the editors' work too.
EDITOR_ONLY_FIELDS = {
    "status", "published_at", "unpublish_at", "featured", "source_partner", "old_path",
}  # fmt: skip


def run_transition(request, article, name):
    """Run one workflow step for the user; False (with a message) when refused."""
    user = request.user
    try:
        if name == "submit":
            workflow.submit(article=article, by=user)
            messages.success(request, "Đã gửi bài cho biên tập viên duyệt.")
        elif name == "publish":
            typed = getattr(request, "publication_time_typed", False) and article.published_at
            workflow.publish(article=article, by=user, at=article.published_at if typed else None)
            if article.is_public:
                messages.success(request, "Bài đã được đăng.")
            else:
                when = timezone.localtime(article.published_at).strftime("%H:%M, %d/%m/%Y")
                messages.success(request, f"Bài đã được hẹn giờ đăng lúc {when}.")
        elif name == "return":
            workflow.return_for_changes(
                article=article, by=user, comment=request.POST.get("workflow_comment", "")
            )
            messages.success(request, "Đã trả bài lại cho tác giả kèm nhận xét.")
        elif name in ("unpublish", "hide"):
            workflow.unpublish(article=article, by=user, keep_hidden=name == "hide")
            messages.success(request, "Đã gỡ bài khỏi trang công khai.")
        else:
            raise ValidationError("Thao tác không hợp lệ.")
    except (PermissionDenied, ValidationError) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text or "Bạn không có quyền thực hiện thao tác này.")
        return False
    return True


def review_notice(article):
    """The latest return comment, while the article is back with its author or waiting again."""
    if article.status not in (Article.Status.RETURNED, Article.Status.SUBMITTED):
        return None
    return (
        article.events.filter(action=ArticleEvent.Action.RETURNED)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )


class UnitFilter(admin.SimpleListFilter):
    title = "đơn vị"
    parameter_name = "don_vi"

    def lookups(self, request, model_admin):
        units = Correspondent.objects.order_by("unit").values_list("unit", flat=True).distinct()
        return [(unit, unit) for unit in units]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(created_by__correspondent__unit=self.value())
        return queryset


class AuthorFilter(admin.SimpleListFilter):
    title = "cộng tác viên"
    parameter_name = "tac_gia"

    def lookups(self, request, model_admin):
        people = Correspondent.objects.select_related("user")
        return [(str(c.user_id), str(c)) for c in people]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(created_by_id=int(self.value()))
        return queryset


class WorkflowAdminMixin:
    """Roles on top of the article admin: correspondents see and edit only their own drafts and
    returned articles, never the publishing fields; deleting moves an article to the trash."""

    change_form_template = "admin/news/article/change_form.html"

    # Visibility --------------------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request).alive()
        if not workflow.is_editor(request.user):
            queryset = queryset.filter(created_by=request.user)
        return queryset

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or workflow.can_view(request.user, obj))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if workflow.is_editor(request.user):
            return fieldsets
        trimmed = []
        for name, options in fieldsets:
            fields = [
                f
                for f in options["fields"]
                if (set(f) if isinstance(f, tuple) else {f}).isdisjoint(EDITOR_ONLY_FIELDS)
            ]
            if fields:
                trimmed.append((name, {**options, "fields": fields}))
        return trimmed

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if workflow.is_editor(request.user):
            filters += [UnitFilter, AuthorFilter]
        return filters

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not workflow.is_editor(request.user):
            for name in (
                "publish_selected",
                "unpublish_selected",
                "match_bylines",
                "link_pen_name",
            ):
                actions.pop(name, None)
        return actions

    # Saving ------------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        before = Article.objects.filter(pk=obj.pk).first() if change else None
        # The form has no publishing fields for correspondents; this refuses a crafted POST too.
        workflow.check_edit(article=obj, before=before, by=request.user)
        # An editor who typed a publication time means it, even one in the past (a backdated
        # story); otherwise publishing a draft uses the time of publishing.
        request.publication_time_typed = "published_at" in form.changed_data
        super().save_model(request, obj, form, change)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Django's change view runs in a transaction, simple_history's revert view does not; the
        # edit-conflict check locks the row, which PostgreSQL allows only inside one.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def _after_save(self, request, obj):
        name = request.POST.get("_workflow")
        if name:
            run_transition(request, obj, name)
            return HttpResponseRedirect(request.path)
        return None

    def response_change(self, request, obj):
        return self._after_save(request, obj) or super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if request.POST.get("_workflow"):
            run_transition(request, obj, request.POST["_workflow"])
            return HttpResponseRedirect(reverse("admin:news_article_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        article = self.get_object(request, object_id) if object_id else None
        can_change = self.has_change_permission(request, article)
        extra_context["action_bar"] = actions_for(request.user, article, can_change=can_change)
        if article is not None:
            extra_context["workflow_events"] = article.events.select_related("actor")[:20]
            extra_context["review_notice"] = review_notice(article)
            extra_context["preview_url"] = reverse("news:preview", args=[article.pk])
            extra_context["preview_link"] = request.build_absolute_uri(
                preview.preview_link(article)
            )
            extra_context["preview_days"] = preview.MAX_AGE_DAYS
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view(self.publish_from_preview)
        return [path("<int:pk>/dang-bai/", view, name="news_article_publish"), *super().get_urls()]

    def publish_from_preview(self, request, pk):
        """The preview's "Đăng bài": the same transition as the form's button, rules and all."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article.objects.alive(), pk=pk)
        run_transition(request, article, "publish")
        # The form shows the outcome either way: "Bài đã được đăng." or why not.
        return HttpResponseRedirect(reverse("admin:news_article_change", args=[article.pk]))

    def view_on_site(self, obj):
        # An unpublished article has no public page yet: "Xem trên trang web" opens its preview.
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("news:preview", args=[obj.pk])

    # Actions -----------------------------------------------------------------------------------

    @admin.action(description="Đăng các bài đã chọn")
    def publish_selected(self, request, queryset):
        done = 0
        for article in queryset:
            try:
                workflow.publish(article=article, by=request.user)
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                messages.error(request, f"«{article}»: {exc}")
        if done:
            messages.success(request, f"Đã đăng {done} bài.")

    @admin.action(description="Gỡ các bài đã chọn (về nháp)")
    def unpublish_selected(self, request, queryset):
        admin_bulk.apply_each(
            request,
            queryset.filter(status=Article.Status.PUBLISHED),
            lambda article: workflow.unpublish(article=article, by=request.user),
            "Đã gỡ {count} bài.",
        )

    # The trash ---------------------------------------------------------------------------------

    def delete_model(self, request, obj):
        workflow.trash(article=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            self.delete_model(request, article)

    def response_delete(self, request, obj_display, obj_id):
        messages.info(
            request,
            f"Bài «{obj_display}» đã được chuyển vào thùng rác; biên tập viên có thể khôi phục "
            f"trong {TRASH_DAYS} ngày.",
        )
        return HttpResponseRedirect(reverse("admin:news_article_changelist"))


@admin.register(TrashedArticle)
class TrashedArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "deleted_at", "deleted_by", "purge_on"]
    list_select_related = ["deleted_by"]
    search_fields = ["title"]
    actions = ["restore_selected"]
    ordering = ["-deleted_at"]

    def get_queryset(self, request):
        return Article.objects.trashed().select_related("deleted_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return workflow.is_editor(request.user)

    def has_module_permission(self, request):
        return workflow.is_editor(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="xóa hẳn vào ngày")
    def purge_on(self, article):
        return timezone.localtime(article.deleted_at + timezone.timedelta(days=TRASH_DAYS)).date()

    @admin.action(description="Khôi phục các bài đã chọn")
    def restore_selected(self, request, queryset):
        restored = [workflow.restore(article=article, by=request.user) for article in queryset]
        messages.success(request, f"Đã khôi phục {len(restored)} bài.")


@admin.register(Correspondent)
class CorrespondentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "unit", "phone", "article_count"]
    search_fields = ["unit", "user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]

    def get_queryset(self, request):
        # Counted in the list's own query: a count per row would grow with the correspondents.
        alive = Q(user__articles__deleted_at__isnull=True)
        return (
            super()
            .get_queryset(request)
            .annotate(articles_total=Count("user__articles", filter=alive))
        )

    @admin.display(description="số bài", ordering="articles_total")
    def article_count(self, correspondent):
        return format_html(
            '<a href="{}?tac_gia={}">{}</a>',
            reverse("admin:news_article_changelist"),
            correspondent.user_id,
            correspondent.articles_total,
        )


class CorrespondentInline(admin.StackedInline):
    model = Correspondent
    can_delete = True
    extra = 0
    max_num = 1
    verbose_name_plural = "cộng tác viên (nếu tài khoản này viết bài từ cơ sở)"


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class FederationUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, CorrespondentInline]

    def _correspondent_picker(self, request):
        """The request is the correspondent form's user picker (the admin's autocomplete)."""
        match = request.resolver_match
        return (
            match is not None
            and match.view_name == "admin:autocomplete"
            and request.GET.get("app_label") == "news"
            and request.GET.get("model_name") == "correspondent"
            and request.GET.get("field_name") == "user"
        )

    def has_view_permission(self, request, obj=None):
        if super().has_view_permission(request, obj):
            return True
        # Editors link accounts to correspondent records: from that picker they may search the
        # active accounts by name (it answers ids and names only), never open an account.
        return (
            obj is None
            and self._correspondent_picker(request)
            and request.user.has_perm("news.change_correspondent")
        )

    def get_search_results(self, request, queryset, search_term):
        if self._correspondent_picker(request) and not super().has_view_permission(request):
            queryset = queryset.filter(is_active=True)
        return super().get_search_results(request, queryset, search_term)
