"""An exception in the middle of a save (the disk fails on the second photo, a log row cannot be
written) leaves the database exactly as it was: the admin and the services save in a transaction.
Nor does it leave a file behind: what the save wrote before the failure is deleted."""

from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models.signals import post_save
from django.test.client import BOUNDARY, encode_multipart

from agreements.models import Agreement, AgreementPartner
from core import renditions
from news import importer, workflow
from news.models import Article, ArticleEvent, Photo
from tests.factories import (
    image_bytes,
    make_article,
    make_category,
    make_editor,
    make_partner,
    make_photo,
    make_user,
    pdf_bytes,
)
from tests.news.admin_helpers import form_fields
from tests.security.test_backup import snapshot
from tests.security.test_uploads import files_on_disk

# No test transaction around the test: the code's own transaction is the only one, and a rollback
# is a real ROLLBACK.
pytestmark = pytest.mark.django_db(transaction=True)


class DiskFailure(OSError):
    pass


def tables():
    """Every row of every table, without the files (which the next assertions look at)."""
    return snapshot()[0]


class Disk:
    """The file system under the default storage, made to fail on demand."""

    def __init__(self):
        self.failing = True
        self.written = []


@pytest.fixture
def disk(monkeypatch):
    """While failing, the disk refuses the picture called "hong", after taking the others."""
    disk = Disk()
    save = FileSystemStorage._save

    def flaky_save(storage, name, content):
        if disk.failing and "/hong-" in name:
            raise DiskFailure("Ổ đĩa đầy")
        disk.written.append(name)
        return save(storage, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", flaky_save)
    return disk


def post_files(client, url, data, files):
    body = encode_multipart(
        BOUNDARY,
        {
            **data,
            **{
                field: SimpleUploadedFile(name, content) for field, (name, content) in files.items()
            },
        },
    )
    return client.post(url, body, content_type=f"multipart/form-data;boundary={BOUNDARY}")


def test_admin_save_of_an_article_and_its_photos_that_fails_midway_changes_nothing(visitor, disk):
    article = make_article(title="Tiêu đề trước khi sửa", tags=["công đoàn"])
    make_photo(article=article, caption="Ảnh đã có", is_cover=True)
    visitor.force_login(make_editor(username="bientap"))
    url = f"/quan-tri/news/article/{article.pk}/change/"
    data = form_fields(visitor.get(url), "article_form")
    # The article, its tags and its photo edited, and two photos added: the second fails on disk.
    data.update(
        {
            "title": "Tiêu đề sau khi sửa",
            "body": "<p>Nội dung mới.</p>",
            "tags": "công đoàn, thẻ mới",
            "photos-0-caption": "Chú thích đã sửa",
            "photos-TOTAL_FORMS": "3",
        }
    )
    for n, caption in [(1, "Ảnh mới thứ nhất"), (2, "Ảnh mới thứ hai")]:
        data.update(
            {
                f"photos-{n}-article": str(article.pk),
                f"photos-{n}-caption": caption,
                f"photos-{n}-alt_text": caption,
                f"photos-{n}-order": str(n),
            }
        )
    files = {
        "photos-1-image": ("tot.jpg", image_bytes()),
        "photos-2-image": ("hong.jpg", image_bytes(color=(200, 0, 0))),
    }
    before = tables()
    files_before = files_on_disk()

    response = post_files(visitor, url, data, files)

    assert response.status_code == 500
    # The article, its tags and the first new photo were saved before the failure…
    assert any("/tot-" in name for name in disk.written)
    # …and every row is as it was: the admin's transaction was rolled back as a whole…
    assert tables() == before
    assert Article.objects.get(pk=article.pk).title == "Tiêu đề trước khi sửa"
    # …and so are the files: the first new photo and its renditions were deleted again.
    assert files_on_disk() == files_before

    # The very same form saves once the disk works again: the failure, not the form, stopped it.
    disk.failing = False
    assert post_files(visitor, url, data, files).status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Tiêu đề sau khi sửa"
    assert Photo.objects.filter(article=article).count() == 3
    kept = {Path(photo.image.path) for photo in Photo.objects.filter(article=article)}
    assert kept < files_on_disk()
    assert any("renditions" in path.parts for path in files_on_disk() - files_before)


def test_publishing_that_fails_while_logging_leaves_the_article_unpublished():
    editor = make_editor(username="bientap")
    article = make_article(status=Article.Status.SUBMITTED, published_at=None)
    before = tables()

    def fail(sender, instance, **kwargs):
        raise RuntimeError("Không ghi được nhật ký duyệt bài")

    post_save.connect(fail, sender=ArticleEvent, dispatch_uid="test-fail-event")
    try:
        with pytest.raises(RuntimeError):
            workflow.publish(article=article, by=editor)
    finally:
        post_save.disconnect(dispatch_uid="test-fail-event", sender=ArticleEvent)

    assert tables() == before
    assert Article.objects.get(pk=article.pk).status == Article.Status.SUBMITTED
    assert not Article.objects.published().exists()


def test_an_import_that_fails_on_its_second_photo_leaves_no_article_behind():
    category = make_category(name="Tư liệu")
    text = (
        "Công đoàn ngành Giáo dục tổng kết năm học\n\n02:04, 08/04/2021\n\n"
        "(LĐ online) - Công đoàn ngành tổng kết hoạt động năm học.\n"
        "Đại biểu dự hội nghị\nĐại biểu dự hội nghị\n"
        "Hội nghị diễn ra tại hội trường.\n"
        "Khen thưởng các tập thể\nKhen thưởng các tập thể\n"
        "Nhiều tập thể được khen thưởng.\nD.QUỲNH\n"
    )
    parsed = importer.parse_article(text, filename="bai.txt")
    assert len(parsed.captions) == 2
    before = tables()
    saved = []

    def fail_on_second(sender, instance, created, **kwargs):
        saved.append(instance)
        if len(saved) == 2:
            raise RuntimeError("Mất kết nối giữa chừng")

    post_save.connect(fail_on_second, sender=Photo, dispatch_uid="test-fail-photo")
    try:
        with pytest.raises(RuntimeError):
            importer.import_article(parsed, status=Article.Status.DRAFT, category=category)
    finally:
        post_save.disconnect(dispatch_uid="test-fail-photo", sender=Photo)

    assert len(saved) == 2
    assert tables() == before
    assert not Article.objects.filter(title__startswith="Công đoàn ngành Giáo dục").exists()


def test_photos_saved_by_a_script_whose_transaction_fails_leave_no_file():
    # No request around it (a management command, an import): the files go with the rollback.
    article = make_article()
    before = tables()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_photo(article=article)
        make_photo(article=article, image=SimpleUploadedFile("b.png", image_bytes()))
        assert len(files_on_disk()) > 2  # two pictures and their renditions, written
        raise RuntimeError("Lỗi giữa chừng")
    assert tables() == before
    assert files_on_disk() == set()


def test_a_failed_savepoint_takes_its_files_and_the_rest_of_the_transaction_keeps_its_own():
    article = make_article()
    with transaction.atomic():
        kept = make_photo(article=article)
        with pytest.raises(RuntimeError), transaction.atomic():
            make_photo(article=article, image=SimpleUploadedFile("b.png", image_bytes()))
            raise RuntimeError("Lỗi ở ảnh thứ hai")
    assert list(Photo.objects.all()) == [kept]
    assert files_on_disk() == stored_with_renditions(kept.image, "photo")


def stored_with_renditions(fieldfile, profile):
    """The paths of a stored picture and of every rendition made of it."""
    paths = {Path(fieldfile.path)}
    for size in renditions.all_sizes(profile):
        for image_format in renditions.SPECS[size]:
            rendition = renditions.rendition_file(fieldfile, size, image_format)
            paths.add(Path(rendition.storage.path(rendition.name)))
    return paths


def test_an_agreement_whose_save_fails_after_its_pdf_was_written_leaves_no_pdf(visitor):
    partner = make_partner()
    visitor.force_login(make_user(username="quantri", is_staff=True, is_superuser=True))
    url = "/quan-tri/agreements/agreement/add/"
    data = form_fields(visitor.get(url), "agreement_form")
    data.update(
        {
            "title": "Chương trình phối hợp tuyên truyền 2026",
            "slug": "chuong-trinh-phoi-hop-tuyen-truyen-2026",
            "signed_on": "08/04/2026",
            "valid_from": "08/04/2026",
            "valid_until": "31/12/2027",
            "visibility": "public",
            "agreement_partners-TOTAL_FORMS": "1",
            "agreement_partners-0-partner": str(partner.pk),
            "agreement_partners-0-order": "0",
        }
    )
    files = {"document": ("van-ban-da-ky.pdf", pdf_bytes())}
    before = tables()

    def fail(sender, instance, **kwargs):
        raise RuntimeError("Mất kết nối khi lưu đối tác của chương trình")

    # The agreement (and its PDF) is saved first, its partners after: the failure comes between.
    post_save.connect(fail, sender=AgreementPartner, dispatch_uid="test-fail-partner")
    try:
        response = post_files(visitor, url, data, files)
    finally:
        post_save.disconnect(dispatch_uid="test-fail-partner", sender=AgreementPartner)

    assert response.status_code == 500
    assert tables() == before
    assert files_on_disk() == set()

    assert post_files(visitor, url, data, files).status_code == 302
    document = Agreement.objects.get().document
    assert files_on_disk() == {Path(document.path)}
