"""The renditions of a picture (WebP and JPEG at a few widths, and a 1200×630 social preview):
written once, from the picture in memory, when the image is saved (core.images); a page only
computes their URLs and the <picture> element."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFill, ResizeToFit
from imagekit.utils import process_image


@dataclass(frozen=True)
class Size:
    """One rendition: crop to exactly width×height, or fit within width (height=None)."""

    width: int
    height: int | None = None


class Rendition(ImageSpec):
    size = Size(0)
    options = {"quality": 80}

    def __init__(self, source, image=None):
        super().__init__(source)
        # The source already decoded (right after an upload): every rendition is made from it
        # instead of decoding the stored file once per rendition.
        self.image = image

    def generate(self):
        if self.image is None:
            return super().generate()
        image = self.image
        if self.size.height:
            # A crop to an exact size: box-reduce a large source first, to twice the size the
            # resampling needs, as Pillow's reducing_gap does (the processors' LANCZOS over the
            # whole source is most of the time a rendition takes).
            cover = max(self.size.width / image.width, self.size.height / image.height)
            factor = int(1 / (2 * cover))
            if factor >= 2:
                image = image.reduce(factor)
        return process_image(
            image,
            processors=self.processors,
            format=self.format,
            autoconvert=self.autoconvert,
            options=self.options,
        )

    @property
    def processors(self):
        if self.size.height:
            return [ResizeToFill(self.size.width, self.size.height)]
        return [ResizeToFit(width=self.size.width, upscale=False)]


def _spec(size, image_format):
    options = {"quality": 80} if image_format == "WEBP" else {"quality": 82, "progressive": True}
    return type(
        f"Rendition{size.width}x{size.height or 0}{image_format}",
        (Rendition,),
        {"size": size, "format": image_format, "options": options},
    )


# Each kind of picture, the widths that pages ask for, by use. Cropped sizes keep one aspect ratio
# per use so that a srcset can switch between them.
PROFILES = {
    "photo": {
        "card": [Size(320, 180), Size(640, 360)],
        "wide": [Size(800), Size(1200)],
    },
    "portrait": {
        "card": [Size(240, 300), Size(480, 600)],
        "wide": [Size(480, 600), Size(720, 900)],
    },
    "logo": {
        "card": [Size(96, 96), Size(192, 192)],
        "wide": [Size(240), Size(480)],
    },
}
SOCIAL = Size(1200, 630)
SPECS = {
    size: {fmt: _spec(size, fmt) for fmt in ("WEBP", "JPEG")}
    for sizes in PROFILES.values()
    for group in sizes.values()
    for size in group
}
SPECS.setdefault(SOCIAL, {"JPEG": _spec(SOCIAL, "JPEG")})


def rendition_file(fieldfile, size, image_format="JPEG"):
    return ImageCacheFile(SPECS[size][image_format](source=fieldfile))


# imagekit names a rendition by hashing a pickle of its spec (about half a millisecond, in pure
# Python), and a list page asks for some eighty names. The name only depends on the source file's
# name and the spec, so each URL is computed once per process.
_RENDITION_URLS = {}
_RENDITION_URLS_MAX = 50_000


def rendition_url(fieldfile, size, image_format="JPEG"):
    key = (getattr(fieldfile.storage, "base_url", None), fieldfile.name, size, image_format)
    url = _RENDITION_URLS.get(key)
    if url is None:
        if len(_RENDITION_URLS) >= _RENDITION_URLS_MAX:
            _RENDITION_URLS.clear()
        url = _RENDITION_URLS[key] = rendition_file(fieldfile, size, image_format).url
    return url


def all_sizes(profile):
    sizes = {size for group in PROFILES[profile].values() for size in group}
    return sorted(sizes, key=lambda s: (s.width, s.height or 0)) + [SOCIAL]


def generate_renditions(fieldfile, profile, image=None):
    """Write every rendition of an image. Called once, when the image is saved, with the picture
    itself when the caller has it in memory."""
    if not fieldfile:
        return
    for size in all_sizes(profile):
        for spec in SPECS[size].values():
            ImageCacheFile(spec(source=fieldfile, image=image)).generate(force=True)


def social_url(fieldfile):
    """The 1200×630 JPEG for og:image (relative; pages make it absolute)."""
    return rendition_url(fieldfile, SOCIAL) if fieldfile else ""


@dataclass
class Picture:
    """What a template needs to write a responsive <picture>."""

    webp_srcset: str
    jpeg_srcset: str
    src: str
    width: int
    height: int


def _scaled(size, source_width, source_height):
    if size.height:
        return size.width, size.height
    if not source_width or not source_height:
        return size.width, round(size.width * 2 / 3)
    width = min(size.width, source_width)
    return width, round(source_height * width / source_width)


def picture(fieldfile, profile, use="card"):
    """URLs and dimensions of an image's renditions for one use, without touching the disk."""
    if not fieldfile:
        return None
    field = fieldfile.field
    instance = fieldfile.instance
    source_width = getattr(instance, field.width_field, None) if field.width_field else None
    source_height = getattr(instance, field.height_field, None) if field.height_field else None
    sizes = PROFILES[profile][use]
    webp, jpeg = [], []
    dimensions = []
    for size in sizes:
        width, height = _scaled(size, source_width, source_height)
        dimensions.append((width, height))
        webp.append(f"{rendition_url(fieldfile, size, 'WEBP')} {width}w")
        jpeg.append(f"{rendition_url(fieldfile, size, 'JPEG')} {width}w")
    width, height = dimensions[0]
    return Picture(
        webp_srcset=", ".join(webp),
        jpeg_srcset=", ".join(jpeg),
        src=jpeg[0].rsplit(" ", 1)[0],
        width=width,
        height=height,
    )


def picture_html(fieldfile, profile, use="card", alt="", sizes="100vw", lazy=True, css_class=""):
    pic = picture(fieldfile, profile, use)
    if pic is None:
        return ""
    extra = format_html_join(
        "",
        ' {}="{}"',
        [
            (name, value)
            for name, value in [
                ("loading", "lazy" if lazy else ""),
                ("decoding", "async"),
                ("fetchpriority", "" if lazy else "high"),
                ("class", css_class),
            ]
            if value
        ],
    )
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}></picture>',
        pic.webp_srcset,
        sizes,
        pic.src,
        pic.jpeg_srcset,
        sizes,
        pic.width,
        pic.height,
        alt,
        extra,
    )


class Pictured:
    """A model shown by one picture: its card, wide and social renditions, from its own field.

    The model names the field, its alt text's field and the profile (core.images): the card and
    wide pictures then come the same way for a photo, a topic or a worker's portrait."""

    PICTURE_FIELD = "image"
    PICTURE_ALT_FIELD = "alt_text"
    PICTURE_PROFILE = "photo"
    CARD_SIZES = "(min-width: 900px) 360px, 100vw"
    WIDE_SIZES = "(min-width: 900px) 780px, 100vw"
    WIDE_LAZY = True

    def _picture(self, use, sizes, lazy):
        fieldfile = getattr(self, self.PICTURE_FIELD)
        alt = getattr(self, self.PICTURE_ALT_FIELD)
        return picture_html(fieldfile, self.PICTURE_PROFILE, use, alt=alt, sizes=sizes, lazy=lazy)

    def card_html(self, lazy=True, sizes=None):
        return self._picture("card", sizes or self.CARD_SIZES, lazy)

    def wide_html(self, lazy=None):
        return self._picture("wide", self.WIDE_SIZES, self.WIDE_LAZY if lazy is None else lazy)

    @property
    def social_url(self):
        return social_url(getattr(self, self.PICTURE_FIELD))
