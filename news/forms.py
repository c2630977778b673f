"""The article form of the admin: it refuses a save made on top of someone else's newer save."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from news.models import Article, PenName
from news.pennames import set_pen_names


class OrderedAutocomplete(AutocompleteSelectMultiple):
    """Shows the chosen pen names in the byline's order, not in alphabetical order."""

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        position = {str(v): i for i, v in enumerate(value)}
        for _group, options, _index in groups:
            options.sort(key=lambda option: position.get(str(option["value"]), len(position)))
        return groups


class ArticleAdminForm(forms.ModelForm):
    # The version the editor opened. Taken from the database, not from the instance, so that a
    # history revert (whose instance is an old copy) is checked against what is current.
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The byline's pen names, in order (the admin gives it its autocomplete widget).
    pen_name_choice = forms.ModelMultipleChoiceField(
        PenName.objects.all(),
        required=False,
        label="Bút danh",
        help_text="Gõ vài chữ để tìm (không cần dấu). Có bút danh thì dòng tác giả hiện các bút "
        "danh này, theo thứ tự đã chọn; để trống thì hiện dòng tác giả bằng chữ.",
    )

    class Meta:
        model = Article
        # The admin narrows these by role (news.admin_workflow.WorkflowAdminMixin.get_fieldsets).
        fields = [
            "title", "slug", "category", "lead", "body", "kind", "byline", "source_label", "source_url",
            "source_partner", "old_path", "tags", "status", "published_at", "unpublish_at",
            "featured",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            # A form sent without it (an older page, a script) keeps the default, "tin".
            self.fields["kind"].required = False
        if self.instance.pk:
            current = (
                Article.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            self.fields["edit_version"].initial = current
            self.fields["pen_name_choice"].initial = [
                link.pen_name_id for link in self.instance.pen_name_links.all()
            ]

    def clean_kind(self):
        return self.cleaned_data.get("kind") or self.instance.kind or Article.Kind.NEWS

    def clean_pen_name_choice(self):
        chosen = {str(pen_name.pk): pen_name for pen_name in self.cleaned_data["pen_name_choice"]}
        raw = self.data.getlist(self.add_prefix("pen_name_choice")) if self.data else []
        ordered = [chosen.pop(pk) for pk in dict.fromkeys(raw) if pk in chosen]
        return [*ordered, *chosen.values()]

    def save_pen_names(self):
        """Make the article's links say what the form says, in its order."""
        if "pen_name_choice" not in self.fields:
            return
        set_pen_names(self.instance, self.cleaned_data.get("pen_name_choice", []))

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
