"""Signed agreement documents: PDF validation by content, and a private storage with no public URL.

The files live under settings.PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so neither the web server nor
Django's media serving can reach them. The only way in is agreements.views.document, which checks
who is asking first.
"""

import os
import subprocess
import sys
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from core import private_files
from core.files import TrackedFieldFile
from core.text import slugify_vi

PDF_MAGIC = b"%PDF-"
# A signed agreement runs to a few dozen pages; a page tree of thousands is not one.
MAX_PAGES = 500
# What reading one PDF may cost. A few kilobytes can declare a page tree of a hundred thousand
# pages or streams that inflate to gigabytes, and pypdf's own limits are per stream, not per file:
# so pypdf reads the upload in a child process that the system stops past these limits, and the
# worker pays nothing for a bad file (bench/upload_cost.py).
READ_MEMORY_BYTES = 200 * 1024 * 1024
READ_CPU_SECONDS = 2
READ_WALL_SECONDS = 10
# Run with `python -I -c`: the answer is one line on stdout.
_READ_PDF = r"""
import io, resource, sys
memory, seconds, max_pages = map(int, sys.argv[1:4])
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
from pypdf import PdfReader, apply_configuration
data = sys.stdin.buffer.read()
try:
    # Each page tree node is an entry too: room for them, and no more.
    with apply_configuration(page_tree_maximum_entries=2 * max_pages + 100):
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            answer = "encrypted"
        else:
            declared = reader.trailer["/Root"]["/Pages"].get("/Count", 0)
            if isinstance(declared, int) and declared > max_pages:
                answer = "pages %d" % declared
            else:
                answer = "pages %d" % len(reader.pages)
except MemoryError:
    answer = "costly"
except Exception as exc:
    answer = "costly" if type(exc).__name__ == "LimitReachedError" else "invalid"
print(answer)
"""


@deconstructible
class PrivateStorage(FileSystemStorage):
    """The local folder of signed documents: settings.PRIVATE_MEDIA_ROOT (read at each use, so a
    deployment or a test may move it), outside MEDIA_ROOT, with no URL."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Văn bản riêng tư không có đường dẫn công khai.")


def private_storage():
    """The document field's storage, chosen when the field is made: settings.STORAGES["private"]
    when there is one (object storage shared by several app hosts), else the local folder. The
    field and its migration are the same either way."""
    if "private" in settings.STORAGES:
        return storages.create_storage(settings.STORAGES["private"])
    return PrivateStorage()


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


def read_pdf(data):
    """What pypdf makes of these bytes, read within READ_* limits: "pages N", "encrypted",
    "invalid", or "costly" (stopped, or past one of pypdf's limits)."""
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-I",
                "-c",
                _READ_PDF,
                str(READ_MEMORY_BYTES),
                str(READ_CPU_SECONDS),
                str(MAX_PAGES),
            ],
            input=data,
            capture_output=True,
            timeout=READ_WALL_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return "costly"
    if done.returncode != 0:
        return "costly"
    return done.stdout.decode().strip()


def validate_pdf(upload):
    """Refuse anything that is not a readable PDF within the size, page and cost limits, whatever
    its name says."""
    if not upload or getattr(upload, "_committed", False):
        # Already stored: it was checked when it was uploaded.
        return
    private_files.refuse_oversized(
        upload,
        max_bytes(),
        "Tệp quá lớn (%(size)s MB). Văn bản PDF tối đa %(max)s MB; hãy quét lại với độ phân "
        "giải thấp hơn hoặc nén tệp rồi tải lên lại.",
        "pdf_too_large",
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
        answer = read_pdf(upload.read())
    finally:
        upload.seek(0)
    if answer == "encrypted":
        raise ValidationError(
            "Tệp PDF này có đặt mật khẩu. Hãy tải lên bản không đặt mật khẩu.",
            code="pdf_encrypted",
        )
    if answer == "costly":
        raise ValidationError(
            "Tệp PDF này cần quá nhiều bộ nhớ hoặc thời gian để đọc (có thể là tệp hỏng hoặc độc "
            "hại). Hãy mở tệp bằng phần mềm đọc PDF, in hoặc lưu lại thành PDF (hoặc quét lại "
            "văn bản) rồi tải lên.",
            code="pdf_too_costly",
        )
    # pypdf fails in many ways on a broken file; each means the same to an editor.
    pages = int(answer.split()[1]) if answer.startswith("pages ") else 0
    if pages == 0:
        raise not_pdf
    if pages > MAX_PAGES:
        raise ValidationError(
            "Tệp PDF có %(pages)s trang, nhiều hơn một văn bản đã ký (tối đa %(max)s trang). Hãy "
            "tải lên đúng văn bản đã ký.",
            code="pdf_too_many_pages",
            params={"pages": f"{pages:,}".replace(",", "."), "max": MAX_PAGES},
        )
