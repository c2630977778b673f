"""One image pipeline for news photos, worker portraits and partner logos.

An upload is validated by its content (and refused, from its header, when decoding it would cost
too much memory), turned upright by its EXIF orientation, stripped of every metadata field (GPS
above all) and re-encoded no larger than 2560 px. Its renditions are written once, from the picture in
memory, when the image is saved (core.renditions).
"""

import io
import re
import uuid
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from imagekit.cachefiles import ImageCacheFile
from PIL import Image, ImageOps, UnidentifiedImageError

from core import private_files
from core.files import TrackedFieldFile
from core.renditions import SPECS, all_sizes, generate_renditions
from core.text import slugify_vi

MAX_UPLOAD_BYTES = getattr(settings, "IMAGE_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
# Larger than any camera photo editors upload (a 50-megapixel frame), far below a decompression bomb.
MAX_PIXELS = getattr(settings, "IMAGE_MAX_PIXELS", 60_000_000)
# The memory that turning one upload into the stored picture may take. A few kilobytes can decode
# into hundreds of megabytes (a flat 7000×7000 PNG), so the limit is on what decoding will cost,
# computed from the header before any pixel is read; with it, no upload costs a worker more than
# 3 s and 200 MB (bench/upload_cost.py).
MAX_DECODE_BYTES = getattr(settings, "IMAGE_MAX_DECODE_BYTES", 150 * 1024 * 1024)
# The stored picture's longest side: twice the widest rendition, for sharp screens (WordPress keeps
# originals to the same 2560). Keeping the camera's full frame would make every rendition decode it.
MAX_STORED_SIDE = 2560
MIN_SIDE = 16
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "png", "MPO": "jpg"}
# An image/HTML polyglot: a picture that is also a page or a script, should a browser ever be made
# to read it as one. Markers long enough never to turn up by chance in compressed picture data.
MARKUP = re.compile(
    rb"<(?:script|iframe|object|embed|html|body)[\s/>]|<!doctype\s+html|<\?php|javascript:", re.I
)


def _has_markup(upload):
    upload.seek(0)
    tail = b""
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        if MARKUP.search(tail + chunk):
            return True
        tail = chunk[-32:]
    return False


