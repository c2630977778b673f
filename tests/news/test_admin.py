"""The editors' workplace: publishing through the real admin forms, preview, and image upload."""

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from news.models import Article, Photo
from tests.factories import (
    image_bytes,
    make_article,
    make_category,
    make_photo,
    make_photo_like,
    make_user,
)
from tests.news.admin_helpers import (
    actions,
    article_form,
    inline_management,
    not_an_image_form,
    photo_fields,
)

pytestmark = pytest.mark.django_db

ADD_URL = "/quan-tri/news/article/add/"
LIST_URL = "/quan-tri/news/article/"
UPLOAD_URL = "/ckeditor5/image_upload/"


@pytest.fixture
def editor(client):
    user = make_user(is_staff=True, is_superuser=True, first_name="Biên tập")
    client.force_login(user)
    return user


def form_errors(response):
    """What the admin shows in red, for a readable failure message."""
    html = response.content.decode()
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)


# Publishing through the forms ---------------------------------------------------------------------


def test_article_published_through_the_admin_appears_everywhere(client, editor):
    category = make_category(name="Hoạt động công đoàn")
    data = article_form(
        category,
        **inline_management(2),
        **photo_fields(
            0,
            caption="Quang cảnh hội nghị ký kết",
            alt_text="Đại biểu dự hội nghị",
            credit="Minh Anh",
            upload=SimpleUploadedFile("Hội nghị.jpg", image_bytes(1200, 800), "image/jpeg"),
            cover=True,
        ),
        **photo_fields(
            1,
            caption="Hai bên trao biên bản ký kết",
            alt_text="Trao biên bản",
            upload=SimpleUploadedFile("trao.png", image_bytes(900, 600, image_format="PNG")),
        ),
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, form_errors(response)

    article = Article.objects.get()
    assert article.slug == "hoi-nghi-ky-ket-chuong-trinh-phoi-hop-tuyen-truyen-nam-2021"
    assert article.created_by == editor
    assert article.is_public
    assert "<script>" not in article.body
    assert sorted(article.tags.names()) == ["Công đoàn", "Truyền thông"]
    assert "truyen thong" in article.search_text
    photos = list(article.photos.all())
    assert [p.caption for p in photos] == [
        "Quang cảnh hội nghị ký kết",
        "Hai bên trao biên bản ký kết",
    ]
    assert photos[0].is_cover and photos[0].width == 1200
    assert photos[1].image.name.endswith(".png")

    page = client.get(article.get_absolute_url()).content.decode()
    assert article.title in page
    assert "<figcaption>Quang cảnh hội nghị ký kết" in page
    assert "Ảnh: Minh Anh" in page
    assert "<figcaption>Hai bên trao biên bản ký kết" in page
    assert 'alt="Đại biểu dự hội nghị"' in page
    assert "D.QUỲNH" in page and "(LĐ online)" in page
    assert "<h2>Nội dung phối hợp</h2>" in page

    feed = ET.fromstring(client.get("/tin-tuc/rss/").content)
    (item,) = feed.find("channel").findall("item")
    assert item.findtext("title") == article.title
    assert item.find("enclosure").get("url").startswith("http://testserver/media/")

    sitemap = client.get("/sitemap-tin-tuc.xml").content.decode()
    assert f"<loc>http://testserver{article.get_absolute_url()}</loc>" in sitemap

    for query in ["hội nghị ký kết", "truyen thong", "D.QUỲNH"]:
        found = client.get("/tim-kiem/", {"q": query}).content.decode()
        assert f'href="{article.get_absolute_url()}"' in found, query


def test_draft_saved_in_the_admin_stays_off_the_site(client, editor):
    category = make_category()
    response = client.post(ADD_URL, article_form(category, status=Article.Status.DRAFT))
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert article.published_at is None
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get("/tin-tuc/").content.decode()


def test_photo_without_alt_text_is_refused_in_vietnamese(client, editor):
    category = make_category()
    data = article_form(
        category,
        **inline_management(1),
        **photo_fields(
            0,
            caption="Ảnh chưa có mô tả",
            alt_text="",
            upload=SimpleUploadedFile("anh.jpg", image_bytes(), "image/jpeg"),
        ),
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Hãy nhập mô tả ảnh (alt) cho ảnh này." in response.content.decode()
    assert not Article.objects.exists()
    assert not Photo.objects.exists()


def test_non_image_uploaded_as_photo_is_refused_in_vietnamese(client, editor):
    data = not_an_image_form(make_category(), "anh.jpg", b"<html><script>alert(1)</script>")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Tệp này không phải là ảnh hợp lệ" in response.content.decode()
    assert not Article.objects.exists()


def test_taking_down_before_publishing_is_refused_in_vietnamese(client, editor):
    category = make_category()
    data = article_form(
        category,
        published_at_0="08/04/2021",
        published_at_1="02:04",
        unpublish_at_0="01/04/2021",
        unpublish_at_1="00:00",
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Thời điểm tự gỡ phải sau thời điểm đăng." in response.content.decode()


def test_published_article_slug_is_editable_and_says_the_old_address_redirects(client, editor):
    article = make_article(title="Bài đã đăng")
    html = client.get(f"/quan-tri/news/article/{article.pk}/change/").content.decode()
    assert 'name="slug" value="bai-da-dang"' in html
    assert "địa chỉ cũ tự chuyển" in html


# The add form and the list ------------------------------------------------------------------------


NODE = shutil.which("node")


def run_page_scripts(html, names, expression):
    """Run some of a page's scripts in Node, in the page's order, then evaluate an expression
    after DOMContentLoaded, as a browser would when the editor starts typing."""
    sources = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
    files = []
    for src in sources:
        if src.endswith(names):
            if src.startswith("/static/admin/"):
                files.append(Path(django.__file__).parent / "contrib/admin/static" / src[8:])
            else:
                files.append(Path(settings.BASE_DIR) / src.lstrip("/"))
    script = f"""
        const handlers = [];
        globalThis.window = globalThis;
        globalThis.document = {{ addEventListener: (name, fn) => name === "DOMContentLoaded" && handlers.push(fn) }};
        for (const file of {json.dumps([str(f) for f in files])}) require(file);
        handlers.forEach(fn => fn());
        console.log(JSON.stringify({expression}));
    """
    out = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return [f.name for f in files], json.loads(out.stdout)


@pytest.mark.skipif(NODE is None, reason="cần Node.js để chạy mã JavaScript của trang quản trị")
@pytest.mark.parametrize(
    "url", [ADD_URL, "/quan-tri/news/category/add/", "/quan-tri/news/tag/add/"]
)
def test_slug_prefills_right_for_vietnamese_whatever_order_the_admin_loads_scripts(
    client, editor, url
):
    html = client.get(url).content.decode()
    loaded, slug = run_page_scripts(
        html,
        ("admin/js/urlify.js", "js/admin-slug.js"),
        'URLify("Hoạt động Công đoàn Lâm Đồng", 50)',
    )
    assert sorted(loaded) == ["admin-slug.js", "urlify.js"]
    assert slug == "hoat-dong-cong-doan-lam-dong"


def test_add_form_declares_the_slug_prefill_and_the_preview_button(client, editor):
    html = client.get(ADD_URL).content.decode()
    assert "js/admin-slug.js" in html
    prepopulated = re.search(r'data-prepopulated-fields="([^"]+)"', html).group(1)
    assert "#id_slug" in prepopulated.replace("&quot;", '"')
    assert "#id_title" in prepopulated.replace("&quot;", '"')
    assert 'name="_preview"' in html and "Xem trước" in actions(html)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?status__exact=published",
        "?status__exact=draft",
        "?category__id__exact={category}",
        "?featured__exact=1",
        "?featured__exact=0",
        "?anh=thieu",
        "?published_at__gte=2021-04-01&published_at__lt=2021-05-01",
        "?published_at__isnull=True",
        "?published_at__year=2021",
        "?published_at__year=2021&published_at__month=4",
        "?q=cong+doan",
        "?q=C%C3%B4ng+%C4%91o%C3%A0n",
        "?o=4",
        "?o=-5",
    ],
)
def test_article_list_loads_with_every_filter_and_search(client, editor, query):
    article = make_article(title="Công đoàn ngành Giáo dục", featured=True)
    make_photo(article=article)
    make_photo(article=make_article(title="Bài thiếu ảnh"), with_image=False)
    make_article(title="Bản nháp", status=Article.Status.DRAFT, published_at=None)
    response = client.get(LIST_URL + query.format(category=article.category_id))
    assert response.status_code == 200
    assert "errornote" not in response.content.decode()


def test_article_list_search_and_missing_photo_filter_find_the_right_rows(client, editor):
    union = make_article(title="Công đoàn ngành Giáo dục")
    make_photo(article=union)
    missing = make_article(title="Bài thiếu ảnh")
    make_photo(article=missing, with_image=False)
    for query in ["?q=cong+doan", "?q=C%C3%B4ng+%C4%91o%C3%A0n"]:
        html = client.get(LIST_URL + query).content.decode()
        assert union.title in html and missing.title not in html, query
    html = client.get(LIST_URL + "?anh=thieu").content.decode()
    assert missing.title in html and union.title not in html
    assert "thiếu ảnh" in html


def test_article_list_shows_thumbnail_category_status_time_and_byline(client, editor):
    # 20:30 UTC is already the next morning in Lâm Đồng: the list shows the site's time.
    published = dt.datetime(2026, 3, 1, 20, 30, tzinfo=dt.UTC)
    article = make_article(title="Tin có ảnh", byline="D.QUỲNH", published_at=published)
    make_photo(article=article)
    html = client.get(LIST_URL).content.decode()
    (row,) = [r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if "Tin có ảnh" in r]
    assert "<picture>" in row
    assert article.category.name in row
    assert "Đã đăng" in row
    assert "D.QUỲNH" in row
    # Date over time, in a narrow column.
    assert '02/03/2026<br><span class="quiet">03:30</span>' in row


def test_article_list_takes_the_same_queries_for_1_and_50_articles(client, editor):
    picture = make_photo(article=make_article(title="Ảnh gốc"))
    category = make_category()

    def count():
        client.get(LIST_URL)  # the first visit creates the site profile; count the next one
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST_URL).status_code == 200
        return len(queries.captured_queries)

    small = count()
    for _ in range(49):
        article = make_article(category=category, tags=["Công đoàn", "Đoàn viên", "Báo chí"])
        make_photo_like(picture, article=article)
        make_photo_like(picture, article=article, order=1)
    assert count() == small


