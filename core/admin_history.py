"""The one history admin for articles, agreements and profiles: versions, differences, restore."""

import copy

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, whose version form is the object's change form as it is
    now, filled with the version's values.

    A restore brings back what that form edits. What the form does not edit stays as it is now:
    a field that is read-only for the object (an article's status, which moves only through the
    workflow; a published article's address), and the bookkeeping (the trash, who recorded what).
    """

    def get_prepopulated_fields(self, request, obj=None):
        # A field typed from another is of no use when either is read-only for this object (a
        # published article's slug), and the form, which leaves read-only fields out, lacks it.
        readonly = set(self.get_readonly_fields(request, obj))
        return {
            field: sources
            for field, sources in super().get_prepopulated_fields(request, obj).items()
            if field not in readonly and readonly.isdisjoint(sources)
        }

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        current = self.get_object(request, unquote(object_id))
        if current is None:
            # Not there, in the trash, or not this person's: as Django's own change form does.
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        # simple_history asks about the version; who may change the object is asked of it as it is.
        if request.method == "POST" and not self.has_change_history_permission(request, current):
            raise PermissionDenied
        # simple_history builds the version's form with self.prepopulated_fields, never asking
        # get_prepopulated_fields(): it runs on a copy of this admin, made for this one request,
        # that holds this object's.
        view = copy.copy(self)
        view.prepopulated_fields = self.get_prepopulated_fields(request, current)
        view.history_current = current
        return super(HistoryAdmin, view).history_form_view(
            request, object_id, version_id, extra_context
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        current = getattr(self, "history_current", None)
        if current is None or obj is None or obj is current:
            return super().get_form(request, obj, change, **kwargs)
        # The version's form: the fields editable on the object now, with the version's values.
        form = super().get_form(request, current, change, **kwargs)
        for field in obj._meta.concrete_fields:
            if field.name not in form.base_fields:
                setattr(obj, field.attname, getattr(current, field.attname))
        return form
