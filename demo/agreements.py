"""Demo cooperation programmes for `manage.py load_demo`: partners, a renewal chain, tasks, a PDF.

Idempotent: every row is looked up by its slug (or title) first, so running it again changes
nothing. It runs after the news demo and links the 2021–2023 programme to the article about its
signing when that article exists.
"""

from datetime import date

from django.core.files.base import ContentFile

from agreements.models import Agreement, AgreementPartner, AgreementTask, Partner
from demo import images as demo_images
from demo.news import CONFERENCE_SLUG
from demo.pdf import new_pdf, official_header, para, pdf_bytes
from news.models import Article

MERGED = "bao-va-phat-thanh-truyen-hinh-lam-dong"
RADIO = "dai-phat-thanh-truyen-hinh-tinh-lam-dong"
PAPER = "bao-lam-dong"

PARTNERS = [
    {
        "slug": MERGED,
        "name": "Báo và Phát thanh, Truyền hình Lâm Đồng",
        "short_name": "Báo và PTTH Lâm Đồng",
        "kind": Partner.Kind.RADIO_TELEVISION,
        "website": "https://baolamdong.example.vn",
        "contact_person": "Phòng Thời sự – Chính trị",
        "contact_phone": "0263 3822 xxx",
        "contact_email": "thoisu@baoptthlamdong.example.vn",
        "initials": "LĐ",
    },
    {
        "slug": RADIO,
        "name": "Đài Phát thanh – Truyền hình tỉnh Lâm Đồng",
        "short_name": "Đài PTTH Lâm Đồng",
        "kind": Partner.Kind.RADIO_TELEVISION,
        "contact_person": "Ban Thời sự",
        "contact_phone": "0263 3821 xxx",
        "contact_email": "thoisu@ptthlamdong.example.vn",
        "valid_until": date(2025, 6, 30),
        "successor": MERGED,
        "initials": "PTTH",
    },
    {
        "slug": PAPER,
        "name": "Báo Lâm Đồng",
        "kind": Partner.Kind.NEWSPAPER,
        "contact_person": "Ban Kinh tế – Xã hội",
        "contact_phone": "0263 3822 xxx",
        "contact_email": "toasoan@baolamdong.example.vn",
        "valid_until": date(2025, 6, 30),
        "successor": MERGED,
        "initials": "BLĐ",
    },
]

SIGNATORIES_2021 = """\
Chủ tịch Liên đoàn Lao động tỉnh Lâm Đồng
Giám đốc Đài Phát thanh – Truyền hình tỉnh Lâm Đồng
Tổng Biên tập Báo Lâm Đồng"""

