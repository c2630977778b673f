"""Demo library for `manage.py load_demo`: about twenty documents across kinds, written for the
demo (the laws are real and cited by their real numbers; every summary and every provincial
document, name and number is made up), with replaced ones, an officers-only one, a form in Word
and PDFs. Idempotent: each document is looked up by its slug first."""

import io
import zipfile
from datetime import date
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.utils import timezone

from demo.pdf import new_pdf, official_header, para, pdf_bytes
from documents.models import Document, DocumentFile, DocumentKind, Field, IssuingBody

PROVINCE = "Liên đoàn Lao động tỉnh Lâm Đồng"
STANDING = "Ban Thường vụ Liên đoàn Lao động tỉnh Lâm Đồng"
ASSEMBLY = "Quốc hội"
GOVERNMENT = "Chính phủ"

ISSUERS = [
    (PROVINCE, "LĐLĐ tỉnh"),
    (STANDING, "BTV LĐLĐ tỉnh"),
    (ASSEMBLY, ""),
    (GOVERNMENT, ""),
]
FIELDS = [
    "Tổ chức công đoàn",
    "Chính sách, pháp luật",
    "Tiền lương",
    "Bảo hiểm xã hội",
    "An toàn, vệ sinh lao động",
    "Chăm lo đoàn viên",
    "Tuyên truyền",
]
AGREEMENT_2024 = "chuong-trinh-phoi-hop-tuyen-truyen-giai-doan-2024-2026"


def _next_new_year():
    return date(timezone.localdate().year + 1, 1, 1)


