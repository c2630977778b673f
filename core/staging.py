"""Uploads survive a form that comes back with an error: each file sent with it is kept on the
server for a day, tied to the sender's session, and saved with the next submission.

A file field's upload that passed its own checks, in a form returned with an error elsewhere, is
copied to a private staging area (never served publicly) under a random name. The returned form
shows its thumbnail (a staff-only view re-encodes it) or its name, and carries a signed token in
a hidden input. When the form comes back with its file input empty, as browsers send it, the
widget reads the token, checks its signature, its age and that it belongs to the same user and
session, and hands the staged file to the field as if it had been uploaded again: every check of
the field and the model runs on it once more, and the model's save copies it into its real
storage. Ticking "Bỏ tệp này" or choosing another file drops it.

What is staged is deleted once its object is saved (StagedUploadsAdminMixin) and, for abandoned
forms, by `manage.py clean_staged_uploads` (a daily timer; see deploy/systemd).
"""

import io
import logging
import mimetypes
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path, PurePath

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, storages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import FileField
from django.forms.boundfield import BoundField
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.html import format_html
from PIL import Image, ImageOps

from core.text import slugify_vi

logger = logging.getLogger(__name__)

LIFETIME = timedelta(days=1)
FOLDER = "staging"
SALT = "core.staging"
TOKEN_SUFFIX = "__staged"
CLEAR_SUFFIX = "__staged_clear"
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif"}


