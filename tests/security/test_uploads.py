"""Hostile uploads through every upload field of the admin and through CKEditor's upload endpoint:
each is refused with a Vietnamese reason, no row is created and no file is left on disk."""

import io
import json
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.test.client import BOUNDARY, encode_multipart
from PIL import Image

from agreements.models import Agreement, Partner
from federation.models import SiteProfile
from federation.workers.models import ExemplaryWorker, Sector
from news.models import Photo
from tests.factories import image_bytes, make_article, make_partner, make_user, pdf_bytes
from tests.news.admin_helpers import form_fields
from tests.security.bombs import pdf_many_pages, pdf_stream_bombs, png_of

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE = "Tệp này không phải là ảnh hợp lệ"
CARRIES_CODE = "có chứa mã HTML hoặc JavaScript"
BOMB = "Ảnh có kích thước điểm ảnh bất thường"
IMAGE_TOO_LARGE = "Ảnh quá lớn"
TOO_COSTLY = "Ảnh 7000×7000 điểm ảnh (49 megapixel) quá lớn để xử lý"
NOT_A_PDF = "Tệp này không phải là PDF hợp lệ"
PDF_TOO_LARGE = "Tệp quá lớn"
PDF_TOO_COSTLY = "Tệp PDF này cần quá nhiều bộ nhớ hoặc thời gian để đọc"
TRAVERSAL = "../../../../../../etc/cron.d/"


# The files -----------------------------------------------------------------------------------


def svg():
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" '
        b'onload="alert(document.cookie)"><script>alert(1)</script><rect width="400" '
        b'height="400"/></svg>'
    )


def gif_polyglot():
    """A valid GIF that is also an HTML page: a script in its comment and a page after it."""
    buffer = io.BytesIO()
    Image.new("P", (120, 120), 3).save(buffer, "GIF", comment=b"<script>alert(1)</script>")
    return buffer.getvalue() + b"<html><body><script>alert(document.cookie)</script></body></html>"


def jpeg_polyglot():
    buffer = io.BytesIO()
    Image.new("RGB", (120, 120), (10, 200, 10)).save(
        buffer, "JPEG", comment=b"<iframe src=//evil.example/></iframe>"
    )
    return buffer.getvalue()


def html_behind_an_image_header():
    """What a browser sniffing the bytes would take for a page: an image header, then HTML."""
    return b"GIF89a<html><body><script>alert(document.cookie)</script></body></html>" * 10


def png_bomb():
    """A small PNG whose header claims 100,000 × 100,000 pixels (a decompression bomb)."""
    data = bytearray(image_bytes(32, 32, image_format="PNG"))
    data[16:24] = struct.pack(">II", 100_000, 100_000)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def huge(size, head=b""):
    return head + b"\0" * (size - len(head))


def fake_pdf():
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def pdf_html_polyglot():
    return b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n%%EOF"


IMAGE_ATTACKS = {
    "text named .jpg": ("anh.jpg", b"day khong phai la anh " * 50, NOT_AN_IMAGE),
    "GIF/HTML polyglot": ("anh.gif", gif_polyglot(), CARRIES_CODE),
    "JPEG with a frame in its comment": ("anh.jpg", jpeg_polyglot(), CARRIES_CODE),
    "HTML behind a GIF header": ("anh.gif", html_behind_an_image_header(), NOT_AN_IMAGE),
    "SVG": ("logo.svg", svg(), NOT_AN_IMAGE),
    "SVG named .png": ("logo.png", svg(), NOT_AN_IMAGE),
    "decompression bomb": ("bom.png", png_bomb(), BOMB),
    # 7000×7000 with an alpha channel: under 1 MB on the wire, about 200 MB once decoded.
    "costly to decode": ("trong-suot.png", png_of(7000, 7000, "RGBA"), TOO_COSTLY),
    "huge file": ("lon.jpg", huge(10 * 1024 * 1024 + 1, b"\xff\xd8\xff\xe0"), IMAGE_TOO_LARGE),
    "../ in the name": (f"{TRAVERSAL}anh.jpg", b"<?php system($_GET['c']); ?>" * 20, NOT_AN_IMAGE),
    "fake PDF": ("anh.jpg", fake_pdf(), NOT_AN_IMAGE),
}
DOCUMENT_ATTACKS = {
    "text named .pdf": ("van-ban.pdf", b"day khong phai la PDF " * 50, NOT_A_PDF),
    "picture named .pdf": ("van-ban.pdf", image_bytes(), NOT_A_PDF),
    "PDF/HTML polyglot": ("van-ban.pdf", pdf_html_polyglot(), NOT_A_PDF),
    "SVG named .pdf": ("van-ban.pdf", svg(), NOT_A_PDF),
    "huge file": ("van-ban.pdf", huge(20 * 1024 * 1024 + 1, pdf_bytes()), PDF_TOO_LARGE),
    "../ in the name": (f"{TRAVERSAL}van-ban.pdf", b"#!/bin/sh\nrm -rf /\n" * 20, NOT_A_PDF),
    "fake PDF": ("van-ban.pdf", fake_pdf(), NOT_A_PDF),
    "thousands of pages": ("van-ban.pdf", pdf_many_pages(5_000), "Tệp PDF có 5.000 trang"),
    "streams that inflate": ("van-ban.pdf", pdf_stream_bombs(2, 40_000_000), PDF_TOO_COSTLY),
}


