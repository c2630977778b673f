"""The library of documents (văn bản): documents, their files, kinds, fields and issuing bodies."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Thư viện văn bản"

    def ready(self):
        from documents import downloads, signals  # noqa: F401
        from documents.search import SOURCE
        from federation import search
        from news import popularity

        search.register(SOURCE)
        popularity.register_flush(downloads.LABEL, downloads.flush_download_counts)
