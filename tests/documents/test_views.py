"""The library's pages: the list with its filters and search, one document with its files, the
officers-only rule, download counting, the PDF in the page, the feed, the sitemap, site search
and the programme page."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents import downloads
from documents.models import Document, DocumentFile, DocumentKind, Field, IssuingBody
from tests.factories import (
    image_bytes,
    make_agreement,
    make_article,
    make_document,
    make_officer,
    office_upload,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

LIST = "/van-ban/"


@pytest.fixture(autouse=True)
def _fresh_counter(monkeypatch):
    monkeypatch.setattr(downloads, "_counter", None)


@pytest.fixture
def secret():
    return make_document(
        number="Số 09/QC-LĐLĐ",
        summary="Quy chế nội bộ về phối hợp xử lý tranh chấp lao động",
        visibility=Document.Visibility.OFFICERS,
        files=[pdf_upload("quy-che.pdf")],
    )


def text(response):
    return response.content.decode()


# The list ------------------------------------------------------------------------------------------


def test_list_shows_documents_newest_first(client):
    older = make_document(summary="Văn bản cũ hơn", issued_on=date(2025, 1, 10))
    newer = make_document(summary="Văn bản mới hơn", issued_on=date(2026, 2, 1))
    page = text(client.get(LIST))
    assert page.index(newer.summary) < page.index(older.summary)


def test_list_filters_by_kind_field_issuer_year_and_status(client):
    decision = DocumentKind.objects.get(slug="quyet-dinh")
    wages = Field.objects.create(name="Tiền lương")
    national = IssuingBody.objects.create(name="Tổng Liên đoàn Lao động Việt Nam")
    wanted = make_document(
        summary="Quyết định về mức hỗ trợ đoàn viên",
        kind=decision,
        field=wages,
        issuer=national,
        issued_on=date(2024, 5, 1),
        expires_on=date(2024, 12, 31),
    )
    make_document(summary="Kế hoạch khác hẳn", issued_on=date(2024, 5, 1))
    make_document(summary="Quyết định năm khác", kind=decision, issued_on=date(2025, 5, 1))
    for query in [
        "loai=quyet-dinh&nam=2024",
        "linh-vuc=tien-luong",
        f"co-quan={national.slug}",
        "trang-thai=het-hieu-luc",
    ]:
        response = client.get(f"{LIST}?{query}")
        assert list(response.context["documents"]) == [wanted], query
        assert '<meta name="robots" content="noindex, nofollow">' in text(response)


def test_an_unknown_filter_value_is_reported_and_ignored(client):
    document = make_document()
    response = client.get(f"{LIST}?loai=khong-co&trang-thai=%3Cscript%3E")
    assert response.status_code == 200
    assert list(response.context["documents"]) == [document]
    assert "«khong-co» không có trong danh sách" in text(response)
    assert "<script>" not in text(response)


@pytest.mark.parametrize("typed", ["125/KH-LĐLĐ", "125 kh ldld", "125khldld", "thang cong nhan"])
def test_the_list_search_finds_a_document_by_number_or_summary_typed_any_way(client, typed):
    wanted = make_document(number="Số 125/KH-LĐLĐ", summary="Tổ chức Tháng Công nhân năm 2026")
    make_document(number="Số 126/KH-LĐLĐ", summary="Hội thao viên chức")
    response = client.get(LIST, {"q": typed})
    assert list(response.context["documents"]) == [wanted]


@pytest.mark.parametrize("rows", [1, 50])
def test_list_takes_a_constant_number_of_queries(client, django_assert_max_num_queries, rows):
    for n in range(rows):
        make_document(summary=f"Văn bản số {n}", field=Field.objects.get_or_create(name="Chung")[0])
    client.get("/")
    with django_assert_max_num_queries(7):
        response = client.get(LIST)
    assert response.status_code == 200
    assert len(response.context["documents"]) == min(rows, 20)


# One document ---------------------------------------------------------------------------------------


def test_detail_shows_the_data_status_and_files_of_the_document(client):
    document = make_document(
        number="Số 125/KH-LĐLĐ",
        summary="Tổ chức Tháng Công nhân năm 2026",
        signer="Nguyễn Văn An",
        signer_position="Phó Chủ tịch",
        issued_on=date(2026, 3, 20),
        effective_from=date(2026, 3, 20),
        files=[pdf_upload("ke-hoach.pdf"), office_upload("phu-luc.xlsx", kind="xlsx")],
    )
    page = text(client.get(document.get_absolute_url()))
    assert "Kế hoạch số 125/KH-LĐLĐ" in page
    assert "Phó Chủ tịch, Nguyễn Văn An" in page
    assert "20/03/2026" in page
    pdf, xlsx = document.files.all()
    assert f'href="{pdf.get_document_url()}"' in page
    assert f'href="{xlsx.get_document_url()}"' in page
    # The PDF shows in the page, through the site's own viewer address.
    assert f'<iframe class="doc-viewer" src="{pdf.get_inline_url()}"' in page


def test_replaced_document_links_to_its_replacement_and_back(client):
    old = make_document(summary="Quy định cũ về thăm hỏi đoàn viên", issued_on=date(2023, 1, 5))
    new = make_document(summary="Quy định mới về thăm hỏi đoàn viên", issued_on=date(2026, 1, 5))
    new.replaces.add(old)
    old_page = text(client.get(old.get_absolute_url()))
    assert "Văn bản này đã được thay thế bởi" in old_page
    assert f'<a href="{new.get_absolute_url()}">' in old_page
    assert "Hết hiệu lực" in old_page or "hết hiệu lực" in old_page
    new_page = text(client.get(new.get_absolute_url()))
    assert "Văn bản này thay thế" in new_page
    assert f'<a href="{old.get_absolute_url()}">' in new_page


def test_an_officers_only_replacement_is_not_named_to_the_public(client, secret):
    old = make_document(summary="Quy chế công khai cũ", issued_on=date(2020, 1, 5))
    secret.replaces.add(old)
    page = text(client.get(old.get_absolute_url()))
    assert secret.summary not in page
    assert "đã được thay thế bởi" not in page


def test_detail_lists_related_news_and_programmes(client):
    document = make_document()
    article = make_article(title="Lễ phát động Tháng Công nhân")
    agreement = make_agreement(title="Chương trình phối hợp với Báo Lâm Đồng")
    document.related_articles.add(article)
    document.related_agreements.add(agreement)
    page = text(client.get(document.get_absolute_url()))
    assert article.title in page
    assert agreement.title in page


def test_the_programme_page_lists_its_documents(client, secret):
    agreement = make_agreement()
    public = make_document(summary="Kế hoạch thực hiện chương trình phối hợp")
    public.related_agreements.add(agreement)
    secret.related_agreements.add(agreement)
    page = text(client.get(agreement.get_absolute_url()))
    assert "Văn bản của chương trình" in page
    assert public.summary in page
    assert secret.summary not in page


# Officers only --------------------------------------------------------------------------------------


def test_an_officers_only_document_and_its_file_do_not_exist_for_the_public(client, secret):
    file = secret.files.get()
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert client.get(file.get_document_url()).status_code == 404
    assert client.get(file.get_inline_url()).status_code == 404
    for path in [LIST, f"{LIST}?q=quy+che", "/van-ban/rss/", "/sitemap-van-ban.xml"]:
        assert secret.summary not in text(client.get(path)), path
    assert "Quy chế nội bộ" not in text(client.get("/tim-kiem/?q=quy+che+noi+bo"))


def test_an_officer_sees_and_downloads_the_officers_only_document(client, secret):
    client.force_login(make_officer())
    page = text(client.get(secret.get_absolute_url()))
    assert "chỉ dành cho cán bộ công đoàn" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert secret.summary in text(client.get(LIST))
    response = client.get(secret.files.get().get_document_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Cache-Control"] == "private, max-age=0"


def test_a_file_of_another_document_is_404(client, secret):
    public = make_document(files=[pdf_upload()])
    url = f"/van-ban/{public.slug}/tep/{secret.files.get().pk}/"
    assert client.get(url).status_code == 404


# Downloads ------------------------------------------------------------------------------------------


def test_downloads_are_counted_without_a_database_write_and_flushed_later(client, capsys):
    document = make_document(files=[pdf_upload()])
    file = document.files.get()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            response = client.get(file.get_document_url())
            assert response.status_code == 200
            b"".join(response.streaming_content)
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    file.refresh_from_db()
    assert file.download_count == 0

    call_command("flush_view_counts")
    file.refresh_from_db()
    assert file.download_count == 3
    assert "3 lượt tải văn bản" in capsys.readouterr().out
    assert "3 lượt tải" in text(client.get(document.get_absolute_url()))


def test_reading_the_pdf_in_the_page_is_not_a_download(client):
    file = make_document(files=[pdf_upload()]).files.get()
    client.get(file.get_inline_url())
    assert downloads.flush_download_counts() == 0


def test_a_flush_ignores_downloads_of_files_deleted_meanwhile(client):
    file = make_document(files=[pdf_upload()]).files.get()
    client.get(file.get_document_url())
    DocumentFile.objects.filter(pk=file.pk).delete()
    assert downloads.flush_download_counts() == 0


# The PDF in the page --------------------------------------------------------------------------------


def test_only_the_pdf_view_may_be_framed_and_only_by_the_site_itself(client):
    document = make_document(files=[pdf_upload(), office_upload()])
    pdf, docx = document.files.all()
    inline = client.get(pdf.get_inline_url())
    assert inline.status_code == 200
    assert inline["Content-Type"] == "application/pdf"
    assert inline["Content-Disposition"].startswith("inline;")
    assert inline["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in inline["Content-Security-Policy"]

    page = client.get(document.get_absolute_url())
    assert page["X-Frame-Options"] == "DENY"
    policy = page["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "frame-src 'self'" in policy
    assert "object-src 'none'" in policy

    download = client.get(pdf.get_document_url())
    assert download["X-Frame-Options"] == "DENY"
    assert download["Content-Disposition"].startswith("attachment;")
    # A Word file has no viewer in the browser.
    assert client.get(docx.get_inline_url()).status_code == 404


# Files: checked by content --------------------------------------------------------------------------


def _stored(upload):
    document = make_document()
    file = DocumentFile(document=document, file=upload)
    file.full_clean()
    file.save()
    return file


@pytest.mark.parametrize(
    ("upload", "kind", "content_type"),
    [
        (lambda: pdf_upload("ban-ky.PDF"), "pdf", "application/pdf"),
        (lambda: office_upload("mau.docx"), "docx", "wordprocessingml"),
        (lambda: office_upload("bang.xlsx", kind="xlsx"), "xlsx", "spreadsheetml"),
        # A Word file sent with a .pdf name is kept as what it is.
        (lambda: office_upload("nham-ten.pdf"), "docx", "wordprocessingml"),
    ],
)
def test_pdf_word_and_excel_files_are_accepted_and_named_by_their_content(
    client, upload, kind, content_type
):
    file = _stored(upload())
    assert file.file_type == kind
    assert file.file.name.endswith(f".{kind}")
    assert file.file.name.startswith("documents/")
    response = client.get(file.get_document_url())
    assert content_type in response["Content-Type"]
    assert response["Content-Disposition"].endswith(f'.{kind}"')


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("anh.pdf", image_bytes()), "không phải PDF, Word (.docx) hay Excel"),
        (SimpleUploadedFile("gia.pdf", b"%PDF-1.7\nnot really\n"), "không phải là PDF hợp lệ"),
        (SimpleUploadedFile("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), ".doc"),
        (office_upload("macro.docx", macro=True), "macro"),
        (SimpleUploadedFile("nen.zip", b"PK\x03\x04 not a zip"), "không phải PDF, Word"),
    ],
)
def test_other_files_are_refused_with_a_vietnamese_reason(upload, message):
    with pytest.raises(ValidationError) as error:
        _stored(upload)
    assert message in " ".join(error.value.messages)
    assert not DocumentFile.objects.exists()


def test_an_oversized_file_is_refused_with_the_limit(settings):
    settings.DOCUMENT_FILE_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("lon.xlsx", b"PK\x03\x04" + b"x" * (1024 * 1024 + 100))
    with pytest.raises(ValidationError) as error:
        _stored(big)
    assert "Tệp quá lớn (1.0 MB). Mỗi tệp văn bản tối đa 1 MB" in " ".join(error.value.messages)


def test_stored_files_live_in_the_private_folder_not_under_media(settings):
    file = _stored(pdf_upload())
    assert (settings.PRIVATE_MEDIA_ROOT / file.file.name).is_file()
    assert not (settings.MEDIA_ROOT / file.file.name).exists()


# Feed, sitemap, site search -------------------------------------------------------------------------


def test_the_feed_lists_new_public_documents_as_valid_rss(client, secret):
    document = make_document(number="Số 125/KH-LĐLĐ", summary="Tổ chức Tháng Công nhân")
    response = client.get("/van-ban/rss/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["Kế hoạch số 125/KH-LĐLĐ: Tổ chức Tháng Công nhân"]
    link = root.find("channel/item/link").text
    assert link.endswith(document.get_absolute_url())


def test_the_sitemap_lists_public_documents(client, secret):
    document = make_document()
    index = text(client.get("/sitemap.xml"))
    assert "sitemap-van-ban.xml" in index
    section = text(client.get("/sitemap-van-ban.xml"))
    assert document.get_absolute_url() in section
    assert secret.get_absolute_url() not in section


def test_the_site_search_finds_documents_by_number_and_by_summary_without_accents(client):
    document = make_document(number="Số 125/KH-LĐLĐ", summary="Tổ chức Tháng Công nhân năm 2026")
    for query in ["125/KH-LĐLĐ", "thang cong nhan"]:
        response = client.get("/tim-kiem/", {"q": query})
        blocks = {source.key: results for source, results, _count in response.context["blocks"]}
        assert [r.url for r in blocks["documents"]] == [document.get_absolute_url()], query
        assert "Văn bản" in text(response)
