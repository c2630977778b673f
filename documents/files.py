"""The library's files: PDF, Word (.docx) and Excel (.xlsx), recognised by their content, stored in
the private storage (no public URL) and named by what they are, whatever the upload was called."""

import uuid
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from agreements.documents import PDF_MAGIC, validate_pdf
from core import private_files
from core.text import slugify_vi

ZIP_MAGIC = b"PK\x03\x04"
# Word 97–2003 and Excel 97–2003 files (and encrypted Office files) are OLE compound files.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

PDF, DOCX, XLSX = "pdf", "docx", "xlsx"
LABELS = {PDF: "PDF", DOCX: "Word", XLSX: "Excel"}
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# The part that makes an Office Open XML package a Word document or a workbook.
MAIN_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}
# A small .docx that unpacks to gigabytes is an attack on whoever opens it.
MAX_UNPACKED_RATIO = 100
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

ACCEPT = ".pdf,.docx,.xlsx," + ",".join(CONTENT_TYPES.values())

NOT_ACCEPTED = (
    "Tệp này không phải PDF, Word (.docx) hay Excel (.xlsx) hợp lệ. Hãy tải lên văn bản ở một "
    "trong ba định dạng đó."
)


def max_bytes():
    return settings.DOCUMENT_FILE_MAX_BYTES


def _head(upload, size):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _office_kind(upload):
    """DOCX or XLSX from the package's own parts; refuse macros and zip bombs."""
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            if "[Content_Types].xml" not in names:
                raise ValidationError(NOT_ACCEPTED, code="document_invalid")
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise ValidationError(
                    "Tệp có chứa macro. Hãy lưu lại thành .docx hoặc .xlsx thường (không macro) "
                    "rồi tải lên.",
                    code="document_macro",
                )
            unpacked = sum(info.file_size for info in package.infolist())
            packed = max(1, sum(info.compress_size for info in package.infolist()))
            if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_UNPACKED_RATIO:
                raise ValidationError(NOT_ACCEPTED, code="document_invalid")
            for kind, part in MAIN_PARTS.items():
                if part in names:
                    return kind
    except ValidationError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(NOT_ACCEPTED, code="document_invalid") from exc
    finally:
        upload.seek(0)
    raise ValidationError(NOT_ACCEPTED, code="document_invalid")


def detect_kind(upload):
    """What the file is (PDF, DOCX or XLSX), read from its bytes; a ValidationError otherwise."""
    private_files.refuse_oversized(
        upload,
        max_bytes(),
        "Tệp quá lớn (%(size)s MB). Mỗi tệp văn bản tối đa %(max)s MB; hãy nén hoặc quét lại "
        "với độ phân giải thấp hơn rồi tải lên lại.",
        "document_too_large",
    )
    head = _head(upload, 8)
    if head.startswith(PDF_MAGIC):
        validate_pdf(upload)
        return PDF
    if head.startswith(ZIP_MAGIC):
        return _office_kind(upload)
    if head.startswith(OLE_MAGIC):
        raise ValidationError(
            "Tệp Word/Excel đời cũ (.doc, .xls) hoặc có đặt mật khẩu. Hãy mở tệp, lưu lại thành "
            ".docx hoặc .xlsx (không đặt mật khẩu), hoặc xuất ra PDF, rồi tải lên.",
            code="document_legacy",
        )
    raise ValidationError(NOT_ACCEPTED, code="document_invalid")


def validate_document_file(upload):
    if not upload or getattr(upload, "_committed", False):
        # Already stored: it was checked when it was uploaded.
        return
    detect_kind(upload)


def file_path(instance, filename):
    """documents/2026/ke-hoach-thang-cong-nhan-1a2b3c4d.pdf: ASCII, unguessable, the right suffix."""
    stem = slugify_vi(PurePath(filename or "").stem, max_length=80) or "van-ban"
    kind = instance.file_type or PDF
    return f"documents/{timezone.localdate():%Y}/{stem}-{uuid.uuid4().hex[:8]}.{kind}"
