"""Fill the database that DATABASE_URL names with N articles (default 100,000) for the benchmark.

    DATABASE_URL=postgres://… python bench/generate.py 100000

Articles, their photos and tags go in with bulk inserts, in batches; categories, tags, worker
profiles and agreements grow in proportion. Every row is marked as the generator's (articles and
agreements are created by the user "bench-generator"), so a second run only adds what is missing:
1,000 → 10,000 → 100,000 reuses what the smaller sizes made. A database that holds anything else is
refused; --reset empties the content tables first.

A handful of real pictures go through the image pipeline once (renditions included); the other
photo and portrait rows point at the same files, with their width and height, as the pipeline would.
"""

import argparse
import os
import random
import sys
import time
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_USERNAME = "bench-generator"
BATCH = 2000
IMAGE_POOL = 6
PORTRAIT_POOL = 4
# A draft that holds the shared pictures; not one of the N articles.
HOLDER_TITLE = "Ảnh dùng chung cho dữ liệu đo tải"

# Where the benchmark finds its "rare word": in one article out of RARE_EVERY.
RARE_WORD = "Đạ Huoai"
RARE_EVERY = 2000

CATEGORIES = [
    "Hoạt động công đoàn", "Chăm lo đời sống", "Pháp luật – Chính sách",
    "An toàn vệ sinh lao động", "Thi đua – Khen thưởng", "Văn hóa – Thể thao",
    "Gương người tốt việc tốt", "Nữ công", "Tin trong tỉnh", "Tin toàn quốc",
    "Đối thoại – Thương lượng", "Công nhân khu công nghiệp", "Giáo dục", "Y tế",
    "Nông nghiệp – Nông thôn", "Du lịch – Dịch vụ", "Chuyển đổi số", "Xây dựng tổ chức",
    "Tuyên truyền – Giáo dục", "Kinh tế – Xã hội",
]  # fmt: skip
UNITS = [
    "Liên đoàn Lao động tỉnh", "Công đoàn ngành Giáo dục", "Công đoàn ngành Y tế",
    "Liên đoàn Lao động thành phố Đà Lạt", "Liên đoàn Lao động thành phố Bảo Lộc",
    "Công đoàn cơ sở Công ty CP Chè Cầu Đất", "Công đoàn Viên chức tỉnh",
    "Công đoàn các Khu công nghiệp tỉnh", "Liên đoàn Lao động huyện Di Linh",
    "Công đoàn ngành Xây dựng", "Công đoàn cơ sở Bệnh viện Đa khoa tỉnh",
    "Liên đoàn Lao động huyện Đức Trọng",
]  # fmt: skip
ACTIONS = [
    "tổ chức", "phát động", "tổng kết", "triển khai", "trao tặng", "sơ kết", "tập huấn về",
    "hưởng ứng", "ra quân", "khai mạc",
]  # fmt: skip
SUBJECTS = [
    "Tháng Công nhân", "chương trình Mái ấm Công đoàn", "hội thi an toàn vệ sinh lao động",
    "lớp kỹ năng đối thoại tại nơi làm việc", "quà Tết cho đoàn viên khó khăn",
    "giải bóng đá công nhân viên chức", "hội nghị người lao động", "phong trào lao động giỏi",
    "chương trình Tết Sum vầy", "ngày hội việc làm", "học bổng cho con đoàn viên",
    "phong trào xanh – sạch – đẹp", "hội diễn văn nghệ quần chúng", "tuần lễ áo dài",
    "chương trình phúc lợi cho đoàn viên", "đợt khám sức khỏe cho nữ công nhân",
]  # fmt: skip
PLACES = [
    "Đà Lạt", "Bảo Lộc", "Di Linh", "Đức Trọng", "Lâm Hà", "Đơn Dương", "Lạc Dương", "Đam Rông",
    "Cát Tiên", "Đạ Tẻh", "Bảo Lâm", "Liên Nghĩa", "Lộc Phát", "Xuân Hương",
]  # fmt: skip
SENTENCES = [
    "Tham dự có đại diện lãnh đạo {unit} cùng hơn {n} đoàn viên, người lao động.",
    "Dịp này, ban tổ chức đã trao {n} suất quà cho đoàn viên có hoàn cảnh khó khăn tại {place}.",
    "Phát biểu tại buổi lễ, đồng chí Chủ tịch {unit} ghi nhận những đóng góp của các cấp công đoàn.",
    "Hoạt động nhằm chăm lo đời sống vật chất, tinh thần cho người lao động trên địa bàn {place}.",
    "Trong năm, các công đoàn cơ sở đã vận động được {n} triệu đồng ủng hộ quỹ xã hội.",
    "Chương trình góp phần xây dựng quan hệ lao động hài hòa, ổn định và tiến bộ tại doanh nghiệp.",
    "Nhiều mô hình hay, cách làm sáng tạo được giới thiệu và nhân rộng trong toàn tỉnh.",
    "Theo kế hoạch, hoạt động sẽ tiếp tục được triển khai đến hết quý {q} năm nay.",
    "Người lao động bày tỏ vui mừng khi được tổ chức công đoàn quan tâm, động viên kịp thời.",
    "Ban Thường vụ đề nghị các cấp công đoàn tiếp tục đổi mới nội dung, phương thức hoạt động.",
    "Các đội thi đã tranh tài sôi nổi qua {n} phần thi kiến thức, kỹ năng và năng khiếu.",
    "Kết thúc chương trình, ban tổ chức trao giải nhất cho đội đến từ {place}.",
    "Công tác tuyên truyền pháp luật được đẩy mạnh qua mạng xã hội và các buổi đối thoại trực tiếp.",
    "Đây là năm thứ {q} liên tiếp đơn vị duy trì hoạt động này cho đoàn viên.",
]  # fmt: skip
BASE_TAGS = [
    "công đoàn", "đoàn viên", "người lao động", "an toàn lao động", "Tháng Công nhân",
    "Mái ấm Công đoàn", "Tết Sum vầy", "thi đua", "khen thưởng", "nữ công", "đối thoại",
    "thỏa ước lao động", "việc làm", "tiền lương", "bảo hiểm xã hội", "văn hóa", "thể thao",
    "khu công nghiệp", "giáo dục", "y tế", "chuyển đổi số", "pháp luật", "an sinh xã hội",
    "học bổng", "nhà ở công nhân", "phúc lợi", "đại hội công đoàn", "tuyên truyền",
]  # fmt: skip
SECTORS = ["Công nghiệp", "Giáo dục", "Y tế", "Nông nghiệp", "Dịch vụ", "Xây dựng", "Hành chính"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "K'"]
MIDDLE = ["Thị", "Văn", "Hữu", "Ngọc", "Minh", "Thanh", "Đức"]
GIVEN = ["Hoa", "Lan", "Hùng", "Dũng", "Mai", "Tuấn", "Hương", "Bình", "Thảo", "Sơn", "Brơi"]
PARTNER_KINDS = ["Báo", "Đài Phát thanh – Truyền hình", "Tạp chí", "Trang thông tin điện tử"]


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.settings")
    # The generator needs no production settings; DEBUG only lets it start without a secret key.
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()


