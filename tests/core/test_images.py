"""The image pipeline: what an upload must be, what is stored, and how pages point at it."""

import io
import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from PIL import Image

from core import images, renditions
from core.images import validate_image
from core.renditions import SOCIAL, picture_html, rendition_file
from news.models import Photo
from tests.factories import image_bytes, make_article, make_photo
from tests.security.bombs import png_of

pytestmark = pytest.mark.django_db

INVALID = "Tệp này không phải là ảnh hợp lệ"


def two_colour_jpeg(width=300, height=200, exif=None):
    """Left half red, right half blue: after a rotation the halves say which way it turned."""
    image = Image.new("RGB", (width, height), (220, 20, 20))
    image.paste((20, 20, 220), (width // 2, 0, width, height))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, **({"exif": exif} if exif is not None else {}))
    return buffer.getvalue()


def exif_with_gps(orientation=6):
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Máy ảnh của phóng viên"  # Make
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (11.0, 56.0, 25.0), 3: "E", 4: (108.0, 26.0, 30.0)})
    return exif


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()]


def photo_with(data, name="anh.jpg", **kw):
    """A Photo whose image is this upload, validated the way every form validates it."""
    photo = Photo(
        article=kw.pop("article", None) or make_article(),
        image=SimpleUploadedFile(name, data, content_type="image/jpeg"),
        alt_text="Ảnh thử",
        **kw,
    )
    photo.full_clean()
    return photo


PhotoForm = modelform_factory(Photo, fields=["image", "alt_text"])


def image_errors(data, name="anh.jpg"):
    """What an editor reads under the image field after uploading these bytes."""
    form = PhotoForm(data={"alt_text": "Ảnh thử"}, files={"image": SimpleUploadedFile(name, data)})
    assert not form.is_valid()
    return " ".join(form.errors["image"])


def model_errors(data, name="anh.jpg"):
    """The same check when code (an import, a script) builds the photo without a form."""
    with pytest.raises(ValidationError) as exc:
        photo_with(data, name)
    return " ".join(exc.value.message_dict["image"])


# What is stored -----------------------------------------------------------------------------------


def test_a_test_jpeg_really_carries_orientation_and_gps_before_upload():
    # Guard for the next test: the fixture itself must hold what the pipeline has to remove.
    with Image.open(io.BytesIO(two_colour_jpeg(exif=exif_with_gps()))) as original:
        exif = original.getexif()
        assert exif[0x0112] == 6
        assert exif.get_ifd(0x8825)[2] == (11.0, 56.0, 25.0)


def test_uploaded_photo_is_turned_upright_and_loses_gps_and_all_exif():
    data = two_colour_jpeg(exif=exif_with_gps())
    photo = photo_with(data)
    photo.save()

    raw = Path(photo.image.path).read_bytes()
    assert b"Exif" not in raw
    assert "Máy ảnh".encode() not in raw
    with Image.open(photo.image.path) as stored:
        assert stored.size == (200, 300)  # rotated: width and height swapped
        assert not stored.getexif()
        assert "exif" not in stored.info
        # Orientation 6 means "turn 90° clockwise": the red left half is now on top.
        red, _, blue = stored.convert("RGB").getpixel((100, 40))
        assert red > 150 and blue < 100
        red, _, blue = stored.convert("RGB").getpixel((100, 260))
        assert blue > 150 and red < 100
    assert (photo.width, photo.height) == (200, 300)


def test_no_rendition_carries_exif_either():
    photo = photo_with(two_colour_jpeg(exif=exif_with_gps()))
    photo.save()
    renditions = [p for p in stored_files() if "renditions" in p.parts]
    assert renditions
    for path in renditions:
        assert b"Exif" not in path.read_bytes(), path.name


def test_renditions_are_on_disk_in_webp_and_jpeg_right_after_save():
    photo = make_photo()
    names = {p.suffix for p in stored_files() if "renditions" in p.parts}
    assert {".webp", ".jpg"} <= names
    for size in renditions.all_sizes("photo"):
        for fmt in renditions.SPECS[size]:
            cached = rendition_file(photo.image, size, fmt)
            assert cached.storage.exists(cached.name), (size, fmt)


def test_social_rendition_is_exactly_1200_by_630_whatever_the_source():
    for width, height in [(1200, 800), (400, 900), (3000, 500)]:
        photo = make_photo(image=SimpleUploadedFile("x.jpg", image_bytes(width, height)))
        social = rendition_file(photo.image, SOCIAL)
        with Image.open(social.storage.path(social.name)) as image:
            assert image.size == (1200, 630)
            assert image.format == "JPEG"


