"""A new item whose slug is taken gets the next free one (-2, -3…, as the importer does), and the
admin says so, instead of refusing the form with "… có Đường dẫn đã tồn tại."."""

from django.contrib import messages

from core.text import slugify_vi


def free_slug(model, slug, *, field="slug"):
    """`slug`, or slug-2, slug-3… : the first that no row (trashed ones too) holds and that is not
    one of the model's RESERVED_SLUGS."""
    max_length = model._meta.get_field(field).max_length or 50
    base = slugify_vi(slug, max_length=max_length - 4) or slug
    rows = model._base_manager.all()
    reserved = getattr(model, "RESERVED_SLUGS", ())
    candidate, n = slug, 1
    while candidate in reserved or rows.filter(**{field: candidate}).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


class FreeSlugAdminMixin:
    """For a ModelAdmin whose model has a unique `slug`: on the add form, a taken slug becomes the
    next free one."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None or "slug" not in form.base_fields:
            return form
        model = self.model

        class FreeSlugForm(form):
            def clean_slug(self):
                parent = getattr(super(), "clean_slug", None)
                slug = parent() if parent else self.cleaned_data.get("slug")
                if not slug:
                    return slug
                free = free_slug(model, slug)
                if free != slug:
                    self.slug_replaced = (slug, free)
                return free

        FreeSlugForm.__name__ = form.__name__
        return FreeSlugForm

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        replaced = getattr(form, "slug_replaced", None)
        if replaced:
            taken, used = replaced
            messages.info(
                request,
                f"Đường dẫn “{taken}” đã có; {self.model._meta.verbose_name} này dùng “{used}”.",
            )
