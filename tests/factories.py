"""Plain factories for test data: make_x(**kw) with sensible defaults (setdefault)."""

import io
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from agreements.models import Agreement, AgreementTask, Partner
from federation.workers.models import ExemplaryWorker, Honour, HonourPeriod, Sector
from news.models import Article, Category, Photo, Topic, TopicArticle

_seq = itertools.count(1)


def reset_sequence():
    """Each test numbers its rows from 1 (tests/conftest.py): a name or a publication time never
    depends on what ran before."""
    global _seq
    _seq = itertools.count(1)


def image_bytes(width=1200, height=800, color=(20, 90, 160), image_format="JPEG", exif=None):
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, image_format, **kwargs)
    return buffer.getvalue()


def image_upload(name="anh.jpg", **kw):
    content_type = "image/png" if name.endswith(".png") else "image/jpeg"
    if name.endswith(".png"):
        kw.setdefault("image_format", "PNG")
    return SimpleUploadedFile(name, image_bytes(**kw), content_type=content_type)


def make_user(*, groups=(), **kw):
    n = next(_seq)
    kw.setdefault("username", f"nguoidung{n}")
    kw.setdefault("email", f"nguoidung{n}@example.vn")
    password = kw.pop("password", "MatKhau@2026")
    user = get_user_model().objects.create_user(password=password, **kw)
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def make_category(**kw):
    n = next(_seq)
    kw.setdefault("name", f"Chuyên mục {n}")
    return Category.objects.create(**kw)


def make_article(*, tags=(), **kw):
    n = next(_seq)
    kw.setdefault("title", f"Bài viết số {n} về hoạt động công đoàn")
    kw.setdefault("lead", "Liên đoàn Lao động tỉnh tổ chức hoạt động chăm lo cho đoàn viên.")
    kw.setdefault("body", "<p>Nội dung bài viết.</p>")
    kw.setdefault("status", Article.Status.PUBLISHED)
    kw.setdefault("published_at", timezone.now() - timezone.timedelta(hours=n))
    if "category" not in kw:
        kw["category"] = make_category()
    article = Article.objects.create(**kw)
    if tags:
        article.tags.add(*tags)
    return article


def make_topic(*, articles=(), **kw):
    """A topic holding articles in the order given."""
    n = next(_seq)
    kw.setdefault("title", f"Chuyên đề số {n}")
    kw.setdefault("introduction", "<p>Các bài viết của chuyên đề.</p>")
    topic = Topic.objects.create(**kw)
    for order, article in enumerate(articles, start=1):
        TopicArticle.objects.create(topic=topic, article=article, order=order)
    return topic


def make_photo(*, with_image=True, **kw):
    if "article" not in kw:
        kw["article"] = make_article()
    kw.setdefault("caption", "Quang cảnh hội nghị")
    kw.setdefault("alt_text", "Đại biểu dự hội nghị")
    if with_image:
        kw.setdefault("image", image_upload())
    return Photo.objects.create(**kw)


def make_period(**kw):
    start = kw.setdefault("start_year", 2015 + 5 * (next(_seq) % 3))
    kw.setdefault("end_year", start + 5)
    kw.setdefault("name", f"Giai đoạn {start}–{kw['end_year']}")
    return HonourPeriod.objects.get_or_create(name=kw.pop("name"), defaults=kw)[0]


def make_sector(**kw):
    n = next(_seq)
    kw.setdefault("name", f"Ngành thử nghiệm {n}")
    return Sector.objects.create(**kw)


def make_worker(*, honours=(), **kw):
    """A published profile with consent, unless told otherwise; honours: [(period, title, year)]."""
    n = next(_seq)
    kw.setdefault("full_name", f"Trần Văn Thành {n}")
    kw.setdefault("position", "Công nhân kỹ thuật")
    kw.setdefault("workplace", "Công ty Cổ phần Chè Cao nguyên")
    kw.setdefault("grassroots_union", "Công đoàn Công ty Cổ phần Chè Cao nguyên")
    kw.setdefault("locality", "Phường B'Lao, tỉnh Lâm Đồng")
    kw.setdefault("achievements", "<p>Nhiều năm liền hoàn thành xuất sắc nhiệm vụ.</p>")
    kw.setdefault("quote", "Làm việc hết mình vì tập thể.")
    kw.setdefault("is_published", True)
    kw.setdefault("consent_on", timezone.localdate() - timezone.timedelta(days=30))
    if "sector" not in kw:
        kw["sector"] = make_sector()
    worker = ExemplaryWorker.objects.create(**kw)
    for order, (period, title, year) in enumerate(honours):
        Honour.objects.create(worker=worker, period=period, title=title, year=year, order=order)
    return worker


def make_photo_like(source, **kw):
    """A photo that reuses another photo's stored image: no upload and no renditions to write,
    so that tests can give many articles real pictures quickly."""
    kw.setdefault("article", source.article)
    kw.setdefault("image", source.image.name)
    kw.setdefault("width", source.width)
    kw.setdefault("height", source.height)
    kw.setdefault("caption", source.caption)
    kw.setdefault("alt_text", source.alt_text)
    return Photo.objects.create(**kw)