# Preview ------------------------------------------------------------------------------------------


def test_save_and_preview_shows_the_unpublished_article_with_a_banner(client, editor):
    category = make_category()
    data = article_form(category, status=Article.Status.DRAFT, _preview="Lưu và xem trước")
    response = client.post(ADD_URL, data)
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/xem-truoc/tin-tuc/{article.pk}/"

    preview = client.get(response["Location"])
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Bản xem trước" in html
    assert "(nháp)" in html
    assert article.title in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "data-view-beacon" not in html  # previews are not reads
    cache_control = preview["Cache-Control"]
    for directive in ["no-cache", "no-store", "must-revalidate", "private"]:
        assert directive in cache_control


def test_save_and_preview_from_the_change_form(client, editor):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    data = article_form(article.category, title=article.title, slug=article.slug, status="draft")
    data["_preview"] = "Lưu và xem trước"
    response = client.post(f"/quan-tri/news/article/{article.pk}/change/", data)
    assert response.status_code == 302, form_errors(response)
    assert response["Location"] == f"/xem-truoc/tin-tuc/{article.pk}/"


def test_visitors_cannot_preview(client):
    article = make_article(title="Bài chờ duyệt bí mật", status=Article.Status.SUBMITTED)
    response = client.get(f"/xem-truoc/tin-tuc/{article.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/quan-tri/login/")
    client.force_login(make_user())  # logged in, but not staff
    response = client.get(f"/xem-truoc/tin-tuc/{article.pk}/")
    assert response.status_code == 302
    assert "Bài chờ duyệt bí mật" not in response.content.decode()


