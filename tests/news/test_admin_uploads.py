"""An article's photos survive a form that comes back with an error: real multipart posts through
the admin, resubmitted as a browser sends the returned page (file inputs empty)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core import staging
from news.models import Article, Photo
from tests.factories import image_bytes, make_category, make_user
from tests.news.admin_helpers import (
    ADD_URL,
    article_form,
    form_errors,
    form_fields,
    inline_management,
    not_an_image_form,
    photo_fields,
)

pytestmark = pytest.mark.django_db

ALT_MISSING = "Hãy nhập mô tả ảnh (alt) cho ảnh này."


@pytest.fixture
def editor(client):
    user = make_user(is_staff=True, is_superuser=True, first_name="Biên tập")
    client.force_login(user)
    return user


def two_photos_without_alt(category):
    return article_form(
        category,
        status=Article.Status.DRAFT,
        **inline_management(2),
        **photo_fields(
            0,
            caption="Quang cảnh hội nghị ký kết",
            alt_text="",
            upload=SimpleUploadedFile("Hội nghị.jpg", image_bytes(1200, 800), "image/jpeg"),
            cover=True,
        ),
        **photo_fields(
            1,
            caption="Hai bên trao biên bản ký kết",
            alt_text="",
            upload=SimpleUploadedFile("trao.png", image_bytes(900, 600, image_format="PNG")),
        ),
    )


def staged_tokens(response):
    return dict(re.findall(r'name="(photos-\d-image__staged)" value="([^"]+)"', response.text))


def test_photos_are_kept_when_the_alt_text_is_forgotten_and_saved_with_the_fixed_form(
    client, editor
):
    category = make_category()
    response = client.post(ADD_URL, two_photos_without_alt(category))
    assert response.status_code == 200
    assert response.text.count(ALT_MISSING) == 2
    assert not Photo.objects.exists()
    # Both photos are shown as waiting to be saved, each with its thumbnail and name.
    tokens = staged_tokens(response)
    assert set(tokens) == {"photos-0-image__staged", "photos-1-image__staged"}
    assert "Hội nghị.jpg" in response.text and "trao.png" in response.text
    thumbnails = re.findall(r'<img src="(/quan-tri/tep-tam/[^"]+/)"', response.text)
    assert len(thumbnails) == 2
    # No preview points at renditions that do not exist yet (the broken picture once seen).
    assert "/media/" not in response.text
    thumb = client.get(thumbnails[0])
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    assert thumb.content.startswith(b"\xff\xd8")

    # The editor fills the alt texts and publishes; the browser sends no file this time.
    data = form_fields(response)
    assert not any(value for key, value in data.items() if key.endswith("-image"))
    data["photos-0-alt_text"] = "Đại biểu dự hội nghị"
    data["photos-1-alt_text"] = "Trao biên bản"
    data["_workflow"] = "publish"
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, form_errors(response)

    article = Article.objects.get()
    photos = list(article.photos.all())
    assert [p.alt_text for p in photos] == ["Đại biểu dự hội nghị", "Trao biên bản"]
    assert photos[0].is_cover and (photos[0].width, photos[0].height) == (1200, 800)
    assert photos[1].image.name.endswith(".png")
    for photo in photos:
        assert photo.image.storage.exists(photo.image.name)
        assert not photo.image.name.startswith(staging.FOLDER)
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Đại biểu dự hội nghị"' in page and 'alt="Trao biên bản"' in page
    assert photos[0].image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] in page


def test_staged_files_are_deleted_once_the_article_is_saved(
    client, editor, settings, django_capture_on_commit_callbacks
):
    category = make_category()
    response = client.post(ADD_URL, two_photos_without_alt(category))
    staged_folder = settings.PRIVATE_MEDIA_ROOT / staging.FOLDER
    assert len([p for p in staged_folder.rglob("*") if p.is_file()]) == 2
    data = form_fields(response)
    data["photos-0-alt_text"] = "Đại biểu"
    data["photos-1-alt_text"] = "Trao biên bản"
    # The test's transaction never commits: run the admin's commit hooks as a commit would.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(ADD_URL, data).status_code == 302
    assert Photo.objects.filter(image__startswith="news/").count() == 2
    assert not [p for p in staged_folder.rglob("*") if p.is_file()]


def test_a_photo_removed_or_replaced_before_resubmitting_is_not_saved(client, editor):
    category = make_category()
    response = client.post(ADD_URL, two_photos_without_alt(category))
    data = form_fields(response)
    data["photos-0-alt_text"] = "Ảnh thay"
    data["photos-0-image"] = SimpleUploadedFile("thay.jpg", image_bytes(640, 480), "image/jpeg")
    data["photos-1-alt_text"] = "Bỏ"
    data["photos-1-image__staged_clear"] = "on"
    data["photos-1-caption"] = "Chú thích chờ ảnh"
    assert client.post(ADD_URL, data).status_code == 302
    first, second = Article.objects.get().photos.all()
    assert (first.width, first.height) == (640, 480)
    assert not second.image


def test_another_user_cannot_claim_a_staged_photo(client, editor):
    category = make_category()
    response = client.post(ADD_URL, two_photos_without_alt(category))
    data = form_fields(response)
    data["photos-0-alt_text"] = "Đại biểu"
    data["photos-1-alt_text"] = "Trao biên bản"

    other = make_user(is_staff=True, is_superuser=True, username="nguoi-khac")
    client.force_login(other)
    assert client.post(ADD_URL, data).status_code == 302
    # The tokens were the first editor's: the other user's article has captions, no pictures.
    assert not Photo.objects.exclude(image="").exists()
    for token in staged_tokens(response).values():
        assert client.get(f"/quan-tri/tep-tam/{token}/").status_code == 404


def test_a_staged_photo_is_checked_again_when_it_is_claimed(client, editor, settings):
    category = make_category()
    response = client.post(ADD_URL, two_photos_without_alt(category))
    # The staged file changed on disk meanwhile (or was forged): the image pipeline refuses it.
    for path in (settings.PRIVATE_MEDIA_ROOT / staging.FOLDER).rglob("*.jpg"):
        path.write_bytes(b"<html><script>alert(1)</script></html>")
    data = form_fields(response)
    data["photos-0-alt_text"] = "Đại biểu"
    data["photos-1-alt_text"] = "Trao biên bản"
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Tệp này không phải là ảnh hợp lệ" in " ".join(form_errors(response))
    assert not Article.objects.exists()


def test_an_invalid_upload_is_not_staged(client, editor):
    response = client.post(ADD_URL, not_an_image_form(make_category(), "gia.jpg", b"not an image"))
    assert response.status_code == 200
    assert not staged_tokens(response)


def test_the_staged_thumbnail_is_for_staff_only(client, editor):
    response = client.post(ADD_URL, two_photos_without_alt(make_category()))
    token = staged_tokens(response)["photos-0-image__staged"]
    client.logout()
    answer = client.get(f"/quan-tri/tep-tam/{token}/")
    assert answer.status_code == 302 and "/login/" in answer["Location"]
