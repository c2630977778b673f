"""The library of documents (văn bản): documents, their files, kinds, fields and issuing bodies."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Thư viện văn bản"

    def ready(self):
        from core import pagecache, registration
        from documents import downloads, signals  # noqa: F401
        from documents.search import SOURCE
        from documents.sitemaps import DocumentSitemap
        from news import popularity

        registration.join(
            "documents",
            sources=[SOURCE],
            section="documents",
            models=[
                "documents.Document",
                "documents.DocumentFile",
                "documents.DocumentKind",
                "documents.Field",
                "documents.IssuingBody",
            ],
            # A document links to the news and programmes it concerns.
            shows=["news", "agreements"],
            editors=["document", "documentfile", "documentkind", "field", "issuingbody"],
            editor_extras=["documents.view_historicaldocument"],
            content=["documents.Document"],
            summary=[("documents.Document", "văn bản")],
            sitemaps=[("van-ban", DocumentSitemap, 60)],
        )
        popularity.register_flush(downloads.LABEL, downloads.flush_download_counts)
        # A programme lists its documents.
        pagecache.register_urls(["agreements"], sections=["documents"])
