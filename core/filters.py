"""The filter forms of public lists: one query-string style, Vietnamese words joined by dashes
(?trang-thai=sap-het-han, ?cong-doan=…), with the underscore names of older links still read."""

from django import forms

INVALID_CHOICE = "«%(value)s» không có trong danh sách; đang hiện tất cả."


def slug_choice(model, label, empty_label):
    """A filter picking one row of `model` by its slug; an unknown slug is reported by name."""
    return forms.ModelChoiceField(
        label=label,
        queryset=model.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=empty_label,
        error_messages={"invalid_choice": f"{label} {INVALID_CHOICE}"},
    )


class QueryFilterForm(forms.Form):
    """A form read from the query string. A field `cong_doan` is `?cong-doan=`; a bookmark made
    when it was `?cong_doan=` still filters the same. NUL characters, which only probes send
    and PostgreSQL refuses, are dropped."""

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = self.from_query(data)
        super().__init__(data, **kwargs)

    def add_prefix(self, field_name):
        return field_name.replace("_", "-")

    @classmethod
    def query_names(cls):
        """Every name the form reads, the current and the old: a view's `query_params`, so the
        page cache keeps them apart."""
        names = [field.replace("_", "-") for field in cls.base_fields]
        return (*names, *(field for field in cls.base_fields if field not in names))

    def from_query(self, data):
        read = {}
        for field in self.base_fields:
            name = self.add_prefix(field)
            value = data.get(name) or data.get(field) or ""
            read[name] = value.replace("\x00", "")
        return read

    @property
    def active(self):
        """The valid filters, as query-string pairs in the current style (for pagination links)."""
        data = getattr(self, "cleaned_data", {})
        return [
            (self.add_prefix(name), str(getattr(value, "slug", value)))
            for name, value in data.items()
            if value not in ("", None)
        ]