def pdf_bytes(pages=1):
    """A real (blank) PDF document."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name="van-ban.pdf", content=None):
    return SimpleUploadedFile(name, content or pdf_bytes(), content_type="application/pdf")


def make_partner(**kw):
    n = next(_seq)
    kw.setdefault("name", f"Báo Thử Nghiệm {n}")
    kw.setdefault("kind", Partner.Kind.NEWSPAPER)
    return Partner.objects.create(**kw)


def make_agreement(*, partners=None, **kw):
    """A public programme in force today (2 years), with one new partner unless told otherwise."""
    n = next(_seq)
    today = timezone.localdate()
    kw.setdefault("title", f"Chương trình phối hợp tuyên truyền số {n}")
    kw.setdefault("valid_from", today - timezone.timedelta(days=365))
    kw.setdefault("valid_until", kw["valid_from"] + timezone.timedelta(days=3 * 365))
    kw.setdefault("signed_on", kw["valid_from"])
    kw.setdefault("document_number", f"Số {n:02d}/CTPH-LĐLĐ")
    kw.setdefault("summary", "<p>Phối hợp tuyên truyền về hoạt động công đoàn.</p>")
    agreement = Agreement.objects.create(**kw)
    for partner in [make_partner()] if partners is None else partners:
        agreement.partners.add(partner)
    return agreement


def make_task(**kw):
    if "agreement" not in kw:
        kw["agreement"] = make_agreement()
    n = next(_seq)
    kw.setdefault("title", f"Nhiệm vụ số {n}")
    kw.setdefault("responsible", AgreementTask.Responsible.BOTH)
    return AgreementTask.objects.create(**kw)


def make_editor(**kw):
    """A communications staff member: staff, in the editors' group."""
    from core import roles

    kw.setdefault("first_name", "Biên tập")
    return make_user(groups=[roles.EDITORS], is_staff=True, **kw)


def make_correspondent(*, unit="Công đoàn cơ sở Công ty CP Chè Cầu Đất", **kw):
    """A grassroots correspondent: staff, in the correspondents' group, writing from a unit."""
    from core import roles
    from news.models import Correspondent

    kw.setdefault("first_name", "Cộng tác viên")
    user = make_user(groups=[roles.CORRESPONDENTS], is_staff=True, **kw)
    Correspondent.objects.create(user=user, unit=unit)
    return user


def make_officer(**kw):
    """A union officer: no admin, only the public site's officers-only pages."""
    from core import roles

    return make_user(groups=[roles.OFFICERS], **kw)


def make_document(*, files=(), **kw):
    """A public plan of the provincial federation, in force since last month, unless told
    otherwise; files: uploads (pdf_upload(), docx_upload()…)."""
    from documents.models import Document, DocumentFile, DocumentKind, IssuingBody

    n = next(_seq)
    kw.setdefault("number", f"Số {n}/KH-LĐLĐ")
    kw.setdefault("summary", f"Tổ chức hoạt động chăm lo cho đoàn viên, đợt {n}")
    kw.setdefault("issued_on", timezone.localdate() - timezone.timedelta(days=30))
    if "kind" not in kw:
        kw["kind"] = DocumentKind.objects.get_or_create(
            slug="ke-hoach", defaults={"name": "Kế hoạch"}
        )[0]
    if "issuer" not in kw:
        kw["issuer"] = IssuingBody.objects.get_or_create(name="Liên đoàn Lao động tỉnh Lâm Đồng")[0]
    document = Document.objects.create(**kw)
    for order, upload in enumerate(files):
        DocumentFile.objects.create(document=document, file=upload, order=order)
    return document


def office_bytes(kind="docx", *, macro=False):
    """A minimal but well-formed Word (.docx) or Excel (.xlsx) package."""
    import zipfile

    main = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        package.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        package.writestr(main, '<?xml version="1.0"?><document>Nội dung</document>')
        if macro:
            package.writestr("word/vbaProject.bin", b"\x00" * 64)
    return buffer.getvalue()


def office_upload(name="bieu-mau.docx", kind="docx", **kw):
    return SimpleUploadedFile(name, office_bytes(kind, **kw), content_type="application/zip")


def make_question(**kw):
    """A question as the form stores it: open, with an email contact and consent, unless told."""
    from advice.models import Question

    n = next(_seq)
    kw.setdefault("asker_name", "Nguyễn Văn Bình")
    kw.setdefault("contact", f"nguoihoi{n}@example.vn")
    kw.setdefault("question", f"Công ty chậm trả lương hai tháng, tôi phải làm gì? (câu {n})")
    kw.setdefault("field", Question.Field.WAGES)
    kw.setdefault("consent_at", timezone.now())
    kw.setdefault("consent_version", "2026-01")
    return Question.objects.create(**kw)


def make_answered_question(**kw):
    """A published answer, as a legal officer leaves it."""
    from advice.models import Question

    n = next(_seq)
    kw.setdefault("title", f"Công ty chậm trả lương thì người lao động làm gì? ({n})")
    kw.setdefault("public_question", "Công ty chậm trả lương hai tháng, tôi phải làm gì?")
    kw.setdefault(
        "answer",
        "<p>Theo Điều 97 Bộ luật Lao động 2019, người sử dụng lao động phải trả lương đúng hạn."
        "</p>",
    )
    kw.setdefault("status", Question.Status.PUBLISHED)
    kw.setdefault("published_at", timezone.now() - timezone.timedelta(hours=n))
    kw.setdefault("closed_at", kw["published_at"])
    return make_question(**kw)


def make_every_kind_matching(count, period, word="công đoàn"):
    """count of each kind besides articles that the search finds by `word`: topics, programmes,
    profiles with an honour, documents and answered questions."""
    for n in range(count):
        make_topic(title=f"Chuyên đề {word} số {n}")
        make_agreement(title=f"Phối hợp tuyên truyền {word} số {n}")
        make_worker(
            full_name=f"Nguyễn Văn Công {n}",
            honours=[(period, "Chiến sĩ thi đua cơ sở", period.start_year)],
        )
        make_document(summary=f"Kế hoạch hoạt động {word} số {n}")
        make_answered_question(title=f"Công đoàn cơ sở bảo vệ người lao động thế nào? (số {n})")