DOCUMENTS = [
    {
        "slug": "bo-luat-lao-dong-2019",
        "kind": "van-ban-phap-luat",
        "number": "Luật số 45/2019/QH14",
        "summary": "Bộ luật Lao động",
        "issuer": ASSEMBLY,
        "field": "Chính sách, pháp luật",
        "issued_on": date(2019, 11, 20),
        "effective_from": date(2021, 1, 1),
        "full_text": "<p>Bộ luật quy định tiêu chuẩn lao động; quyền, nghĩa vụ, trách nhiệm của "
        "người lao động, người sử dụng lao động và tổ chức đại diện người lao động. Trang này "
        "chỉ giới thiệu; toàn văn xem tại Cơ sở dữ liệu quốc gia về văn bản pháp luật.</p>",
        "pdf": True,
    },
    {
        "slug": "nghi-dinh-145-2020-dieu-kien-lao-dong-quan-he-lao-dong",
        "kind": "van-ban-phap-luat",
        "number": "Nghị định số 145/2020/NĐ-CP",
        "summary": "Quy định chi tiết và hướng dẫn thi hành một số điều của Bộ luật Lao động về "
        "điều kiện lao động và quan hệ lao động",
        "issuer": GOVERNMENT,
        "field": "Chính sách, pháp luật",
        "issued_on": date(2020, 12, 14),
        "effective_from": date(2021, 2, 1),
        "related": ["bo-luat-lao-dong-2019"],
    },
    {
        "slug": "luat-cong-doan-2012",
        "kind": "van-ban-phap-luat",
        "number": "Luật số 12/2012/QH13",
        "summary": "Luật Công đoàn (năm 2012)",
        "issuer": ASSEMBLY,
        "field": "Tổ chức công đoàn",
        "issued_on": date(2012, 6, 20),
        "effective_from": date(2013, 1, 1),
    },
    {
        "slug": "luat-cong-doan-2024",
        "kind": "van-ban-phap-luat",
        "number": "Luật số 50/2024/QH15",
        "summary": "Luật Công đoàn (năm 2024)",
        "issuer": ASSEMBLY,
        "field": "Tổ chức công đoàn",
        "issued_on": date(2024, 11, 27),
        "effective_from": date(2025, 7, 1),
        "replaces": ["luat-cong-doan-2012"],
        "pdf": True,
    },
    {
        "slug": "luat-bao-hiem-xa-hoi-2014",
        "kind": "van-ban-phap-luat",
        "number": "Luật số 58/2014/QH13",
        "summary": "Luật Bảo hiểm xã hội (năm 2014)",
        "issuer": ASSEMBLY,
        "field": "Bảo hiểm xã hội",
        "issued_on": date(2014, 11, 20),
        "effective_from": date(2016, 1, 1),
    },
    {
        "slug": "luat-bao-hiem-xa-hoi-2024",
        "kind": "van-ban-phap-luat",
        "number": "Luật số 41/2024/QH15",
        "summary": "Luật Bảo hiểm xã hội (năm 2024)",
        "issuer": ASSEMBLY,
        "field": "Bảo hiểm xã hội",
        "issued_on": date(2024, 6, 29),
        "effective_from": date(2025, 7, 1),
        "replaces": ["luat-bao-hiem-xa-hoi-2014"],
    },
    {
        "slug": "luat-an-toan-ve-sinh-lao-dong-2015",
        "kind": "van-ban-phap-luat",
        "number": "Luật số 84/2015/QH13",
        "summary": "Luật An toàn, vệ sinh lao động",
        "issuer": ASSEMBLY,
        "field": "An toàn, vệ sinh lao động",
        "issued_on": date(2015, 6, 25),
        "effective_from": date(2016, 7, 1),
    },
    {
        "slug": "nghi-dinh-38-2022-luong-toi-thieu",
        "kind": "van-ban-phap-luat",
        "number": "Nghị định số 38/2022/NĐ-CP",
        "summary": "Quy định mức lương tối thiểu đối với người lao động làm việc theo hợp đồng "
        "lao động (năm 2022)",
        "issuer": GOVERNMENT,
        "field": "Tiền lương",
        "issued_on": date(2022, 6, 12),
        "effective_from": date(2022, 7, 1),
    },
    {
        "slug": "nghi-dinh-74-2024-luong-toi-thieu",
        "kind": "van-ban-phap-luat",
        "number": "Nghị định số 74/2024/NĐ-CP",
        "summary": "Quy định mức lương tối thiểu đối với người lao động làm việc theo hợp đồng "
        "lao động (năm 2024)",
        "issuer": GOVERNMENT,
        "field": "Tiền lương",
        "issued_on": date(2024, 6, 30),
        "effective_from": date(2024, 7, 1),
        "replaces": ["nghi-dinh-38-2022-luong-toi-thieu"],
    },
    {
        "slug": "ke-hoach-thang-cong-nhan-2025",
        "kind": "ke-hoach",
        "number": "Số 98/KH-LĐLĐ",
        "summary": "Tổ chức các hoạt động Tháng Công nhân năm 2025",
        "issuer": PROVINCE,
        "field": "Chăm lo đoàn viên",
        "issued_on": date(2025, 3, 18),
        "expires_on": date(2025, 5, 31),
        "signer": "Phạm Quốc Hưng",
        "position": "Phó Chủ tịch",
        "pdf": True,
    },
    {
        "slug": "ke-hoach-thang-cong-nhan-2026",
        "kind": "ke-hoach",
        "number": "Số 125/KH-LĐLĐ",
        "summary": "Tổ chức các hoạt động Tháng Công nhân năm 2026",
        "issuer": PROVINCE,
        "field": "Chăm lo đoàn viên",
        "issued_on": date(2026, 3, 20),
        "expires_on": date(2026, 5, 31),
        "signer": "Phạm Quốc Hưng",
        "position": "Phó Chủ tịch",
        "full_text": "<h2>Chủ đề</h2><p>«Đoàn viên công đoàn – Vững bước tương lai».</p>"
        "<h2>Hoạt động chính</h2><ul><li>Thăm, tặng quà đoàn viên có hoàn cảnh khó khăn tại "
        "các khu công nghiệp Lộc Sơn, Phú Hội.</li><li>Đối thoại giữa lãnh đạo tỉnh với công "
        "nhân lao động.</li><li>Khám sức khỏe miễn phí cho 500 người lao động.</li></ul>",
        "related": ["ke-hoach-thang-cong-nhan-2025"],
        "pdf": True,
    },
    {
        "slug": "huong-dan-tham-hoi-doan-vien-2024",
        "kind": "huong-dan",
        "number": "Số 07/HD-LĐLĐ",
        "summary": "Thăm hỏi, hỗ trợ đoàn viên ốm đau, gặp hoàn cảnh khó khăn (năm 2024)",
        "issuer": PROVINCE,
        "field": "Chăm lo đoàn viên",
        "issued_on": date(2024, 2, 26),
        "signer": "Trần Minh Khoa",
        "position": "Chủ tịch",
    },
    {
        "slug": "huong-dan-tham-hoi-doan-vien-2026",
        "kind": "huong-dan",
        "number": "Số 15/HD-LĐLĐ",
        "summary": "Thăm hỏi, hỗ trợ đoàn viên ốm đau, gặp hoàn cảnh khó khăn (năm 2026)",
        "issuer": PROVINCE,
        "field": "Chăm lo đoàn viên",
        "issued_on": date(2026, 1, 15),
        "effective_from": date(2026, 2, 1),
        "signer": "Trần Minh Khoa",
        "position": "Chủ tịch",
        "replaces": ["huong-dan-tham-hoi-doan-vien-2024"],
        "pdf": True,
    },
    {
        "slug": "nghi-quyet-nhiem-vu-cong-doan-nam-2026",
        "kind": "nghi-quyet",
        "number": "Số 03-NQ/LĐLĐ",
        "summary": "Nghị quyết Hội nghị Ban Chấp hành về nhiệm vụ trọng tâm năm 2026",
        "issuer": STANDING,
        "field": "Tổ chức công đoàn",
        "issued_on": date(2025, 12, 22),
        "effective_from": date(2026, 1, 1),
        "expires_on": date(2026, 12, 31),
        "signer": "Trần Minh Khoa",
        "position": "Chủ tịch",
        "pdf": True,
    },
    {
        "slug": "quyet-dinh-quy-che-to-tu-van-phap-luat",
        "kind": "quyet-dinh",
        "number": "Số 210/QĐ-LĐLĐ",
        "summary": "Ban hành Quy chế hoạt động của Tổ tư vấn pháp luật cho người lao động",
        "issuer": PROVINCE,
        "field": "Chính sách, pháp luật",
        "issued_on": date(2025, 9, 5),
        "signer": "Lê Thị Thu Hương",
        "position": "Phó Chủ tịch",
        "related": ["bo-luat-lao-dong-2019"],
        "pdf": True,
    },
    {
        "slug": "quyet-dinh-quy-che-thi-dua-khen-thuong-moi",
        "kind": "quyet-dinh",
        "number": "Số 301/QĐ-LĐLĐ",
        "summary": "Ban hành Quy chế thi đua, khen thưởng của Liên đoàn Lao động tỉnh (áp dụng "
        "từ đầu năm tới)",
        "issuer": PROVINCE,
        "field": "Tổ chức công đoàn",
        "issued_on": date(2026, 3, 2),
        "effective_from": _next_new_year,
        "signer": "Trần Minh Khoa",
        "position": "Chủ tịch",
    },
    {
        "slug": "cong-van-tuyen-truyen-luat-cong-doan-2024",
        "kind": "cong-van",
        "number": "Số 356/LĐLĐ-CSPL",
        "summary": "V/v tuyên truyền, phổ biến Luật Công đoàn năm 2024 đến đoàn viên, người lao "
        "động",
        "issuer": PROVINCE,
        "field": "Tuyên truyền",
        "issued_on": date(2025, 6, 10),
        "signer": "Lê Thị Thu Hương",
        "position": "Phó Chủ tịch",
        "related": ["luat-cong-doan-2024"],
        "pdf": True,
    },
    {
        "slug": "thong-bao-ket-qua-tet-sum-vay-2026",
        "kind": "thong-bao",
        "number": "Số 45/TB-LĐLĐ",
        "summary": "Kết quả Chương trình «Tết Sum vầy» năm 2026",
        "issuer": PROVINCE,
        "field": "Chăm lo đoàn viên",
        "issued_on": date(2026, 2, 27),
        "signer": "Phạm Quốc Hưng",
        "position": "Phó Chủ tịch",
    },
    {
        "slug": "ke-hoach-thuc-hien-chuong-trinh-phoi-hop-tuyen-truyen-2026",
        "kind": "ke-hoach",
        "number": "Số 18/KH-LĐLĐ",
        "summary": "Thực hiện Chương trình phối hợp tuyên truyền hoạt động công đoàn năm 2026",
        "issuer": PROVINCE,
        "field": "Tuyên truyền",
        "issued_on": date(2026, 1, 20),
        "expires_on": date(2026, 12, 31),
        "signer": "Lê Thị Thu Hương",
        "position": "Phó Chủ tịch",
        "agreement": AGREEMENT_2024,
        "pdf": True,
    },
    {
        "slug": "quy-che-phoi-hop-xu-ly-ngung-viec-tap-the",
        "kind": "quyet-dinh",
        "number": "Số 88/QĐ-LĐLĐ",
        "summary": "Quy chế phối hợp nội bộ khi xảy ra ngừng việc tập thể tại doanh nghiệp",
        "issuer": STANDING,
        "field": "Chính sách, pháp luật",
        "issued_on": date(2025, 4, 14),
        "signer": "Trần Minh Khoa",
        "position": "Chủ tịch",
        "officers_only": True,
        "pdf": True,
    },
    {
        "slug": "mau-don-de-nghi-ho-tro-doan-vien-kho-khan",
        "kind": "bieu-mau",
        "number": "",
        "summary": "Mẫu đơn đề nghị hỗ trợ đoàn viên có hoàn cảnh khó khăn",
        "issuer": PROVINCE,
        "field": "Chăm lo đoàn viên",
        "issued_on": date(2026, 1, 15),
        "related": ["huong-dan-tham-hoi-doan-vien-2026"],
        "docx": True,
    },
]


