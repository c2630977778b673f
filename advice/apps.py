"""Legal advice (hỏi đáp pháp luật): workers' questions, answered in public by legal officers."""

from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "advice"
    verbose_name = "Hỏi đáp pháp luật"

    def ready(self):
        from advice.roles import LEGAL_OFFICERS
        from advice.search import SOURCE
        from advice.sitemaps import QuestionSitemap
        from core import pagecache, permissions, registration

        registration.join(
            "advice",
            sources=[SOURCE],
            section="advice",
            models=["advice.Question"],
            # An answer cites the library's documents.
            shows=["documents"],
            editors=["question"],
            editor_extras=["advice.publish_question", "advice.view_historicalquestion"],
            content=["advice.Question"],
            summary=[("advice.Question", "câu hỏi")],
            sitemaps=[("hoi-dap", QuestionSitemap, 70)],
        )
        # The question form carries a CSRF token and its own timing field: never shared.
        pagecache.register_uncached(["advice:ask"])
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
