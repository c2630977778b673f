"""The demo's pictures: no word on them that a crop of the site cuts."""

import io

import pytest
from PIL import Image, ImageDraw

from demo import images

LONG = "Viết tin – chụp ảnh – lan tỏa: một dòng chữ thật dài trên phông nền hội nghị"


@pytest.fixture
def drawn_text(monkeypatch):
    """The box of every piece of text drawn, in the picture's own pixels."""
    boxes = []
    original = ImageDraw.ImageDraw.text

    def text(self, xy, content, *args, **kwargs):
        boxes.append((self.im.size, self.textbbox(xy, content, font=kwargs.get("font"))))
        return original(self, xy, content, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", text)
    return boxes


def inside(box, area):
    return area[0] <= box[0] and area[1] <= box[1] and box[2] <= area[2] and box[3] <= area[3]


def centre_crop(size, ratio):
    width, height = size
    if width / height > ratio:
        keep = height * ratio
        return ((width - keep) / 2, 0, (width + keep) / 2, height)
    keep = width / ratio
    return (0, (height - keep) / 2, width, (height + keep) / 2)


@pytest.mark.parametrize("kind", ["hall", "stage", "banner"])
@pytest.mark.parametrize("seed", range(6))
def test_text_on_a_photo_survives_every_crop_the_site_makes(drawn_text, kind, seed):
    images.scene(kind, f"essai-{seed}", text=LONG)
    assert drawn_text, "no text was drawn"
    for size, box in drawn_text:
        for ratio in images.PHOTO_CROPS:
            assert inside(box, centre_crop(size, ratio)), (kind, seed, ratio, box)


def test_text_on_a_logo_survives_the_share_picture_crop(drawn_text):
    images.logo("bao-lam-dong", "BLĐ")
    for size, box in drawn_text:
        for ratio in images.LOGO_CROPS:
            assert inside(box, centre_crop(size, ratio)), (ratio, box)


def test_portraits_carry_no_text(drawn_text):
    data = images.portrait("nguyen-thi-hoa")
    assert drawn_text == []
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.size == images.PORTRAIT_SIZE


def test_the_safe_area_is_what_the_narrowest_crop_keeps():
    x0, y0, x1, y1 = images.safe_area((1200, 675), margin=0)
    # A phone's 4:3 top story keeps the middle 900 px of a 1200 px wide photo.
    assert (round(x0), round(x1)) == (150, 1050)
    # The 1200×630 share picture keeps all but 22.5 px at the top and the bottom.
    assert (round(y0, 1), round(y1, 1)) == (22.5, 652.5)
