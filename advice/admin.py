"""The legal officers' workplace: the queue of questions, the answer, publishing or declining."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponseRedirect
from django.utils.html import format_html

from advice import services
from advice.models import Question
from core import admin_bulk
from core.admin_history import HistoryAdmin
from federation.admin_site import SLUG_JS

# The buttons of the change form: name → label.
BUTTONS = {
    "publish": "Lưu và đăng",
    "decline": "Lưu, không đăng",
    "reopen": "Đưa về hàng chờ (gỡ khỏi trang)",
}
ACTIONS = {"publish": services.publish, "decline": services.decline, "reopen": services.reopen}


def available_buttons(user, question):
    if question is None or not user.has_perm("advice.publish_question"):
        return []
    if question.is_open:
        return ["publish", "decline"]
    if question.is_published:
        return ["publish", "reopen"]
    return ["publish", "reopen"]


class QuestionAdminForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "field", "title", "slug", "public_question", "answer", "cited_documents",
            "internal_note",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Officers edit a copy of the question for publication; the original stays as it came.
        if (
            self.instance.pk
            and not self.instance.public_question
            and "public_question" in self.fields
        ):
            self.initial["public_question"] = self.instance.question

    def clean(self):
        cleaned = super().clean()
        if self.instance.is_published:
            # A published answer cannot lose what the public page shows.
            for name, label in [("title", "tiêu đề"), ("answer", "câu trả lời")]:
                if name in self.fields and not (cleaned.get(name) or "").strip():
                    self.add_error(name, f"Câu hỏi đang được đăng: không thể bỏ trống {label}.")
        return cleaned


@admin.register(Question)
class QuestionAdmin(HistoryAdmin):
    form = QuestionAdminForm
    change_form_template = "admin/advice/question/change_form.html"
    show_facets = admin.ShowFacets.NEVER
    list_display = ["summary", "field", "status_badge", "created_at", "answered"]
    list_filter = ["status", "field"]
    search_fields = ["title", "question", "public_question"]
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["cited_documents"]
    readonly_fields = [
        "asker_name",
        "show_name",
        "locality",
        "contact",
        "question",
        "consent",
        "created_at",
        "status",
        "answered_by",
        "published_at",
        "closed_at",
        "notified_at",
    ]
    fieldsets = [
        (
            "Người hỏi gửi (không sửa; liên hệ không bao giờ được đăng)",
            {
                "fields": [
                    ("asker_name", "show_name"),
                    "locality",
                    "contact",
                    "question",
                    ("created_at", "consent"),
                ]
            },
        ),
        (
            "Để đăng (bỏ mọi chi tiết có thể nhận ra người hỏi)",
            {"fields": ["field", "title", "slug", "public_question"]},
        ),
        ("Trả lời", {"fields": ["answer", "cited_documents"]}),
        (
            "Tình trạng",
            {
                "fields": [
                    ("status", "answered_by"),
                    ("published_at", "closed_at", "notified_at"),
                    "internal_note",
                ]
            },
        ),
    ]
    actions = ["decline_selected"]
    list_per_page = 50

    class Media:
        js = SLUG_JS
        css = {"all": ["css/admin.css", "css/library.css"]}

    def has_add_permission(self, request):
        # Questions come from the public form, where the asker gives consent.
        return False

    def get_ordering(self, request):
        # The queue first: open questions, then the rest; newest first in each.
        queue = Case(
            When(status=Question.Status.NEW, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [queue.asc(), "-created_at", "-id"]

    @admin.display(description="câu hỏi")
    def summary(self, question):
        return question.title or question.question[:100]

    @admin.display(description="tình trạng", ordering="status")
    def status_badge(self, question):
        return format_html(
            '<span class="question-badge question-badge--{}">{}</span>',
            question.status,
            question.get_status_display(),
        )

    @admin.display(description="đã có trả lời", boolean=True)
    def answered(self, question):
        return bool(question.answer)

    @admin.display(description="đồng ý xử lý dữ liệu")
    def consent(self, question):
        return f"{question.consent_at:%d/%m/%Y %H:%M} (thông báo {question.consent_version})"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        question = self.get_object(request, object_id) if object_id else None
        extra_context["advice_buttons"] = [
            (name, BUTTONS[name]) for name in available_buttons(request.user, question)
        ]
        return super().changeform_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        name = request.POST.get("_advice")
        if name in ACTIONS and name in available_buttons(request.user, obj):
            try:
                ACTIONS[name](question=obj, by=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                done = {
                    "publish": "Đã đăng câu hỏi và câu trả lời.",
                    "decline": "Đã đóng câu hỏi, không đăng.",
                    "reopen": "Câu hỏi đã về hàng chờ và không còn trên trang công khai.",
                }[name]
                if name == "publish" and obj.contact_email and obj.notified_at is None:
                    done += " Người hỏi sẽ nhận email báo có câu trả lời."
                messages.success(request, done)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    @admin.action(description="Không đăng các câu hỏi đã chọn", permissions=["publish"])
    def decline_selected(self, request, queryset):
        admin_bulk.apply_each(
            request,
            queryset.filter(status=Question.Status.NEW),
            lambda question: services.decline(question=question, by=request.user),
            "Đã đóng {count} câu hỏi, không đăng.",
        )

    def has_publish_permission(self, request):
        return request.user.has_perm("advice.publish_question")
