"""Published legal-advice answers as a source for the site search (AdviceConfig.ready)."""

from advice.models import Question
from core import search


def search_questions(terms):
    return (
        Question.objects.published()
        .filter(search.match_all(terms, "search_text"))
        .annotate(title_match=search.title_rank(terms, "search_title"))
        .order_by("-title_match", "-published_at", "-id")
    )


def question_result(question, terms):
    text = search.snippet(f"{question.public_question} {question.answer_text}", terms)
    return search.Result(
        kind="",
        url=question.get_absolute_url(),
        title=search.highlight(question.title, terms),
        summary=search.highlight(f"{question.get_field_display()} · {text}", terms),
        date=question.published_at,
    )


SOURCE = search.Source(
    key="advice",
    label="Hỏi đáp pháp luật",
    search=search_questions,
    result=question_result,
    order=45,
)