def test_png_and_gif_uploads_are_stored_as_png_and_webp_as_webp():
    png = make_photo(image=SimpleUploadedFile("a.png", image_bytes(image_format="PNG")))
    gif = make_photo(image=SimpleUploadedFile("a.gif", image_bytes(image_format="GIF")))
    webp = make_photo(image=SimpleUploadedFile("a.webp", image_bytes(image_format="WEBP")))
    assert png.image.name.endswith(".png")
    assert gif.image.name.endswith(".png")
    assert webp.image.name.endswith(".webp")


def test_file_name_is_a_vietnamese_slug_whatever_the_upload_was_called():
    photo = make_photo(image=SimpleUploadedFile("Hội nghị Công đoàn.JPG", image_bytes()))
    name = Path(photo.image.name).name
    assert name.startswith("hoi-nghi-cong-doan-")
    assert name.endswith(".jpg")


@pytest.mark.parametrize(
    "name",
    [
        "../../../../etc/passwd.jpg",
        "..\\..\\..\\windows\\anh.jpg",
        "/tmp/tuyet-doi.jpg",
        "....//....//anh.jpg",
        "%2e%2e%2fanh.jpg",
        "./../.jpg",
    ],
)
def test_dots_and_slashes_in_the_upload_name_never_leave_media_root(name):
    photo = make_photo(image=SimpleUploadedFile(name, image_bytes()))
    root = Path(settings.MEDIA_ROOT).resolve()
    stored = Path(photo.image.path).resolve()
    assert stored.is_relative_to(root)
    assert ".." not in photo.image.name
    assert stored.parent == root / "news" / stored.parent.parent.name / stored.parent.name
    outside = [p for p in root.parent.rglob("*.jpg") if not p.resolve().is_relative_to(root)]
    assert outside == []


# What is refused ----------------------------------------------------------------------------------


def test_text_named_jpg_is_refused_with_a_vietnamese_reason():
    assert INVALID in image_errors(b"day khong phai la anh, chi la chu" * 20)
    assert INVALID in model_errors(b"day khong phai la anh, chi la chu" * 20)


def test_html_named_jpg_is_refused():
    assert INVALID in image_errors(b"<html><script>alert(1)</script></html>", "anh.jpg")


def test_empty_file_is_refused():
    with pytest.raises(ValidationError):
        validate_image(SimpleUploadedFile("rong.jpg", b""))


def test_truncated_jpeg_is_refused_before_it_can_break_the_save():
    noisy = Image.frombytes("RGB", (400, 300), os.urandom(400 * 300 * 3))
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=90)
    data = buffer.getvalue()
    for fraction in (0.3, 0.6, 0.95):
        assert INVALID in image_errors(data[: int(len(data) * fraction)])
        assert INVALID in model_errors(data[: int(len(data) * fraction)])
    assert Photo.objects.count() == 0


def test_svg_is_refused_even_when_named_jpg():
    svg = (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"'
        b' onload="alert(1)"><rect width="100" height="100"/></svg>'
    )
    assert INVALID in image_errors(svg, "logo.svg")
    assert INVALID in image_errors(svg, "logo.jpg")


def test_tiff_is_refused_with_the_format_named():
    message = image_errors(image_bytes(image_format="TIFF"), "anh.tif")
    assert "TIFF" in message
    assert "không được hỗ trợ" in message


def test_a_tiny_image_is_refused():
    assert "Ảnh quá nhỏ" in image_errors(image_bytes(8, 8))


def png_declaring(width, height):
    """A real small PNG whose header then claims another size (with a valid CRC)."""
    data = bytearray(image_bytes(32, 32, image_format="PNG"))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def test_png_that_declares_a_gigantic_size_is_refused_as_a_bomb():
    message = image_errors(png_declaring(100_000, 100_000), "bom.png")
    assert "bất thường" in message


def test_image_over_the_pixel_limit_is_refused_as_a_bomb(monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 100 * 100)
    assert "bất thường" in image_errors(image_bytes(200, 200))
    assert "bất thường" in model_errors(image_bytes(200, 200))
    validate_image(SimpleUploadedFile("nho.jpg", image_bytes(90, 90)))


def test_file_over_the_size_limit_is_refused_with_its_size(monkeypatch):
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 2 * 1024 * 1024)
    big = Image.frombytes("RGB", (1400, 1000), os.urandom(1400 * 1000 * 3))
    buffer = io.BytesIO()
    big.save(buffer, "PNG")
    assert len(buffer.getvalue()) > 2 * 1024 * 1024
    message = image_errors(buffer.getvalue(), "lon.png")
    assert "Ảnh quá lớn" in message
    assert "tối đa là 2 MB" in message
    assert "Ảnh quá lớn" in model_errors(buffer.getvalue(), "lon.png")


