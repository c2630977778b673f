"""The demo programmes: a renewal chain, tasks in every state, a readable Vietnamese PDF."""

import io

import pytest
from pypdf import PdfReader

from agreements.models import Agreement, AgreementPartner, AgreementTask, Partner
from demo import agreements as demo

pytestmark = pytest.mark.django_db


def test_demo_builds_the_chain_partners_tasks_and_a_real_pdf(client):
    summary = demo.load_agreements()
    assert summary.startswith(
        f"{Agreement.objects.count()} chương trình, {Partner.objects.count()} đối tác"
    )

    # A chain of three programmes, each renewing the one before.
    chain = Agreement.objects.get(document_number="Số 05/CTPH-LĐLĐ")
    assert chain.valid_from <= chain.valid_until
    assert chain.signed_on <= chain.valid_from
    assert chain.renews.valid_until < chain.valid_from
    assert chain.renewed_by.get().valid_from > chain.valid_until
    assert {t.progress for t in chain.tasks.all()} == set(AgreementTask.Progress.values)

    merged = Partner.objects.get(slug=demo.MERGED)
    assert {p.slug for p in merged.predecessors.all()} == {demo.RADIO, demo.PAPER}
    current = chain.renewed_by.get()
    assert merged in current.partners.all()
    # The old programmes keep the names the partners had when they signed.
    names = set(
        AgreementPartner.objects.filter(agreement=chain).values_list("name_at_signing", flat=True)
    )
    assert names == {"Đài Phát thanh – Truyền hình tỉnh Lâm Đồng", "Báo Lâm Đồng"}
    assert Agreement.objects.filter(visibility=Agreement.Visibility.OFFICERS).count() == 1
    assert all(partner.logo for partner in Partner.objects.all())

    content = chain.document.open("rb").read()
    assert content.startswith(b"%PDF-")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "CHƯƠNG TRÌNH PHỐI HỢP" in text
    assert "Xây dựng chuyên mục công đoàn" in text
    assert "Số 05/CTPH-LĐLĐ" in text

    html = client.get(chain.get_absolute_url()).content.decode()
    tasks = list(chain.tasks.all())
    done = sum(t.progress == AgreementTask.Progress.DONE for t in tasks)
    assert f"{done}/{len(tasks)} nhiệm vụ hoàn thành" in html
    assert client.get(chain.get_document_url()).status_code == 200


def test_demo_can_run_again_without_duplicates():
    demo.load_agreements()
    counts = (Agreement.objects.count(), Partner.objects.count(), AgreementTask.objects.count())
    documents = sorted(Agreement.objects.exclude(document="").values_list("document", flat=True))
    demo.load_agreements()
    assert (
        Agreement.objects.count(),
        Partner.objects.count(),
        AgreementTask.objects.count(),
    ) == counts
    assert (
        sorted(Agreement.objects.exclude(document="").values_list("document", flat=True))
        == documents
    )