def load():
    """Create whatever part of the demo library is missing; returns a one-line summary."""
    issuers = {
        name: IssuingBody.objects.get_or_create(name=name, defaults={"short_name": short})[0]
        for name, short in ISSUERS
    }
    fields = {
        name: Field.objects.get_or_create(name=name, defaults={"order": order})[0]
        for order, name in enumerate(FIELDS, start=1)
    }
    DocumentKind.create_usual()
    kinds = {kind.slug: kind for kind in DocumentKind.objects.all()}
    documents = {}
    for spec in DOCUMENTS:
        documents[spec["slug"]] = _document(spec, kinds, issuers, fields)
    for spec in DOCUMENTS:
        document = documents[spec["slug"]]
        for slug in spec.get("replaces", ()):
            document.replaces.add(documents[slug])
        for slug in spec.get("related", ()):
            document.related_documents.add(documents[slug])
        if spec.get("agreement"):
            _link_agreement(document, spec["agreement"])
    _link_news(documents)
    files = DocumentFile.objects.filter(document__in=documents.values()).count()
    return f"{len(documents)} văn bản, {files} tệp"


def _document(spec, kinds, issuers, fields):
    effective = spec.get("effective_from")
    defaults = {
        "kind": kinds[spec["kind"]],
        "number": spec["number"],
        "summary": spec["summary"],
        "issuer": issuers[spec["issuer"]],
        "field": fields[spec["field"]],
        "issued_on": spec["issued_on"],
        "effective_from": effective() if callable(effective) else effective,
        "expires_on": spec.get("expires_on"),
        "signer": spec.get("signer", ""),
        "signer_position": spec.get("position", ""),
        "full_text": spec.get("full_text", ""),
        "visibility": (
            Document.Visibility.OFFICERS
            if spec.get("officers_only")
            else Document.Visibility.PUBLIC
        ),
    }
    document, created = Document.objects.get_or_create(slug=spec["slug"], defaults=defaults)
    if created or not document.files.exists():
        content = None
        if spec.get("pdf"):
            content, name = document_pdf(document), f"{document.slug}.pdf"
        elif spec.get("docx"):
            content, name = form_docx(document), f"{document.slug}.docx"
        if content:
            DocumentFile.objects.create(
                document=document, file=ContentFile(content, name=name), title="Bản điện tử"
            )
    return document