def test_preview_of_a_missing_article_is_404(client, editor):
    assert client.get("/xem-truoc/tin-tuc/999999/").status_code == 404


# CKEditor image upload ----------------------------------------------------------------------------


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(0x8825).update({1: "N", 2: (11.0, 56.0, 25.0), 3: "E", 4: (108.0, 26.0, 30.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 40, 40)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def upload(client, data, name="anh.jpg"):
    return client.post(UPLOAD_URL, {"upload": SimpleUploadedFile(name, data, "image/jpeg")})


def test_visitors_cannot_upload_editor_images(client):
    response = upload(client, image_bytes())
    assert response.status_code == 403
    assert response.json() == {"error": {"message": "Bạn không có quyền tải ảnh lên."}}
    client.force_login(make_user())
    assert upload(client, image_bytes()).status_code == 403
    assert not (Path(settings.MEDIA_ROOT) / "editor").exists()


def test_inactive_staff_cannot_upload(client):
    client.force_login(make_user(is_staff=True, is_active=False))
    assert upload(client, image_bytes()).status_code == 403


def test_editor_upload_refuses_get(client, editor):
    assert client.get(UPLOAD_URL).status_code == 405


@pytest.mark.parametrize(
    "data",
    [
        b"chi la chu, khong phai anh",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        image_bytes(400, 300)[:300],  # cut short
    ],
    ids=["chu", "svg", "cut-ngan"],
)
def test_editor_upload_refuses_non_images_in_vietnamese(client, editor, data):
    response = upload(client, data)
    assert response.status_code == 400
    assert "Tệp này không phải là ảnh hợp lệ" in response.json()["error"]["message"]
    assert not (Path(settings.MEDIA_ROOT) / "editor").exists()


def test_editor_upload_without_a_file_says_so(client, editor):
    response = client.post(UPLOAD_URL, {})
    assert response.status_code == 400
    assert response.json() == {"error": {"message": "Chưa chọn tệp ảnh."}}


def test_editor_upload_stores_a_clean_image_and_returns_its_url(client, editor):
    response = upload(client, jpeg_with_gps(), name="../../Ảnh hội nghị.jpg")
    assert response.status_code == 200
    url = response.json()["url"]
    assert re.fullmatch(r"/media/editor/\d{4}/\d{2}/anh-hoi-nghi-[0-9a-f]{8}\.jpg", url), url
    path = (Path(settings.MEDIA_ROOT) / url.removeprefix("/media/")).resolve()
    assert path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    raw = path.read_bytes()
    assert b"Exif" not in raw
    with Image.open(path) as image:
        assert image.size == (200, 300)
        assert not image.getexif()
    # What CKEditor then writes into the body survives the sanitizer.
    figure = f'<figure class="image"><img src="{url}" alt="Hội nghị"></figure>'
    article = make_article(body=figure)
    assert Article.objects.get(pk=article.pk).body == figure


def test_editor_upload_answers_in_json_the_way_ckeditor_expects(client, editor):
    response = upload(client, image_bytes())
    assert response["Content-Type"] == "application/json"
    assert set(json.loads(response.content)) == {"url"}


def change_form(article, photos, **overrides):
    """The change form's data as the browser sends it back, photos included."""
    data = article_form(
        article.category,
        title=article.title,
        lead=article.lead,
        body=article.body,
        byline=article.byline,
        tags=", ".join(article.tags.names()),
        status=article.status,
        **{
            "photos-TOTAL_FORMS": str(len(photos)),
            "photos-INITIAL_FORMS": str(len(photos)),
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
        },
    )
    local = timezone.localtime(article.published_at)
    data["published_at_0"] = f"{local:%d/%m/%Y}"
    data["published_at_1"] = f"{local:%H:%M:%S}"
    for i, photo in enumerate(photos):
        data.update(
            {
                f"photos-{i}-id": str(photo.pk),
                f"photos-{i}-article": str(article.pk),
                f"photos-{i}-caption": photo.caption,
                f"photos-{i}-alt_text": photo.alt_text,
                f"photos-{i}-credit": photo.credit,
                f"photos-{i}-order": str(photo.order),
            }
        )
    data.update(overrides)
    return data


def test_editing_a_caption_keeps_the_stored_image_untouched(client, editor):
    article = make_article(title="Bài có ảnh")
    photo = make_photo(article=article)
    name, stat = photo.image.name, Path(photo.image.path).stat().st_mtime_ns
    data = change_form(article, [photo], **{"photos-0-caption": "Chú thích đã sửa"})
    response = client.post(f"/quan-tri/news/article/{article.pk}/change/", data)
    assert response.status_code == 302, form_errors(response)
    photo.refresh_from_db()
    assert photo.caption == "Chú thích đã sửa"
    assert photo.image.name == name
    assert Path(photo.image.path).stat().st_mtime_ns == stat


def test_replacing_a_photo_runs_the_new_upload_through_the_pipeline(client, editor):
    article = make_article(title="Bài thay ảnh")
    photo = make_photo(article=article)
    old_name = photo.image.name
    data = change_form(
        article,
        [photo],
        **{"photos-0-image": SimpleUploadedFile("moi.jpg", image_bytes(640, 960), "image/jpeg")},
    )
    response = client.post(f"/quan-tri/news/article/{article.pk}/change/", data)
    assert response.status_code == 302, form_errors(response)
    photo.refresh_from_db()
    assert photo.image.name != old_name
    assert (photo.width, photo.height) == (640, 960)
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'width="640" height="960"' in html


def test_deleting_a_photo_in_the_admin_removes_it_from_the_page(client, editor):
    article = make_article(title="Bài xóa ảnh")
    keep = make_photo(article=article, caption="Ảnh giữ lại", order=0)
    drop = make_photo(article=article, caption="Ảnh bị xóa", order=1)
    data = change_form(article, [keep, drop], **{"photos-1-DELETE": "on"})
    response = client.post(f"/quan-tri/news/article/{article.pk}/change/", data)
    assert response.status_code == 302, form_errors(response)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Ảnh giữ lại" in html
    assert "Ảnh bị xóa" not in html


def test_two_covers_in_one_article_are_refused_in_vietnamese(client, editor):
    category = make_category()
    data = article_form(
        category,
        **inline_management(2),
        **photo_fields(
            0,
            caption="Một",
            alt_text="Một",
            upload=SimpleUploadedFile("a.jpg", image_bytes()),
            cover=True,
        ),
        **photo_fields(
            1,
            caption="Hai",
            alt_text="Hai",
            upload=SimpleUploadedFile("b.jpg", image_bytes()),
            cover=True,
        ),
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert not Article.objects.exists()
    assert "Mỗi bài chỉ có một ảnh đại diện." in response.content.decode()


@pytest.mark.parametrize("new_cover", [0, 1])
def test_moving_the_cover_to_another_photo_takes_one_save(client, editor, new_cover):
    article = make_article(title="Bài đổi ảnh đại diện")
    first = make_photo(article=article, caption="Ảnh một", order=0, is_cover=new_cover == 1)
    second = make_photo_like(first, caption="Ảnh hai", order=1, is_cover=new_cover == 0)
    photos = [first, second]
    data = change_form(article, photos, **{f"photos-{new_cover}-is_cover": "on"})
    response = client.post(f"/quan-tri/news/article/{article.pk}/change/", data)
    assert response.status_code == 302, form_errors(response)
    assert Article.objects.get(pk=article.pk).cover == photos[new_cover]


def test_deleting_the_cover_and_choosing_another_takes_one_save(client, editor):
    article = make_article(title="Bài xóa ảnh đại diện")
    first = make_photo(article=article, caption="Ảnh một", order=0)
    second = make_photo_like(first, caption="Ảnh hai", order=1, is_cover=True)
    data = change_form(
        article, [first, second], **{"photos-0-is_cover": "on", "photos-1-DELETE": "on"}
    )
    response = client.post(f"/quan-tri/news/article/{article.pk}/change/", data)
    assert response.status_code == 302, form_errors(response)
    assert list(Photo.objects.filter(article=article)) == [first]
    assert Photo.objects.get(pk=first.pk).is_cover
