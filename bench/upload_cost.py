"""What one upload costs a worker: wall time and peak memory of small files that decode into huge
pictures (and of PDFs that expand), sent through every upload field like a browser would.

    python bench/upload_cost.py                    # every file through every field
    python bench/upload_cost.py --only png-1bit    # one file (see FILES)

It migrates a throw-away SQLite database under a temporary folder, then sends each file in a
process of its own (a fresh "worker"): the process signs in, opens the form and sends a small real
file first (so that what every worker has loaded anyway is not counted), then sends the file under
test and reports how long the request took and how far the process's peak memory (ru_maxrss) rose
above its size just before. The target is at most 3 s and 200 MB for any file through any field
(docs/reliability.md). Figures vary with the machine; the peak memory much less than the time.
A PDF is read by pypdf in a child process of its own, held to 200 MB and 2 s of CPU
(agreements/documents.py): its memory is not the worker's and is not in the figure.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LIMIT_SECONDS = 3.0
LIMIT_MB = 200

from tests.security.bombs import pdf_many_pages, pdf_stream_bombs, png_of  # noqa: E402

# The files ------------------------------------------------------------------------------------


def pillow(mode, size, fmt, colour=0, **options):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, fmt, **options)
    return buffer.getvalue()


def camera_jpeg(width, height, **options):
    """A photograph's worth of detail (a gradient with noise), as a camera would save it."""
    from PIL import Image

    noise = Image.effect_noise((width // 4, height // 4), 40).resize((width, height))
    picture = Image.merge("RGB", [noise, Image.linear_gradient("L").resize((width, height)), noise])
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=options.pop("quality", 85), **options)
    return buffer.getvalue()


def animated_gif(width, height, frames):
    from PIL import Image

    images = [Image.new("P", (width, height), n % 200) for n in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=40)
    return buffer.getvalue()


FILES = {
    # The file of the issue: 7000×7000 black and white, a few kilobytes.
    "png-1bit": ("PNG 1 bit 7000×7000", "scan.png", lambda: png_of(7000, 7000, "1")),
    "png-rgba": ("PNG RGBA 7000×7000", "trong-suot.png", lambda: png_of(7000, 7000, "RGBA")),
    "png-rgba-15mp": ("PNG RGBA 3870×3870", "trong-suot.png", lambda: png_of(3870, 3870, "RGBA")),
    "gif-animated": (
        "GIF 2000×2000, 300 frames",
        "dong.gif",
        lambda: animated_gif(2000, 2000, 300),
    ),
    "webp-lossless": (
        "WebP 7000×7000",
        "anh.webp",
        lambda: pillow("RGB", (7000, 7000), "WEBP", lossless=True),
    ),
    "jpeg-camera-24mp": ("JPEG 6000×4000 (camera)", "may-anh.jpg", lambda: camera_jpeg(6000, 4000)),
    "jpeg-camera-50mp": (
        "JPEG 8660×5774 (camera)",
        "may-anh.jpg",
        lambda: camera_jpeg(8660, 5774, quality=75),
    ),
    "jpeg-progressive-444": (
        "JPEG progressive 4:4:4 7000×7000",
        "luy-tien.jpg",
        lambda: pillow("RGB", (7000, 7000), "JPEG", progressive=True, subsampling=0),
    ),
    "pdf-pages": ("PDF 90,000 blank pages", "van-ban.pdf", lambda: pdf_many_pages(90_000)),
    "pdf-bombs": ("PDF 3 object streams × 70 MB", "van-ban.pdf", lambda: pdf_stream_bombs(3)),
}

IMAGE_FIELDS = ["article photo", "worker portrait", "partner logo", "site logo", "CKEditor"]
DOCUMENT_FIELDS = ["agreement document"]


# One upload, in a fresh process -----------------------------------------------------------------


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def targets():
    """Each field: (url, form id or None, field name, extra form data)."""
    from agreements.models import Partner
    from federation.models import SiteProfile
    from federation.workers.models import Sector
    from news.models import Article

    article = Article.objects.get(slug="bai-thu-tai-anh")
    partner = Partner.objects.get(slug="doi-tac-thu")
    n = uuid.uuid4().hex[:8]  # a fresh slug for every row a target adds
    return {
        "article photo": (
            f"/quan-tri/news/article/{article.pk}/change/",
            "article_form",
            "photos-0-image",
            {
                "photos-TOTAL_FORMS": "1",
                "photos-0-article": str(article.pk),
                "photos-0-caption": "Quang cảnh",
                "photos-0-alt_text": "Hội trường",
                "photos-0-order": "0",
            },
        ),
        "worker portrait": (
            "/quan-tri/federation/exemplaryworker/add/",
            "exemplaryworker_form",
            "portrait",
            {
                "full_name": "Nguyễn Thị Hoa",
                "slug": f"nguyen-thi-hoa-{n}",
                "workplace": "Công ty Chè",
                "sector": str(Sector.objects.order_by("pk").first().pk),
            },
        ),
        "partner logo": (
            "/quan-tri/agreements/partner/add/",
            "partner_form",
            "logo",
            {"name": "Báo Thử", "slug": f"bao-thu-{n}", "kind": "newspaper"},
        ),
        "site logo": (
            f"/quan-tri/federation/siteprofile/{SiteProfile.load().pk}/change/",
            "siteprofile_form",
            "logo",
            {},
        ),
        "CKEditor": ("/ckeditor5/image_upload/", None, "upload", {}),
        "agreement document": (
            "/quan-tri/agreements/agreement/add/",
            "agreement_form",
            "document",
            {
                "title": "Chương trình thử",
                "slug": f"chuong-trinh-thu-{n}",
                "signed_on": "08/04/2021",
                "valid_from": "08/04/2021",
                "valid_until": "31/12/2023",
                "visibility": "public",
                "agreement_partners-TOTAL_FORMS": "1",
                "agreement_partners-0-partner": str(partner.pk),
                "agreement_partners-0-order": "0",
            },
        ),
    }


def send(client, url, form_id, field, extra, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test.client import BOUNDARY, encode_multipart

    from tests.news.admin_helpers import form_fields

    data = {**form_fields(client.get(url), form_id), **extra} if form_id else {}
    body = encode_multipart(BOUNDARY, {**data, field: SimpleUploadedFile(name, content)})
    return client.post(url, body, content_type=f"multipart/form-data;boundary={BOUNDARY}")


def outcome(response):
    import html
    import re

    if response.status_code == 302:
        return "saved"
    text = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        answer = json.loads(text)
        return "saved" if "url" in answer else "refused: " + answer["error"]["message"]
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', text, re.S)
    message = " ".join(re.sub(r"<[^>]+>", " ", e) for e in errors)
    return f"refused ({response.status_code}): " + " ".join(html.unescape(message).split())


def one(field, path):
    """Runs in the child process: prints one JSON line."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="do-chi-phi"))
    url, form_id, name, extra = targets()[field]
    # A worker that has served uploads before: its libraries loaded and its caches warm.
    warm_up = pdf_many_pages(1) if field in DOCUMENT_FIELDS else pillow("RGB", (640, 480), "JPEG")
    send(client, url, form_id, name, extra, "mau" + Path(path).suffix, warm_up)
    url, form_id, name, extra = targets()[field]
    content = Path(path).read_bytes()
    before = rss_mb()
    started = time.perf_counter()
    response = send(client, url, form_id, name, extra, Path(path).name, content)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": round(seconds, 2),
                "before_mb": round(before),
                "peak_mb": round(peak_mb()),
                "growth_mb": round(peak_mb() - before),
                "outcome": outcome(response)[:160],
            }
        )
    )


# The run --------------------------------------------------------------------------------------


def environment(tmp):
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_PAGE_CACHE")}
    env.update(
        # The production settings (DEBUG off) without the static files manifest, which would
        # need collectstatic first.
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp / "private"),
        PYTHONPATH=str(ROOT),
    )
    return env


SETUP = """
import django; django.setup()
from django.contrib.auth import get_user_model
from agreements.models import Partner
from news.models import Article, Category
get_user_model().objects.create_superuser("do-chi-phi", "do@example.vn", "x")
category = Category.objects.create(name="Thử tải ảnh")
Article.objects.create(
    title="Bài thử tải ảnh", slug="bai-thu-tai-anh", lead="Bài thử.", body="<p>x</p>",
    category=category,
)
Partner.objects.create(name="Đối tác thử", slug="doi-tac-thu")
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=sorted(FILES), action="append")
    parser.add_argument("--field", choices=IMAGE_FIELDS + DOCUMENT_FIELDS, action="append")
    parser.add_argument("--one", nargs=2, metavar=("FIELD", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--make", nargs=2, metavar=("FILE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return one(*args.one)
    if args.make:
        return Path(args.make[1]).write_bytes(FILES[args.make[0]][2]()) and 0

    with tempfile.TemporaryDirectory(prefix="upload-cost-") as tmp:
        tmp = Path(tmp)
        env = environment(tmp)
        python = sys.executable
        subprocess.run(
            [python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        subprocess.run([python, "-c", SETUP], cwd=ROOT, env=env, check=True)
        print(f"{'file':36} {'field':20} {'size':>9} {'time':>7} {'memory':>8}  outcome")
        worst = []
        for key in args.only or FILES:
            label, name, make = FILES[key]
            path = tmp / name
            # Made in a process of its own: Linux carries a process's peak memory over to the
            # children it starts, and making some of these files takes gigabytes.
            subprocess.run([python, __file__, "--make", key, str(path)], cwd=ROOT, check=True)
            size = f"{path.stat().st_size / 1024:,.0f} KB"
            fields = DOCUMENT_FIELDS if name.endswith(".pdf") else IMAGE_FIELDS
            for field in args.field or fields:
                if field not in fields:
                    continue
                run = subprocess.run(
                    [python, __file__, "--one", field, str(path)],
                    cwd=ROOT,
                    env=env,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                try:
                    result = json.loads(run.stdout.strip().splitlines()[-1])
                except (IndexError, ValueError):
                    print(f"{label:36} {field:20} failed: {run.stderr.strip()[-300:]}")
                    worst.append(label)
                    continue
                over = result["seconds"] > LIMIT_SECONDS or result["growth_mb"] > LIMIT_MB
                if over:
                    worst.append(f"{label} / {field}")
                print(
                    f"{label:36} {field:20} {size:>9} {result['seconds']:>6.2f}s "
                    f"{result['growth_mb']:>5} MB  {'OVER ' if over else ''}{result['outcome']}",
                    flush=True,
                )
        print(f"\nLimit: {LIMIT_SECONDS:.0f} s and {LIMIT_MB} MB above the worker's size before.")
        if worst:
            print("Over the limit:", "; ".join(worst))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