# Where the files go --------------------------------------------------------------------------


def files_on_disk():
    found = set()
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        root = Path(root)
        if root.exists():
            found |= {p for p in root.rglob("*") if p.is_file()}
    return found


def post_file(client, url, data, field, name, content):
    """A browser's multipart POST, with the file name exactly as given (Django's test client would
    keep only its last part, and a ../ would never reach the server)."""
    placeholder = "tep-tai-len.bin"
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = encode_multipart(BOUNDARY, {**data, field: SimpleUploadedFile(placeholder, content)})
    body = body.replace(f'filename="{placeholder}"'.encode(), f'filename="{name}"'.encode())
    # Not MULTIPART_CONTENT itself, or the client would encode the body a second time.
    return client.post(url, body, content_type=f"multipart/form-data;boundary={BOUNDARY}")


@dataclass
class Target:
    """An admin form with an upload field: where it is, what else it needs, what it would create."""

    url: str
    form_id: str
    field: str
    extra: dict
    rows: object  # () -> something that changes when the upload is saved


@pytest.fixture
def editor(client):
    client.force_login(make_user(username="quantri", is_staff=True, is_superuser=True))
    return client


def image_targets():
    article = make_article()
    partner_count = Partner.objects.count
    sector = Sector.objects.get(slug="cong-nghiep")
    profile = SiteProfile.load()
    return {
        "article photo": Target(
            url=f"/quan-tri/news/article/{article.pk}/change/",
            form_id="article_form",
            field="photos-0-image",
            extra={
                "photos-TOTAL_FORMS": "1",
                "photos-0-article": str(article.pk),
                "photos-0-caption": "Quang cảnh hội nghị",
                "photos-0-alt_text": "Hội trường",
                "photos-0-order": "0",
            },
            rows=lambda: Photo.objects.count(),
        ),
        "worker portrait": Target(
            url="/quan-tri/federation/exemplaryworker/add/",
            form_id="exemplaryworker_form",
            field="portrait",
            extra={
                "full_name": "Nguyễn Thị Hoa",
                "slug": "nguyen-thi-hoa",
                "workplace": "Công ty Cổ phần Chè Cao nguyên",
                "sector": str(sector.pk),
            },
            rows=lambda: ExemplaryWorker.objects.count(),
        ),
        "partner logo": Target(
            url="/quan-tri/agreements/partner/add/",
            form_id="partner_form",
            field="logo",
            extra={"name": "Báo Thử Tải Lên", "slug": "bao-thu-tai-len", "kind": "newspaper"},
            rows=partner_count,
        ),
        "site logo": Target(
            url=f"/quan-tri/federation/siteprofile/{profile.pk}/change/",
            form_id="siteprofile_form",
            field="logo",
            extra={},
            rows=lambda: SiteProfile.objects.get().logo.name,
        ),
    }


def document_target():
    partner = make_partner()
    return Target(
        url="/quan-tri/agreements/agreement/add/",
        form_id="agreement_form",
        field="document",
        extra={
            "title": "Chương trình thử tải văn bản",
            "slug": "chuong-trinh-thu-tai-van-ban",
            "signed_on": "08/04/2021",
            "valid_from": "08/04/2021",
            "valid_until": "31/12/2023",
            "visibility": "public",
            "agreement_partners-TOTAL_FORMS": "1",
            "agreement_partners-0-partner": str(partner.pk),
            "agreement_partners-0-order": "0",
        },
        rows=lambda: Agreement.objects.count(),
    )


def assert_refused(client, target, attacks):
    data = {**form_fields(client.get(target.url), target.form_id), **target.extra}
    before_rows, before_files = target.rows(), files_on_disk()
    for attack, (name, content, message) in attacks.items():
        response = post_file(client, target.url, data, target.field, name, content)
        assert response.status_code == 200, (attack, response.status_code)
        page = response.content.decode()
        assert message in page, (attack, message)
        assert "errornote" in page, attack
        assert target.rows() == before_rows, attack
        assert files_on_disk() == before_files, attack


