"""Legal advice (hỏi đáp pháp luật): workers' questions, answered in public by legal officers."""

from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "advice"
    verbose_name = "Hỏi đáp pháp luật"

    def ready(self):
        from advice.roles import LEGAL_OFFICERS
        from advice.search import SOURCE
        from advice.sitemaps import QuestionSitemap
        from core import backup, pagecache, permissions, roles, search, sitemaps

        search.register(SOURCE)

        pagecache.register_section("advice")
        pagecache.register_models(["advice.Question"], sections=["advice"])
        # An answer cites the library's documents.
        pagecache.register_urls(["advice"], sections=["site", "advice", "documents"])
        # The question form carries a CSRF token and its own timing field: never shared.
        pagecache.register_uncached(["advice:ask"])

        permissions.grant(
            roles.EDITORS,
            *permissions.model_permissions("advice", ["question"]),
            "advice.publish_question",
            "advice.view_historicalquestion",
        )
        # Legal officers answer and publish questions, citing the library's documents (which they
        # pick from a list: that needs the view permission); questions come only from the form.
        permissions.grant(
            LEGAL_OFFICERS,
            "advice.view_question",
            "advice.change_question",
            "advice.publish_question",
            "advice.view_historicalquestion",
            "documents.view_document",
        )

        backup.register(content=["advice.Question"], summary=[("advice.Question", "câu hỏi")])

        sitemaps.register("hoi-dap", QuestionSitemap, order=70)
