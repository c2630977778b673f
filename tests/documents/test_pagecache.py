"""The library's and the answers' pages in the full-page cache: served from it, and current at
once after an edit to what they show (the sections registered in federation.pagecache)."""

import pytest

from tests.cached_pages import HEADER, warm
from tests.factories import make_agreement, make_answered_question, make_document, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_bypass(settings, page_cache_on):
    settings.PAGECACHE_BYPASS_TOKEN = ""


def test_a_new_document_shows_at_once_on_the_cached_library_and_programme_pages(client):
    agreement = make_agreement()
    make_document(summary="Văn bản đầu tiên")
    warm(client, "/van-ban/", agreement.get_absolute_url())
    document = make_document(summary="Kế hoạch thực hiện chương trình năm nay")
    document.related_agreements.add(agreement)
    for url in ["/van-ban/", agreement.get_absolute_url()]:
        response = client.get(url)
        assert response[HEADER] == "MISS", url
        assert document.summary in response.content.decode(), url


def test_publishing_an_answer_shows_at_once_and_a_cited_document_edit_reaches_it(client):
    document = make_document(summary="Bộ luật Lao động")
    answer = make_answered_question()
    answer.cited_documents.add(document)
    warm(client, "/hoi-dap/", answer.get_absolute_url())
    make_answered_question(title="Câu hỏi mới được trả lời")
    assert "Câu hỏi mới được trả lời" in client.get("/hoi-dap/").content.decode()
    warm(client, answer.get_absolute_url())
    document.summary = "Bộ luật Lao động (năm 2019)"
    document.save()
    assert "Bộ luật Lao động (năm 2019)" in client.get(answer.get_absolute_url()).content.decode()


def test_the_question_form_is_never_served_from_the_cache(client):
    client.get("/hoi-dap/gui-cau-hoi/")
    assert client.get("/hoi-dap/gui-cau-hoi/").get(HEADER) != "HIT"


def test_downloads_are_never_served_from_the_cache(client):
    stored = make_document(files=[pdf_upload()]).files.get()
    client.get(stored.get_document_url())
    assert client.get(stored.get_document_url()).get(HEADER) != "HIT"
