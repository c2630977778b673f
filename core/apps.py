"""The shared building blocks as a Django app: no tables (only the abstract models of
core/models.py), commands and the registries' wiring."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Nền tảng dùng chung"

    def ready(self):
        from django.core import checks

        from core import backup, cleaning, files, pagecache, permissions, redirects

        cleaning.connect()
        files.connect()
        permissions.connect()
        redirects.connect()
        checks.register(pagecache.check_registry)
        # The accounts are Django's own; people create them, so a database holding one is not empty.
        backup.register(content=["auth.User"])
