"""The admin records who made and who last saved a row (core.models.Authored), and shows it
read-only under "Theo dõi"."""

STAMPS = ("created_by", "updated_by", "updated_at")
# The last fieldset of an Authored model's change form: who, who last, when; never typed.
STAMPS_FIELDSET = ("Theo dõi", {"fields": [STAMPS]})


class AuthoredAdminMixin:
    """For a ModelAdmin whose model has `created_by` (and, if it has one, `updated_by`): the one
    who adds the row made it, the one who saves it changed it last. A row made elsewhere (an
    import, the demo) keeps the maker it was given."""

    def save_model(self, request, obj, form, change):
        if not change and not obj.created_by_id:
            obj.created_by = request.user
        if hasattr(obj, "updated_by_id"):
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)