def storage():
    """Where staged files wait: the private storage (S3 when several hosts share the work, so that
    the next submission may reach another host), else a folder under PRIVATE_MEDIA_ROOT."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def owner_key(request):
    """Who may claim a staged file: this user, in this session (a stolen token is of no use in
    another session, and a signed-out session's files are nobody's)."""
    if request is None or not request.user.is_authenticated:
        return ""
    session_key = request.session.session_key or ""
    return salted_hmac(SALT, f"{request.user.pk}:{session_key}").hexdigest()[:32]


@dataclass(frozen=True)
class Staged:
    token: str
    path: str
    name: str
    size: int

    @property
    def is_image(self):
        return PurePath(self.name).suffix.lower() in IMAGE_EXTENSIONS

    @property
    def preview_url(self):
        return reverse("staged-upload-preview", args=[self.token])


class StagedUploadedFile(UploadedFile):
    """A staged file handed back to a form field as if it had just been uploaded."""

    def __init__(self, staged, file):
        content_type = mimetypes.guess_type(staged.name)[0] or "application/octet-stream"
        super().__init__(file, staged.name, content_type, staged.size)
        self.staged = staged


def stage(upload, owner):
    """Copy an upload that passed its checks into the staging area; returns its Staged."""
    if isinstance(upload, StagedUploadedFile):
        return upload.staged
    original = PurePath(upload.name or "tep").name
    stem = slugify_vi(PurePath(original).stem, max_length=60) or "tep"
    suffix = PurePath(original).suffix.lower()[:6]
    path = f"{FOLDER}/{owner}/{uuid.uuid4().hex}/{stem}{suffix}"
    upload.seek(0)
    path = storage().save(path, File(upload))
    upload.seek(0)
    size = upload.size if upload.size is not None else storage().size(path)
    token = signing.dumps({"p": path, "n": original, "s": size, "o": owner}, salt=SALT)
    return Staged(token=token, path=path, name=original, size=size)


def claim(token, owner):
    """The Staged a token names, if it is genuine, less than a day old, this owner's and still
    there; else None."""
    if not token or not owner:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=LIFETIME)
    except signing.BadSignature:
        return None
    if data.get("o") != owner or not data.get("p", "").startswith(f"{FOLDER}/{owner}/"):
        return None
    if not storage().exists(data["p"]):
        return None
    return Staged(token=token, path=data["p"], name=data["n"], size=data["s"])


def discard(staged):
    try:
        storage().delete(staged.path)
    except Exception:
        # The daily clean-up will try again; the save that used the file must not fail for it.
        logger.exception("Không xóa được tệp tạm %s.", staged.path)


def clean_expired(now=None):
    """Delete every staged file older than LIFETIME; returns how many were deleted."""
    now = now or timezone.now()
    store = storage()
    deleted = 0
    if not store.exists(FOLDER):
        return 0
    for owner in store.listdir(FOLDER)[0]:
        for folder in store.listdir(f"{FOLDER}/{owner}")[0]:
            for name in store.listdir(f"{FOLDER}/{owner}/{folder}")[1]:
                path = f"{FOLDER}/{owner}/{folder}/{name}"
                if now - store.get_modified_time(path) > LIFETIME:
                    store.delete(path)
                    deleted += 1
    if isinstance(store, FileSystemStorage):
        _remove_empty_folders(store)
    return deleted


def _remove_empty_folders(store):
    root = Path(store.path(FOLDER))
    for folder in sorted(root.glob("**/"), key=lambda p: len(p.parts), reverse=True):
        if folder != root and not any(folder.iterdir()):
            folder.rmdir()


# The widget, its bound field and the admin mixin ---------------------------------------------


class StagedFileInput(AdminFileWidget):
    """A file input that shows the file staged for it and claims it back from the hidden token."""

    def __init__(self, attrs=None, owner=""):
        super().__init__(attrs)
        self.owner = owner
        self.staged = None

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        if upload is not None or data.get(name + CLEAR_SUFFIX):
            # A new file replaces the staged one; "clear" or "Bỏ tệp này" drops it.
            return upload
        staged = claim(data.get(name + TOKEN_SUFFIX), self.owner)
        if staged is None:
            return None
        return StagedUploadedFile(staged, storage().open(staged.path, "rb"))

    def use_required_attribute(self, initial):
        # A staged file counts as chosen: the browser must not ask for one again.
        return self.staged is None and super().use_required_attribute(initial)

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.staged is None:
            return html
        staged = self.staged
        picture = (
            format_html(
                '<img src="{}" alt="" class="staged-upload__thumb" width="120">',
                staged.preview_url,
            )
            if staged.is_image
            else ""
        )
        return format_html(
            '{}<div class="staged-upload" data-staged-upload>{}<p class="staged-upload__note">'
            "Đã tải lên, chưa lưu: <strong>{}</strong> ({} KB). Tệp sẽ được lưu khi bạn bấm lưu, "
            "trừ khi bạn chọn tệp khác hoặc bỏ nó.</p>"
            '<input type="hidden" name="{}" value="{}">'
            '<label><input type="checkbox" name="{}" id="{}"> Bỏ tệp này</label></div>',
            html,
            picture,
            staged.name,
            max(1, round(staged.size / 1024)),
            name + TOKEN_SUFFIX,
            staged.token,
            name + CLEAR_SUFFIX,
            (attrs or {}).get("id", name) + CLEAR_SUFFIX,
        )


class StagedBoundField(BoundField):
    """Stages the field's upload when its form is shown again: the form was sent and came back
    with an error, and this file passed its checks."""

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        if isinstance(widget, StagedFileInput):
            widget.staged = None
            value = getattr(self.form, "cleaned_data", {}).get(self.name)
            if self.form.is_bound and not self.errors and isinstance(value, UploadedFile):
                try:
                    widget.staged = stage(value, widget.owner) if widget.owner else None
                except Exception:
                    logger.exception("Không giữ lại được tệp %s.", value.name)
        return super().as_widget(widget, attrs, only_initial)


def staged_formfield(field, request):
    """Give a file form field the staging widget, tied to this request's user and session."""
    field.widget = StagedFileInput(attrs=field.widget.attrs, owner=owner_key(request))
    field.bound_field_class = StagedBoundField
    return field


class StagedUploadsAdminMixin:
    """For a ModelAdmin or an inline: every file field keeps its upload across a returned form."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, FileField) and field is not None:
            staged_formfield(field, request)
        return field

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Saved into their real storage by now: the staged copies go once this commits.
        for each in [form, *(f for formset in formsets for f in formset.forms)]:
            for value in getattr(each, "cleaned_data", {}).values():
                if isinstance(value, StagedUploadedFile):
                    transaction.on_commit(lambda staged=value.staged: discard(staged))


# The staff-only preview -------------------------------------------------------------------------


@staff_member_required
def preview(request, token):
    """A small thumbnail of the requesting user's own staged picture, re-encoded (never the bytes
    as uploaded)."""
    staged = claim(token, owner_key(request))
    if staged is None or not staged.is_image:
        raise Http404("Không có tệp này.")
    buffer = io.BytesIO()
    try:
        with storage().open(staged.path, "rb") as file, Image.open(file) as image:
            image.draft("RGB", (240, 240))
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((240, 240))
            image.save(buffer, "JPEG", quality=80)
    except (OSError, ValueError) as exc:
        raise Http404("Không đọc được ảnh.") from exc
    response = HttpResponse(buffer.getvalue(), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response
