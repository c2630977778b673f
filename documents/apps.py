"""The library of documents (văn bản): documents, their files, kinds, fields and issuing bodies."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Thư viện văn bản"

    def ready(self):
        from core import backup, pagecache, permissions, roles, search, sitemaps
        from documents import downloads, signals  # noqa: F401
        from documents.search import SOURCE
        from documents.sitemaps import DocumentSitemap
        from news import popularity

        search.register(SOURCE)
        popularity.register_flush(downloads.LABEL, downloads.flush_download_counts)

        pagecache.register_section("documents")
        pagecache.register_models(
            [
                "documents.Document",
                "documents.DocumentFile",
                "documents.DocumentKind",
                "documents.Field",
                "documents.IssuingBody",
            ],
            sections=["documents"],
        )
        # A document links to the news and programmes it concerns; a programme lists its documents.
        pagecache.register_urls(["documents"], sections=["site", "documents", "news", "agreements"])
        pagecache.register_urls(["agreements"], sections=["documents"])

        permissions.grant(
            roles.EDITORS,
            *permissions.model_permissions(
                "documents", ["document", "documentfile", "documentkind", "field", "issuingbody"]
            ),
            "documents.view_historicaldocument",
        )

        backup.register(content=["documents.Document"], summary=[("documents.Document", "văn bản")])

        sitemaps.register("van-ban", DocumentSitemap, order=60)
