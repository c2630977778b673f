"""The question form (/hoi-dap/gui-cau-hoi/) and the filters of the answers' list."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from advice import spam
from advice.models import Question

# Raise it whenever the notice on the form changes: each question records the one its asker saw.
CONSENT_VERSION = "2026-01"

MARKUP = "Xin viết bằng chữ thường: nội dung không được chứa mã HTML hay đoạn mã."
LINKS = f"Nội dung có quá nhiều đường liên kết (tối đa {spam.MAX_LINKS})."
CONTACT = (
    "Hãy ghi một địa chỉ email hoặc một số điện thoại Việt Nam, ví dụ: ten@example.com hoặc "
    "0912 345 678."
)


def _text(label, max_length, **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={
            "max_length": f"{label} dài quá (%(show_value)d ký tự); tối đa %(limit_value)d ký tự.",
            "required": f"Hãy điền {label.lower()}.",
        },
        **kwargs,
    )


class QuestionForm(forms.Form):
    asker_name = _text("Họ và tên", 100, required=False)
    show_name = forms.BooleanField(
        label="Hiện tên tôi khi đăng câu trả lời (nếu không, trang web ghi «Ẩn danh»)",
        required=False,
    )
    locality = _text(
        "Tỉnh/thành, nơi làm việc",
        200,
        required=False,
        help_text="Không bắt buộc; giúp cán bộ tư vấn hiểu hoàn cảnh của bạn.",
    )
    contact = _text(
        "Email hoặc số điện thoại",
        100,
        help_text="Để cán bộ tư vấn liên hệ khi cần hỏi thêm. Không bao giờ hiện trên trang web.",
    )
    field = forms.ChoiceField(
        label="Lĩnh vực",
        choices=[("", "— Chọn lĩnh vực —"), *Question.Field.choices],
        error_messages={
            "required": "Hãy chọn lĩnh vực của câu hỏi.",
            "invalid_choice": "Hãy chọn một lĩnh vực trong danh sách.",
        },
    )
    question = _text(
        "Câu hỏi",
        3000,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Kể ngắn gọn sự việc và điều bạn muốn hỏi. Không cần ghi tên công ty hay tên "
        "người khác.",
    )
    consent = forms.BooleanField(
        label="Tôi đồng ý để Liên đoàn Lao động tỉnh sử dụng thông tin trên như mô tả ở trên.",
        error_messages={
            "required": "Bạn cần đánh dấu đồng ý với cách sử dụng thông tin thì mới gửi được câu "
            "hỏi."
        },
    )
    # The honeypot: hidden from people by the stylesheet, filled in by bots.
    website = forms.CharField(label="Để trống ô này", required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, client="", **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.fields["question"].error_messages["min_length"] = (
            "Câu hỏi ngắn quá: hãy kể rõ sự việc (ít nhất %(limit_value)d ký tự)."
        )
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")
        self.fields["contact"].widget.attrs.update(autocomplete="email")
        self.fields["asker_name"].widget.attrs.update(autocomplete="name")
        self.posted_started = self.data.get("started") if self.is_bound else None
        # A valid stamp is kept when the form comes back with errors, so a person who fixes a
        # field is not made to wait again; a missing or stale one is replaced for the next try.
        started = self.posted_started
        if not started or spam.seconds_since(started) is None:
            started = spam.start_token()
        self.initial["started"] = started
        if self.is_bound:
            self.data = self.data.copy()
            self.data["started"] = started

    def _clean_text(self, name):
        value = self.cleaned_data.get(name, "").strip()
        if spam.has_markup(value):
            raise ValidationError(MARKUP, code="markup")
        if spam.too_many_links(value):
            raise ValidationError(LINKS, code="links")
        return value

    def clean_asker_name(self):
        return self._clean_text("asker_name")

    def clean_locality(self):
        return self._clean_text("locality")

    def clean_question(self):
        return self._clean_text("question")

    def clean_contact(self):
        value = spam.normalise_contact(self._clean_text("contact"))
        if "@" in value:
            try:
                validate_email(value)
            except ValidationError as exc:
                raise ValidationError(CONTACT, code="contact") from exc
        elif not (value.isdigit() and value.startswith("0") and len(value) in (10, 11)):
            raise ValidationError(CONTACT, code="contact")
        return value

    def clean(self):
        cleaned = super().clean()
        if self.data.get("website"):
            raise ValidationError(
                "Không gửi được câu hỏi vì ô «Để trống ô này» có nội dung. Hãy xóa nội dung ô "
                "đó rồi gửi lại.",
                code="honeypot",
            )
        age = spam.seconds_since(self.posted_started)
        if age is None:
            raise ValidationError(
                "Biểu mẫu đã mở quá lâu hoặc không còn hợp lệ. Nội dung bạn viết vẫn còn đây: "
                "hãy bấm «Gửi câu hỏi» lần nữa.",
                code="stale",
            )
        if age < settings.ADVICE_MIN_FILL_SECONDS:
            raise ValidationError(
                "Bạn gửi nhanh quá. Hãy đọc lại câu hỏi rồi bấm «Gửi câu hỏi» lần nữa.",
                code="too_fast",
            )
        if not self.errors:
            message = spam.refusal(
                client=self.client, contact=cleaned["contact"], question=cleaned["question"]
            )
            if message:
                raise ValidationError(message, code="rate")
        return cleaned


class QuestionFilterForm(forms.Form):
    """The answers' list: a field and a search, from the query string; bad values are ignored."""

    q = forms.CharField(
        label="Tìm trong hỏi đáp", required=False, max_length=200, widget=forms.SearchInput
    )
    linh_vuc = forms.ChoiceField(
        label="Lĩnh vực",
        required=False,
        choices=[("", "Tất cả lĩnh vực"), *Question.Field.choices],
        error_messages={"invalid_choice": "Lĩnh vực «%(value)s» không có; đang hiện tất cả."},
    )

    def __init__(self, data):
        names = [self.add_prefix(name) for name in self.base_fields]
        super().__init__({name: data.get(name, "").replace("\x00", "") for name in names})
        self.fields["q"].widget.attrs.update(placeholder="Ví dụ: nghi viec")

    def add_prefix(self, field_name):
        return field_name.replace("_", "-")

    @property
    def active(self):
        self.is_valid()
        return [
            (self.add_prefix(name), value)
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value
        ]
