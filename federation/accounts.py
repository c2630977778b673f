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
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        self.extra_email_context = {
            "site_name": SiteProfile.load().name,
            "timeout_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        }
        return super().form_valid(form)


def _page(route, view, name, title, template=None, **options):
    """One page of the flow, named `name`, with its title and our template (named like the URL,
    unless `template` says otherwise)."""
    return path(
        route,
        view.as_view(
            template_name=f"registration/{template or name}.html",
            extra_context={"meta": PageMeta(title=title, noindex=True)},
            **options,
        ),
        name=name,
    )


urlpatterns = [
    _page("", ResetRequestView, "password_reset", "Quên mật khẩu", template="password_reset_form"),
    _page("da-gui/", auth_views.PasswordResetDoneView, "password_reset_done", "Đã gửi hướng dẫn"),
    _page(
        "dat-lai/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView,
        "password_reset_confirm",
        "Đặt mật khẩu mới",
        form_class=NewPasswordForm,
        success_url=reverse_lazy("password_reset_complete"),
    ),
    _page(
        "xong/", auth_views.PasswordResetCompleteView, "password_reset_complete", "Đã đổi mật khẩu"
    ),
]

# Every page here holds a form with a CSRF token or a one-time link: never from the page cache.
URL_NAMES = [pattern.name for pattern in urlpatterns]
