"""Signed agreement documents: PDF validation by content, and a private storage with no public URL.

The files live under settings.PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so neither the web server nor
Django's media serving can reach them. The only way in is agreements.views.document, which checks
who is asking first.
"""

import os
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from pypdf import PdfReader

from federation.files import TrackedFieldFile
from federation.text import slugify_vi

PDF_MAGIC = b"%PDF-"


@deconstructible
class PrivateStorage(FileSystemStorage):
    """A file system storage rooted at PRIVATE_MEDIA_ROOT, read on every access (tests move it).

    When settings.STORAGES names a "private" storage (S3 for several app hosts, see settings), files
    go there instead; the field and its migration stay the same either way.
    """

    @staticmethod
    def _remote():
        return storages["private"] if "private" in settings.STORAGES else None

    def _open(self, name, mode="rb"):
        remote = self._remote()
        return remote.open(name, mode) if remote else super()._open(name, mode)

    def _save(self, name, content):
        remote = self._remote()
        return remote.save(name, content) if remote else super()._save(name, content)

    def delete(self, name):
        remote = self._remote()
        return remote.delete(name) if remote else super().delete(name)

    def exists(self, name):
        remote = self._remote()
        return remote.exists(name) if remote else super().exists(name)

    def size(self, name):
        remote = self._remote()
        return remote.size(name) if remote else super().size(name)

    def path(self, name):
        if self._remote():
            raise NotImplementedError(
                "Văn bản riêng tư nằm trên kho lưu trữ, không có đường dẫn tệp."
            )
        return super().path(name)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Văn bản riêng tư không có đường dẫn công khai.")


private_storage = PrivateStorage()


class PrivateFieldFile(TrackedFieldFile, FieldFile):
    """Its URL is the view that checks access (agreements:document), never a storage URL."""

    @property
    def url(self):
        self._require_file()
        return self.instance.get_document_url()


class PrivateFileField(models.FileField):
    attr_class = PrivateFieldFile


def document_path(instance, filename):
    """agreements/2021/chuong-trinh-phoi-hop-2021-2023-1a2b3c4d.pdf: ASCII, unguessable suffix."""
    stem = slugify_vi(PurePath(filename or "").stem, max_length=80) or "van-ban"
    return f"agreements/{timezone.localdate():%Y}/{stem}-{uuid.uuid4().hex[:8]}.pdf"


def max_bytes():
    return settings.AGREEMENT_DOCUMENT_MAX_BYTES


def validate_pdf(upload):
    """Refuse anything that is not a readable PDF within the size limit, whatever its name says."""
    if not upload or getattr(upload, "_committed", False):
        # Already stored: it was checked when it was uploaded.
        return
    size = getattr(upload, "size", None)
    limit = max_bytes()
    if size is not None and size > limit:
        raise ValidationError(
            "Tệp quá lớn (%(size)s MB). Văn bản PDF tối đa %(max)s MB; hãy quét lại với độ phân "
            "giải thấp hơn hoặc nén tệp rồi tải lên lại.",
            code="pdf_too_large",
            params={"size": f"{size / 1024 / 1024:.1f}", "max": limit // 1024 // 1024},
        )
    not_pdf = ValidationError(
        "Tệp này không phải là PDF hợp lệ. Hãy tải lên bản scan hoặc bản điện tử của văn bản "
        "đã ký, ở định dạng PDF.",
        code="pdf_invalid",
    )
    try:
        upload.seek(0)
        if upload.read(len(PDF_MAGIC)) != PDF_MAGIC:
            raise not_pdf
        upload.seek(0)
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError(
                "Tệp PDF này có đặt mật khẩu. Hãy tải lên bản không đặt mật khẩu.",
                code="pdf_encrypted",
            )
        if len(reader.pages) == 0:
            raise not_pdf
    except ValidationError:
        raise
    except Exception as exc:
        # pypdf raises many kinds of errors on a broken file; each means the same to an editor.
        raise not_pdf from exc
    finally:
        upload.seek(0)
