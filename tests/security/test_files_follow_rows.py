"""Files follow their rows: a deleted row or a replaced file takes its file and renditions with it,
once the transaction has committed, and never a file that a row still names."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from agreements.models import Agreement
from core import files
from federation.models import SiteProfile
from federation.workers.models import ExemplaryWorker
from news.models import Photo
from tests.factories import (
    image_bytes,
    make_agreement,
    make_article,
    make_partner,
    make_photo,
    make_photo_like,
    make_user,
    make_worker,
    pdf_bytes,
)
from tests.news.admin_helpers import form_fields
from tests.security.test_interrupted_save import post_files, stored_with_renditions
from tests.security.test_uploads import files_on_disk

# Real commits: the files go after them, and a test transaction never commits.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def admin(client):
    client.force_login(make_user(username="quantri", is_staff=True, is_superuser=True))
    return client


def pdf(name="van-ban.pdf", pages=1):
    return SimpleUploadedFile(name, pdf_bytes(pages), content_type="application/pdf")


def picture(name="anh.jpg", color=(20, 90, 160)):
    return SimpleUploadedFile(name, image_bytes(color=color), content_type="image/jpeg")


# Deleted rows --------------------------------------------------------------------------------------


def test_purging_the_trash_deletes_the_photos_and_all_their_renditions(time_machine):
    start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    time_machine.move_to(start)
    old = make_article(title="Bỏ vào thùng rác từ lâu")
    photos = [make_photo(article=old), make_photo(article=old, image=picture("b.jpg"))]
    alive = make_photo()
    old.trash()
    kept = stored_with_renditions(alive.image, "photo")
    assert files_on_disk() == kept | {
        path for photo in photos for path in stored_with_renditions(photo.image, "photo")
    }

    time_machine.move_to(start + dt.timedelta(days=31))
    call_command("purge_trash", stdout=StringIO())

    assert not Photo.objects.filter(article=old).exists()
    assert files_on_disk() == kept


def test_a_deleted_photo_keeps_its_files_until_the_transaction_commits():
    photo = make_photo()
    stored = stored_with_renditions(photo.image, "photo")
    with transaction.atomic():
        photo.delete()
        # Not yet committed: another request still reads the row, and its pictures.
        assert files_on_disk() == stored
    assert files_on_disk() == set()


def test_a_deletion_that_rolls_back_keeps_the_files():
    photo = make_photo()
    pk = photo.pk
    stored = stored_with_renditions(photo.image, "photo")
    with pytest.raises(RuntimeError), transaction.atomic():
        photo.delete()
        raise RuntimeError("Lỗi sau khi xóa")
    assert Photo.objects.filter(pk=pk).exists()
    assert files_on_disk() == stored


def test_a_photo_deleted_in_the_article_admin_takes_its_files(admin):
    article = make_article()
    gone = make_photo(article=article, caption="Ảnh bị xóa")
    kept = make_photo(article=article, caption="Ảnh giữ lại", image=picture("b.jpg"))
    url = f"/quan-tri/news/article/{article.pk}/change/"
    data = form_fields(admin.get(url), "article_form")
    index = next(n for n in range(2) if data[f"photos-{n}-id"] == str(gone.pk))
    data[f"photos-{index}-DELETE"] = "on"

    assert admin.post(url, data).status_code == 302

    assert list(Photo.objects.filter(article=article)) == [kept]
    assert files_on_disk() == stored_with_renditions(kept.image, "photo")


def test_deleting_an_agreement_in_the_admin_deletes_its_signed_pdf(admin):
    agreement = make_agreement(document=pdf())
    other = make_agreement(document=pdf("khac.pdf"))
    assert len(files_on_disk()) == 2
    url = f"/quan-tri/agreements/agreement/{agreement.pk}/delete/"

    assert admin.post(url, {"post": "yes"}).status_code == 302

    assert not Agreement.objects.filter(pk=agreement.pk).exists()
    assert files_on_disk() == {Path(other.document.path)}


def test_a_file_that_another_row_still_names_stays_until_the_last_row_goes():
    photo = make_photo()
    twin = make_photo_like(photo, article=make_article())
    stored = stored_with_renditions(photo.image, "photo")
    photo.delete()
    assert files_on_disk() == stored
    twin.delete()
    assert files_on_disk() == set()


# Replaced files ------------------------------------------------------------------------------------


def test_a_replaced_agreement_pdf_leaves_the_private_folder(admin):
    agreement = make_agreement(partners=[make_partner()], document=pdf("ban-cu.pdf"))
    old = Path(agreement.document.path)
    url = f"/quan-tri/agreements/agreement/{agreement.pk}/change/"
    data = form_fields(admin.get(url), "agreement_form")

    response = post_files(admin, url, data, {"document": ("ban-moi.pdf", pdf_bytes(2))})

    assert response.status_code == 302, response.content.decode()[:2000]
    agreement.refresh_from_db()
    assert (
        agreement.document.name.startswith("agreements/") and "ban-moi" in agreement.document.name
    )
    assert not old.exists()
    assert files_on_disk() == {Path(agreement.document.path)}


def test_a_photo_replaced_in_the_article_admin_takes_its_renditions_with_it(admin):
    article = make_article()
    photo = make_photo(article=article)
    old = stored_with_renditions(photo.image, "photo")
    url = f"/quan-tri/news/article/{article.pk}/change/"
    data = form_fields(admin.get(url), "article_form")

    response = post_files(
        admin, url, data, {"photos-0-image": ("moi.jpg", image_bytes(color=(200, 0, 0)))}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    photo.refresh_from_db()
    assert "moi-" in photo.image.name
    assert files_on_disk() == stored_with_renditions(photo.image, "photo")
    assert not old & files_on_disk()


@pytest.mark.parametrize(
    "make,field,profile",
    [
        (lambda: make_worker(portrait=picture()), "portrait", "portrait"),
        (lambda: make_partner(logo=picture()), "logo", "logo"),
        (lambda: SiteProfile.objects.create(name="Liên đoàn", logo=picture()), "logo", "logo"),
    ],
    ids=["worker portrait", "partner logo", "site logo"],
)
def test_a_replaced_portrait_or_logo_takes_its_renditions_with_it(make, field, profile):
    row = make()
    old = stored_with_renditions(getattr(row, field), profile)
    assert files_on_disk() == old

    setattr(row, field, picture("moi.jpg", color=(0, 120, 0)))
    row.save()

    assert files_on_disk() == stored_with_renditions(getattr(row, field), profile)
    assert not old & files_on_disk()


def test_a_cleared_portrait_is_deleted():
    worker = make_worker(portrait=picture())
    worker.portrait = None
    worker.save()
    assert files_on_disk() == set()
    assert not ExemplaryWorker.objects.get(pk=worker.pk).portrait


# History -------------------------------------------------------------------------------------------


def test_reverting_to_a_version_whose_pdf_was_replaced_keeps_the_current_pdf(admin):
    agreement = make_agreement(title="Tên lúc đầu", document=pdf("ban-cu.pdf"))
    agreement.title = "Tên mới"
    agreement.document = pdf("ban-moi.pdf", pages=2)
    agreement.save()
    current = agreement.document.name
    assert files_on_disk() == {Path(agreement.document.path)}
    first = agreement.history.order_by("history_date").first()
    assert "ban-cu" in first.document  # the old version still names the deleted file
    url = f"/quan-tri/agreements/agreement/{agreement.pk}/history/{first.history_id}/"
    data = form_fields(admin.get(url), "historicalagreement_form")
    assert data["title"] == "Tên lúc đầu"

    assert admin.post(url, data).status_code == 302

    agreement.refresh_from_db()
    assert agreement.title == "Tên lúc đầu"
    # The text went back; the file stays the current one instead of pointing at nothing.
    assert agreement.document.name == current
    assert files_on_disk() == {Path(agreement.document.path)}


def test_a_commit_hook_that_fails_before_ours_does_not_cost_a_committed_photo_its_files():
    def fail():
        raise RuntimeError("Gửi thông báo thất bại")

    with pytest.raises(RuntimeError), transaction.atomic():
        transaction.on_commit(fail)
        photo = make_photo()
    # Committed, then Django dropped the hooks after the failing one, ours among them.
    assert Photo.objects.filter(pk=photo.pk).exists()
    stored = stored_with_renditions(photo.image, "photo")
    assert files_on_disk() == stored
    files.delete_unheld()
    assert files_on_disk() == stored
