from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức"

    def ready(self):
        from federation import search
        from news import signals  # noqa: F401
        from news.search import SOURCE

        search.register(SOURCE)
