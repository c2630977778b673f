"""The article form of the admin: it refuses a save made on top of someone else's newer save."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from news.models import Article


class ArticleAdminForm(forms.ModelForm):
    # The version the editor opened. Taken from the database, not from the instance, so that a
    # history revert (whose instance is an old copy) is checked against what is current.
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        # The admin narrows these by role (news.admin_workflow.WorkflowAdminMixin.get_fieldsets).
        fields = [
            "title", "slug", "category", "lead", "body", "byline", "source_label", "source_url",
            "source_partner", "old_path", "tags", "status", "published_at", "unpublish_at",
            "featured",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            current = (
                Article.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            self.fields["edit_version"].initial = current

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        opened = cleaned.get("edit_version")
        # Lock the row until the admin's transaction ends, so two saves cannot both pass this.
        row = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values("version", "updated_at")
            .first()
        )
        if row and opened is not None and row["version"] != opened:
            last = self.instance.history.order_by("-history_date").select_related("history_user")
            last = last.first()
            who = "một người khác"
            if last and last.history_user:
                who = last.history_user.get_full_name() or last.history_user.get_username()
            history_url = reverse("admin:news_article_history", args=[self.instance.pk])
            raise ValidationError(
                format_html(
                    "Bài viết này vừa được {} lưu lúc {}, sau khi bạn mở nó. Để không ghi đè lên "
                    "thay đổi đó, bản của bạn CHƯA được lưu: nội dung bạn vừa sửa vẫn còn trong "
                    'biểu mẫu bên dưới. <a href="{}" target="_blank">Xem phiên bản kia</a>, '
                    "sao chép phần bạn sửa, rồi tải lại trang và sửa tiếp.",
                    who,
                    timezone.localtime(row["updated_at"]).strftime("%H:%M, %d/%m/%Y"),
                    history_url,
                ),
                code="edit_conflict",
            )
        return cleaned
