"""The author-fee tally in the admin: rates, monthly tallies (approve, mark paid, export), a tally
for any date range, and the grassroots units' monthly counts ("Thống kê theo đơn vị")."""

from datetime import date

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from news import tally
from news.royalty import RoyaltyRate, RoyaltyTally, parse_month

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export(lines, fmt, name, title):
    if fmt == "xlsx":
        return download(tally.xlsx_bytes(lines, title), f"{name}.xlsx", XLSX)
    # A byte-order mark, so that Excel opens the Vietnamese text as UTF-8.
    return download("\ufeff" + tally.csv_text(lines), f"{name}.csv", "text/csv; charset=utf-8")


@admin.register(RoyaltyRate)
class RoyaltyRateAdmin(admin.ModelAdmin):
    list_display = ["kind", "amount_label", "valid_from", "note"]
    list_filter = ["kind"]
    date_hierarchy = "valid_from"

    @admin.display(description="đơn giá", ordering="amount")
    def amount_label(self, rate):
        return f"{rate.amount:,} đ".replace(",", ".")


class RangeForm(forms.Form):
    start = forms.DateField(label="Từ ngày", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="Đến ngày", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise forms.ValidationError("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")
        if start and end and (end - start).days > 366:
            raise forms.ValidationError("Mỗi lần xem tối đa một năm.")
        return cleaned


@admin.register(RoyaltyTally)
class RoyaltyTallyAdmin(admin.ModelAdmin):
    list_display = ["month_label", "status", "approved_at", "paid_at"]
    list_filter = ["status"]
    fields = ["month", "status", "note", "approved_by", "approved_at", "paid_at"]
    readonly_fields = ["status", "approved_by", "approved_at", "paid_at"]
    actions = ["approve_selected", "mark_paid_selected"]
    change_form_template = "admin/news/royaltytally/change_form.html"
    change_list_template = "admin/news/royaltytally/change_list.html"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "month"] if obj else fields

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("khoang-ngay/", wrap(self.range_view), name="news_royaltytally_range"),
            path("don-vi/", wrap(self.units_view), name="news_royaltytally_units"),
            path(
                "<int:pk>/tai-ve/<str:fmt>/",
                wrap(self.export_view),
                name="news_royaltytally_export",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="tháng", ordering="month")
    def month_label(self, obj):
        return f"Tháng {obj.month:%m/%Y}"

    def may_approve(self, request):
        return request.user.has_perm("news.approve_royaltytally")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            lines = tally.tally_lines(obj)
            context.update(
                lines=lines,
                total=tally.total(lines),
                differences=tally.differences(obj),
                may_approve=self.may_approve(request),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        for button, run, done in (
            ("_approve", lambda: tally.approve(tally=obj, by=request.user), "đã được duyệt"),
            ("_paid", lambda: tally.mark_paid(tally=obj), "đã được đánh dấu đã chi"),
        ):
            if button in request.POST:
                if not self.may_approve(request):
                    raise PermissionDenied
                run()
                messages.success(request, f"{obj} {done}.")
                return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    @admin.action(description="Duyệt (chốt số liệu) các bảng kê đã chọn", permissions=["approve"])
    def approve_selected(self, request, queryset):
        for obj in queryset.filter(status=RoyaltyTally.Status.PENDING):
            tally.approve(tally=obj, by=request.user)
        messages.success(request, "Đã duyệt; số liệu các tháng này được giữ nguyên từ nay.")

    @admin.action(description="Đánh dấu đã chi", permissions=["approve"])
    def mark_paid_selected(self, request, queryset):
        for obj in queryset.filter(status=RoyaltyTally.Status.APPROVED):
            tally.mark_paid(tally=obj)
        messages.success(request, "Đã đánh dấu đã chi (chỉ các bảng kê đã duyệt).")

    def has_approve_permission(self, request):
        return self.may_approve(request)

    def export_view(self, request, pk, fmt):
        obj = self.get_object(request, str(pk))
        if obj is None or not self.has_view_permission(request, obj) or fmt not in ("csv", "xlsx"):
            raise PermissionDenied
        return export(
            tally.tally_lines(obj),
            fmt,
            f"nhuan-but-{obj.month:%Y-%m}",
            f"{obj} ({obj.get_status_display()})",
        )

    def range_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = RangeForm(request.GET or None)
        lines = None
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
            lines = tally.count(start, end)
            fmt = request.GET.get("dinh-dang")
            if fmt in ("csv", "xlsx"):
                title = f"Nhuận bút từ {start:%d/%m/%Y} đến {end:%d/%m/%Y} (chưa duyệt)"
                return export(lines, fmt, f"nhuan-but-{start}-{end}", title)
        return TemplateResponse(
            request,
            "admin/news/royaltytally/range.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Bảng kê nhuận bút theo khoảng ngày",
                "form": form,
                "lines": lines,
                "total": tally.total(lines) if lines is not None else None,
                "query": request.GET.urlencode(),
            },
        )

    def units_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        last = timezone.localdate()
        error = ""
        if request.GET.get("den"):
            try:
                last = parse_month(request.GET["den"])
            except ValueError as problem:
                error = str(problem)
        months = tally.months_back(min(last, date(9999, 12, 1)), 12)
        table = tally.unit_table(months)
        if request.GET.get("dinh-dang") == "csv" and not error:
            content = "\ufeff" + tally.unit_csv(months, table)
            return download(
                content, f"thong-ke-don-vi-{months[-1]:%Y-%m}.csv", "text/csv; charset=utf-8"
            )
        return TemplateResponse(
            request,
            "admin/news/royaltytally/units.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Thống kê theo đơn vị",
                "months": months,
                "rows": [(unit, counts, sum(counts)) for unit, counts in table.items()],
                "error": error,
                "last": f"{months[-1]:%Y-%m}",
                "csv_url": reverse("admin:news_royaltytally_units")
                + f"?den={months[-1]:%Y-%m}&dinh-dang=csv",
            },
        )