class Progress:
    """One line that rewrites itself on a terminal, and a plain line every 10% elsewhere."""

    def __init__(self, label, total):
        self.label, self.total, self.start = label, max(total, 1), time.monotonic()
        self.tty = sys.stdout.isatty()
        self.shown = -1

    def update(self, done):
        percent = int(100 * done / self.total)
        elapsed = time.monotonic() - self.start
        line = f"  {self.label}: {done:,}/{self.total:,} ({percent}%) {elapsed:.0f} s"
        if self.tty:
            print("\r" + line, end="", flush=True)
        elif percent // 10 != self.shown // 10 or done >= self.total:
            print(line, flush=True)
        self.shown = percent

    def close(self):
        if self.tty:
            print(flush=True)


def targets(n):
    """How much of everything goes with n articles."""
    return {
        "categories": min(len(CATEGORIES), max(6, n // 5000)),
        "tags": max(len(BASE_TAGS), n // 200),
        "workers": max(12, n // 500),
        "partners": max(4, n // 5000),
        "agreements": max(4, n // 2000),
    }


def tag_names(count):
    names = list(BASE_TAGS)
    combos = [f"{subject} {place}" for place in PLACES for subject in BASE_TAGS]
    names += combos[: max(0, count - len(names))]
    n = 1
    while len(names) < count:
        names.append(f"chủ đề {n}")
        n += 1
    return names[:count]


def article_text(rng, index):
    """Title, lead, body HTML and body text of one article; deterministic per index."""
    unit, place = rng.choice(UNITS), rng.choice(PLACES)
    if index % RARE_EVERY == 7:
        place = RARE_WORD
    title = f"{unit} {rng.choice(ACTIONS)} {rng.choice(SUBJECTS)} tại {place}"
    lead = (
        f"Ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}, {unit} {rng.choice(ACTIONS)} "
        f"{rng.choice(SUBJECTS)} cho đoàn viên, người lao động tại {place}. "
        + rng.choice(SENTENCES).format(unit=unit, place=place, n=rng.randint(20, 500), q=2)
    )
    paragraphs = []
    for _ in range(rng.randint(3, 5)):
        sentences = [
            rng.choice(SENTENCES).format(
                unit=rng.choice(UNITS), place=place, n=rng.randint(10, 900), q=rng.randint(1, 4)
            )
            for _ in range(rng.randint(3, 5))
        ]
        paragraphs.append(" ".join(sentences))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return title, lead, body, " ".join(paragraphs)


def bench_user():
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username=BENCH_USERNAME, defaults={"first_name": "Dữ liệu", "last_name": "đo tải"}
    )
    return user


def check_database(user, allow_mixed):
    from news.models import Article

    foreign = Article.objects.exclude(created_by=user).count()
    if foreign and not allow_mixed:
        sys.exit(
            f"This database holds {foreign:,} articles that the generator did not make. "
            "Point DATABASE_URL at a benchmark database, or pass --reset to empty the content "
            "tables first (--allow-mixed adds rows anyway)."
        )


def reset():
    """Empty every content table (news, agreements, worker profiles), fast, in one transaction."""
    from django.db import transaction

    from agreements.models import Agreement, AgreementPartner, AgreementTask, Partner
    from federation.workers.models import ExemplaryWorker, Honour, HonourPeriod, Sector
    from news.models import (
        Article,
        ArticleEvent,
        ArticleViewCount,
        Category,
        Photo,
        Tag,
        TaggedArticle,
    )

    models = [
        AgreementTask.related_articles.through, AgreementTask, Agreement.related_articles.through,
        AgreementPartner, Agreement, Partner, ExemplaryWorker.related_articles.through, Honour,
        ExemplaryWorker, HonourPeriod, Sector, TaggedArticle, Tag, Photo, ArticleViewCount,
        ArticleEvent, Article, Category,
    ]  # fmt: skip
    for model in [Article, Photo, Agreement, AgreementTask, ExemplaryWorker, Honour]:
        history = getattr(model, "history", None)
        if history is not None:
            models.insert(0, history.model)
    with transaction.atomic():
        for model in models:
            deleted = model.objects.all()._raw_delete(model.objects.db)
            print(f"  {model._meta.db_table}: {deleted:,} rows deleted", flush=True)


def ensure_categories(count):
    from news.models import Category

    existing = {c.name: c for c in Category.objects.filter(name__in=CATEGORIES[:count])}
    for order, name in enumerate(CATEGORIES[:count]):
        if name not in existing:
            existing[name] = Category.objects.create(name=name, order=order)
    return [existing[name] for name in CATEGORIES[:count]]


def ensure_tags(count):
    from core.text import slugify_vi
    from news.models import Tag

    names = tag_names(count)
    have = set(Tag.objects.filter(name__in=names).values_list("name", flat=True))
    Tag.objects.bulk_create(
        [Tag(name=n, slug=slugify_vi(n, max_length=90)) for n in names if n not in have],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    by_name = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
    return [(name, by_name[name]) for name in names if name in by_name]


def image_pool(user, categories):
    """A few real pictures through the pipeline (renditions written once), reused by every row."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from demo import images as demo_images
    from news.models import Article, Photo

    found = list(
        Photo.objects.filter(article__created_by=user, article__title=HOLDER_TITLE)
        .exclude(image="")
        .values_list("image", "width", "height")[:IMAGE_POOL]
    )
    if len(found) >= IMAGE_POOL:
        return found
    print("  drawing the pictures (once)…", flush=True)
    holder, _ = Article.objects.get_or_create(
        title=HOLDER_TITLE,
        created_by=user,
        defaults={
            "lead": "Bài nháp giữ các ảnh mẫu.",
            "category": categories[0],
            "status": Article.Status.DRAFT,
            "published_at": timezone.now(),
        },
    )
    holder.photos.all().delete()
    found = []
    kinds = ["landscape", "tea", "flowers", "hall", "house", "stadium"]
    for n, kind in enumerate(kinds[:IMAGE_POOL]):
        data = demo_images.scene(kind, seed=1000 + n)
        photo = Photo.objects.create(
            article=holder,
            image=ContentFile(data, name=f"bench-{kind}.jpg"),
            alt_text="Ảnh minh họa",
            order=n,
        )
        found.append((photo.image.name, photo.width, photo.height))
    return found


def add_articles(user, start, stop, categories, tags, pool, seed):
    """Articles start..stop-1 (by generator index), with 0–2 photos and 1–4 tags each."""
    from django.db import transaction
    from django.utils import timezone

    from core.search import index_text
    from core.text import slugify_vi
    from news.models import Article, Photo, TaggedArticle

    now = timezone.now()
    span = 10 * 365 * 24 * 3600
    progress = Progress("articles", stop - start)
    tag_weights = [1 / (rank + 1) for rank in range(len(tags))]
    for batch_start in range(start, stop, BATCH):
        batch_stop = min(stop, batch_start + BATCH)
        rows, row_tags = [], []
        for index in range(batch_start, batch_stop):
            rng = random.Random(seed * 1_000_003 + index)
            title, lead, body, text = article_text(rng, index)
            chosen = {tags[0]} if rng.random() < 0.3 else set()
            chosen.update(rng.choices(tags, weights=tag_weights, k=rng.randint(1, 3)))
            roll = rng.random()
            published_at = now - timedelta(seconds=rng.randint(3600, span))
            status, deleted_at = Article.Status.PUBLISHED, None
            if roll < 0.03:
                status = Article.Status.DRAFT
            elif roll < 0.05:
                status = Article.Status.HIDDEN
            elif roll < 0.055:
                deleted_at = now
            elif roll < 0.06:
                # Scheduled: days ahead, so that the cache's lifetime cap rarely bites.
                published_at = now + timedelta(days=rng.randint(2, 60))
            byline = rng.choice(["D.QUỲNH", "H.LAN", "MINH TUẤN", "PV", "THANH HƯƠNG"])
            rows.append(
                Article(
                    title=title,
                    slug=f"{slugify_vi(title, max_length=150)}-{index + 1}",
                    lead=lead,
                    body=body,
                    category=categories[index % len(categories)],
                    byline=byline,
                    status=status,
                    published_at=published_at,
                    featured=rng.random() < 0.005,
                    created_by=user,
                    deleted_at=deleted_at,
                    search_title=index_text(title),
                    search_text=index_text(title, lead, text, *[n for n, _ in chosen], byline),
                )
            )
            row_tags.append((rng.random(), sorted(pk for _, pk in chosen)))
        with transaction.atomic():
            created = Article.objects.bulk_create(rows, batch_size=BATCH)
            photos, links = [], []
            for article, (roll, tag_ids) in zip(created, row_tags, strict=True):
                count = 0 if roll < 0.05 else (2 if roll > 0.75 else 1)
                for order in range(count):
                    name, width, height = pool[(article.pk + order) % len(pool)]
                    photos.append(
                        Photo(
                            article=article,
                            image=name,
                            width=width,
                            height=height,
                            caption=f"Quang cảnh hoạt động ({order + 1})",
                            alt_text="Đoàn viên công đoàn tham gia hoạt động",
                            order=order,
                            is_cover=order == 0,
                        )
                    )
                links += [TaggedArticle(content_object=article, tag_id=t) for t in tag_ids]
            Photo.objects.bulk_create(photos, batch_size=BATCH)
            TaggedArticle.objects.bulk_create(links, batch_size=BATCH)
        progress.update(batch_stop - start)
    progress.close()


def ensure_workers(count, user, seed):
    """Worker profiles with honours (saved one by one: a few hundred at most)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from demo import images as demo_images
    from federation.workers.models import ExemplaryWorker, Honour, HonourPeriod, Sector
    from news.models import Article

    have = ExemplaryWorker.objects.filter(consent_recorded_by=user).count()
    if have >= count:
        return
    sectors = [Sector.objects.get_or_create(name=name)[0] for name in SECTORS]
    periods = [
        HonourPeriod.objects.get_or_create(
            name=f"Giai đoạn {y}–{y + 5}", defaults={"start_year": y, "end_year": y + 5}
        )[0]
        for y in (2010, 2015, 2020)
    ]
    portraits = list(
        ExemplaryWorker.objects.filter(consent_recorded_by=user)
        .exclude(portrait="")
        .values_list("portrait", "portrait_width", "portrait_height")
        .distinct()[:PORTRAIT_POOL]
    )
    articles = list(
        Article.objects.published().order_by("-published_at").values_list("pk", flat=True)[:500]
    )
    progress = Progress("worker profiles", count - have)
    for index in range(have, count):
        rng = random.Random(seed * 7919 + index)
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        worker = ExemplaryWorker(
            full_name=name,
            position=rng.choice(["Công nhân vận hành", "Giáo viên", "Điều dưỡng", "Kỹ sư"]),
            workplace=f"{rng.choice(['Công ty CP', 'Trường', 'Bệnh viện'])} {rng.choice(PLACES)}",
            grassroots_union=f"Công đoàn cơ sở số {index % 40 + 1}",
            locality=rng.choice(PLACES),
            sector=sectors[index % len(sectors)],
            achievements="<p>Nhiều năm liền hoàn thành xuất sắc nhiệm vụ, có sáng kiến "
            "làm lợi cho đơn vị và tích cực tham gia hoạt động công đoàn.</p>",
            quote="Công đoàn là chỗ dựa tin cậy của người lao động.",
            featured=index < 8,
            consent_on=timezone.localdate(),
            consent_recorded_by=user,
            is_published=rng.random() < 0.95,
        )
        if len(portraits) < PORTRAIT_POOL:
            data = demo_images.portrait(seed=index)
            worker.portrait = ContentFile(data, name=f"bench-chan-dung-{index}.jpg")
            worker.save()
            portraits.append((worker.portrait.name, worker.portrait_width, worker.portrait_height))
        else:
            worker.portrait, worker.portrait_width, worker.portrait_height = portraits[
                index % len(portraits)
            ]
            worker.save()
        period = periods[index % len(periods)]
        Honour.objects.create(
            worker=worker,
            period=period,
            title=rng.choice(["Chiến sĩ thi đua cơ sở", "Lao động sáng tạo", "Bằng khen"]),
            year=period.start_year + 1,
        )
        if articles:
            worker.related_articles.add(*rng.sample(articles, k=min(2, len(articles))))
        progress.update(index - have + 1)
    progress.close()


def ensure_agreements(partner_count, agreement_count, user, seed):
    from agreements.models import Agreement, AgreementTask, Partner
    from news.models import Article

    partners = list(Partner.objects.order_by("pk"))
    for index in range(len(partners), partner_count):
        kind = PARTNER_KINDS[index % len(PARTNER_KINDS)]
        partners.append(
            Partner.objects.create(name=f"{kind} {PLACES[index % len(PLACES)]} {index + 1}")
        )
    have = Agreement.objects.filter(created_by=user).count()
    if have >= agreement_count:
        return
    articles = list(
        Article.objects.published().order_by("-published_at").values_list("pk", flat=True)[:500]
    )
    progress = Progress("agreements", agreement_count - have)
    for index in range(have, agreement_count):
        rng = random.Random(seed * 104729 + index)
        start = date(2016 + index % 10, 1 + index % 12, 1)
        agreement = Agreement.objects.create(
            title=f"Chương trình phối hợp tuyên truyền số {index + 1} giai đoạn {start.year}–"
            f"{start.year + 2}",
            document_number=f"{index + 1}/CTPH-LĐLĐ",
            signed_on=start - timedelta(days=10),
            valid_from=start,
            valid_until=date(start.year + 2, 12, 31),
            signatories="Chủ tịch Liên đoàn Lao động tỉnh; Tổng Biên tập",
            summary="<p>Hai bên phối hợp tuyên truyền về hoạt động công đoàn, chính sách pháp "
            "luật liên quan đến người lao động và các phong trào thi đua.</p>",
            visibility=(
                Agreement.Visibility.OFFICERS if index % 10 == 9 else Agreement.Visibility.PUBLIC
            ),
            created_by=user,
        )
        agreement.partners.add(*rng.sample(partners, k=min(2, len(partners))))
        if articles:
            agreement.related_articles.add(*rng.sample(articles, k=min(3, len(articles))))
        for order in range(3):
            AgreementTask.objects.create(
                agreement=agreement,
                title=f"Nhiệm vụ {order + 1}: đăng tin, bài về hoạt động công đoàn",
                order=order,
            )
        progress.update(index - have + 1)
    progress.close()


def generate(n, *, seed=2026, allow_mixed=False, do_reset=False):
    from news.models import Article

    started = time.monotonic()
    if do_reset:
        print("Emptying the content tables…", flush=True)
        reset()
    user = bench_user()
    check_database(user, allow_mixed)
    sizes = targets(n)
    have = Article.objects.filter(created_by=user).exclude(title=HOLDER_TITLE).count()
    print(f"Generating {n:,} articles ({have:,} already there)…", flush=True)
    categories = ensure_categories(sizes["categories"])
    tags = ensure_tags(sizes["tags"])
    pool = image_pool(user, categories)
    if have < n:
        with trigram_indexes_set_aside(n - have):
            add_articles(user, have, n, categories, tags, pool, seed)
    ensure_workers(sizes["workers"], user, seed)
    ensure_agreements(sizes["partners"], sizes["agreements"], user, seed)
    ensure_site_profile()
    analyse()
    print(f"Done in {time.monotonic() - started:.0f} s.", flush=True)


@contextmanager
def trigram_indexes_set_aside(rows):
    """Keeping GIN trigram indexes up to date row by row costs most of a bulk load; building
    them once afterwards is several times faster (PostgreSQL, large loads only)."""
    from django.db import connection

    if connection.vendor != "postgresql" or rows < 5000:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() AND tablename = 'news_article' "
            "AND indexdef ILIKE '%%gin_trgm_ops%%'"
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for name, definition in indexes:
                started = time.monotonic()
                print(f"  rebuilding index {name}…", end=" ", flush=True)
                cursor.execute(definition)
                print(f"{time.monotonic() - started:.0f} s", flush=True)


def ensure_site_profile():
    """The site profile a live site has: otherwise the first page asked for creates it, and that
    save makes every page and fact the first renders kept stale (the probe's second render then
    queried the database again)."""
    from federation.models import SiteProfile

    SiteProfile.objects.get_or_create(pk=1)


def analyse():
    """After a bulk load (PostgreSQL), what autovacuum does on a live site: fresh planner
    statistics, so that plans match the data, and the visibility map, without which no index-only
    scan skips the table (a list's count read every row, a deep page's OFFSET fetched every row it
    skipped). Done here because a machine may run with autovacuum off."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # VACUUM cannot run inside a transaction (the test suite's): statistics only there.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000, help="articles (100000)")
    parser.add_argument("--reset", action="store_true", help="empty the content tables first")
    parser.add_argument(
        "--allow-mixed", action="store_true", help="add rows even if others are there"
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    setup_django()
    generate(args.n, seed=args.seed, allow_mixed=args.allow_mixed, do_reset=args.reset)


if __name__ == "__main__":
    main()