@pytest.mark.parametrize("name", ["article photo", "worker portrait", "partner logo", "site logo"])
def test_every_hostile_image_is_refused_by_every_image_field(editor, name):
    assert_refused(editor, image_targets()[name], IMAGE_ATTACKS)


def test_every_hostile_document_is_refused_by_the_signed_agreement_field(editor):
    assert_refused(editor, document_target(), DOCUMENT_ATTACKS)


def test_every_hostile_image_is_refused_by_the_editors_image_upload(editor):
    before = files_on_disk()
    for attack, (name, content, message) in IMAGE_ATTACKS.items():
        response = post_file(editor, "/ckeditor5/image_upload/", {}, "upload", name, content)
        assert response.status_code == 400, attack
        assert message in json.loads(response.content)["error"]["message"], attack
        assert files_on_disk() == before, attack


def test_a_real_image_sent_with_a_climbing_name_stays_inside_media_root(editor):
    target = image_targets()["article photo"]
    data = {**form_fields(editor.get(target.url), target.form_id), **target.extra}
    response = post_file(
        editor, target.url, data, target.field, f"{TRAVERSAL}Hội nghị.jpg", image_bytes()
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    media = Path(settings.MEDIA_ROOT).resolve()
    assert Path(photo.image.path).resolve().is_relative_to(media)
    assert photo.image.name.startswith("news/") and ".." not in photo.image.name
    assert Path(photo.image.name).name.startswith("hoi-nghi-")
    # Everything written (the photo and its renditions) is under MEDIA_ROOT.
    assert all(path.resolve().is_relative_to(media) for path in files_on_disk())


def test_a_real_pdf_sent_with_a_climbing_name_stays_inside_the_private_folder(editor):
    target = document_target()
    data = {**form_fields(editor.get(target.url), target.form_id), **target.extra}
    response = post_file(editor, target.url, data, target.field, f"{TRAVERSAL}ký.pdf", pdf_bytes())
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Agreement.objects.get().document
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert Path(document.path).resolve().is_relative_to(private)
    assert document.name.startswith("agreements/") and ".." not in document.name
    assert not any(
        path.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
        for path in files_on_disk()
    )


@pytest.mark.parametrize("name", ["article photo", "worker portrait", "partner logo", "site logo"])
def test_the_same_form_takes_a_real_image(editor, name):
    """The refusals above are the file's doing: the same form, with a real picture, saves it."""
    target = image_targets()[name]
    data = {**form_fields(editor.get(target.url), target.form_id), **target.extra}
    before = target.rows()
    response = post_file(editor, target.url, data, target.field, "that.png", image_bytes())
    assert response.status_code == 302, response.content.decode()[:3000]
    assert target.rows() != before
    assert files_on_disk()


# Small files that decode into huge pictures -----------------------------------------------------


def stored_sizes():
    """(path, width×height) of every picture written: the stored image and its renditions."""
    sizes = {}
    for path in files_on_disk():
        with Image.open(path) as image:
            sizes[path] = image.size
    return sizes


@pytest.mark.parametrize("name", ["article photo", "worker portrait", "partner logo", "site logo"])
def test_a_tiny_png_that_decodes_into_49_megapixels_is_stored_at_the_size_pages_need(editor, name):
    # A 7000×7000 black-and-white scan: a few kilobytes, 49 million pixels once decoded.
    scan = png_of(7000, 7000, "1")
    assert len(scan) < 20_000
    target = image_targets()[name]
    data = {**form_fields(editor.get(target.url), target.form_id), **target.extra}
    before = target.rows()
    response = post_file(editor, target.url, data, target.field, "ban-quet.png", scan)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert target.rows() != before
    sizes = stored_sizes()
    stored = [size for path, size in sizes.items() if "renditions" not in path.parts]
    # The picture is kept no larger than any page shows it (twice the widest rendition), so
    # neither it nor the renditions made from it ever hold the whole bitmap again.
    assert stored == [(2560, 2560)]
    assert len(sizes) > 1
    assert all(max(size) <= 2560 for size in sizes.values())


def test_the_editors_image_upload_stores_a_tiny_png_of_49_megapixels_at_2560(editor):
    response = post_file(
        editor, "/ckeditor5/image_upload/", {}, "upload", "ban-quet.png", png_of(7000, 7000, "1")
    )
    assert response.status_code == 200, response.content
    assert json.loads(response.content)["url"].endswith(".png")
    assert list(stored_sizes().values()) == [(2560, 2560)]
