"""Typed text is cleaned where it comes in: every value a form posts, and every model saved.

Both call core.text.clean_text, the one definition of clean text. A form value is cleaned
as the request reaches its view (CleanTextMiddleware), so that the form checks, and shows back
after an error, the text that will be stored; whether the field is one line or several is the
model's business. Saving any model then cleans its own text fields (clean_text_fields, a
pre_save receiver): one line for a CharField (and SlugField, EmailField, URLField), several for a
TextField, HTML for a RichTextField (sanitize_html cleans it when the field saves). The receiver
covers scripts, the importer, the shell and apps added later, which no form reaches.
"""

import functools

from django.db import models
from django.db.models.signals import pre_save

from core.richtext import RichTextField
from core.text import clean_text

# Apps whose rows record what happened (the admin's log, login attempts, sessions, content types):
# they stay exactly as written. Every other app's text is cleaned, third-party ones (users, tags)
# and apps that do not exist yet included.
LEFT_AS_WRITTEN = frozenset({"admin", "axes", "contenttypes", "sessions"})

_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


@functools.cache
def text_fields(model):
    """(attname, name, multiline) of each text field of `model` that a save cleans."""
    if model._meta.app_label in LEFT_AS_WRITTEN:
        return ()
    fields = []
    for field in model._meta.concrete_fields:
        if isinstance(field, RichTextField):
            continue
        if isinstance(field, models.TextField):
            fields.append((field.attname, field.name, True))
        elif isinstance(field, models.CharField):
            fields.append((field.attname, field.name, False))
    return tuple(fields)


def clean_text_fields(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:  # loaddata, a restored backup: the rows come back exactly as they were
        return
    deferred = instance.get_deferred_fields()
    for attname, name, multiline in text_fields(type(instance)):
        # A deferred field would be loaded just to be cleaned, and would not be saved anyway.
        if attname in deferred or (update_fields is not None and name not in update_fields):
            continue
        value = getattr(instance, attname)
        cleaned = clean_text(value, multiline=multiline)
        if cleaned != value:
            setattr(instance, attname, cleaned)


def connect():
    pre_save.connect(clean_text_fields, dispatch_uid="federation-clean-text")


def clean_form_data(data):
    """A copy of a POST QueryDict with every value cleaned (line breaks kept), passwords apart:
    a secret is compared as typed, and cleaning it would lock out whoever chose it."""
    cleaned = data.copy()
    for key, values in data.lists():
        if "password" not in key:
            cleaned.setlist(key, [clean_text(value, multiline=True) for value in values])
    cleaned._mutable = False
    return cleaned


class CleanTextMiddleware:
    """Every form posted to any view, the admin's first, arrives with its text cleaned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # After the CSRF check (placed below it): a refused request is left as it came.
        if request.method == "POST" and request.content_type in _FORM_TYPES:
            request.POST = clean_form_data(request.POST)
