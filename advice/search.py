"""Published legal-advice answers as a source for the site search (AdviceConfig.ready)."""

from advice.models import Question
from core import search


def search_questions(query):
    return search.ranked(Question.objects.published(), query, "-published_at", "-id")


def question_result(question, query):
    marks = search.marks(query, question)
    return search.Result(
        kind="",
        url=question.get_absolute_url(),
        title=search.highlight(question.title, marks),
        summary=search.passage(
            [f"{question.get_field_display()} · {question.public_question}", question.answer_text],
            marks,
        ),
        date=question.published_at,
    )


SOURCE = search.Source(
    key="advice",
    label="Hỏi đáp pháp luật",
    search=search_questions,
    result=question_result,
    order=45,
    tab="Hỏi đáp",
    slug="hoi-dap",
    # A result shows the answered question; its answer cites the library's documents.
    sections=(
        "advice",
        "documents",
    ),
)
