"""Signed documents: checked by content and size, stored privately under a safe name."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.documents import validate_pdf
from tests.factories import (
    image_bytes,
    make_agreement,
    make_officer,
    make_user,
    pdf_bytes,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

NOT_PDF = "Tệp này không phải là PDF hợp lệ."


def messages(error):
    return " ".join(error.value.messages)


def test_a_real_pdf_is_accepted():
    validate_pdf(pdf_upload())


def test_a_picture_named_pdf_is_refused():
    fake = SimpleUploadedFile("van-ban.pdf", image_bytes(), content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        validate_pdf(fake)
    assert NOT_PDF in messages(error)


def test_a_file_that_only_starts_like_a_pdf_is_refused():
    fake = SimpleUploadedFile("van-ban.pdf", b"%PDF-1.7\nthis is not really a PDF at all\n")
    with pytest.raises(ValidationError) as error:
        validate_pdf(fake)
    assert NOT_PDF in messages(error)


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_pdf(SimpleUploadedFile("rong.pdf", b"\0"))
    assert NOT_PDF in messages(error)


def test_an_oversized_pdf_is_refused_with_the_limit(settings):
    settings.AGREEMENT_DOCUMENT_MAX_BYTES = 1024 * 1024
    big = pdf_upload(content=pdf_bytes() + b"\n%" + b"x" * (1024 * 1024))
    with pytest.raises(ValidationError) as error:
        validate_pdf(big)
    assert "Tệp quá lớn" in messages(error)
    assert "tối đa 1 MB" in messages(error)


def test_a_password_protected_pdf_is_refused():
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("matkhau")
    buffer = BytesIO()
    writer.write(buffer)
    with pytest.raises(ValidationError) as error:
        validate_pdf(pdf_upload(content=buffer.getvalue()))
    assert "có đặt mật khẩu" in messages(error)


def test_a_stored_document_gets_a_safe_unguessable_name(settings):
    agreement = make_agreement(document=pdf_upload("Chương trình (bản ký) số 05.pdf"))
    name = agreement.document.name
    assert name.startswith("agreements/")
    assert name.endswith(".pdf")
    filename = name.rsplit("/", 1)[-1]
    assert filename.startswith("chuong-trinh-ban-ky-so-05-")
    assert filename.isascii() and " " not in filename and "(" not in filename
    assert agreement.document.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))


def test_the_uploaded_name_never_decides_the_stored_path_or_extension():
    agreement = make_agreement(document=pdf_upload("../../etc/passwd.php"))
    assert agreement.document.name.startswith("agreements/")
    assert agreement.document.name.endswith(".pdf")
    assert ".." not in agreement.document.name


# Through the admin form: the editor sees why a file was refused ------------------------------------


def _add_form_data(**extra):
    data = {
        "title": "Chương trình thử tải văn bản",
        "slug": "chuong-trinh-thu-tai-van-ban",
        "signed_on": "08/04/2021",
        "valid_from": "08/04/2021",
        "valid_until": "31/12/2023",
        "visibility": "public",
        "agreement_partners-TOTAL_FORMS": "0",
        "agreement_partners-INITIAL_FORMS": "0",
        "agreement_partners-MIN_NUM_FORMS": "0",
        "agreement_partners-MAX_NUM_FORMS": "1000",
        "tasks-TOTAL_FORMS": "0",
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


@pytest.fixture
def admin_user_client(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def test_admin_shows_a_clear_error_for_a_non_pdf(admin_user_client):
    fake = SimpleUploadedFile("van-ban.pdf", image_bytes(), content_type="application/pdf")
    response = admin_user_client.post(
        "/quan-tri/agreements/agreement/add/", _add_form_data(document=fake)
    )
    assert response.status_code == 200
    assert NOT_PDF in response.content.decode()


def test_admin_saves_a_real_pdf_privately(admin_user_client, settings):
    from agreements.models import Agreement

    response = admin_user_client.post(
        "/quan-tri/agreements/agreement/add/", _add_form_data(document=pdf_upload())
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get(slug="chuong-trinh-thu-tai-van-ban")
    assert agreement.document.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert agreement.created_by is not None and agreement.updated_by == agreement.created_by
    change = admin_user_client.get(f"/quan-tri/agreements/agreement/{agreement.pk}/change/")
    assert agreement.get_document_url() in change.content.decode()


def test_a_pdf_with_more_pages_than_any_signed_agreement_is_refused_with_the_count():
    from agreements import documents
    from tests.security.bombs import pdf_many_pages

    many = pdf_many_pages(documents.MAX_PAGES + 1)
    with pytest.raises(ValidationError) as error:
        validate_pdf(SimpleUploadedFile("van-ban.pdf", many))
    assert "Tệp PDF có 501 trang" in messages(error)
    assert "tối đa 500 trang" in messages(error)
    validate_pdf(SimpleUploadedFile("van-ban.pdf", pdf_many_pages(documents.MAX_PAGES)))


def test_a_pdf_that_lies_about_its_page_count_is_still_counted():
    from tests.security.bombs import pdf_many_pages

    liar = pdf_many_pages(2_000).replace(b"/Count 2000", b"/Count 2   ", 1)
    with pytest.raises(ValidationError) as error:
        validate_pdf(SimpleUploadedFile("van-ban.pdf", liar))
    assert "cần quá nhiều bộ nhớ hoặc thời gian" in messages(error)


def test_a_small_pdf_whose_streams_inflate_to_hundreds_of_megabytes_is_refused():
    from tests.security.bombs import pdf_stream_bombs

    bomb = pdf_stream_bombs(2, inflated=40_000_000)
    assert len(bomb) < 200_000
    with pytest.raises(ValidationError) as error:
        validate_pdf(SimpleUploadedFile("van-ban.pdf", bomb))
    assert "cần quá nhiều bộ nhớ hoặc thời gian để đọc" in messages(error)


# Several app hosts: the signed documents on object storage -------------------------------------


def test_signed_documents_follow_the_private_storage_and_never_touch_the_disk(client, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": InMemoryStorage.__module__ + ".InMemoryStorage"},
    }
    agreement = make_agreement()
    agreement.document = pdf_upload("chuong-trinh.pdf")
    agreement.save()
    assert not Path(settings.PRIVATE_MEDIA_ROOT).exists() or not any(
        Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.pdf")
    )
    client.force_login(make_officer())
    response = client.get(f"{agreement.get_absolute_url()}van-ban/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
