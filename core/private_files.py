"""Files kept from the public: the size limit an upload is checked against, and a stored file
opened for the calling view to stream (never from a media URL) to whoever it has let see it."""

from django.core.exceptions import ValidationError
from django.http import Http404

MB = 1024 * 1024


def refuse_oversized(upload, limit, message, code):
    """Raise `message` (which may name %(size)s and %(max)s, in MB) when the upload is larger
    than `limit` bytes. An upload whose size is unknown passes, for the content checks to judge."""
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            message, code=code, params={"size": f"{size / MB:.1f}", "max": limit // MB}
        )


def open_stored(field_file):
    """The stored file, open for reading; a 404 when it is gone from the storage."""
    try:
        return field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Không tìm thấy tệp.") from exc
