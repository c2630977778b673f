"""The worker gallery's filters: period, sector and grassroots union."""

from django import forms
from django.db.models import Exists, OuterRef

from core.filters import QueryFilterForm
from federation.workers.models import ExemplaryWorker, Honour, HonourPeriod, Sector

INVALID_CHOICE = "«%(value)s» không có trong danh sách; đang hiện tất cả."


class WorkerFilterForm(QueryFilterForm):
    """The gallery's filters. An unknown value is reported and ignored, never an error page."""

    giai_doan = forms.ModelChoiceField(
        label="Giai đoạn",
        queryset=HonourPeriod.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Tất cả giai đoạn",
        error_messages={"invalid_choice": f"Giai đoạn {INVALID_CHOICE}"},
    )
    nganh = forms.ModelChoiceField(
        label="Ngành, lĩnh vực",
        queryset=Sector.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Tất cả ngành, lĩnh vực",
        error_messages={"invalid_choice": f"Ngành, lĩnh vực {INVALID_CHOICE}"},
    )
    cong_doan = forms.ChoiceField(
        label="Công đoàn cơ sở",
        required=False,
        error_messages={"invalid_choice": f"Công đoàn cơ sở {INVALID_CHOICE}"},
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        unions = (
            ExemplaryWorker.objects.published()
            .exclude(grassroots_union="")
            .order_by("grassroots_union")
            .values_list("grassroots_union", flat=True)
            .distinct()
        )
        self.fields["cong_doan"].choices = [("", "Tất cả công đoàn cơ sở")] + [
            (name, name) for name in unions
        ]

    def filter(self, queryset):
        """The queryset narrowed by every filter that holds a valid value."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if period := data.get("giai_doan"):
            honoured = Honour.objects.filter(worker=OuterRef("pk"), period=period)
            queryset = queryset.filter(Exists(honoured))
        if sector := data.get("nganh"):
            queryset = queryset.filter(sector=sector)
        if union := data.get("cong_doan"):
            queryset = queryset.filter(grassroots_union=union)
        return queryset
