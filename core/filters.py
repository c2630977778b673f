"""The filter forms of public lists: one query-string style, Vietnamese words joined by dashes
(?trang-thai=sap-het-han, ?cong-doan=…), with the underscore names of older links still read."""

import hashlib

from django import forms
from django.forms.boundfield import BoundField
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from core import memo, pagecache, seo

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


class RememberedBoundField(BoundField):
    """A field that shows the widget its form remembered (QueryFilterForm.remember_widgets)."""

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        html = self.form.remembered_widgets.get(self.name)
        if html is None or widget is not None or attrs or only_initial:
            return super().as_widget(widget, attrs, only_initial)
        return mark_safe(html)


class QueryFilterForm(forms.Form):
    """A form read from the query string. A field `cong_doan` is `?cong-doan=`; a bookmark made
    when it was `?cong_doan=` still filters the same. NUL characters, which only probes send
    and PostgreSQL refuses, are dropped."""

    bound_field_class = RememberedBoundField
    remembered_widgets = {}

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
    def chosen(self):
        """Whether the query string gives any of the form's filters a value, valid or not."""
        return any(self.data.values())

    def remember_widgets(self, name, sections):
        """The widgets show their choices and what was chosen: rendered once per change of
        `sections`, the ones the choices come from, and per choice, not on every render.
        Without a filter chosen they are remembered with the page's other facts (core.memo) and
        the choices are not read at all; with valid filters, kept per choice (one more round
        trip, no query for the choices). A value that is not valid is shown as it came, and
        rendered every time. Off, like the page cache, without a shared cache (another process
        could not say that the choices changed)."""
        if not pagecache.enabled():
            return

        def render():
            return {field.name: str(field) for field in self}

        if not self.chosen:
            self.remembered_widgets = memo.remember(name, sections, render)
        elif self.is_valid():
            chosen = repr(sorted(self.data.items())).encode()
            digest = hashlib.md5(chosen, usedforsecurity=False).hexdigest()
            self.remembered_widgets, _ = memo.keep(f"{name}:{digest}", render, sections=sections)

    @property
    def active(self):
        """The valid filters, as query-string pairs in the current style (for pagination links)."""
        data = getattr(self, "cleaned_data", {})
        return [
            (self.add_prefix(name), str(getattr(value, "slug", value)))
            for name, value in data.items()
            if value not in ("", None)
        ]


class FilteredListMixin:
    """A public list view with a filter form: `get_queryset()` sets `self.filters` (a form with
    `active`, the filters in use); the page gets the form, the query string that pagination
    links keep, the words to highlight and its metadata. A filtered list is a view of the same
    page, so search engines are asked not to index it."""

    list_title = ""

    def list_description(self):
        return ""

    def search_terms(self):
        return self.filters.query.terms

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        active = self.filters.active
        context.update(
            filters=self.filters,
            filtered=bool(active),
            query_string=urlencode(active),
            search_terms=self.search_terms(),
            meta=seo.list_meta(
                self.request,
                title=self.list_title,
                description=self.list_description(),
                page_obj=context["page_obj"],
                noindex=bool(active),
            ),
        )
        return context