def gif_with_script():
    buffer = io.BytesIO()
    Image.new("P", (64, 64), 3).save(buffer, "GIF", comment=b"<script>alert(1)</script>")
    return buffer.getvalue() + b"<script>alert(2)</script>"


def jpeg_with_script_in_comment():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 200, 10)).save(
        buffer, "JPEG", comment=b"<script>alert(document.cookie)</script>"
    )
    return buffer.getvalue() + b"<html><script>alert(3)</script></html>"


@pytest.mark.parametrize(
    "name,data",
    [("anh.gif", gif_with_script()), ("anh.jpg", jpeg_with_script_in_comment())],
    ids=["gif", "jpeg-comment"],
)
def test_image_html_polyglot_is_stored_without_its_script(name, data):
    assert b"<script" in data
    try:
        photo = photo_with(data, name)
    except ValidationError:
        return  # refusing it is as good as cleaning it
    photo.save()
    files = stored_files()
    assert files
    for path in files:
        assert b"<script" not in path.read_bytes().lower(), path.name


# How pages point at it ----------------------------------------------------------------------------


def test_picture_html_has_webp_and_jpeg_srcsets_dimensions_and_lazy_loading():
    photo = make_photo(alt_text="Đoàn viên nhận quà")
    html = picture_html(photo.image, "photo", "card", alt=photo.alt_text)
    assert html.startswith("<picture>")
    assert '<source type="image/webp" srcset="' in html
    webp = html.split('type="image/webp" srcset="')[1].split('"')[0]
    assert webp.count(".webp ") == 2
    assert "320w" in webp and "640w" in webp
    jpeg = html.split('<img src="')[1]
    assert ".jpg 320w" in jpeg and ".jpg 640w" in jpeg
    assert 'width="320" height="180"' in html
    assert 'loading="lazy"' in html
    assert 'alt="Đoàn viên nhận quà"' in html


def test_picture_for_the_first_screen_is_not_lazy():
    photo = make_photo()
    html = picture_html(photo.image, "photo", "wide", lazy=False)
    assert 'loading="lazy"' not in html
    assert 'fetchpriority="high"' in html


def test_wide_picture_keeps_the_aspect_ratio_of_the_upload():
    photo = make_photo(image=SimpleUploadedFile("a.jpg", image_bytes(1600, 900)))
    html = picture_html(photo.image, "photo", "wide")
    assert 'width="800" height="450"' in html
    assert "1200w" in html


def test_picture_html_escapes_the_alt_text():
    photo = make_photo(alt_text='"><script>alert(1)</script>')
    html = picture_html(photo.image, "photo", "card", alt=photo.alt_text)
    assert "<script>" not in html
    assert "&quot;&gt;&lt;script&gt;" in html


def test_picture_html_renders_without_touching_any_file():
    photo = make_photo()
    reloaded = Photo.objects.get(pk=photo.pk)
    shutil.rmtree(settings.MEDIA_ROOT)
    html = picture_html(reloaded.image, "photo", "wide", alt="x")
    assert 'width="800" height="533"' in html
    assert ".webp 800w" in html and ".jpg 1200w" in html
    assert reloaded.social_url.endswith(".jpg")
    assert not Path(settings.MEDIA_ROOT).exists()


def test_no_picture_for_a_photo_without_an_image():
    photo = make_photo(with_image=False)
    assert picture_html(photo.image, "photo") == ""
    assert photo.social_url == ""


def test_a_stored_photo_is_not_read_again_when_its_record_is_checked():
    photo = Photo.objects.get(pk=make_photo().pk)
    photo.caption = "Chú thích mới"
    photo.full_clean()  # the stored file is closed; validating it again must not fail
    Path(photo.image.path).unlink()
    photo.full_clean()  # nor need the file at all


# What decoding costs ------------------------------------------------------------------------------


def test_a_tiny_png_that_would_decode_into_200_mb_is_refused_with_its_size_and_the_limit():
    transparent = png_of(7000, 7000, "RGBA")
    assert len(transparent) < 1024 * 1024
    for message in (image_errors(transparent, "a.png"), model_errors(transparent, "a.png")):
        assert "Ảnh 7000×7000 điểm ảnh (49 megapixel) quá lớn để xử lý" in message
        assert "với loại ảnh này (PNG có nền trong suốt) tối đa là 15,7 megapixel" in message
        assert "cạnh dài 2560 điểm ảnh" in message


def test_the_same_pixels_in_black_and_white_cost_a_fifth_and_are_accepted():
    # What decoding costs decides, not the pixel count: one byte a pixel instead of four, and
    # no alpha to premultiply.
    validate_image(SimpleUploadedFile("scan.png", png_of(7000, 7000, "1")))
    validate_image(SimpleUploadedFile("xam.png", png_of(7000, 7000, "L")))


