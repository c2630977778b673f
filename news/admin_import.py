"""The admin's "Nhập bài viết" page: upload old articles, preview what will happen, confirm."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views import View

from news import workflow
from news.importer import MAX_FILE_SIZE, import_files
from news.models import Article, Category

MAX_FILES = 20
# How long a preview may be confirmed; after that the files are uploaded again.
TOKEN_MAX_AGE = 60 * 60
TOKEN_SALT = "news.admin_import"
# Drafts first, and by default: an imported article's photos are still to be added, so it should
# not go live before an editor has looked at it.
STATUS_CHOICES = [
    (Article.Status.DRAFT, "Lưu nháp để biên tập viên duyệt"),
    (Article.Status.PUBLISHED, "Đăng ngay, với thời gian đăng gốc"),
]
OUTCOME_LABELS = {
    "created": "Sẽ tạo",
    "skipped": "Bỏ qua (đã có)",
    "error": "Lỗi",
}
DONE_LABELS = {**OUTCOME_LABELS, "created": "Đã tạo"}


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files (Django's documented recipe)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if not data:
            return [single(None, initial)]
        if not isinstance(data, (list, tuple)):
            data = [data]
        return [single(item, initial) for item in data]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label="Tệp bài viết",
        # An empty file is reported by the importer, with the others, rather than refused here.
        allow_empty_file=True,
        widget=MultipleFileInput(attrs={"accept": ".txt,text/plain"}),
        help_text=f"Một hoặc nhiều tệp .txt mã hóa UTF-8 (tối đa {MAX_FILES} tệp, mỗi tệp tối đa "
        f"{MAX_FILE_SIZE // 1024} KB), mỗi tệp một bài theo khuôn bài báo.",
    )
    status = forms.ChoiceField(
        label="Trạng thái",
        choices=STATUS_CHOICES,
        initial=Article.Status.DRAFT,
        widget=forms.RadioSelect,
    )
    category = forms.ModelChoiceField(
        label="Chuyên mục",
        queryset=Category.objects.all(),
        empty_label=None,
        error_messages={
            "required": "Hãy chọn chuyên mục; nếu chưa có, hãy tạo một chuyên mục trước.",
            "invalid_choice": "Chuyên mục này không còn nữa; hãy chọn chuyên mục khác.",
        },
    )

    def __init__(self, *args, may_publish=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_publish:
            # Correspondents never publish (news.workflow): their imports wait for review.
            self.fields["status"].choices = [STATUS_CHOICES[0]]

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                f"Mỗi lần chỉ nhập tối đa {MAX_FILES} tệp; bạn đã chọn {len(files)} tệp."
            )
        errors = []
        for upload in files:
            if not upload.name.lower().endswith(".txt"):
                errors.append(f"«{upload.name}» không phải tệp .txt.")
            elif upload.size > MAX_FILE_SIZE:
                errors.append(
                    f"«{upload.name}» nặng {upload.size // 1024} KB, quá giới hạn "
                    f"{MAX_FILE_SIZE // 1024} KB của một bài viết."
                )
        if errors:
            raise forms.ValidationError(errors)
        return files


def preview_rows(reports, labels):
    """What the preview and result tables show, one row per file."""
    rows = []
    for report in reports:
        row = {"name": report.name, "outcome": report.outcome, "label": labels[report.outcome]}
        if report.error:
            row["error_line"] = report.error.line
            row["error"] = report.error.message
        else:
            parsed, article = report.parsed, report.result.article
            row.update(
                title=parsed.title,
                published_at=parsed.published_at,
                source_label=parsed.source_label,
                byline=parsed.byline,
                lead=parsed.lead,
                first_paragraph=parsed.paragraphs[0] if parsed.paragraphs else "",
                paragraphs=len(parsed.paragraphs),
                photos=len(parsed.captions),
                slug=article.slug,
                duplicate_of=report.duplicate_of,
                url=reverse("admin:news_article_change", args=[article.pk]) if article.pk else "",
            )
        rows.append(row)
    return rows


def count(reports, outcome):
    return sum(report.outcome == outcome for report in reports)


class ImportArticlesView(View):
    """Upload → preview (nothing written) → confirm (written), for staff who may add articles.

    Between preview and confirm the texts travel in a signed token, so what is imported is exactly
    what was previewed, and a changed token is refused.
    """

    model_admin = None

    def dispatch(self, request, *args, **kwargs):
        if not self.model_admin.has_add_permission(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render(self, template, **context):
        opts = Article._meta
        return TemplateResponse(
            self.request,
            f"admin/news/import_{template}.html",
            {
                **self.model_admin.admin_site.each_context(self.request),
                "opts": opts,
                "title": "Nhập bài viết",
                "changelist_url": reverse("admin:news_article_changelist"),
                "import_url": reverse("admin:news_article_import"),
                **context,
            },
        )

    def get(self, request):
        form = ImportForm(may_publish=workflow.is_editor(request.user))
        return self.render("form", form=form, has_categories=Category.objects.exists())

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES, may_publish=workflow.is_editor(request.user))
        if not form.is_valid():
            return self.render("form", form=form, has_categories=Category.objects.exists())
        status, category = form.cleaned_data["status"], form.cleaned_data["category"]
        uploads = [(upload.name, upload.read()) for upload in form.cleaned_data["files"]]
        reports = list(
            import_files(uploads, status=status, category=category, by=request.user, dry_run=True)
        )
        to_create = [[r.name, r.text] for r in reports if r.outcome == "created"]
        token = signing.dumps(
            {"u": request.user.pk, "s": status, "c": category.pk, "f": to_create},
            salt=TOKEN_SALT,
            compress=True,
        )
        return self.render(
            "preview",
            rows=preview_rows(reports, OUTCOME_LABELS),
            token=token if to_create else "",
            status_label=dict(STATUS_CHOICES)[status],
            category=category,
            counts={k: count(reports, k) for k in OUTCOME_LABELS},
        )

    def confirm(self, request):
        try:
            payload = signing.loads(request.POST["token"], salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.SignatureExpired:
            messages.error(request, "Bản xem trước đã quá một giờ; hãy tải các tệp lên lại.")
            return redirect("admin:news_article_import")
        except signing.BadSignature:
            messages.error(request, "Dữ liệu xác nhận không hợp lệ; hãy tải các tệp lên lại.")
            return redirect("admin:news_article_import")
        category = Category.objects.filter(pk=payload["c"]).first()
        if (
            payload["u"] != request.user.pk
            or category is None
            or (payload["s"] != Article.Status.DRAFT and not workflow.is_editor(request.user))
        ):
            messages.error(
                request, "Bản xem trước này không còn dùng được; hãy tải các tệp lên lại."
            )
            return redirect("admin:news_article_import")
        files = [(name, text.encode("utf-8")) for name, text in payload["f"]]
        reports = list(import_files(files, status=payload["s"], category=category, by=request.user))
        created, skipped, failed = (count(reports, k) for k in ("created", "skipped", "error"))
        summary = f"Đã nhập {created} bài viết vào chuyên mục «{category}»."
        if skipped:
            summary += f" Bỏ qua {skipped} bài đã có."
        if failed:
            summary += f" {failed} tệp lỗi."
        messages.add_message(request, messages.ERROR if failed else messages.SUCCESS, summary)
        return self.render("done", rows=preview_rows(reports, DONE_LABELS), category=category)


def import_urls(model_admin):
    view = ImportArticlesView.as_view(model_admin=model_admin)
    return [
        path("nhap/", model_admin.admin_site.admin_view(view), name="news_article_import"),
    ]
