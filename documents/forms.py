"""The library's filters, read from the query string: a bad value is reported and ignored."""

from django import forms
from django.db.models import Max, Min

from core import search
from core.filters import INVALID_CHOICE, slug_choice
from documents.models import Document, DocumentKind, Field, IssuingBody


class DocumentFilterForm(forms.Form):
    q = forms.CharField(
        label="Số hiệu hoặc nội dung", required=False, max_length=200, widget=forms.SearchInput
    )
    loai = slug_choice(DocumentKind, "Thể loại", "Tất cả thể loại")
    linh_vuc = slug_choice(Field, "Lĩnh vực", "Tất cả lĩnh vực")
    co_quan = slug_choice(IssuingBody, "Cơ quan ban hành", "Tất cả cơ quan")
    nam = forms.TypedChoiceField(
        label="Năm ban hành",
        coerce=int,
        required=False,
        error_messages={"invalid_choice": f"Năm {INVALID_CHOICE}"},
    )
    trang_thai = forms.ChoiceField(
        label="Hiệu lực",
        required=False,
        choices=[("", "Mọi tình trạng")]
        + [(status.value, status.label.capitalize()) for status in Document.Status],
        error_messages={"invalid_choice": f"Tình trạng {INVALID_CHOICE}"},
    )

    def __init__(self, data, *, documents):
        # Null characters only come from probes; PostgreSQL refuses them in a query.
        names = [self.add_prefix(name) for name in self.base_fields]
        super().__init__({name: data.get(name, "").replace("\x00", "") for name in names})
        bounds = documents.aggregate(first=Min("issued_on"), last=Max("issued_on"))
        years = []
        if bounds["first"] and bounds["last"]:
            years = range(bounds["last"].year, bounds["first"].year - 1, -1)
        self.fields["nam"].choices = [("", "Tất cả các năm")] + [(y, str(y)) for y in years]
        self.fields["q"].widget.attrs.update(placeholder="Ví dụ: 125/KH-LĐLĐ hoặc thang cong nhan")

    def add_prefix(self, field_name):
        # The query string reads as Vietnamese with dashes: ?linh-vuc=…&co-quan=…&trang-thai=….
        return field_name.replace("_", "-")

    def filter(self, queryset):
        self.is_valid()
        data = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in ("", None)}
        self.query = search.parse_query(data.get("q", ""))
        if kind := data.get("loai"):
            queryset = queryset.filter(kind=kind)
        if field := data.get("linh_vuc"):
            queryset = queryset.filter(field=field)
        if issuer := data.get("co_quan"):
            queryset = queryset.filter(issuer=issuer)
        if year := data.get("nam"):
            queryset = queryset.filter(issued_on__year=year)
        if status := data.get("trang_thai"):
            queryset = queryset.with_status_filter(status)
        if self.query:
            queryset = queryset.search(self.query.terms)
        return queryset

    @property
    def active(self):
        """The valid filters, as query-string pairs for the pagination links."""
        pairs = []
        for name, value in getattr(self, "cleaned_data", {}).items():
            if value not in ("", None):
                pairs.append((self.add_prefix(name), getattr(value, "slug", value)))
        return pairs