AGREEMENTS = [
    {
        "slug": "chuong-trinh-phoi-hop-tuyen-truyen-giai-doan-2018-2020",
        "title": "Chương trình phối hợp tuyên truyền hoạt động công đoàn giai đoạn 2018–2020",
        "document_number": "Số 11/CTPH-LĐLĐ",
        "signed_on": date(2018, 3, 20),
        "valid_from": date(2018, 3, 20),
        "valid_until": date(2020, 12, 31),
        "partners": [RADIO, PAPER],
        "signatories": SIGNATORIES_2021,
        "summary": (
            "<p>Chương trình đầu tiên giữa Liên đoàn Lao động tỉnh với hai cơ quan báo chí của "
            "tỉnh: đưa tin thường xuyên về phong trào thi đua của công nhân, viên chức, lao động "
            "và về Đại hội Công đoàn các cấp.</p>"
        ),
        "tasks": [
            (
                "Đưa tin Đại hội Công đoàn các cấp nhiệm kỳ 2018–2023",
                "both",
                None,
                "done",
                "Đã đưa tin đầy đủ từ cơ sở đến Đại hội Công đoàn tỉnh.",
            ),
            (
                "Phản ánh phong trào thi đua lao động giỏi, lao động sáng tạo",
                "both",
                None,
                "done",
                "",
            ),
        ],  # fmt: skip
    },
    {
        "slug": "chuong-trinh-phoi-hop-tuyen-truyen-giai-doan-2021-2023",
        "title": "Chương trình phối hợp tuyên truyền hoạt động công đoàn giai đoạn 2021–2023",
        "document_number": "Số 05/CTPH-LĐLĐ",
        "signed_on": date(2021, 4, 8),
        "valid_from": date(2021, 4, 8),
        "valid_until": date(2023, 12, 31),
        "renews": "chuong-trinh-phoi-hop-tuyen-truyen-giai-doan-2018-2020",
        "partners": [RADIO, PAPER],
        "signatories": SIGNATORIES_2021,
        "summary": (
            "<p>Ký tại hội nghị truyền thông công đoàn ngày 8/4/2021: ba bên cùng xây dựng "
            "chuyên mục công đoàn, làm phong phú thông tin về hoạt động công đoàn và tuyên truyền "
            "rộng rãi phong trào công nhân, viên chức, lao động.</p>"
        ),
        "full_text": (
            "<h2>Mục đích</h2>"
            "<p>Nâng cao nhận thức của cán bộ, đoàn viên và người lao động; xây dựng hình ảnh tổ "
            "chức công đoàn năng động, gần gũi với người lao động.</p>"
            "<h2>Cách làm</h2>"
            "<p>Mỗi quý, các bên thống nhất chủ đề tuyên truyền; Liên đoàn Lao động tỉnh cung cấp "
            "thông tin, cử cán bộ trả lời phỏng vấn; cơ quan báo chí bố trí thời lượng, trang "
            "báo và phóng viên theo dõi.</p>"
        ),
        "tasks": [
            (
                "Xây dựng chuyên mục công đoàn trên sóng phát thanh, truyền hình và trên báo",
                "both",
                date(2021, 12, 31),
                "done",
                "Chuyên mục lên sóng hằng tháng từ quý III/2021; báo in có trang chuyên đề.",
            ),
            (
                "Tăng cường thông tin đa dạng, phong phú về hoạt động công đoàn",
                "federation",
                None,
                "in-progress",
                "Chuyển tiếp sang chương trình giai đoạn 2024–2026.",
            ),
            (
                "Tuyên truyền rộng rãi phong trào công nhân và hoạt động công đoàn các cấp",
                "partner",
                date(2023, 10, 31),
                "not-started",
                "Chờ kế hoạch chi tiết của Báo Lâm Đồng.",
            ),
        ],  # fmt: skip
        "task_partner": PAPER,
        "document": True,
        "link_conference": True,
    },
    {
        "slug": "chuong-trinh-phoi-hop-tuyen-truyen-giai-doan-2024-2026",
        "title": "Chương trình phối hợp tuyên truyền hoạt động công đoàn giai đoạn 2024–2026",
        "document_number": "Số 02/CTPH-LĐLĐ",
        "signed_on": date(2024, 1, 12),
        "valid_from": date(2024, 1, 12),
        "valid_until": date(2026, 12, 31),
        "renews": "chuong-trinh-phoi-hop-tuyen-truyen-giai-doan-2021-2023",
        "partners": [RADIO, PAPER, MERGED],
        "summary": (
            "<p>Tiếp nối chương trình 2021–2023. Từ tháng 7/2025, Báo Lâm Đồng và Đài Phát thanh "
            "– Truyền hình tỉnh hợp nhất thành Báo và Phát thanh, Truyền hình Lâm Đồng; cơ quan "
            "mới kế thừa việc thực hiện chương trình.</p>"
        ),
        "tasks": [
            (
                "Duy trì chuyên mục công đoàn trên các nền tảng của cơ quan mới",
                "partner",
                None,
                "in-progress",
                "",
            ),
            (
                "Tập huấn cho cộng tác viên, thông tín viên là cán bộ công đoàn",
                "both",
                date(2025, 11, 30),
                "done",
                "Đã tập huấn 2 lớp tại Đà Lạt và Bảo Lộc.",
            ),
            (
                "Tổ chức cuộc thi viết về người lao động tiêu biểu",
                "federation",
                date(2026, 9, 30),
                "not-started",
                "",
            ),
        ],  # fmt: skip
        "task_partner": MERGED,
    },
    {
        "slug": "quy-che-phoi-hop-thong-tin-ve-quan-he-lao-dong-2025-2027",
        "title": "Quy chế phối hợp cung cấp thông tin về quan hệ lao động, giai đoạn 2025–2027",
        "document_number": "Số 09/QCPH-LĐLĐ",
        "signed_on": date(2025, 8, 15),
        "valid_from": date(2025, 8, 15),
        "valid_until": date(2027, 8, 14),
        "partners": [MERGED],
        "visibility": Agreement.Visibility.OFFICERS,
        "summary": (
            "<p>Cách hai bên trao đổi, kiểm chứng thông tin trước khi đưa tin về tranh chấp lao "
            "động và ngừng việc tập thể. Tài liệu nội bộ, chỉ cán bộ công đoàn xem được.</p>"
        ),
        "tasks": [
            ("Chỉ định đầu mối trao đổi thông tin của mỗi bên", "both", None, "done", ""),
        ],
    },
]


def load_agreements():
    """Create whatever part of the demo is missing; returns a one-line summary."""
    partners = {spec["slug"]: _partner(spec) for spec in PARTNERS}
    for spec in PARTNERS:
        if spec.get("successor") and partners[spec["slug"]].successor_id is None:
            partner = partners[spec["slug"]]
            partner.successor = partners[spec["successor"]]
            partner.save(update_fields=["successor"])
    notes = []
    agreements = {}
    for spec in AGREEMENTS:
        agreement = _agreement(spec, partners, agreements)
        agreements[spec["slug"]] = agreement
        if spec.get("document") and not agreement.document:
            content = agreement_pdf(agreement)
            if content:
                agreement.document = ContentFile(content, name=f"{agreement.slug}.pdf")
                agreement.save(update_fields=["document"])
            else:
                notes.append("không tạo được PDF: thiếu fpdf2 hoặc phông DejaVu")
        if spec.get("link_conference") and not _link_conference(agreement):
            notes.append("chưa có bài tin về lễ ký năm 2021 để liên kết")
    summary = f"{len(agreements)} chương trình, {len(partners)} đối tác"
    return "; ".join([summary, *notes])


