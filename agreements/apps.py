"""The agreements app: partners, cooperation programmes, their tasks and documents."""

from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "Chương trình phối hợp"

    def ready(self):
        from agreements import signals  # noqa: F401
        from agreements.search import SOURCE
        from federation import search

        search.register(SOURCE)
