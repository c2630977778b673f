"""Legal advice (hỏi đáp pháp luật): workers' questions, answered in public by legal officers."""

from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "advice"
    verbose_name = "Hỏi đáp pháp luật"

    def ready(self):
        from advice.search import SOURCE
        from federation import search

        search.register(SOURCE)
