"""The worker gallery's filters: period, sector and grassroots union."""

from functools import cache as once

from django import forms
from django.db.models import Exists, OuterRef

from core.filters import INVALID_CHOICE, QueryFilterForm, slug_choice
from federation.workers.models import ExemplaryWorker, Honour, HonourPeriod, Sector


class WorkerFilterForm(QueryFilterForm):
    """The gallery's filters. An unknown value is reported and ignored, never an error page."""

    giai_doan = slug_choice(HonourPeriod, "Giai đoạn", "Tất cả giai đoạn")
    nganh = slug_choice(Sector, "Ngành, lĩnh vực", "Tất cả ngành, lĩnh vực")
    cong_doan = forms.ChoiceField(
        label="Công đoàn cơ sở",
        required=False,
        error_messages={"invalid_choice": f"Công đoàn cơ sở {INVALID_CHOICE}"},
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        # Read when the form shows or checks a union: not at all when its widgets are remembered.
        self.fields["cong_doan"].choices = once(self._unions)

    @staticmethod
    def _unions():
        unions = (
            ExemplaryWorker.objects.published()
            .exclude(grassroots_union="")
            .order_by("grassroots_union")
            .values_list("grassroots_union", flat=True)
            .distinct()
        )
        return [("", "Tất cả công đoàn cơ sở")] + [(name, name) for name in unions]

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