def _link_agreement(document, slug):
    from agreements.models import Agreement

    agreement = Agreement.objects.filter(slug=slug).first()
    if agreement:
        document.related_agreements.add(agreement)


def _link_news(documents):
    """The news demo's articles about the workers' month and the union law, when it made them."""
    from news.models import Article

    for slug, words in [
        ("ke-hoach-thang-cong-nhan-2026", "Tháng Công nhân"),
        ("cong-van-tuyen-truyen-luat-cong-doan-2024", "Luật Công đoàn"),
    ]:
        articles = Article.objects.published().filter(title__icontains=words)[:2]
        documents[slug].related_articles.add(*articles)


# Files --------------------------------------------------------------------------------------------


def document_pdf(document):
    """A PDF laid out like a Vietnamese official document; None without fpdf2 or the font."""
    pdf = new_pdf(f"{document.heading}: {document.summary}")
    if pdf is None:
        return None

    official_header(pdf, document.issuer.name.upper(), document.number, document.issued_on)
    para(pdf, document.kind.name.upper(), size=15, style="B", align="C", height=8)
    para(pdf, document.summary, style="B", align="C")
    pdf.ln(4)
    para(
        pdf,
        "Văn bản mẫu tạo tự động cho dữ liệu thử nghiệm của cổng thông tin. Nội dung dưới đây "
        "chỉ minh họa bố cục của một văn bản hành chính; không dùng làm căn cứ pháp lý.",
    )
    pdf.ln(2)
    para(
        pdf,
        f"Có hiệu lực từ ngày {document.effective_from:%d/%m/%Y}"
        + (f" đến hết ngày {document.expires_on:%d/%m/%Y}." if document.expires_on else "."),
    )
    pdf.ln(10)
    if document.signed_by:
        para(
            pdf,
            f"{document.signer_position.upper()}\n(đã ký)\n{document.signer}",
            style="B",
            align="C",
        )
    return pdf_bytes(pdf)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def form_docx(document):
    """A small Word form (.docx) with the form's title and lines to fill in."""
    lines = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc",
        "",
        document.summary.upper(),
        "",
        "Kính gửi: Ban Chấp hành Công đoàn cơ sở ……………………………",
        "Họ và tên đoàn viên: ……………………………………………",
        "Đơn vị công tác: ……………………………………………………",
        "Hoàn cảnh khó khăn (ghi rõ): …………………………………………",
        "Đề nghị hỗ trợ: ……………………………………………………",
        "",
        "Xác nhận của Công đoàn cơ sở                Người làm đơn",
    ]
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in lines
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", xml)
    return buffer.getvalue()
