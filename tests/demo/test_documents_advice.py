"""The demo library and demo advice: documents across kinds with a replaced and an officers-only
one, readable files, answered questions citing the laws; loading twice adds nothing."""

import io
import zipfile

import pytest
from pypdf import PdfReader

from advice.models import Question
from demo import advice as advice_demo
from demo import agreements as agreements_demo
from demo import documents as demo
from documents.models import Document, DocumentFile

pytestmark = pytest.mark.django_db


def test_the_demo_library_and_advice_load_once_and_read_well(client):
    agreements_demo.load_agreements()
    summary = demo.load()
    assert summary.startswith(f"{len(demo.DOCUMENTS)} văn bản")
    assert 18 <= Document.objects.count() <= 25
    assert Document.objects.values("kind").distinct().count() >= 7

    old_law = Document.objects.get(slug="luat-cong-doan-2012")
    assert old_law.expires_on.isoformat() == "2025-06-30"
    assert old_law.status == Document.Status.EXPIRED
    assert [d.slug for d in old_law.replaced_by.all()] == ["luat-cong-doan-2024"]
    assert Document.objects.filter(visibility=Document.Visibility.OFFICERS).count() == 1
    assert Document.objects.with_status_filter(Document.Status.UPCOMING).exists()

    plan = Document.objects.get(number="Số 125/KH-LĐLĐ")
    pdf = plan.files.get()
    content = pdf.file.open("rb").read()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "KẾ HOẠCH" in text and "Tháng Công nhân năm 2026" in text
    form = DocumentFile.objects.get(document__slug="mau-don-de-nghi-ho-tro-doan-vien-kho-khan")
    assert form.file_type == "docx"
    with zipfile.ZipFile(form.file.open("rb")) as package:
        assert "ĐƠN ĐỀ NGHỊ" in package.read("word/document.xml").decode()
    programme = Document.objects.get(slug=demo.DOCUMENTS[-3]["slug"])
    assert programme.related_agreements.exists()

    advice_summary = advice_demo.load()
    assert advice_summary == "10 câu trả lời đã đăng, 2 câu hỏi chờ trả lời"
    answered = Question.objects.published()
    assert {q.field for q in answered} == set(Question.Field.values)
    assert all(q.cited_documents.exists() for q in answered)
    assert not answered.exclude(contact="").exists()

    files = DocumentFile.objects.count()
    demo.load()
    advice_demo.load()
    assert Document.objects.count() == len(demo.DOCUMENTS)
    assert DocumentFile.objects.count() == files
    assert Question.objects.count() == 12

    for path in ["/van-ban/", plan.get_absolute_url(), "/hoi-dap/", answered[0].get_absolute_url()]:
        assert client.get(path).status_code == 200, path