def _partner(spec):
    spec = dict(spec)
    slug, initials = spec.pop("slug"), spec.pop("initials")
    spec.pop("successor", None)
    partner, _ = Partner.objects.get_or_create(slug=slug, defaults=spec)
    if not partner.logo:
        data = _logo(slug, initials)
        if data:
            partner.logo = ContentFile(data, name=f"logo-{slug}.jpg")
            partner.save()
    return partner


def _logo(seed, initials):
    return demo_images.logo(seed, initials)


def _agreement(spec, partners, earlier):
    defaults = {
        key: spec[key]
        for key in ("title", "document_number", "signed_on", "valid_from", "valid_until")
    }
    defaults.update(
        signatories=spec.get("signatories", ""),
        summary=spec.get("summary", ""),
        full_text=spec.get("full_text", ""),
        visibility=spec.get("visibility", Agreement.Visibility.PUBLIC),
        renews=earlier.get(spec.get("renews")),
    )
    agreement, _ = Agreement.objects.get_or_create(slug=spec["slug"], defaults=defaults)
    for order, key in enumerate(spec["partners"]):
        AgreementPartner.objects.get_or_create(
            agreement=agreement, partner=partners[key], defaults={"order": order}
        )
    task_partner = partners.get(spec.get("task_partner"))
    for order, (title, responsible, due_on, progress, note) in enumerate(spec["tasks"]):
        AgreementTask.objects.get_or_create(
            agreement=agreement,
            title=title,
            defaults={
                "responsible": responsible,
                "partner": task_partner if responsible == "partner" else None,
                "due_on": due_on,
                "progress": progress,
                "progress_note": note,
                "order": order,
            },
        )
    agreement.refresh_search_text()
    return agreement


def _link_conference(agreement):
    """Link the news demo's article about the April 2021 signing, if the news demo made it."""
    article = Article.objects.filter(slug=CONFERENCE_SLUG).first()
    if article is None:
        return False
    agreement.related_articles.add(article)
    first_task = agreement.tasks.order_by("order", "id").first()
    if first_task:
        first_task.related_articles.add(article)
    return True


# The signed document ---------------------------------------------------------------------------


def agreement_pdf(agreement):
    """A PDF laid out like a signed programme, in Vietnamese; None without fpdf2 or the font."""
    pdf = new_pdf(agreement.title, author="Liên đoàn Lao động tỉnh Lâm Đồng")
    if pdf is None:
        return None

    parties = ["LIÊN ĐOÀN LAO ĐỘNG TỈNH LÂM ĐỒNG"] + [
        link.name_at_signing.upper() for link in agreement.agreement_partners.all()
    ]
    official_header(pdf, "\n".join(parties), agreement.document_number, agreement.signed_on)
    para(pdf, "CHƯƠNG TRÌNH PHỐI HỢP", size=15, style="B", align="C", height=8)
    para(
        pdf,
        f"Tuyên truyền hoạt động công đoàn giai đoạn {agreement.period_label}",
        style="B",
        align="C",
    )
    pdf.ln(4)
    para(pdf, "I. MỤC ĐÍCH, YÊU CẦU", style="B")
    para(
        pdf,
        "Phát huy vai trò của báo chí trong việc đưa thông tin về tổ chức công đoàn đến đông "
        "đảo đoàn viên, người lao động; xây dựng hình ảnh công đoàn năng động, sáng tạo, gần "
        "gũi; việc phối hợp thường xuyên, thiết thực, đúng quy định của pháp luật về báo chí.",
    )
    pdf.ln(2)
    para(pdf, "II. NỘI DUNG PHỐI HỢP", style="B")
    for number, task in enumerate(agreement.tasks.order_by("order", "id"), start=1):
        para(pdf, f"{number}. {task.title}.")
    pdf.ln(2)
    para(pdf, "III. THỜI HẠN VÀ TỔ CHỨC THỰC HIỆN", style="B")
    para(
        pdf,
        f"Chương trình có hiệu lực từ ngày {agreement.valid_from:%d/%m/%Y} đến hết ngày "
        f"{agreement.valid_until:%d/%m/%Y}. Hằng năm các bên cùng sơ kết, đánh giá kết quả và "
        "thống nhất nội dung trọng tâm cho năm sau. Quá trình thực hiện có vướng mắc, các bên "
        "trao đổi để điều chỉnh cho phù hợp.",
    )
    pdf.ln(8)
    for line in agreement.signatory_lines:
        para(pdf, f"{line.upper()}\n(đã ký)", size=10, style="B", align="C")
        pdf.ln(3)
    para(
        pdf,
        "Bản mẫu tạo tự động cho dữ liệu thử nghiệm của cổng thông tin.",
        size=8,
        align="C",
        height=5,
    )
    return pdf_bytes(pdf)