def test_a_progressive_jpeg_costs_its_whole_frame_where_a_baseline_one_decodes_at_half_size():
    def jpeg(**options):
        buffer = io.BytesIO()
        Image.new("RGB", (6000, 4000), (120, 60, 30)).save(buffer, "JPEG", **options)
        return buffer.getvalue()

    validate_image(SimpleUploadedFile("a.jpg", jpeg()))
    message = image_errors(jpeg(progressive=True, subsampling=0))
    assert "Ảnh 6000×4000 điểm ảnh (24 megapixel) quá lớn để xử lý" in message
    assert "(JPEG)" in message


def test_a_large_photo_is_stored_upright_at_2560_on_its_longest_side():
    photo = photo_with(two_colour_jpeg(3000, 2000, exif=exif_with_gps(orientation=6)))
    photo.save()
    with Image.open(photo.image.path) as stored:
        assert stored.size == (1707, 2560)  # halved by the decoder, then resampled, then turned
        red, _, blue = stored.convert("RGB").getpixel((850, 300))
        assert red > 150 and blue < 100
        red, _, blue = stored.convert("RGB").getpixel((850, 2260))
        assert blue > 150 and red < 100
    assert (photo.width, photo.height) == (1707, 2560)
    assert 'width="800" height="1200"' in picture_html(photo.image, "photo", "wide")


def test_a_black_and_white_scan_is_stored_grey_and_a_transparent_gif_keeps_its_alpha():
    scan = photo_with(png_of(3000, 100, "1"), "scan.png")
    scan.save()
    with Image.open(scan.image.path) as stored:
        assert (stored.mode, stored.size) == ("L", (2560, 85))
    buffer = io.BytesIO()
    gif = Image.new("P", (64, 64), 1)
    gif.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    gif.paste(0, (0, 0, 32, 64))
    gif.save(buffer, "GIF", transparency=0)
    logo = photo_with(buffer.getvalue(), "logo.gif")
    logo.save()
    with Image.open(logo.image.path) as stored:
        assert stored.format == "PNG" and stored.mode == "RGBA"
        assert stored.getpixel((10, 10))[3] == 0
        assert stored.getpixel((50, 10)) == (200, 0, 0, 255)


def test_an_animated_gif_is_stored_as_its_first_frame_only():
    frames = [Image.new("P", (200, 200), n) for n in range(1, 41)]
    for n, frame in enumerate(frames):
        frame.putpalette([n * 6, 0, 0] * 256)
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=40)
    photo = photo_with(buffer.getvalue(), "dong.gif")
    photo.save()
    with Image.open(photo.image.path) as stored:
        assert stored.format == "PNG"
        assert getattr(stored, "n_frames", 1) == 1


def test_a_photo_a_topic_and_a_portrait_give_their_pictures_the_same_way(db):
    """core.renditions.Pictured: each model names its field, alt text and profile; the card, wide
    and social pictures come from them, with each model's own sizes and loading."""
    from core.renditions import picture_html, social_url
    from tests.factories import image_upload, make_topic, make_worker

    photo = make_photo()
    topic = make_topic(picture=image_upload(name="chuyen-de.jpg"), picture_alt="Tháng Công nhân")
    worker = make_worker(portrait=image_upload(name="chan-dung.jpg"), portrait_alt="Chân dung")
    assert photo.card_html() == picture_html(
        photo.image,
        "photo",
        "card",
        alt="Đại biểu dự hội nghị",
        sizes="(min-width: 900px) 360px, 100vw",
        lazy=True,
    )
    assert photo.wide_html(lazy=False) == picture_html(
        photo.image,
        "photo",
        "wide",
        alt="Đại biểu dự hội nghị",
        sizes="(min-width: 900px) 780px, 100vw",
        lazy=False,
    )
    assert 'alt="Tháng Công nhân"' in topic.card_html(
        sizes="120px"
    ) and 'sizes="120px"' in topic.card_html(sizes="120px")
    assert 'loading="lazy"' not in topic.wide_html()  # a topic's picture heads its page
    assert 'loading="lazy"' in photo.wide_html()
    assert worker.card_html() == picture_html(
        worker.portrait,
        "portrait",
        "card",
        alt="Chân dung",
        sizes="(min-width: 900px) 240px, 50vw",
        lazy=True,
    )
    assert worker.card_html().startswith("<picture>")
    for item, field in [(photo, photo.image), (topic, topic.picture), (worker, worker.portrait)]:
        assert item.social_url == social_url(field) != ""
