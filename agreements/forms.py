"""Forms of the agreements pages: the list's filters and the officers' login."""

from functools import cache as once

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from agreements.models import Agreement, Partner
from core.filters import QueryFilterForm


class AgreementFilterForm(QueryFilterForm):
    """The list's filters, read from the query string; a bad value is dropped, never a 500."""

    doi_tac = forms.ModelChoiceField(
        label="Đối tác",
        queryset=Partner.objects.only("name", "slug"),
        to_field_name="slug",
        required=False,
        empty_label="Tất cả đối tác",
    )
    nam = forms.TypedChoiceField(label="Năm hiệu lực", coerce=int, required=False)
    trang_thai = forms.ChoiceField(label="Tình trạng", required=False)

    def __init__(self, data, *, agreements):
        super().__init__(data)

        @once
        def years():
            return [("", "Tất cả các năm")] + [(y, str(y)) for y in agreements.years_in_force()]

        # Read when the form shows or checks a year: not at all when its widgets are remembered.
        self.fields["nam"].choices = years
        self.fields["trang_thai"].choices = [("", "Mọi tình trạng")] + [
            (status.value, status.label.capitalize()) for status in Agreement.Status
        ]

    def filter(self, queryset):
        """Apply the valid filters; `self.dropped` says whether any value was ignored."""
        self.is_valid()
        self.dropped = bool(self.errors)
        data = {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}
        if partner := data.get("doi_tac"):
            queryset = queryset.filter(partners=partner)
        if year := data.get("nam"):
            queryset = queryset.in_year(year)
        if status := data.get("trang_thai"):
            queryset = queryset.with_status_filter(status)
        return queryset


class OfficerLoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ "
        "hoa và chữ thường.",
        "inactive": "Tài khoản này đang bị khóa. Hãy liên hệ quản trị viên.",
    }
