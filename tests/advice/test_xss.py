"""Payloads saved in the library's and the answers' rich text cannot run on any public page."""

import pytest

from tests.factories import make_answered_question, make_document
from tests.security.html_check import executable_parts
from tests.security.payloads import XSS_PAYLOADS

pytestmark = pytest.mark.django_db


def test_every_payload_in_a_document_or_an_answer_cannot_run(client):
    document = make_document(summary="Văn bản thử nội dung độc hại")
    answer = make_answered_question(title="Câu hỏi thử nội dung độc hại")
    answer.cited_documents.add(document)
    failures = {}
    for payload in XSS_PAYLOADS:
        document.full_text = f"<p>Toàn văn</p>{payload}"
        document.save()
        answer.answer = f"<p>Trả lời</p>{payload}"
        answer.public_question = payload
        answer.save()
        for path in [
            document.get_absolute_url(),
            answer.get_absolute_url(),
            "/hoi-dap/",
            "/van-ban/",
            "/tim-kiem/?q=doc+hai",
        ]:
            problems = executable_parts(client.get(path).content.decode())
            if problems:
                failures.setdefault(payload, {})[path] = problems
    assert failures == {}
