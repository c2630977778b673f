"""Officers and staff recover a forgotten password: Django's reset flow, in Vietnamese, in the
site's layout, under /dang-nhap/quen-mat-khau/."""

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from core.seo import PageMeta
from federation.models import SiteProfile


class ResetRequestForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Địa chỉ thư điện tử của tài khoản",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Hãy nhập địa chỉ thư điện tử.",
            "invalid": "Địa chỉ thư điện tử không hợp lệ.",
        },
    )


class NewPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Mật khẩu mới"
        self.fields["new_password2"].label = "Nhập lại mật khẩu mới"
        self.error_messages["password_mismatch"] = "Hai mật khẩu không khớp nhau."


class ResetRequestView(auth_views.PasswordResetView):
    """The same page follows whether or not the address belongs to an account (Django's own
    behaviour): nobody learns from it who has one."""

    form_class = ResetRequestForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        self.extra_email_context = {
            "site_name": SiteProfile.load().name,
            "timeout_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        }
        return super().form_valid(form)


def _meta(title):
    return {"meta": PageMeta(title=title, noindex=True)}


urlpatterns = [
    path(
        "",
        ResetRequestView.as_view(extra_context=_meta("Quên mật khẩu")),
        name="password_reset",
    ),
    path(
        "da-gui/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html",
            extra_context=_meta("Đã gửi hướng dẫn"),
        ),
        name="password_reset_done",
    ),
    path(
        "dat-lai/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=NewPasswordForm,
            template_name="registration/password_reset_confirm.html",
            success_url=reverse_lazy("password_reset_complete"),
            extra_context=_meta("Đặt mật khẩu mới"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "xong/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html",
            extra_context=_meta("Đã đổi mật khẩu"),
        ),
        name="password_reset_complete",
    ),
]

# Every page here holds a form with a CSRF token or a one-time link: never from the page cache.
URL_NAMES = [pattern.name for pattern in urlpatterns]
