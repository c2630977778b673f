"""Download counts of the library's files without a database write per download: each download
adds one to a counter in Redis (or in memory without Redis), and `manage.py flush_view_counts`
moves the pending counts into DocumentFile.download_count (registered in DocumentsConfig.ready)."""

from django.db import transaction
from django.db.models import F

from news import popularity

REDIS_KEY = "documents:downloads:pending"
LABEL = "lượt tải văn bản"
# A key the database cannot hold would fail the whole flush.
_MAX_ID = 2**63 - 1

_counter = None


def counter():
    global _counter
    if _counter is None:
        _counter = popularity.make_counter(REDIS_KEY)
    return _counter


def record_download(file_id):
    counter().add(file_id)


def flush_download_counts():
    """Move pending downloads into the files' counts. Returns the number of downloads written."""
    from documents.models import DocumentFile

    pending = {pk: n for pk, n in counter().drain().items() if 0 < pk <= _MAX_ID}
    written = 0
    with transaction.atomic():
        for file_id, count in pending.items():
            updated = DocumentFile.objects.filter(pk=file_id).update(
                download_count=F("download_count") + count
            )
            written += count if updated else 0
    return written
