"""Pleasant, seeded illustrations for the demo content: scenes for news photos, avatars, logos.

Everything is drawn with Pillow from simple shapes, so the demo needs no stock photos and no
network. The same seed always gives the same picture; different seeds give different ones. Each
function returns JPEG bytes, ready for a CleanImageField (wrap them in a ContentFile).
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

# The union palette (the site's own colours) and a few companions.
BLUE = (11, 79, 156)
BLUE_DARK = (6, 46, 94)
RED = (196, 22, 28)
GOLD = (255, 210, 63)
WHITE = (255, 255, 255)
CREAM = (250, 244, 228)

# 16:9 like the card renditions, and as wide as the widest one: no pixel is drawn in vain.
PHOTO_SIZE = (1200, 675)
PORTRAIT_SIZE = (720, 900)
LOGO_SIZE = (512, 512)

# The shapes the site crops a picture to (core.images: the 16:9 cards, the 1200×630 share picture,
# square logos; static/css/site.css: the 16:10 thumbnails and a phone's 4:3 top story). Text on a
# picture stays inside what every one of them keeps, so that no crop cuts a word.
PHOTO_CROPS = (16 / 9, 16 / 10, 4 / 3, 1200 / 630)
LOGO_CROPS = (1, 1200 / 630)


def safe_area(size, crops=PHOTO_CROPS, margin=0.03):
    """The box (x0, y0, x1, y1) that a centred crop to each of these aspect ratios keeps."""
    width, height = size
    ratio = width / height
    keep_w = min(1, *(crop / ratio for crop in crops))
    keep_h = min(1, *(ratio / crop for crop in crops))
    side_x = width * ((1 - keep_w) / 2 + margin)
    side_y = height * ((1 - keep_h) / 2 + margin)
    return (side_x, side_y, width - side_x, height - side_y)


def _inside(box, area):
    """The part of a text box inside the safe area."""
    return (max(box[0], area[0]), max(box[1], area[1]), min(box[2], area[2]), min(box[3], area[3]))


# Skies by time of day: (top, middle, horizon).
SKIES = [
    ((38, 92, 168), (120, 176, 226), (222, 236, 246)),  # clear morning
    ((62, 72, 140), (214, 128, 140), (255, 200, 150)),  # dawn over the lake
    ((26, 58, 112), (236, 142, 84), (255, 214, 130)),  # golden evening
    ((70, 130, 190), (168, 206, 234), (236, 244, 248)),  # highland noon
    ((88, 110, 150), (170, 182, 204), (226, 224, 226)),  # misty Đà Lạt morning
]
GREENS = [(34, 86, 60), (28, 74, 52), (46, 104, 66), (24, 64, 58), (58, 112, 72)]


# Small helpers ----------------------------------------------------------------------------------


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=False))


def _shade(color, factor):
    return tuple(max(0, min(255, round(c * factor))) for c in color)


def _gradient(size, stops, horizontal=False):
    """A linear gradient through (position 0..1, colour) stops, built one line and stretched."""
    width, height = size
    length = width if horizontal else height
    strip = Image.new("RGB", (length, 1))
    pixels = strip.load()
    for i in range(length):
        t = i / max(1, length - 1)
        for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
            if p0 <= t <= p1:
                pixels[i, 0] = _mix(c0, c1, (t - p0) / max(1e-6, p1 - p0))
                break
    if horizontal:
        return strip.resize(size, Image.Resampling.BILINEAR)
    return strip.transpose(Image.Transpose.ROTATE_270).resize(size, Image.Resampling.BILINEAR)


def _glow(image, center, radius, color, strength=0.7):
    """A soft halo, drawn small and blurred, then scaled up: cheap even on large images."""
    scale = 8
    width, height = image.size
    small = Image.new("L", (width // scale + 1, height // scale + 1), 0)
    cx, cy, r = center[0] / scale, center[1] / scale, radius / scale
    ImageDraw.Draw(small).ellipse((cx - r, cy - r, cx + r, cy + r), fill=round(255 * strength))
    mask = small.filter(ImageFilter.GaussianBlur(r * 0.6)).resize(
        image.size, Image.Resampling.BILINEAR
    )
    image.paste(Image.new("RGB", image.size, color), (0, 0), mask)


def _mist(image, y, thickness, color=(240, 240, 240), strength=0.45):
    scale = 8
    width, height = image.size
    small = Image.new("L", (width // scale + 1, height // scale + 1), 0)
    ImageDraw.Draw(small).rectangle(
        (0, (y - thickness / 2) / scale, width, (y + thickness / 2) / scale),
        fill=round(255 * strength),
    )
    mask = small.filter(ImageFilter.GaussianBlur(thickness / scale / 2)).resize(
        image.size, Image.Resampling.BILINEAR
    )
    image.paste(Image.new("RGB", image.size, color), (0, 0), mask)


def _finish(image, rng, grain=0.035, vignette=0.22):
    """A touch of grain and a soft vignette: what keeps flat shapes from looking like clip art."""
    width, height = image.size
    if vignette:
        radial = Image.radial_gradient("L").resize((width, height), Image.Resampling.BILINEAR)
        mask = radial.point(lambda v: 0 if v < 150 else min(255, round((v - 150) * 2.4 * vignette)))
        image.paste(Image.new("RGB", image.size, (10, 14, 24)), (0, 0), mask)
    if grain:
        # From the seeded generator, not Image.effect_noise: the same seed gives the same bytes.
        small = (width // 2, height // 2)
        noise = Image.frombytes("L", small, rng.randbytes(small[0] * small[1])).resize(image.size)
        image = Image.blend(image, Image.merge("RGB", (noise, noise, noise)), grain)
    return image


def _jpeg(image, quality=86):
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def _ridge(rng, width, base, amplitude, step=16):
    """A hill line: a few sine waves of random phase, plus a little roughness."""
    waves = [
        (rng.uniform(0.6, 1.6), rng.uniform(0, 2 * math.pi), rng.uniform(0.4, 1.0))
        for _ in range(3)
    ]
    points = []
    for x in range(-step, width + 2 * step, step):
        t = x / width * 2 * math.pi
        y = sum(a * math.sin(f * t * (i + 1) + p) for i, (f, p, a) in enumerate(waves)) / 2
        points.append((x, base - amplitude * y + rng.uniform(-2, 2)))
    return points


def _height_at(points, x):
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / max(1, x1 - x0)
    return points[-1][1]


def _pine(draw, x, ground, height, color):
    """A Đà Lạt pine: a thin trunk and tiers that widen downwards."""
    trunk = max(2, height / 28)
    draw.rectangle((x - trunk / 2, ground - height * 0.25, x + trunk / 2, ground), fill=color)
    tiers = 7
    top = ground - height
    left, right = [], []
    for i in range(1, tiers + 1):
        y = top + (height * 0.82) * i / tiers
        half = height * (0.05 + 0.19 * i / tiers)
        right += [(x + half, y), (x + half * 0.35, y - height * 0.02)]
        left += [(x - half, y), (x - half * 0.35, y - height * 0.02)]
    draw.polygon([(x, top), *right, *reversed(left)], fill=color)


def _font(size, bold=True):
    """DejaVu (it has every Vietnamese letter) when the system has it, else Pillow's own font."""
    names = ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"] if bold else ["DejaVuSans.ttf"]
    for name in names:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _wrap(draw, text, font, max_width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= max_width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _text_block(draw, text, box, color=WHITE, max_size=72, shadow=(0, 0, 0)):
    """Centred, wrapped text that shrinks until it fits the box."""
    x0, y0, x1, y1 = box
    size = max_size
    while True:
        font = _font(size)
        lines = _wrap(draw, text, font, x1 - x0)
        line_height = round(size * 1.22)
        fits = all(draw.textlength(line, font=font) <= x1 - x0 for line in lines)
        if (fits and len(lines) * line_height <= y1 - y0) or size <= 14:
            break
        size -= 4
    y = y0 + ((y1 - y0) - len(lines) * line_height) / 2
    for line in lines:
        width = draw.textlength(line, font=font)
        x = x0 + ((x1 - x0) - width) / 2
        if shadow:
            draw.text((x + 2, y + 3), line, font=font, fill=shadow)
        draw.text((x, y), line, font=font, fill=color)
        y += line_height


def _star(center, radius, rotation=-math.pi / 2):
    cx, cy = center
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.4
        angle = rotation + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


def _petal(center, angle, length, width, steps=10):
    """An ellipse-shaped petal pointing away from the flower's centre."""
    cx, cy = center
    points = []
    for i in range(steps):
        t = 2 * math.pi * i / steps
        px, py = (length / 2) * (1 + math.cos(t)), (width / 2) * math.sin(t)
        points.append(
            (
                cx + px * math.cos(angle) - py * math.sin(angle),
                cy + px * math.sin(angle) + py * math.cos(angle),
            )
        )
    return points


def _sky_and_hills(rng, size, layers=4, sun=True, trees=True):
    """The Lâm Đồng backdrop shared by several scenes: sky, sun, misty hills, pines."""
    width, height = size
    top, middle, horizon = rng.choice(SKIES)
    image = _gradient(size, [(0, top), (0.45, middle), (0.72, horizon), (1, horizon)])
    if sun:
        sx, sy = rng.uniform(0.15, 0.85) * width, rng.uniform(0.18, 0.42) * height
        _glow(image, (sx, sy), height * 0.22, _mix(horizon, (255, 250, 225), 0.6), 0.55)
        r = height * rng.uniform(0.045, 0.065)
        ImageDraw.Draw(image).ellipse((sx - r, sy - r, sx + r, sy + r), fill=(255, 248, 226))
    draw = ImageDraw.Draw(image)
    # Soft clouds: a few stretched ellipses, blurred small.
    clouds = Image.new("L", (width // 8, height // 8), 0)
    cloud_draw = ImageDraw.Draw(clouds)
    for _ in range(rng.randint(2, 5)):
        cx, cy = rng.uniform(0, width / 8), rng.uniform(0.05, 0.3) * height / 8
        w, h = rng.uniform(8, 22), rng.uniform(1.5, 3.5)
        cloud_draw.ellipse((cx - w, cy - h, cx + w, cy + h), fill=rng.randint(90, 160))
    mask = clouds.filter(ImageFilter.GaussianBlur(2)).resize(size, Image.Resampling.BILINEAR)
    image.paste(Image.new("RGB", size, (255, 255, 255)), (0, 0), mask)
    draw = ImageDraw.Draw(image)
    green = rng.choice(GREENS)
    ridges = []
    for i in range(layers):
        depth = i / max(1, layers - 1)  # 0 = far, 1 = near
        color = _mix(_mix(horizon, (80, 110, 130), 0.45), green, 0.4 + 0.6 * depth)
        color = _shade(color, 1 - 0.25 * depth)
        base = height * (0.5 + 0.11 * i)
        ridge = _ridge(rng, width, base, height * (0.09 - 0.012 * i))
        draw.polygon([*ridge, (width + 40, height), (-40, height)], fill=color)
        ridges.append((ridge, color))
        if i < layers - 1:
            _mist(image, base + height * 0.05, height * 0.07, _mix(horizon, WHITE, 0.5), 0.28)
            draw = ImageDraw.Draw(image)
        if trees and i >= layers - 2:
            tree_color = _shade(color, 0.62)
            count = rng.randint(5, 12) if i == layers - 1 else rng.randint(8, 18)
            for _ in range(count):
                x = rng.uniform(0, width)
                ground = _height_at(ridge, x) + height * 0.02
                tall = height * (0.13 if i == layers - 1 else 0.07) * rng.uniform(0.7, 1.3)
                _pine(draw, x, ground, tall, tree_color)
    return image, ridges


# Scenes for news photos -------------------------------------------------------------------------


def landscape(seed, size=PHOTO_SIZE, lake=None):
    """Hills, pines and often a lake (always with lake=True, never with False): Đà Lạt."""
    rng = random.Random(f"landscape-{seed}")
    width, height = size
    image, _ = _sky_and_hills(rng, size, layers=rng.randint(3, 5))
    if lake is None:
        lake = rng.random() < 0.6
    if lake:
        # A lake: the scene above it, mirrored, darkened and rippled.
        water_y = round(height * rng.uniform(0.7, 0.78))
        above = image.crop((0, water_y - (height - water_y), width, water_y))
        reflection = above.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        reflection = Image.blend(reflection, Image.new("RGB", reflection.size, (20, 60, 90)), 0.3)
        reflection = reflection.filter(ImageFilter.GaussianBlur(2))
        image.paste(reflection, (0, water_y))
        draw = ImageDraw.Draw(image)
        for _ in range(40):
            y = rng.uniform(water_y + 4, height)
            x = rng.uniform(-50, width)
            length = rng.uniform(30, 160) * (1 + (y - water_y) / height)
            draw.line((x, y, x + length, y), fill=(220, 232, 240), width=1)
        draw.line((0, water_y, width, water_y), fill=(40, 70, 60), width=2)
    return _jpeg(_finish(image, rng))


def tea_hills(seed, size=PHOTO_SIZE):
    """Rows of tea on rolling hills, the Bảo Lộc plateau, with pickers in conical hats."""
    rng = random.Random(f"tea-{seed}")
    width, height = size
    image, _ = _sky_and_hills(rng, size, layers=2, trees=False)
    draw = ImageDraw.Draw(image)
    base = height * rng.uniform(0.5, 0.58)
    hill = _ridge(rng, width, base, height * 0.06, step=12)
    light, dark = (118, 170, 66), (52, 110, 48)
    draw.polygon([*hill, (width + 40, height), (-40, height)], fill=_mix(light, dark, 0.5))
    # Rows follow the hill's shape, closer together near the top (perspective).
    row, y_offset = 0, 6.0
    while y_offset < height:
        points = [(x, y + y_offset) for x, y in hill]
        thickness = max(3, round(y_offset / 12))
        draw.line(points, fill=light if row % 2 else _mix(light, dark, 0.3), width=thickness)
        draw.line(
            [(x, y + thickness * 0.6) for x, y in points], fill=dark, width=max(1, thickness // 3)
        )
        y_offset += thickness * 1.7
        row += 1
    for _ in range(rng.randint(2, 4)):  # shade trees
        x = rng.uniform(0.05, 0.95) * width
        ground = _height_at(hill, x) + rng.uniform(10, 40)
        r = height * rng.uniform(0.04, 0.07)
        draw.line((x, ground, x, ground - r * 2), fill=(70, 52, 36), width=max(3, round(r / 6)))
        draw.ellipse(
            (x - r * 1.4, ground - r * 3, x + r * 1.4, ground - r * 1.3), fill=(36, 82, 44)
        )
    for _ in range(rng.randint(3, 6)):  # pickers: a conical hat over a shirt and a basket
        x = rng.uniform(0.1, 0.9) * width
        y = rng.uniform(0.7, 0.92) * height
        s = height * 0.02 * (0.6 + y / height)
        shirt = rng.choice([(60, 90, 160), (180, 60, 60), (230, 200, 90), (120, 70, 150)])
        draw.ellipse((x + s * 0.5, y - s * 2.2, x + s * 2.1, y - s * 0.6), fill=(150, 110, 60))
        draw.polygon(
            [
                (x - s * 1.1, y),
                (x + s * 1.1, y),
                (x + s * 0.7, y - s * 2.4),
                (x - s * 0.7, y - s * 2.4),
            ],
            fill=shirt,
        )
        draw.polygon(
            [(x - s * 2.0, y - s * 2.3), (x + s * 2.0, y - s * 2.3), (x, y - s * 3.5)], fill=CREAM
        )
        draw.line(
            (x - s * 2.0, y - s * 2.3, x + s * 2.0, y - s * 2.3), fill=(200, 180, 130), width=2
        )
    return _jpeg(_finish(image, rng))


FLOWERS = ("sunflower", "cherry", "hydrangea")


def flowers(seed, size=PHOTO_SIZE, kind=None):
    """Highland flowers on a soft, out-of-focus background: one of FLOWERS, or chosen by the seed."""
    rng = random.Random(f"flowers-{seed}")
    width, height = size
    kind = kind if kind in FLOWERS else rng.choice(FLOWERS)
    backgrounds = {
        "sunflower": [(0, (120, 170, 220)), (0.6, (170, 200, 150)), (1, (60, 100, 50))],
        "cherry": [(0, (150, 190, 230)), (0.7, (230, 220, 230)), (1, (120, 140, 110))],
        "hydrangea": [(0, (70, 110, 90)), (0.6, (110, 150, 110)), (1, (40, 70, 50))],
    }
    image = _gradient(size, backgrounds[kind])
    # Bokeh: light discs, drawn small and blurred.
    bokeh = Image.new("L", (width // 6, height // 6), 0)
    bokeh_draw = ImageDraw.Draw(bokeh)
    for _ in range(40):
        cx, cy, r = rng.uniform(0, width / 6), rng.uniform(0, height / 6), rng.uniform(3, 12)
        bokeh_draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=rng.randint(30, 110))
    mask = bokeh.filter(ImageFilter.GaussianBlur(3)).resize(size, Image.Resampling.BILINEAR)
    tint = {"sunflower": (255, 230, 150), "cherry": (255, 220, 235), "hydrangea": (200, 220, 255)}
    image.paste(Image.new("RGB", size, tint[kind]), (0, 0), mask)
    draw = ImageDraw.Draw(image)
    if kind == "cherry":
        for _ in range(rng.randint(2, 3)):  # branches across the frame
            x, y = rng.choice([-20, width + 20]), rng.uniform(0.1, 0.9) * height
            direction = 1 if x < 0 else -1
            branch = [(x, y)]
            for _ in range(8):
                x += direction * rng.uniform(60, 140)
                y += rng.uniform(-50, 40)
                branch.append((x, y))
            draw.line(branch, fill=(70, 44, 40), width=rng.randint(8, 14), joint="curve")
            for bx, by in branch[1:]:
                for _ in range(rng.randint(3, 6)):
                    fx, fy = bx + rng.uniform(-60, 60), by + rng.uniform(-50, 50)
                    r = rng.uniform(14, 26)
                    color = rng.choice([(244, 168, 196), (250, 190, 210), (236, 140, 176)])
                    for i in range(5):
                        angle = i * 2 * math.pi / 5 + rng.uniform(0, 0.3)
                        draw.polygon(_petal((fx, fy), angle, r, r * 0.8), fill=color)
                    draw.ellipse((fx - 4, fy - 4, fx + 4, fy + 4), fill=(200, 60, 100))
    else:
        count = rng.randint(6, 11)
        for i in range(count):
            depth = i / count  # later flowers are nearer: larger and lower
            fx = rng.uniform(0.05, 0.95) * width
            fy = height * (0.35 + 0.5 * depth) + rng.uniform(-40, 40)
            r = height * (0.06 + 0.1 * depth) * rng.uniform(0.8, 1.2)
            stem = (46, 96, 46) if kind == "sunflower" else (40, 80, 50)
            draw.line(
                (fx, fy, fx + rng.uniform(-30, 30), height + 10),
                fill=stem,
                width=max(3, round(r / 10)),
            )
            if kind == "sunflower":
                petals = rng.randint(11, 15)
                for p in range(petals):
                    angle = p * 2 * math.pi / petals + rng.uniform(-0.1, 0.1)
                    color = _mix((255, 200, 20), (255, 226, 90), rng.random())
                    draw.polygon(_petal((fx, fy), angle, r, r * 0.32), fill=color)
                core = r * 0.3
                draw.ellipse((fx - core, fy - core, fx + core, fy + core), fill=(150, 90, 30))
                draw.ellipse(
                    (fx - core * 0.6, fy - core * 0.6, fx + core * 0.6, fy + core * 0.6),
                    fill=(110, 60, 20),
                )
            else:
                base = rng.choice(
                    [(110, 130, 220), (160, 120, 210), (120, 170, 230), (220, 140, 190)]
                )
                for _ in range(34):  # a ball of small four-petal florets
                    a, d = rng.uniform(0, 2 * math.pi), r * math.sqrt(rng.random())
                    px, py = fx + d * math.cos(a), fy + d * math.sin(a) * 0.85
                    fr = r * 0.17
                    color = _mix(base, WHITE, rng.uniform(0, 0.45))
                    for p in range(4):
                        draw.polygon(
                            _petal((px, py), p * math.pi / 2 + a, fr, fr * 0.8, steps=8), fill=color
                        )
    return _jpeg(_finish(image, rng, vignette=0.15))


def _audience(draw, rng, size, top, rows, chairs, dark=False):
    """Rows of people seen from behind, nearer rows larger; a few seats left empty."""
    width, height = size
    u = height / 675
    for row in range(rows):
        depth = row / max(1, rows - 1)
        y = top + (height - top) * 0.95 * row / rows
        head = (14 + 16 * depth) * u
        spacing = head * rng.uniform(2.5, 2.9)
        x = rng.uniform(-spacing, 0)
        while x < width + spacing:
            if chairs:
                draw.rounded_rectangle(
                    (x - head * 1.35, y - head * 0.2, x + head * 1.35, y + head * 3.2),
                    head * 0.4,
                    fill=_shade(chairs, 1 - 0.25 * depth),
                )
            if rng.random() > 0.1:
                tone = rng.choice([(40, 40, 50), (50, 44, 40), (30, 40, 70), (226, 228, 234)])
                tone = _shade(tone, (0.3 if dark else 1) - 0.3 * depth * (0.3 if dark else 1))
                hair = _shade((30, 26, 26), 1 - 0.2 * depth)
                draw.rounded_rectangle(
                    (x - head * 1.2, y, x + head * 1.2, y + head * 3), head * 0.6, fill=tone
                )
                draw.ellipse(
                    (x - head * 0.7, y - head * 1.3, x + head * 0.7, y + head * 0.2), fill=hair
                )
            x += spacing * rng.uniform(0.92, 1.08)


def _ceiling_lights(image, rng, count=None):
    width, height = image.size
    count = count or rng.randint(5, 8)
    for i in range(count):
        x = width * (i + 0.5) / count
        _glow(image, (x, height * 0.04), height * 0.075, (255, 240, 200), 0.5)


WALLS = [(120, 36, 40), (60, 50, 70), (150, 110, 80), (204, 192, 168), (70, 96, 104)]


def hall(seed, size=PHOTO_SIZE, text=None):
    """A conference hall seen from the back rows: backdrop, presidium, podium, audience."""
    rng = random.Random(f"hall-{seed}")
    width, height = size
    u = height / 675
    wall = rng.choice(WALLS)
    image = _gradient(size, [(0, _shade(wall, 0.55)), (0.6, wall), (1, _shade(wall, 0.7))])
    draw = ImageDraw.Draw(image)
    # Backdrop: the union colours, a band and a gold star.
    margin = rng.uniform(0.08, 0.2)
    top = rng.uniform(0.08, 0.14)
    bx0, by0, bx1, by1 = width * margin, height * top, width * (1 - margin), height * 0.5
    back, band_color = rng.choice([(BLUE, RED), (RED, BLUE_DARK), (BLUE_DARK, RED)])
    backdrop = _gradient(
        (round(bx1 - bx0), round(by1 - by0)), [(0, back), (1, _shade(back, 0.6))], horizontal=True
    )
    image.paste(backdrop, (round(bx0), round(by0)))
    band = (by1 - by0) * 0.2
    draw.rectangle((bx0, by1 - band, bx1, by1), fill=band_color)
    draw.polygon(
        _star((bx0 + (by1 - by0) * 0.4, by0 + (by1 - by0) * 0.42), (by1 - by0) * 0.22), fill=GOLD
    )
    _text_block(
        draw,
        text or rng.choice(["HỘI NGHỊ", "CÔNG ĐOÀN LÂM ĐỒNG", "ĐẠI HỘI THI ĐUA"]),
        _inside(
            (bx0 + (by1 - by0) * 0.8, by0 + 12 * u, bx1 - 24 * u, by1 - band - 8 * u),
            safe_area(size),
        ),
        color=GOLD,
        max_size=round(height * 0.075),
        shadow=_shade(back, 0.5),
    )
    if margin > 0.13:  # side screens showing slides
        for x0 in (width * 0.015, width * (1 - margin + 0.015)):
            x1 = x0 + width * (margin - 0.03)
            screen = (x0, height * 0.16, x1, height * 0.16 + (x1 - x0) * 0.6)
            draw.rectangle(screen, fill=(226, 236, 246))
            draw.rectangle((x0, screen[1], x1, screen[1] + (x1 - x0) * 0.12), fill=BLUE)
            for line in range(3):
                ly = screen[1] + (x1 - x0) * (0.22 + 0.11 * line)
                draw.line(
                    (x0 + 8 * u, ly, x1 - (20 + 14 * line) * u, ly),
                    fill=(120, 140, 170),
                    width=max(2, round(4 * u)),
                )
    # Stage, presidium table and podium.
    stage_top = height * 0.56
    floor = rng.choice([(96, 64, 44), (70, 48, 40), (120, 40, 44)])
    draw.rectangle((0, stage_top, width, height), fill=floor)
    seats = rng.randint(4, 7)
    table_w = 0.07 * seats + 0.02
    table_x = rng.uniform(0.12, 0.86 - table_w - 0.1)
    cloth = rng.choice([(246, 246, 240), BLUE, (250, 236, 200)])
    draw.rectangle(
        (width * table_x, height * 0.5, width * (table_x + table_w), height * 0.6), fill=cloth
    )
    for i in range(seats):  # the presidium
        x = width * (table_x + 0.045 + 0.07 * i)
        r = 11 * u
        draw.ellipse((x - r, height * 0.44, x + r, height * 0.44 + 2 * r), fill=(40, 34, 34))
        draw.rounded_rectangle(
            (x - 2 * r, height * 0.47, x + 2 * r, height * 0.51), 8 * u, fill=(30, 36, 60)
        )
    podium = rng.choice([table_x - 0.06, table_x + table_w + 0.06])
    draw.rectangle(
        (width * (podium - 0.035), height * 0.44, width * (podium + 0.035), height * 0.62), fill=RED
    )
    cx, cy, r = width * podium, height * 0.5, 14 * u
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=GOLD)
    for i in range(rng.randint(3, 6)):  # flowers along the stage
        fx = (i + 0.5) / 5.5 + rng.uniform(-0.03, 0.03)
        for _ in range(14):
            px = width * fx + rng.uniform(-36, 36) * u
            py = height * 0.6 + rng.uniform(-16, 8) * u
            pr = rng.uniform(6, 11) * u
            draw.ellipse(
                (px - pr, py - pr, px + pr, py + pr),
                fill=rng.choice([GOLD, RED, (250, 140, 40), CREAM]),
            )
    _ceiling_lights(image, rng)
    draw = ImageDraw.Draw(image)
    chairs = rng.choice([None, (150, 30, 36), (40, 60, 120)])
    _audience(draw, rng, size, height * rng.uniform(0.68, 0.74), rng.randint(3, 4), chairs)
    return _jpeg(_finish(image, rng, vignette=0.3))


def stage(seed, size=PHOTO_SIZE, text=None):
    """A performance: spotlights on dancers in áo dài, the audience dark in front."""
    rng = random.Random(f"stage-{seed}")
    width, height = size
    u = height / 675
    image = _gradient(size, [(0, (18, 16, 40)), (0.55, (60, 24, 70)), (1, (20, 14, 30))])
    draw = ImageDraw.Draw(image)
    # An LED backdrop: a grid of soft dots in two colours.
    first, second = rng.choice([(BLUE, GOLD), (RED, GOLD), ((120, 60, 180), (80, 200, 220))])
    step = round(18 * u)
    for y in range(round(height * 0.08), round(height * 0.52), step):
        for x in range(step // 2, width, step):
            t = (math.sin(x / width * 6 + rng.random() * 0.3) + 1) / 2
            draw.ellipse((x - 3 * u, y - 3 * u, x + 3 * u, y + 3 * u), fill=_mix(first, second, t))
    band = (width * 0.2, height * 0.1, width * 0.8, height * 0.24)
    draw.rounded_rectangle(band, 10 * u, fill=_shade(first, 0.55))
    _text_block(
        draw,
        text or "HỘI DIỄN VĂN NGHỆ",
        _inside(
            (band[0] + 16 * u, band[1] + 6 * u, band[2] - 16 * u, band[3] - 6 * u),
            safe_area(size),
        ),
        color=GOLD,
        max_size=round(height * 0.06),
        shadow=(0, 0, 0),
    )
    floor_y = height * 0.66
    draw.rectangle((0, floor_y, width, height), fill=(50, 30, 40))
    # Spotlight cones, drawn small and blurred so their edges are soft.
    scale = 6
    beams = Image.new("L", (width // scale + 1, height // scale + 1), 0)
    beam_draw = ImageDraw.Draw(beams)
    dancers = rng.randint(4, 7)
    xs = [width * (0.18 + 0.64 * (i + 0.5) / dancers) for i in range(dancers)]
    for x in xs[:: rng.choice([1, 2])]:
        top = rng.uniform(0.1, 0.9) * width
        beam_draw.polygon(
            [
                (top / scale - 4, 0),
                (top / scale + 4, 0),
                ((x + 90 * u) / scale, floor_y / scale + 8),
                ((x - 90 * u) / scale, floor_y / scale + 8),
            ],
            fill=90,
        )
    mask = beams.filter(ImageFilter.GaussianBlur(3)).resize(size, Image.Resampling.BILINEAR)
    image.paste(Image.new("RGB", size, (255, 240, 200)), (0, 0), mask)
    draw = ImageDraw.Draw(image)
    dress = rng.choice([(214, 40, 60), (250, 210, 80), (240, 240, 246), (60, 130, 200)])
    for i, x in enumerate(xs):
        s = 34 * u * rng.uniform(0.95, 1.05)
        feet = floor_y + 6 * u
        color = dress if i % 2 == 0 else _mix(dress, WHITE, 0.35)
        draw.polygon(  # the áo dài: a long, narrow tunic flaring at the hem
            [
                (x - s * 0.35, feet - s * 4.1),
                (x + s * 0.35, feet - s * 4.1),
                (x + s * 0.8, feet - s * 0.4),
                (x - s * 0.8, feet - s * 0.4),
            ],
            fill=color,
        )
        draw.rectangle((x - s * 0.45, feet - s * 0.5, x + s * 0.45, feet), fill=WHITE)
        draw.ellipse(
            (x - s * 0.35, feet - s * 5.0, x + s * 0.35, feet - s * 4.2), fill=(60, 40, 36)
        )
        arm = rng.choice([-1, 1])
        draw.line(
            (x, feet - s * 3.8, x + arm * s * 1.1, feet - s * 5.0),
            fill=color,
            width=round(s * 0.22),
        )
        hat = (x + arm * s * 1.1, feet - s * 5.0)  # a conical hat held up as in a dance
        draw.polygon(
            [
                (hat[0] - s * 0.7, hat[1] + s * 0.2),
                (hat[0] + s * 0.7, hat[1] + s * 0.2),
                (hat[0], hat[1] - s * 0.5),
            ],
            fill=CREAM,
        )
    _audience(draw, rng, size, height * 0.84, 2, None, dark=True)
    return _jpeg(_finish(image, rng, vignette=0.35))


def house(seed, size=PHOTO_SIZE):
    """A newly built home on a hillside: the "Mái ấm Công đoàn" handed over to a member."""
    rng = random.Random(f"house-{seed}")
    width, height = size
    image, _ = _sky_and_hills(rng, size, layers=3)
    draw = ImageDraw.Draw(image)
    ground = height * 0.78
    draw.rectangle((0, ground, width, height), fill=(92, 140, 70))
    draw.polygon(
        [(0, ground), (width, ground - 20), (width, ground + 8), (0, ground + 24)],
        fill=(110, 156, 80),
    )
    hx = rng.uniform(0.3, 0.55) * width
    hw, hh = width * 0.34, height * 0.26
    wall = rng.choice([(250, 232, 190), (240, 240, 232), (246, 214, 170), (214, 232, 240)])
    roof = rng.choice([(176, 58, 46), (11, 79, 156), (120, 60, 50)])
    draw.rectangle((hx, ground - hh, hx + hw, ground), fill=wall)
    draw.rectangle((hx + hw, ground - hh, hx + hw * 1.25, ground), fill=_shade(wall, 0.82))
    draw.polygon(
        [(hx - 24, ground - hh), (hx + hw * 0.5, ground - hh * 1.75), (hx + hw + 24, ground - hh)],
        fill=roof,
    )
    draw.polygon(
        [
            (hx + hw + 24, ground - hh),
            (hx + hw * 0.5, ground - hh * 1.75),
            (hx + hw * 0.8, ground - hh * 1.75),
            (hx + hw * 1.3, ground - hh),
        ],
        fill=_shade(roof, 0.75),
    )
    door = (hx + hw * 0.42, ground - hh * 0.62, hx + hw * 0.58, ground)
    draw.rectangle(door, fill=(120, 78, 46))
    for wx in (0.12, 0.7):
        box = (hx + hw * wx, ground - hh * 0.7, hx + hw * (wx + 0.18), ground - hh * 0.35)
        draw.rectangle(box, fill=(140, 190, 220))
        draw.line(
            (box[0], (box[1] + box[3]) / 2, box[2], (box[1] + box[3]) / 2), fill=WHITE, width=3
        )
        draw.line(
            ((box[0] + box[2]) / 2, box[1], (box[0] + box[2]) / 2, box[3]), fill=WHITE, width=3
        )
    # A red ribbon with a bow across the door: the handover.
    ry = ground - hh * 0.45
    draw.line((hx - 60, ry, hx + hw + 60, ry), fill=RED, width=8)
    bow = hx + hw * 0.5
    draw.polygon([(bow, ry), (bow - 34, ry - 22), (bow - 34, ry + 22)], fill=RED)
    draw.polygon([(bow, ry), (bow + 34, ry - 22), (bow + 34, ry + 22)], fill=RED)
    for _ in range(rng.randint(4, 7)):  # shrubs in flower, in front of the house
        x = rng.uniform(0, width)
        y = ground + rng.uniform(0.25, 0.85) * (height - ground)
        r = rng.uniform(22, 40) * height / 675
        leaf = rng.choice([(62, 132, 62), (78, 146, 70), (52, 118, 84)])
        for dx, dy, k in ((-0.6, 0.1, 0.7), (0.6, 0.1, 0.7), (0, -0.2, 0.9)):
            cx, cy, cr = x + dx * r, y + dy * r, r * k
            draw.ellipse((cx - cr, cy - cr, cx + cr, cy + cr * 0.8), fill=leaf)
        highlight = _mix(leaf, (180, 220, 120), 0.35)
        draw.ellipse((x - r * 0.5, y - r * 0.9, x + r * 0.3, y - r * 0.4), fill=highlight)
        petal = rng.choice([GOLD, RED, (250, 160, 200), WHITE])
        for _ in range(7):
            px, py = x + rng.uniform(-r, r), y + rng.uniform(-r * 0.9, r * 0.1)
            pr = r * 0.12
            draw.ellipse((px - pr, py - pr, px + pr, py + pr), fill=petal)
    return _jpeg(_finish(image, rng))


def stadium(seed, size=PHOTO_SIZE):
    """A football pitch in perspective, stands full of colour: workers' sports days."""
    rng = random.Random(f"stadium-{seed}")
    width, height = size
    sky = rng.choice(SKIES)
    image = _gradient(size, [(0, sky[0]), (0.35, sky[2]), (1, sky[2])])
    draw = ImageDraw.Draw(image)
    stand_top, stand_bottom = height * 0.16, height * 0.42
    draw.rectangle((0, stand_top, width, stand_bottom), fill=(70, 74, 90))
    palette = [RED, BLUE, GOLD, WHITE, (60, 160, 90), (240, 140, 40)]
    for y in range(round(stand_top + 8), round(stand_bottom - 6), 14):
        for x in range(4, width, 12):
            if rng.random() < 0.8:
                draw.ellipse((x, y, x + 7, y + 7), fill=rng.choice(palette))
    draw.rectangle((0, stand_bottom - 14, width, stand_bottom), fill=BLUE)
    # The pitch: mown stripes converging to a vanishing point above the frame.
    vx, vy = width / 2, -height * 1.4
    stripes = 14
    for i in range(stripes):
        x0 = -width * 1.2 + i * (width * 3.4 / stripes)
        x1 = x0 + width * 3.4 / stripes

        def at(x, y):
            return vx + (x - vx) * (y - vy) / (height - vy)

        draw.polygon(
            [
                (at(x0, stand_bottom), stand_bottom),
                (at(x1, stand_bottom), stand_bottom),
                (x1, height),
                (x0, height),
            ],
            fill=(64, 150, 70) if i % 2 else (82, 168, 82),
        )
    line_y = height * 0.62
    draw.line((0, line_y, width, line_y - 10), fill=WHITE, width=4)
    cx, cy = width * 0.5, line_y - 5
    draw.ellipse((cx - 180, cy - 50, cx + 180, cy + 50), outline=WHITE, width=4)
    gx = rng.uniform(0.1, 0.25) * width
    draw.rectangle((gx, stand_bottom + 20, gx + 170, stand_bottom + 24), fill=WHITE)
    draw.rectangle((gx, stand_bottom + 20, gx + 5, stand_bottom + 90), fill=WHITE)
    draw.rectangle((gx + 165, stand_bottom + 20, gx + 170, stand_bottom + 90), fill=WHITE)
    for _ in range(rng.randint(5, 9)):  # players
        x = rng.uniform(0.05, 0.95) * width
        y = rng.uniform(0.5, 0.9) * height
        s = 10 + 18 * (y / height)
        shirt = RED if rng.random() < 0.5 else BLUE
        draw.rounded_rectangle(
            (x - s * 0.6, y - s * 2.6, x + s * 0.6, y - s * 1.2), s * 0.3, fill=shirt
        )
        draw.ellipse((x - s * 0.4, y - s * 3.4, x + s * 0.4, y - s * 2.6), fill=(120, 80, 60))
        draw.line(
            (x - s * 0.3, y - s * 1.2, x - s * 0.5, y),
            fill=(40, 40, 40),
            width=max(2, round(s / 4)),
        )
        draw.line(
            (x + s * 0.3, y - s * 1.2, x + s * 0.6, y),
            fill=(40, 40, 40),
            width=max(2, round(s / 4)),
        )
    bx, by, br = rng.uniform(0.3, 0.7) * width, height * 0.82, 16
    draw.ellipse((bx - br, by - br, bx + br, by + br), fill=WHITE, outline=(30, 30, 30), width=2)
    draw.polygon(_star((bx, by), br * 0.55), fill=(30, 30, 30))
    return _jpeg(_finish(image, rng, vignette=0.15))


def banner(seed, size=PHOTO_SIZE, text=None):
    """An abstract banner in the union's colours, with an optional headline."""
    rng = random.Random(f"banner-{seed}")
    width, height = size
    first, second = rng.choice([(BLUE, BLUE_DARK), (BLUE_DARK, BLUE), (RED, (120, 10, 20))])
    image = _gradient(size, [(0, first), (1, second)], horizontal=rng.random() < 0.5)
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    accent = RED if first != RED else BLUE
    # A diagonal band and a thin gold rule.
    slant = rng.uniform(0.2, 0.45) * width
    x = rng.uniform(0.45, 0.75) * width
    draw.polygon(
        [(x, 0), (x + slant * 0.6, 0), (x + slant * 0.6 - slant, height), (x - slant, height)],
        fill=(*accent, 230),
    )
    draw.polygon(
        [
            (x + slant * 0.6, 0),
            (x + slant * 0.66, 0),
            (x + slant * 0.66 - slant, height),
            (x + slant * 0.6 - slant, height),
        ],
        fill=(*GOLD, 255),
    )
    # Concentric arcs and a dot grid, faint.
    cx, cy = rng.uniform(0, width), rng.uniform(0, height)
    for r in range(60, round(width * 0.9), rng.randint(36, 60)):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(255, 255, 255, 26), width=3)
    gx, gy = rng.uniform(0.02, 0.2) * width, rng.uniform(0.05, 0.2) * height
    for i in range(8):
        for j in range(5):
            x0, y0 = gx + i * 22, gy + j * 22
            draw.ellipse((x0, y0, x0 + 6, y0 + 6), fill=(*GOLD, 150))
    # The star sits in a top corner, clear of the headline's box.
    star_center = (rng.uniform(0.8, 0.9) * width, rng.uniform(0.1, 0.14) * height)
    draw.polygon(_star(star_center, height * 0.085), fill=(*GOLD, 255))
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    if text:
        draw = ImageDraw.Draw(image)
        box = _inside((width * 0.08, height * 0.25, width * 0.92, height * 0.75), safe_area(size))
        _text_block(draw, text, box, max_size=round(height * 0.11), shadow=_shade(BLUE_DARK, 0.6))
        draw.rectangle((width * 0.4, box[3] + 8, width * 0.6, box[3] + 14), fill=GOLD)
    return _jpeg(_finish(image, rng, vignette=0.18))


# Avatars and logos ------------------------------------------------------------------------------


def portrait(seed, size=PORTRAIT_SIZE):
    """A stylised avatar: an abstract head-and-shoulders silhouette, never a face, and no text."""
    rng = random.Random(f"portrait-{seed}")
    # Drawn at twice the size and scaled down, so that the curves come out smooth.
    width, height = size[0] * 2, size[1] * 2
    light = rng.choice([(214, 228, 244), (246, 226, 214), (226, 238, 222), (236, 228, 244)])
    image = _gradient((width, height), [(0, light), (1, _shade(light, 0.82))])
    draw = ImageDraw.Draw(image)
    for _ in range(5):  # soft decorative circles
        r = rng.uniform(0.1, 0.3) * width
        cx, cy = rng.uniform(0, width), rng.uniform(0, height * 0.6)
        draw.ellipse(
            (cx - r, cy - r, cx + r, cy + r), fill=_mix(light, WHITE, rng.uniform(0.2, 0.5))
        )
    body = rng.choice([BLUE, BLUE_DARK, RED, (40, 96, 90), (90, 60, 120)])
    cx = width / 2
    head_r = width * 0.17
    head_y = height * 0.44
    draw.ellipse((cx - width * 0.42, height * 0.62, cx + width * 0.42, height * 1.25), fill=body)
    draw.rectangle(
        (cx - head_r * 0.45, head_y + head_r * 0.7, cx + head_r * 0.45, height * 0.66),
        fill=_shade(body, 0.8),
    )
    draw.ellipse(
        (cx - head_r, head_y - head_r * 1.15, cx + head_r, head_y + head_r * 1.15),
        fill=_shade(body, 0.8),
    )
    draw.polygon(
        [
            (cx - width * 0.12, height * 0.64),
            (cx, height * 0.74),
            (cx + width * 0.12, height * 0.64),
        ],
        fill=WHITE,
    )
    # No initials on the chest: the share picture (1200×630) keeps only the head and shoulders.
    image = image.resize(size, Image.Resampling.LANCZOS)
    return _jpeg(_finish(image, rng, grain=0.02, vignette=0))


def logo(seed, initials, size=LOGO_SIZE):
    """A round emblem with initials: a stand-in logo for a partner organisation."""
    rng = random.Random(f"logo-{seed}")
    width, height = size[0] * 2, size[1] * 2
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    main = rng.choice([BLUE, RED, BLUE_DARK, (0, 120, 110), (120, 40, 120)])
    cx, cy, r = width / 2, height / 2, width * 0.44
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=main)
    draw.ellipse(
        (cx - r * 0.86, cy - r * 0.86, cx + r * 0.86, cy + r * 0.86),
        outline=GOLD,
        width=round(r * 0.04),
    )
    for i in range(1, 24):  # a ring of dots, broken at the top by one star
        angle = -math.pi / 2 + i * 2 * math.pi / 24
        dx, dy = cx + r * 0.93 * math.cos(angle), cy + r * 0.93 * math.sin(angle)
        draw.ellipse((dx - r * 0.018, dy - r * 0.018, dx + r * 0.018, dy + r * 0.018), fill=GOLD)
    draw.polygon(_star((cx, cy - r * 0.93), r * 0.06), fill=GOLD)
    _text_block(
        draw,
        (initials or "?").strip().upper()[:4],
        _inside(
            (cx - r * 0.7, cy - r * 0.45, cx + r * 0.7, cy + r * 0.45),
            safe_area((width, height), LOGO_CROPS),
        ),
        max_size=round(r * 0.6),
        shadow=None,
    )
    image = image.resize(size, Image.Resampling.LANCZOS)
    return _jpeg(image, quality=90)


SCENES = {
    "landscape": landscape,
    "lake": lambda seed, size: landscape(seed, size, lake=True),
    "hills": lambda seed, size: landscape(seed, size, lake=False),
    "tea": tea_hills,
    "flowers": flowers,
    "sunflowers": lambda seed, size: flowers(seed, size, kind="sunflower"),
    "cherry": lambda seed, size: flowers(seed, size, kind="cherry"),
    "hydrangea": lambda seed, size: flowers(seed, size, kind="hydrangea"),
    "hall": hall,
    "stage": stage,
    "house": house,
    "stadium": stadium,
    "banner": banner,
}


def scene(kind, seed, size=PHOTO_SIZE, text=None):
    """One of the SCENES by name; `text` goes on the banner, the hall or the stage backdrop."""
    if kind in ("banner", "hall", "stage"):
        return SCENES[kind](seed, size, text=text)
    return SCENES[kind](seed, size)