def _stored_size(width, height):
    """The size an upload is kept at: never larger than MAX_STORED_SIDE on its longest side."""
    scale = min(1, MAX_STORED_SIDE / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _jpeg_scale(width, height):
    """The 1/1, 1/2, 1/4 or 1/8 scale that libjpeg decodes at to reach the stored size (what
    Pillow's draft() picks)."""
    target_width, target_height = _stored_size(width, height)
    fit = min(width // target_width, height // target_height)
    return next(scale for scale in (8, 4, 2, 1) if fit >= scale)


def _jpeg_holds_every_coefficient(upload, components):
    """True when libjpeg keeps the DCT coefficients of the whole frame in memory while decoding,
    at any scale: a progressive JPEG, or a sequential one whose first scan lacks a component."""
    where = upload.tell()
    upload.seek(0)
    data = upload.read()
    upload.seek(where)
    position = 2
    while position + 4 < len(data):
        if data[position] != 0xFF:
            return False  # not a marker: the decoder will refuse the file anyway
        marker = data[position + 1]
        if marker == 0xFF:
            position += 1
        elif marker in (0xC2, 0xC6, 0xCA, 0xCE):  # progressive frame headers
            return True
        elif marker == 0xDA:  # the first scan
            return data[position + 4] < components
        else:
            position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    return False


# Peak memory per decoded pixel, from bench/upload_cost.py: Pillow keeps RGB as four bytes;
# resampling a picture with alpha premultiplies it into a second full-size copy; a palette
# picture is converted to RGB(A) before it can be resampled; libwebp decodes through a canvas.
BYTES_PER_PIXEL = {"grey": 2, "colour": 6, "alpha": 10, "webp": 17}


def decoding_cost(image, upload):
    """The bytes of memory that turning this opened (not yet decoded) upload into the stored
    picture will take, from its header alone."""
    width, height = image.size
    pixels = width * height
    if image.format in ("JPEG", "MPO"):
        scale = _jpeg_scale(width, height)
        cost = pixels // scale**2 * BYTES_PER_PIXEL["colour"]
        layers = getattr(image, "layer", [])
        if layers and _jpeg_holds_every_coefficient(upload, len(layers)):
            h_max = max(h for _, h, _, _ in layers)
            v_max = max(v for _, _, v, _ in layers)
            sampled = sum(h * v for _, h, v, _ in layers) / (h_max * v_max)
            cost += int(pixels * sampled * 2)  # 16-bit coefficients
        return cost
    if image.format == "WEBP":
        return pixels * BYTES_PER_PIXEL["webp"]
    if _has_alpha(image) or image.mode not in ("1", "L", "P", "RGB"):
        return pixels * BYTES_PER_PIXEL["alpha"]
    return pixels * BYTES_PER_PIXEL["grey" if image.mode in ("1", "L") else "colour"]


def _megapixels(pixels):
    text = f"{pixels / 1_000_000:.1f}".removesuffix(".0")
    return text.replace(".", ",")


def _has_alpha(image):
    return image.mode in ("LA", "PA", "RGBA") or "transparency" in image.info


def _too_costly(image, cost):
    width, height = image.size
    kind = {"WEBP": "WebP", "MPO": "JPEG"}.get(image.format, image.format)
    kind += " có nền trong suốt" if _has_alpha(image) else ""
    # The largest picture of this kind that fits: the cost grows with the pixels.
    largest = min(MAX_PIXELS, width * height * MAX_DECODE_BYTES // cost)
    return ValidationError(
        "Ảnh %(w)s×%(h)s điểm ảnh (%(mp)s megapixel) quá lớn để xử lý: với loại ảnh này "
        "(%(format)s) tối đa là %(max)s megapixel. Hãy thu nhỏ ảnh, ví dụ còn cạnh dài "
        "%(side)s điểm ảnh (đủ cho mọi cỡ hiển thị trên trang), rồi tải lên lại.",
        code="image_too_costly",
        params={
            "w": width,
            "h": height,
            "mp": _megapixels(width * height),
            "format": kind,
            "max": _megapixels(largest),
            "side": MAX_STORED_SIDE,
        },
    )


def validate_image(upload):
    """Refuse anything that is not a real, reasonably sized raster image, whatever its name says."""
    # A stored file passed this check when it was uploaded (and is closed by now): only new
    # uploads are read, or every later edit of the record would fail here.
    if upload is None or getattr(upload, "_committed", False):
        return
    private_files.refuse_oversized(
        upload,
        MAX_UPLOAD_BYTES,
        "Ảnh quá lớn (%(size)s MB). Dung lượng tối đa là %(max)s MB.",
        "image_too_large",
    )
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Image.open reads the header only: nothing below decodes a pixel before the format,
            # the pixel count and the cost are known to be acceptable.
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise Image.DecompressionBombError
                if image_format not in ACCEPTED_FORMATS:
                    raise ValidationError(
                        "Định dạng ảnh %(format)s không được hỗ trợ (chỉ nhận JPEG, PNG, WebP "
                        "hoặc GIF).",
                        code="image_format",
                        params={"format": image_format or "?"},
                    )
                cost = decoding_cost(image, upload)
                if cost > MAX_DECODE_BYTES:
                    raise _too_costly(image, cost)
                image.verify()
            # verify() reads no pixels, so a JPEG cut short passes it; decode them all here, or
            # the re-encoding on save fails with a server error. A JPEG decodes at 1/8 of its
            # size: every coefficient is still read, so a cut is still found.
            upload.seek(0)
            with Image.open(upload) as image:
                image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            "Ảnh có kích thước điểm ảnh bất thường (quá %(max)s triệu điểm ảnh), có thể là tệp "
            "độc hại. Hãy thu nhỏ ảnh rồi tải lên lại.",
            code="image_bomb",
            params={"max": MAX_PIXELS // 1_000_000},
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "Tệp này không phải là ảnh hợp lệ (chỉ nhận JPEG, PNG, WebP hoặc GIF).",
            code="image_invalid",
        ) from exc
    finally:
        upload.seek(0)
    # A real picture that also carries a page or a script: re-encoding would drop it, but the
    # editor should know that the file is not what it seems.
    if _has_markup(upload):
        upload.seek(0)
        raise ValidationError(
            "Tệp ảnh có chứa mã HTML hoặc JavaScript, có thể là tệp độc hại. Hãy mở ảnh bằng phần "
            "mềm xem ảnh, lưu lại thành JPEG hoặc PNG rồi tải lên.",
            code="image_markup",
        )
    upload.seek(0)
    if min(width, height) < MIN_SIDE:
        raise ValidationError(
            "Ảnh quá nhỏ (%(w)s×%(h)s điểm ảnh).",
            code="image_small",
            params={"w": width, "h": height},
        )


def _resamplable(image):
    """The picture in the cheapest mode that resampling handles without loss: black and white
    as grey, a palette as RGB, a transparent colour as an alpha channel."""
    transparent = "transparency" in image.info
    if image.mode in ("1", "L") and transparent:
        return image.convert("LA")
    if image.mode == "1":
        return image.convert("L")
    if (image.mode in ("P", "RGB") and transparent) or image.mode == "PA":
        return image.convert("RGBA")
    if image.mode == "P":
        return image.convert("RGB")
    if image.mode in ("L", "LA", "RGB", "RGBA", "CMYK") or image.format in ("JPEG", "MPO"):
        return image
    return image.convert("RGBA")


@dataclass
class CleanImage:
    """An upload made safe to store: its bytes, a safe file name, and the picture in memory (the
    renditions are made from it, without decoding the stored file again)."""

    content: ContentFile
    name: str
    image: Image.Image


def clean_image(upload, name):
    """Re-encode an upload upright, without metadata, no larger than MAX_STORED_SIDE."""
    upload.seek(0)
    with Image.open(upload) as original:
        image_format = original.format
        size = _stored_size(*original.size)
        # A JPEG decodes straight at 1/2, 1/4 or 1/8 of its size when that is still large enough.
        original.draft(original.mode, size)
        original.load()
        image = _resamplable(original)
        if image.size != size:
            image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        elif image is original:
            image = original.copy()
    # The orientation is read from the metadata the picture still carries, then the picture turns.
    ImageOps.exif_transpose(image, in_place=True)
    extension = ACCEPTED_FORMATS[image_format]
    # Pillow carries some metadata (a JPEG comment, for one) over into the new file, and a comment
    # may hold HTML for an image/HTML polyglot: only the pixels (and their alpha) go through.
    image.info = {}
    buffer = io.BytesIO()
    if extension == "jpg":
        if image.mode != "RGB":
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=88, optimize=True, progressive=True)
    elif extension == "webp":
        image.save(buffer, "WEBP", quality=88)
    else:
        # zlib's default effort takes seconds on a 2560 px picture with noise in it, for a file
        # hardly smaller than this level's.
        image.save(buffer, "PNG", compress_level=3)
    stem = slugify_vi(PurePath(name or "anh").stem, max_length=60) or "anh"
    return CleanImage(
        ContentFile(buffer.getvalue()), f"{stem}-{uuid.uuid4().hex[:8]}.{extension}", image
    )


def clean_image_content(upload, name):
    """Re-encode an upload upright and without metadata; returns (ContentFile, safe file name)."""
    cleaned = clean_image(upload, name)
    return cleaned.content, cleaned.name


# The model field ---------------------------------------------------------------------------------


class CleanImageFormField(forms.ImageField):
    """Runs the pipeline's checks before Django's own, so that a form says why (too large, a
    decompression bomb) instead of Django's generic "not a valid image"."""

    def to_python(self, data):
        if data not in self.empty_values:
            validate_image(data)
        return super().to_python(data)


class CleanImageFieldFile(TrackedFieldFile, ImageFieldFile):
    pass


class CleanImageField(models.ImageField):
    """An ImageField that runs the whole pipeline: validate, fix orientation, strip, render."""

    attr_class = CleanImageFieldFile

    # A class attribute, not an addition in __init__: Field.validators is a cached property, and
    # reading it there to check for the validator cached the list without it, so it never ran.
    default_validators = [validate_image]

    def __init__(self, *args, profile="photo", **kwargs):
        self.profile = profile
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CleanImageFormField, **kwargs})

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["profile"] = self.profile
        return name, path, args, kwargs

    def delete_stored_file(self, name):
        """Delete a stored picture and every rendition made of it (core.files)."""
        source = self.attr_class(None, self, name)
        for size in all_sizes(self.profile):
            for spec in SPECS[size].values():
                rendition = ImageCacheFile(spec(source=source))
                rendition.storage.delete(rendition.name)
        self.storage.delete(name)

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        is_new_upload = bool(file) and not file._committed
        cleaned = None
        if is_new_upload:
            cleaned = clean_image(file.file, file.name)
            file.save(cleaned.name, cleaned.content, save=False)
        file = super().pre_save(model_instance, add)
        if cleaned is not None:
            self.update_dimension_fields(model_instance, force=True)
            generate_renditions(file, self.profile, image=cleaned.image)
        return file
